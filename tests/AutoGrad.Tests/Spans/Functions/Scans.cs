using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>
/// Scans: loops whose iterations depend on each other through a running value that is also read
/// in the body (written to an output, or folded into another sum). Their derivatives are scans too
/// — a prefix sum's adjoint is a suffix sum — so none of their loops may be fused with another,
/// reordered or vectorized. A prefix sum's adjoint once came out as a prefix sum: its reverse loop,
/// carrying sBar, was fused into the forward loop and so ran forwards.
/// </summary>
public static partial class Scans
{
    /// <summary>y[i] = x[0] + … + x[i].</summary>
    [Differentiable]
    public static void PrefixSum(ReadOnlySpan<double> x, Span<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i];
            y[i] = s;
        }
    }

    /// <summary>y[i] = x[i] + … + x[n−1], walking down: the adjoint's reverse loop walks up.</summary>
    [Differentiable]
    public static void SuffixSum(ReadOnlySpan<double> x, Span<double> y)
    {
        double s = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            s += x[i];
            y[i] = s;
        }
    }

    /// <summary>y[i] = x[0]·…·x[i].</summary>
    [Differentiable]
    public static void PrefixProduct(ReadOnlySpan<double> x, Span<double> y)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p *= x[i];
            y[i] = p;
        }
    }

    /// <summary>y[i] = max(x[0], …, x[i]) by Math.Max from −∞: a tie gives each side ½ (PyTorch's maximum).</summary>
    [Differentiable]
    public static void RunningMax(ReadOnlySpan<double> x, Span<double> y)
    {
        double m = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            m = Math.Max(m, x[i]);
            y[i] = m;
        }
    }

    /// <summary>The exponential moving average m[i] = a·m[i−1] + (1 − a)·x[i] from m[−1] = 0, a active.</summary>
    [Differentiable]
    public static void MovingAverage(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            m = a * m + (1 - a) * x[i];
            y[i] = m;
        }
    }

    /// <summary>Σ_k S_k² with S_k = x[0] + … + x[k]: a scalar result fed by a running sum read in the loop.</summary>
    [Differentiable]
    public static double SumOfSquaredPrefixSums(ReadOnlySpan<double> x)
    {
        double s = 0;
        double r = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i];
            r += s * s;
        }

        return r;
    }
}

/// <summary>The scans in float.</summary>
public static partial class FloatScans
{
    [Differentiable]
    public static void PrefixSum(ReadOnlySpan<float> x, Span<float> y)
    {
        float s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i];
            y[i] = s;
        }
    }

    [Differentiable]
    public static void SuffixSum(ReadOnlySpan<float> x, Span<float> y)
    {
        float s = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            s += x[i];
            y[i] = s;
        }
    }

    [Differentiable]
    public static void PrefixProduct(ReadOnlySpan<float> x, Span<float> y)
    {
        float p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p *= x[i];
            y[i] = p;
        }
    }

    [Differentiable]
    public static void RunningMax(ReadOnlySpan<float> x, Span<float> y)
    {
        float m = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            m = MathF.Max(m, x[i]);
            y[i] = m;
        }
    }

    [Differentiable]
    public static void MovingAverage(ReadOnlySpan<float> x, float a, Span<float> y)
    {
        float m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            m = a * m + (1 - a) * x[i];
            y[i] = m;
        }
    }

    [Differentiable]
    public static float SumOfSquaredPrefixSums(ReadOnlySpan<float> x)
    {
        float s = 0;
        float r = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i];
            r += s * s;
        }

        return r;
    }
}
