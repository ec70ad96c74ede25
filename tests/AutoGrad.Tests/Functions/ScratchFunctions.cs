using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Scratch buffers as users write them (issue 18): <c>stackalloc</c> and <c>new T[n]</c> locals written, read back, walked by
/// <c>foreach</c>, sliced and passed to callees, at the top of a method and inside a loop; elements left at the zeros they
/// start with; float.
/// </summary>
public static partial class ScratchFunctions
{
    /// <summary>An exponential smoothing kept in a scratch buffer (a scan: each element reads the one before), then Σ tᵢ².</summary>
    [Differentiable]
    public static double Smoothed(ReadOnlySpan<double> x)
    {
        Span<double> t = stackalloc double[x.Length];
        t[0] = x[0];
        for (int i = 1; i < x.Length; i++)
            t[i] = 0.5 * t[i - 1] + x[i];
        double s = 0;
        for (int i = 0; i < t.Length; i++)
            s += t[i] * t[i];
        return s;
    }

    /// <summary>Softmax weights in an array, normalised by a sum taken with foreach: Σ softmax(x)ᵢ·xᵢ.</summary>
    [Differentiable]
    public static double SoftmaxWeighted(double[] x)
    {
        var e = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            e[i] = Math.Exp(x[i]);
        double z = 0;
        foreach (var v in e)
            z += v;
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += e[i] / z * x[i];
        return s;
    }

    /// <summary>A buffer allocated in each iteration of a loop, which starts every iteration from zeros (element 0 is never written).</summary>
    [Differentiable]
    public static double PerIteration(ReadOnlySpan<double> x, int rounds)
    {
        double s = 0;
        for (int round = 0; round < rounds; round++)
        {
            double[] t = new double[x.Length];
            for (int i = 1; i < x.Length; i++)
                t[i] = x[i] * (round + 1) + Math.Sin(x[i - 1]) + t[i - 1];
            s += t[(round + 1) % x.Length] * t[x.Length - 1] + t[0];
        }
        return s;
    }

    /// <summary>
    /// gmm's shape (ADBench): for each point, a log-sum-exp over components of −½‖point − mean‖², the terms in a buffer
    /// allocated per point, each centred point in one allocated per component, both read by callees that return values.
    /// </summary>
    [Differentiable]
    public static double MixtureLike(ReadOnlySpan<double> means, [NoDiff] ReadOnlySpan<double> points, int d)
    {
        int k = means.Length / d;
        int n = points.Length / d;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            Span<double> terms = new double[k];
            for (int c = 0; c < k; c++)
            {
                double[] centered = new double[d];
                for (int j = 0; j < d; j++)
                    centered[j] = points[i * d + j] - means[c * d + j];
                terms[c] = -0.5 * SquaredNorm(centered) + means[c * d] * centered[0];
            }
            total += LogSumExp(terms);
        }
        return total;
    }

    /// <summary>
    /// <see cref="MixtureLike"/> with its buffers allocated once, before the loops, and written whole in each iteration before
    /// they are read — as a user who does not allocate in a loop writes it (one of them backwards).
    /// </summary>
    [Differentiable]
    public static double MixtureHoisted(ReadOnlySpan<double> means, [NoDiff] ReadOnlySpan<double> points, int d)
    {
        int k = means.Length / d;
        int n = points.Length / d;
        Span<double> terms = stackalloc double[k];
        Span<double> centered = stackalloc double[d];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int j = d - 1; j >= 0; j--)
                    centered[j] = points[i * d + j] - means[c * d + j];
                terms[c] = -0.5 * SquaredNorm(centered) + means[c * d] * centered[0];
            }
            total += LogSumExp(terms);
        }
        return total;
    }

    [Differentiable]
    public static double SquaredNorm(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int j = 0; j < v.Length; j++)
            s += v[j] * v[j];
        return s;
    }

    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = v[0];
        for (int j = 1; j < v.Length; j++)
            if (v[j] > max)
                max = v[j];
        double sum = 0;
        for (int j = 0; j < v.Length; j++)
            sum += Math.Exp(v[j] - max);
        return max + Math.Log(sum);
    }

    /// <summary>A buffer written after a callee read it: the callee's adjoint must see it as the call did. Σ t² + Σ sin(t) − t₀·…</summary>
    [Differentiable]
    public static double ReadThenOverwritten(ReadOnlySpan<double> x)
    {
        Span<double> t = stackalloc double[x.Length];
        for (int i = 0; i < x.Length; i++)
            t[i] = x[i] * x[i];
        double before = SquaredNorm(t);
        for (int i = 0; i < x.Length; i++)
            t[i] = Math.Sin(x[i]) * before;
        return before + SquaredNorm(t);
    }

    /// <summary>A table filled once and then only read, two loops deep (as the abundance model's exp(G) per gene, read per sequence and gene).</summary>
    [Differentiable]
    public static double TableReadDeep(ReadOnlySpan<double> x, int rows)
    {
        int n = x.Length;
        Span<double> table = stackalloc double[n];
        for (int i = 0; i < n; i++)
            table[i] = Math.Exp(0.3 * x[i]);
        double s = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < n; i++)
                s += table[i] * Math.Sin(x[(i + r) % n] + r);
        }
        return s;
    }

    /// <summary>An output read by a callee that returns a value, then overwritten: yᵢ = xᵢ² / Σⱼ xⱼ⁴.</summary>
    [Differentiable]
    public static void NormalizedSquares(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] = x[i] * x[i];
        double norm = SquaredNorm(y);
        for (int i = 0; i < y.Length; i++)
            y[i] = y[i] / norm;
    }

    /// <summary>Zero padding: the ends of the buffer stay zero, and a three-point stencil reads across them.</summary>
    [Differentiable]
    public static double Padded(ReadOnlySpan<double> x)
    {
        Span<double> padded = stackalloc double[x.Length + 2];
        for (int i = 0; i < x.Length; i++)
            padded[i + 1] = Math.Tanh(x[i]);
        double s = 0;
        for (int i = 1; i <= x.Length; i++)
        {
            double d = padded[i - 1] - 2 * padded[i] + padded[i + 1];
            if (padded[i] > 0)
                s += d * d;
            else
                s -= d * padded[i];
        }
        return s;
    }

    /// <summary>Sums into three bins with <c>+=</c> (each bin written in many iterations), then a product of the bins.</summary>
    [Differentiable]
    public static double Binned(double[] x)
    {
        double[] bins = new double[3];
        for (int i = 0; i < x.Length; i++)
            bins[i % 3] += x[i] * x[i];
        return bins[0] * bins[1] + Math.Sqrt(bins[2]);
    }

    /// <summary>A buffer this method fills and a callee reads: y = exp(sin x).</summary>
    [Differentiable]
    public static void ExpOfSine(ReadOnlySpan<double> x, Span<double> y)
    {
        Span<double> t = stackalloc double[y.Length];
        for (int i = 0; i < t.Length; i++)
            t[i] = Math.Sin(x[i]);
        ExpOf(t, y);
    }

    /// <summary>A callee writes the two halves of a buffer through slices; the method reads them back into its output.</summary>
    [Differentiable]
    public static void Halves(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = y.Length;
        Span<double> t = stackalloc double[2 * n];
        ExpOf(x, t.Slice(0, n));
        ScaledSquares(x, 1.5, t.Slice(n, n));
        for (int i = 0; i < n; i++)
            y[i] = t[i] * t[n + i] + x[i];
    }

    [Differentiable]
    public static void ExpOf(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
            o[i] = Math.Exp(x[i]);
    }

    [Differentiable]
    public static void ScaledSquares(ReadOnlySpan<double> x, double a, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
            o[i] = a * x[i] * x[i];
    }

    /// <summary>The smoothing of <see cref="Smoothed"/> in float, with <c>var</c> and <c>new float[n]</c>.</summary>
    [Differentiable]
    public static float SmoothedFloat(ReadOnlySpan<float> x)
    {
        var t = new float[x.Length];
        t[0] = x[0];
        for (int i = 1; i < x.Length; i++)
            t[i] = 0.5f * t[i - 1] + MathF.Sin(x[i]);
        float s = 0;
        foreach (var v in t)
            s += v * v;
        return s;
    }
}
