using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>void methods that write output spans, some reading back what they wrote.</summary>
public static partial class OutputSpans
{
    /// <summary>output[i] = tanh(w[i]·x[i]), the contract's example: x is data.</summary>
    [Differentiable]
    public static void Predict(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, Span<double> output)
    {
        for (int i = 0; i < w.Length; i++)
        {
            output[i] = Math.Tanh(w[i] * x[i]);
        }
    }

    /// <summary>y[i] = tanh(a[i]·b[i]) with both inputs active.</summary>
    [Differentiable]
    public static void TanhProduct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Math.Tanh(a[i] * b[i]);
        }
    }

    /// <summary>y = W·x, W (y.Length × x.Length) flattened row-major; y[i] is built with +=.</summary>
    [Differentiable]
    public static void MatVec(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
    {
        int columns = x.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 0.0;
            for (int j = 0; j < columns; j++)
            {
                y[i] += w[i * columns + j] * x[j];
            }
        }
    }

    /// <summary>y = Wᵀ·x, W (x.Length × y.Length) row-major: += scattered over the output.</summary>
    [Differentiable]
    public static void TransposedMatVec(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
    {
        int columns = y.Length;
        for (int j = 0; j < columns; j++)
        {
            y[j] = 0.0;
        }

        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                y[j] += w[i * columns + j] * x[i];
            }
        }
    }

    /// <summary>The running sum y[i] = y[i−1] + x[i]: reads back the element it wrote before.</summary>
    [Differentiable]
    public static void PrefixSum(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i];
            if (i > 0)
            {
                y[i] += y[i - 1];
            }
        }
    }

    /// <summary>h[i] = tanh(x[i] + decay·h[i−1]) (h[−1] = 0): a one-unit recurrent layer, decay active.</summary>
    [Differentiable]
    public static void Recurrence(ReadOnlySpan<double> x, double decay, Span<double> h)
    {
        for (int i = 0; i < x.Length; i++)
        {
            h[i] = Math.Tanh(x[i] + (i > 0 ? decay * h[i - 1] : 0.0));
        }
    }

    /// <summary>y[i] = 2·x[i].</summary>
    [Differentiable]
    public static void Twice(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 2.0 * x[i];
        }
    }

    /// <summary>
    /// y = 2x through a call, then y[0] = x[0]² where z[0] &gt; 0, then a loop over x that reads z (dead:
    /// s is never used) and so a check that z is long enough — after both writes. The forward clears
    /// yDot before the first write, not after that check, which would erase what the writes set
    /// (fuzzing, seeds 2237 and 4936).
    /// </summary>
    [Differentiable]
    public static void WritesBeforeACheck(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> z, Span<double> y)
    {
        Twice(x, y);
        if (z[0] > 0.0)
        {
            y[0] = x[0] * x[0];
        }
        double s = 0.0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            s -= z[i];
        }
    }

    /// <summary>Two output spans: x[i] = r[i]·cos θ[i], y[i] = r[i]·sin θ[i].</summary>
    [Differentiable]
    public static void PolarToCartesian(ReadOnlySpan<double> r, ReadOnlySpan<double> theta, Span<double> x, Span<double> y)
    {
        for (int i = 0; i < r.Length; i++)
        {
            x[i] = r[i] * Math.Cos(theta[i]);
            y[i] = r[i] * Math.Sin(theta[i]);
        }
    }
}

/// <summary>Output spans in float.</summary>
public static partial class FloatOutputSpans
{
    [Differentiable]
    public static void Predict(ReadOnlySpan<float> w, [NoDiff] ReadOnlySpan<float> x, Span<float> output)
    {
        for (int i = 0; i < w.Length; i++)
        {
            output[i] = MathF.Tanh(w[i] * x[i]);
        }
    }

    [Differentiable]
    public static void MatVec(ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y)
    {
        int columns = x.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 0f;
            for (int j = 0; j < columns; j++)
            {
                y[i] += w[i * columns + j] * x[j];
            }
        }
    }

    [Differentiable]
    public static void Recurrence(ReadOnlySpan<float> x, float decay, Span<float> h)
    {
        for (int i = 0; i < x.Length; i++)
        {
            h[i] = MathF.Tanh(x[i] + (i > 0 ? decay * h[i - 1] : 0f));
        }
    }
}
