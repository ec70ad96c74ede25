using System;
using AutoGrad.Tests.Matrices.Functions;
using AutoGrad.Tests.Spans;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.Dense;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>The fused elementwise loops of matrix derivatives give the same gradients on their vector and scalar paths.</summary>
[Collection(SimdSwitchCollection.Name)]
public class MatrixSimdSwitchTests
{
    [Theory]
    [InlineData(4, 3, 20, 12)]
    [InlineData(5, 7, 33, 9)]
    public void Exp_link_gradients_do_not_depend_on_the_switch(int n, int s, int m, int k)
    {
        Matrix<double> a = M(Random(1, n, s, 0, 0.5)), b = M(Random(2, n, s, 0, 0.5)), c = M(Membership(3, m, n)),
            d = M(Random(4, m, n, 0, 1)), e = M(Membership(5, k, m)), f = M(Random(6, k, s, 0, 10));
        (double Loss, double[] A, double[] B) Run(bool simd)
        {
            bool saved = AutoGrad.Simd.IsEnabled;
            try
            {
                AutoGrad.Simd.IsEnabled = simd;
                var aBar = new Matrix<double>(n, s);
                var bBar = new Matrix<double>(n, s);
                double loss = MatrixModels.ExpLinkLossAdjoint(a, aBar, b, bBar, c, d, e, f);
                return (loss, aBar.Span.ToArray(), bBar.Span.ToArray());
            }
            finally
            {
                AutoGrad.Simd.IsEnabled = saved;
            }
        }

        var on = Run(true);
        var off = Run(false);
        Assert.Equal(off.Loss, on.Loss, 1e-12 * Math.Abs(off.Loss));
        for (int i = 0; i < on.A.Length; i++)
        {
            Assert.Equal(off.A[i], on.A[i], 1e-12 * Math.Abs(off.A[i]) + 1e-14);
            Assert.Equal(off.B[i], on.B[i], 1e-12 * Math.Abs(off.B[i]) + 1e-14);
        }
    }
}
