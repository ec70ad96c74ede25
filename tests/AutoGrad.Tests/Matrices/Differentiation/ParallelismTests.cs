using System;
using AutoGrad.Kernels;
using AutoGrad.Tests.Matrices.Functions;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.Dense;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>
/// Generated matrix code splits large products among the cores by default (issue 19), gives the same bits as on one
/// thread, and stays on the calling thread when <see cref="Parallelism.IsEnabled"/> is false.
/// </summary>
[Collection(Spans.SimdSwitchCollection.Name)]
public class ParallelismTests
{
    /// <summary>C·A is 256·256·256 multiply-adds, the size from which products are split.</summary>
    [Fact]
    public void Large_products_use_the_cores_and_give_the_single_threaded_bits()
    {
        const int n = 256, s = 256, m = 256, k = 32;
        Matrix<double> a = M(Random(1, n, s, 0, 0.05)), b = M(Random(2, n, s, 0, 0.05)), c = M(Membership(3, m, n)),
            d = M(Random(4, m, n, 0, 0.01)), e = M(Membership(5, k, m)), f = M(Random(6, k, s, 0, 10));
        (double Loss, double[] A, double[] B, long Split) Run(bool parallel)
        {
            bool saved = Parallelism.IsEnabled;
            try
            {
                Parallelism.IsEnabled = parallel;
                long before = Gemm.SplitProducts;
                var aBar = new Matrix<double>(n, s);
                var bBar = new Matrix<double>(n, s);
                double loss = MatrixModels.ExpLinkLossAdjoint(a, aBar, b, bBar, c, d, e, f);
                return (loss, aBar.Span.ToArray(), bBar.Span.ToArray(), Gemm.SplitProducts - before);
            }
            finally
            {
                Parallelism.IsEnabled = saved;
            }
        }

        var split = Run(parallel: true);
        var single = Run(parallel: false);
        Assert.Equal(0, single.Split);
        if (Environment.ProcessorCount > 1)
            Assert.True(split.Split > 0, "no product was split among the cores");
        Assert.Equal(single.Loss, split.Loss);
        Assert.Equal(single.A, split.A);
        Assert.Equal(single.B, split.B);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("1", true)]
    [InlineData(" true ", true)]
    [InlineData("On", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void The_environment_variable_turns_it_on_and_off(string? text, bool enabled)
        => Assert.Equal(enabled, Parallelism.Parse(text));

    [Fact]
    public void Another_value_of_the_environment_variable_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Parallelism.Parse("2"));
        Assert.Equal(Parallelism.Variable, error.ParamName);
    }
}
