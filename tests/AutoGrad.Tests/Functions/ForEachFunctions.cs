using System;

namespace AutoGrad.Tests.Functions;

/// <summary><c>foreach</c> over spans, as users write it (issue 18): a sum, a counter kept beside it, nesting with continue, float.</summary>
public static partial class ForEachFunctions
{
    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (var v in x)
            s += v * v;
        return s;
    }

    [Differentiable]
    public static double Weighted(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> w)
    {
        double s = 0;
        int i = 0;
        foreach (double v in x)
        {
            s += w[i] * Math.Sin(v);
            i++;
        }
        return s;
    }

    [Differentiable]
    public static double Nested(ReadOnlySpan<double> x)
    {
        double s = 1;
        foreach (var a in x)
        {
            if (a < 0)
                continue;
            foreach (var b in x)
                s += a * Math.Exp(-b * b);
        }
        return s;
    }

    /// <summary>A running product: a scan carried across the iterations, walked back by the reverse sweep.</summary>
    [Differentiable]
    public static double Product(ReadOnlySpan<double> x)
    {
        double p = 1;
        foreach (var v in x)
            p *= 1 + 0.5 * Math.Tanh(v);
        return p;
    }

    /// <summary>Sums until the running sum passes a bound: a foreach that breaks.</summary>
    [Differentiable]
    public static double SumUntil(ReadOnlySpan<double> x, [NoDiff] double bound)
    {
        double s = 0;
        foreach (var v in x)
        {
            s += v * v;
            if (s > bound)
                break;
        }
        return s;
    }

    /// <summary>Returns from inside the walk at the first element past a threshold, scaled by what came before.</summary>
    [Differentiable]
    public static double FirstAbove(ReadOnlySpan<double> x, [NoDiff] double threshold)
    {
        double product = 1;
        foreach (var v in x)
        {
            if (v > threshold)
                return product * Math.Exp(v);
            product *= Math.Tanh(v) + 2;
        }
        return product;
    }

    [Differentiable]
    public static float ProductF(ReadOnlySpan<float> x)
    {
        float p = 1;
        foreach (float v in x)
            p *= 1 + 0.5f * MathF.Tanh(v);
        return p;
    }
}
