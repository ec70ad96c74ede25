using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>Calls to other [Differentiable] methods with slices (Slice(a, b) and ranges) as arguments.</summary>
public static partial class SliceCalls
{
    /// <summary>Dot(x[1..4], x[2..5]) + x[0]·SumOfSquares(x[2..]); needs x.Length ≥ 5.</summary>
    [Differentiable]
    public static double WindowedEnergy(ReadOnlySpan<double> x)
        => SpanLosses.Dot(x.Slice(1, 3), x[2..5]) + x[0] * SpanLosses.SumOfSquares(x[2..]);

    /// <summary>Σ_i LogSumExp(x.Slice(i, width)): slices whose start is a loop index.</summary>
    [Differentiable]
    public static double SlidingLogSumExp(ReadOnlySpan<double> x, int width)
    {
        double sum = 0.0;
        for (int i = 0; i + width <= x.Length; i++)
        {
            sum += SpanLoops.LogSumExp(x.Slice(i, width));
        }

        return sum;
    }

    /// <summary>
    /// Slices of an output span as the callees' outputs: y[0..3] is the prefix sum of x[0..3], and
    /// y[3..] = tanh(x[3..]·x[3..]) with the same slice passed to both active inputs.
    /// </summary>
    [Differentiable]
    public static void Blocks(ReadOnlySpan<double> x, Span<double> y)
    {
        OutputSpans.PrefixSum(x.Slice(0, 3), y.Slice(0, 3));
        OutputSpans.TanhProduct(x[3..], x[3..], y[3..]);
    }
}
