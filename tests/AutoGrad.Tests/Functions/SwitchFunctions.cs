using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Switch expressions as users write them (issue 18): relational, constant, and/or/not patterns, guards, an int selector.</summary>
public static partial class SwitchFunctions
{
    /// <summary>A smooth-at-the-joins piecewise function: Huber's loss with δ = 1.</summary>
    [Differentiable]
    public static double Huber(double r) => r switch
    {
        < -1 => -r - 0.5,
        > 1 => r - 0.5,
        _ => 0.5 * r * r,
    };

    [Differentiable]
    public static double Bands(double x, double y) => x switch
    {
        >= 0 and < 1 => Math.Sin(x) * y,
        >= 1 and < 3 when y > 0 => Math.Exp(-x) * y * y,
        not < 3 => Math.Log(x) + y,
        _ => x * y,
    };

    /// <summary>An int selector picks the formula; the derivative is the chosen arm's.</summary>
    [Differentiable]
    public static double Pick(double x, int kind) => kind switch
    {
        0 => x * x,
        1 or 2 => Math.Tanh(x) * kind,
        _ => Math.Sqrt(x * x + 1),
    };

    /// <summary>A switch inside an arithmetic expression and a loop.</summary>
    [Differentiable]
    public static double Clipped(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += x[i] * (x[i] switch { < 0 => 0.1, _ => 1.0 }) + (i switch { 0 => x[i], _ => 0 });
        return s;
    }

    [Differentiable]
    public static float HuberF(float r) => r switch
    {
        < -1 => -r - 0.5f,
        > 1 => r - 0.5f,
        _ => 0.5f * r * r,
    };

    /// <summary><c>is</c> patterns as conditions: a relational range, an <c>or</c> of constants on an int, <c>not</c> over a computed value.</summary>
    [Differentiable]
    public static double Windowed(double x, double y, int k)
    {
        double s = x is > 0 and < 1 ? x * x * y : Math.Sin(x) + y;
        if (k % 4 is 1 or 3)
            s *= x;
        if (x * y is not < 0.5)
            s += Math.Exp(0.3 * x * y);
        return s;
    }
}
