using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// <c>return</c> inside loops, in the shapes Clad's tests use: a return under an if in a for loop
/// over a span, a return of a value the loop computes, for and while loops, nested loops, a loop that
/// only ends by returning, a break beside a return, and a void method that stops writing its output.
/// </summary>
public static partial class LoopReturnFunctions
{
    /// <summary>x[i]·t for the first x[i]² above t, else t: the loop over the span stops early.</summary>
    [Differentiable]
    public static double FirstAbove(ReadOnlySpan<double> x, double t)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] * x[i] > t)
                return x[i] * t;
        }
        return t;
    }

    /// <summary>xᵏ for the first k ≤ 10 with xᵏ &gt; 100, else x¹⁰: the value computed in the loop is returned.</summary>
    [Differentiable]
    public static double PowerUntil(double x)
    {
        double r = 1;
        for (int i = 0; i < 10; i++)
        {
            r = r * x;
            if (r > 100)
                return r;
        }
        return r;
    }

    /// <summary>A product kept per iteration (so the reverse sweep restores it) and a range left early: p + x[i] once p passes the limit.</summary>
    [Differentiable]
    public static double ProductUntil(ReadOnlySpan<double> x, double limit)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p = p * x[i];
            if (p > limit)
                return p + x[i] * limit;
        }
        return p * limit;
    }

    /// <summary>A while loop iterating s ← sin(s)·y + x, returning s² once |s| passes 1.2, else s after 30 steps.</summary>
    [Differentiable]
    public static double WhileReturn(double x, double y)
    {
        double s = x;
        int k = 0;
        while (k < 30)
        {
            s = Math.Sin(s) * y + x;
            if (Math.Abs(s) > 1.2)
                return s * s;
            k++;
        }
        return s;
    }

    /// <summary>A return from the inner of two loops, with work in the outer loop after the inner one (skipped on return).</summary>
    [Differentiable]
    public static double NestedReturn(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                s += x * (i + 1) * (j + 1);
                if (s > 50)
                    return s * x;
            }
            s = s * 0.5 + Math.Sin(x);
        }
        return s;
    }

    /// <summary>A loop that only ends by returning: while (true).</summary>
    [Differentiable]
    public static double UntilLarge(double x)
    {
        double r = x;
        while (true)
        {
            r = r * 1.5 + x;
            if (r > 10)
                return r * r;
        }
    }

    /// <summary>A break and a return in the same loop, and code after it.</summary>
    [Differentiable]
    public static double BreakOrReturn(ReadOnlySpan<double> x, double y)
    {
        double s = y;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < -1)
                break;
            s = s * x[i] + y;
            if (s > 4)
                return Math.Sqrt(s) * y;
        }
        return s * s;
    }

    /// <summary>Two loops that return one after the other, the second inside an if, and a return between them.</summary>
    [Differentiable]
    public static double TwoLoops(double x, double y)
    {
        double a = x;
        for (int i = 0; i < 5; i++)
        {
            a = a * y;
            if (a > 3)
                return a * x;
        }
        if (a < -3)
            return -a;
        if (y > 0)
        {
            double b = a;
            int k = 0;
            while (k < 6)
            {
                b = b + x * y;
                if (b > 2)
                    return b * a;
                k = k + 1;
            }
            a = b;
        }
        return a + y;
    }

    /// <summary>
    /// A void method that writes y[i] = s·x[i]² and stops at the first negative x[i], leaving the rest of
    /// the output as it was; when it runs to the end it also writes y[^1] = s² (a second write of that element).
    /// </summary>
    [Differentiable]
    public static void ScaleUntilNegative(ReadOnlySpan<double> x, double s, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = s * x[i] * x[i];
            if (x[i] < 0)
                return;
        }
        y[y.Length - 1] = s * s;
    }

    /// <summary>A while loop with a continue, and a return from a for loop nested in it.</summary>
    [Differentiable]
    public static double ContinueAndReturn(ReadOnlySpan<double> x, double y)
    {
        double s = 0;
        int i = 0;
        while (i < x.Length)
        {
            i++;
            if (x[i - 1] < 0)
                continue;
            s = s + x[i - 1] * y;
            for (int j = 0; j < 3; j++)
            {
                s = s * 1.1;
                if (s > 5)
                    return s * s;
            }
        }
        return s + y;
    }

    /// <summary>A void method returning from the inner of two loops after writing the output element it was computing.</summary>
    [Differentiable]
    public static void RowsUntilLarge(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            double acc = 0;
            for (int j = 0; j < x.Length; j++)
            {
                acc += x[j] * (i + j + 1);
                if (acc > 10)
                {
                    y[i] = acc;
                    return;
                }
            }
            y[i] = acc * acc;
        }
    }

    [Differentiable]
    public static float FirstAboveF(ReadOnlySpan<float> x, float t)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] * x[i] > t)
                return x[i] * t;
        }
        return t;
    }

    [Differentiable]
    public static float PowerUntilF(float x)
    {
        float r = 1;
        for (int i = 0; i < 10; i++)
        {
            r = r * x;
            if (r > 100)
                return r;
        }
        return r;
    }

    [Differentiable]
    public static float WhileReturnF(float x, float y)
    {
        float s = x;
        int k = 0;
        while (k < 30)
        {
            s = MathF.Sin(s) * y + x;
            if (MathF.Abs(s) > 1.2f)
                return s * s;
            k++;
        }
        return s;
    }
}
