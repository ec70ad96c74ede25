using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>
/// One-input, one-output void callees chained through the caller's output span: the second call reads
/// only <c>hidden</c> and writes only <c>output</c>, so its adjoint is given nothing of the caller's own
/// but the cotangent copies of the two spans. Dead-code elimination once removed that adjoint, and the
/// first call's inputs got only <c>hidden</c>'s incoming cotangent (fuzz seeds 2, 200030, 200102).
/// All share one signature: input x, outputs (hidden, output), each as long as x.
/// </summary>
public static partial class ChainedMaps
{
    /// <summary>An EMA of sin(x) copied into every element of o.</summary>
    [Differentiable]
    public static void Average(ReadOnlySpan<double> x, Span<double> o)
    {
        double m = 0.5;
        for (int i = 0; i < o.Length; i++)
        {
            m = 0.75 * m + 0.25 * Math.Sin(x[i]);
        }

        for (int i = 0; i < o.Length; i++)
        {
            o[i] = m;
        }
    }

    /// <summary>An exclusive running scan: o[i] is the carried value before x[i] enters it.</summary>
    [Differentiable]
    public static void Scan(ReadOnlySpan<double> x, Span<double> o)
    {
        double s = 1.0;
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = s;
            s = 0.5 * s + Math.Tanh(x[i]);
        }
    }

    /// <summary>Average twice through slices: hidden[1..] from x[1..], output[1..] from hidden[1..] (seed 2).</summary>
    [Differentiable]
    public static void AverageThroughSlices(ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Average(x[1..], hidden[1..]);
        Average(hidden[1..], output[1..]);
    }

    /// <summary>Scan twice through the whole spans.</summary>
    [Differentiable]
    public static void ScanTwice(ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Scan(x, hidden);
        Scan(hidden, output);
    }

    /// <summary>Scan, then Average of the scan through slices.</summary>
    [Differentiable]
    public static void ScanThenAverage(ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Scan(x.Slice(1, x.Length - 1), hidden.Slice(1, hidden.Length - 1));
        Average(hidden.Slice(1, hidden.Length - 1), output.Slice(1, output.Length - 1));
    }
}

/// <summary><see cref="ChainedMaps"/> in float.</summary>
public static partial class FloatChainedMaps
{
    /// <summary>An EMA of sin(x) copied into every element of o.</summary>
    [Differentiable]
    public static void Average(ReadOnlySpan<float> x, Span<float> o)
    {
        float m = 0.5f;
        for (int i = 0; i < o.Length; i++)
        {
            m = 0.75f * m + 0.25f * MathF.Sin(x[i]);
        }

        for (int i = 0; i < o.Length; i++)
        {
            o[i] = m;
        }
    }

    /// <summary>An exclusive running scan: o[i] is the carried value before x[i] enters it.</summary>
    [Differentiable]
    public static void Scan(ReadOnlySpan<float> x, Span<float> o)
    {
        float s = 1f;
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = s;
            s = 0.5f * s + MathF.Tanh(x[i]);
        }
    }

    /// <summary>Average twice through slices: hidden[1..] from x[1..], output[1..] from hidden[1..] (seed 2).</summary>
    [Differentiable]
    public static void AverageThroughSlices(ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Average(x[1..], hidden[1..]);
        Average(hidden[1..], output[1..]);
    }

    /// <summary>Scan twice through the whole spans (seed 200102's shape, in float).</summary>
    [Differentiable]
    public static void ScanTwice(ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Scan(x, hidden);
        Scan(hidden, output);
    }

    /// <summary>Scan, then Average of the scan through slices.</summary>
    [Differentiable]
    public static void ScanThenAverage(ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Scan(x.Slice(1, x.Length - 1), hidden.Slice(1, hidden.Length - 1));
        Average(hidden.Slice(1, hidden.Length - 1), output.Slice(1, output.Length - 1));
    }
}
