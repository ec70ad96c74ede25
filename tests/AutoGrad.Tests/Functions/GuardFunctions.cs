using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Argument guards as users write them (issue 18): at the top, between computations, inside a loop, and as switch sections that throw.</summary>
public static partial class GuardFunctions
{
    [Differentiable]
    public static double Root(double x, int n)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), "n must be positive.");
        if (x < 0) throw new ArgumentException("x must not be negative.", nameof(x));
        return Math.Pow(x, 1.0 / n);
    }

    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("a and b must have the same length.", nameof(b));
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    [Differentiable]
    public static double LogSum(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (var v in x)
        {
            if (v <= 0)
                throw new ArgumentOutOfRangeException(nameof(x), "every element must be positive");
            s += Math.Log(v);
        }
        return s;
    }

    [Differentiable]
    public static double Activation(double x, int kind)
    {
        switch (kind)
        {
            case 0:
                return Math.Max(x, 0);
            case 1:
                return Math.Tanh(x);
            case 2:
                throw new NotSupportedException("kind 2 is reserved");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "kind must be 0 or 1");
        }
    }
}
