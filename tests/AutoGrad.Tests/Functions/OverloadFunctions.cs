using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Overloaded differentiable methods (OverloadTests): by span element type, and by arity calling each other.</summary>
public static partial class OverloadFunctions
{
    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += x[i] * x[i];
        return s;
    }

    [Differentiable]
    public static float SumOfSquares(ReadOnlySpan<float> x)
    {
        float s = 0;
        for (int i = 0; i < x.Length; i++)
            s += x[i] * x[i];
        return s;
    }

    [Differentiable] public static double F(double x) => x * x * x;

    [Differentiable] public static double F(double x, double y) => F(x) * y + F(y);

    [Differentiable] public static double F(double x, [NoDiff] int n) => F(x) * n + Math.Sin(x);
}
