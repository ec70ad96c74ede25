using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Loops whose reverse sweep needs the value a differentiable callee returned in each iteration (issue 17: kept per iteration
/// rather than computed again): a running maximum and a square of it, a product in one arm of a branch, a while loop left by
/// a break, nested loops, a callee reading the iteration's scratch buffer, and float.
/// </summary>
public static partial class KeptCallFunctions
{
    [Differentiable]
    public static double Bump(double a, double b) => Math.Exp(0.3 * a) * Math.Sin(b + a);

    [Differentiable]
    public static double PeakAndEnergy(ReadOnlySpan<double> x, double w)
    {
        double s = 0, peak = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            double g = Bump(x[i], w);
            peak = Math.Max(peak, g);
            s += g * g;
        }
        return s + peak;
    }

    [Differentiable]
    public static double BranchProduct(ReadOnlySpan<double> x, double w)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0)
                p *= 1 + 0.5 * Bump(x[i], w);
            else
                p += x[i] * w;
        }
        return p;
    }

    [Differentiable]
    public static double UntilLarge(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        int i = 0;
        while (i < x.Length)
        {
            double g = Bump(s, x[i] * w);
            s = s * 0.5 + g * g;
            if (s > 40)
                break;
            i++;
        }
        return s;
    }

    [Differentiable]
    public static double Nested(ReadOnlySpan<double> x, double w)
    {
        double total = 0;
        for (int round = 0; round < 3; round++)
        {
            double inner = 0;
            for (int i = 0; i < x.Length; i++)
                inner = Math.Max(inner, Bump(x[i] + round, w) * inner + x[i]);
            total += Math.Sqrt(1 + inner * inner);
        }
        return total;
    }

    [Differentiable]
    public static double Smoothed(ReadOnlySpan<double> x, double w)
    {
        Span<double> window = stackalloc double[3];
        double s = 0;
        for (int i = 0; i + 2 < x.Length; i++)
        {
            for (int j = 0; j < 3; j++)
                window[j] = x[i + j] * w;
            double m = Mean(window);
            s += m * m * x[i];
        }
        return s;
    }

    [Differentiable]
    public static double Mean(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (var e in v)
            s += e;
        return s / v.Length;
    }

    [Differentiable]
    public static float BumpF(float a, float b) => MathF.Exp(0.3f * a) * MathF.Sin(b + a);

    [Differentiable]
    public static float PeakAndEnergyF(ReadOnlySpan<float> x, float w)
    {
        float s = 0, peak = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            float g = BumpF(x[i], w);
            peak = MathF.Max(peak, g);
            s += g * g;
        }
        return s + peak;
    }
}
