using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Array parameters as users write them (issue 18): inputs read by index, by <c>foreach</c> and through
/// <c>AsSpan</c>; outputs written by index and compound assignment; arrays passed to span and array
/// parameters of callees; a <c>[NoDiff]</c> array of weights; float.
/// </summary>
public static partial class ArrayFunctions
{
    [Differentiable]
    public static double SumOfSquares(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += x[i] * x[i];
        return s;
    }

    [Differentiable]
    public static double Weighted(double[] x, [NoDiff] double[] w)
    {
        double s = 0;
        int i = 0;
        foreach (var v in x)
        {
            s += w[i] * Math.Sin(v);
            i++;
        }
        return s;
    }

    /// <summary>An output array: y = a·x + sin(x), then y₀ += a (an element written twice).</summary>
    [Differentiable]
    public static void Affine(double[] x, double a, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = a * x[i] + Math.Sin(x[i]);
        y[0] += a * a;
    }

    [Differentiable]
    public static double SpanSum(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
            s += Math.Exp(0.5 * v[i]);
        return s;
    }

    /// <summary>The array passed whole and sliced to a span callee, and to an array callee.</summary>
    [Differentiable]
    public static double Calls(double[] x)
        => SpanSum(x) + 2 * SpanSum(x.AsSpan(1)) + SpanSum(x.AsSpan(1, 2)) + SumOfSquares(x) * x[0];

    /// <summary>Ranges of an input array (copies, read only here) and slices of its spans, passed on and indexed.</summary>
    [Differentiable]
    public static double Ranges(double[] x)
        => SpanSum(x[1..]) + SpanSum(x.AsSpan()[2..^1]) + x.AsSpan(1).Slice(2)[0] * SpanSum(x[..2]);

    [Differentiable]
    public static float Float(float[] x)
    {
        float s = 0;
        foreach (var v in x)
            s += MathF.Tanh(v) * v;
        return s;
    }

    /// <summary>An output array written through a callee that writes its own array output.</summary>
    [Differentiable]
    public static void AffineTwice(double[] x, double[] y)
    {
        Affine(x, 2.0, y);
    }
}
