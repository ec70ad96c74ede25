using System;

namespace AutoGrad.Tests.Functions;

/// <summary><c>do … while</c> loops as users write them (issue 18): the body runs before the condition is first tested.</summary>
public static partial class DoWhileFunctions
{
    /// <summary>Halved until at most 1, at least once: x / 2^k.</summary>
    [Differentiable]
    public static double Halve(double x)
    {
        do
            x /= 2;
        while (x > 1);
        return x;
    }

    /// <summary>The condition is false from the start: the body still runs once, y = x² + x/2.</summary>
    [Differentiable]
    public static double AtLeastOnce(double x)
    {
        double y = x;
        do
        {
            y = y * y + 0.5 * y;
        }
        while (y < -100);
        return y;
    }

    [Differentiable]
    public static float AtLeastOnceF(float x)
    {
        float y = x;
        do
        {
            y = y * y + 0.5f * y;
        }
        while (y < -100);
        return y;
    }

    /// <summary>Newton's square root until converged: √a, with derivative 1/(2√a).</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double r = a;
        int k = 0;
        do
        {
            r = 0.5 * (r + a / r);
            k++;
        }
        while (k < 40 && Math.Abs(r * r - a) > 1e-14 * a);
        return r;
    }

    /// <summary>A series with continue and break inside the do loop.</summary>
    [Differentiable]
    public static double Series(double x, int n)
    {
        double s = 0;
        double term = 1;
        int k = 0;
        do
        {
            k++;
            term *= x / k;
            if (k % 3 == 0)
                continue;
            s += Math.Sin(term);
            if (s > 1e6)
                break;
        }
        while (k < n);
        return s;
    }
}
