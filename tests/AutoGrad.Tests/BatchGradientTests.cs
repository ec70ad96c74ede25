using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.BatchFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// <see cref="BatchGradient.Sum{T}"/> (issue 19): the gradient of a sum over samples, split across the cores, against central
/// differences of the sum; bit for bit the same in every run and with parallelism off; nothing allocated once warm.
/// </summary>
[Collection(Spans.SimdSwitchCollection.Name)]
public class BatchGradientTests
{
    private const int Samples = 1000, Features = 8;
    private static readonly double[] X = Data(1, Samples * Features, 1.0);
    private static readonly double[] Y = Data(2, Samples, 0.8);
    private static readonly double[] Weights = Data(3, Features, 0.3);

    private static double[] Data(int seed, int length, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    private static double Loss(double[] w)
    {
        double total = 0;
        for (int i = 0; i < Samples; i++)
            total += F.SquaredError(w, X.AsSpan(i * Features, Features), Y[i]);
        return total;
    }

    private static double Batched(double[] w, double[] gradient)
        => BatchGradient.Sum(Samples, gradient, (i, g) => F.SquaredErrorAdjoint(w, g, X.AsSpan(i * Features, Features), Y[i]));

    [Fact]
    public void The_batch_gradient_is_the_gradient_of_the_sum()
        => VectorLossChecks.GradientMatches(Loss, Batched, Weights, "Σ (tanh(w·x) − y)²", 1e-10);

    [Fact]
    public void The_result_is_bit_for_bit_the_same_in_every_run_and_on_one_thread()
    {
        bool saved = Parallelism.IsEnabled;
        try
        {
            Parallelism.IsEnabled = false;
            var expected = new double[Features];
            double expectedLoss = Batched(Weights, expected);
            Parallelism.IsEnabled = true;
            for (int run = 0; run < 5; run++)
            {
                var gradient = new double[Features];
                double loss = Batched(Weights, gradient);
                GradientAssert.BitwiseEqual(expectedLoss, loss, $"loss, run {run}");
                for (int j = 0; j < Features; j++)
                    GradientAssert.BitwiseEqual(expected[j], gradient[j], $"∂/∂w{j}, run {run}");
            }
        }
        finally
        {
            Parallelism.IsEnabled = saved;
        }
    }

    [Fact]
    public void A_warm_batch_allocates_nothing_on_any_thread()
    {
        var gradient = new double[Features];
        SampleGradient<double> sample = (i, g) => F.SquaredErrorAdjoint(Weights, g, X.AsSpan(i * Features, Features), Y[i]);
        BatchGradient.Sum(Samples, gradient, sample);
        BatchGradient.Sum(Samples, gradient, sample);
        // Counted on every thread, so the test runner's own threads (reporting other tests) may allocate meanwhile: a
        // per-call allocation would show in every round of 20 calls, the runner's in some.
        long fewest = long.MaxValue;
        for (int round = 0; round < 5 && fewest > 0; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int call = 0; call < 20; call++)
                BatchGradient.Sum(Samples, gradient, sample);
            fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.Equal(0, fewest);
    }

    [Fact]
    public void A_failing_sample_throws_its_exception_to_the_caller()
    {
        var gradient = new double[Features];
        var thrown = Assert.Throws<InvalidOperationException>(() => BatchGradient.Sum(Samples, gradient, (i, g) =>
            i == 700 ? throw new InvalidOperationException("sample 700 has no label") : F.SquaredErrorAdjoint(Weights, g, X.AsSpan(i * Features, Features), Y[i])));
        Assert.Equal("sample 700 has no label", thrown.Message);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var gradient = new double[Features];
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => BatchGradient.Sum(-1, gradient, (i, g) => 0.0)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentNullException>(() => BatchGradient.Sum<double>(3, gradient, null!)).ParamName);
        Assert.Equal(0.0, BatchGradient.Sum(0, gradient, (i, g) => throw new InvalidOperationException("no samples, no calls")));
    }

    /// <summary>A sample may itself sum a batch (a nested call on the same thread gets chunks of its own).</summary>
    [Fact]
    public void A_batch_inside_a_sample_gets_chunks_of_its_own()
    {
        var gradient = new double[Features];
        double total = BatchGradient.Sum(4, gradient, (outer, g) =>
            BatchGradient.Sum(Samples / 4, g, (i, inner) => F.SquaredErrorAdjoint(Weights, inner, X.AsSpan((outer * Samples / 4 + i) * Features, Features), Y[outer * Samples / 4 + i])));
        var expected = new double[Features];
        GradientAssert.Close(Batched(Weights, expected), total, Tolerance.ClosedForm(Precision.Double), "loss");
        for (int j = 0; j < Features; j++)
            GradientAssert.Close(expected[j], gradient[j], Tolerance.ClosedForm(Precision.Double), $"∂/∂w{j}");
    }
}
