using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Branches, early returns, locals, compound assignment, casts and fields.</summary>
public static partial class ControlFlowFunctions
{
    private const double Gain = 2.5;
    private const int Terms = 3;
    private static readonly double Offset = Math.Sqrt(2.0);

    /// <summary>if / else if / else with a return in every branch.</summary>
    [Differentiable]
    public static double Piecewise(double x)
    {
        if (x < -1.0)
        {
            return -x * x;
        }
        else if (x < 1.0)
        {
            return Math.Sin(x);
        }
        else if (x < 3.0)
        {
            return Math.Log(x) + x;
        }
        else
        {
            return 2.0 * x;
        }
    }

    /// <summary>Returns from the middle of the body, also from a nested if.</summary>
    [Differentiable]
    public static double EarlyReturn(double x, double y)
    {
        if (x <= 0.0)
        {
            return y * y;
        }

        double t = x * y;
        if (t > 1.0)
        {
            if (y > 2.0)
            {
                return Math.Sqrt(t);
            }

            return Math.Log(t) * y;
        }

        return t * x;
    }

    /// <summary>Nested conditional expressions.</summary>
    [Differentiable]
    public static double NestedTernary(double x, double y)
        => x < 0.0
            ? (y < 0.0 ? x * y : x + y * y)
            : (y < x ? x * x - y : Math.Exp(-y) * x);

    /// <summary>Locals declared without a value and reassigned inside branches.</summary>
    [Differentiable]
    public static double ReassignedInBranches(double x, double y)
    {
        double r = x * y;
        double s;
        if (r > 1.0)
        {
            r = Math.Log(r);
            s = x;
        }
        else if (r < -1.0)
        {
            r = -r;
            s = y * y;
        }
        else
        {
            s = 1.0 + r;
            r = r * r;
        }

        return r * s + s;
    }

    /// <summary>+=, -=, *= and /= on an active local, and on a local that starts constant.</summary>
    [Differentiable]
    public static double CompoundAssignment(double x, double y)
    {
        double r = x;
        r += y * y;
        r -= 0.5 * x;
        r *= y;
        r /= x + 3.0;
        double k = 1.0;
        k *= x;
        k -= y;
        return r + k;
    }

    /// <summary>&amp;&amp;, || and ! on comparisons of active values.</summary>
    [Differentiable]
    public static double LogicalConditions(double x, double y)
    {
        if (x > 0.0 && y > 0.0)
        {
            return x * y;
        }

        if (x < -1.0 || y < -1.0)
        {
            return x + 2.0 * y;
        }

        if (!(x < y))
        {
            return x * x - y;
        }

        return y * y * y;
    }

    /// <summary>Rounds through float and back: derivatives hold to float accuracy only.</summary>
    [Differentiable]
    public static double ThroughFloat(double x, double y)
    {
        float xf = (float)x;
        float product = xf * (float)y;
        double back = (double)product;
        return back + Math.Sin(x) * (double)(xf + 1.0f);
    }

    /// <summary>int casts inside: (int)x is a step (derivative zero), (double)n a constant.</summary>
    [Differentiable]
    public static double IntCasts(double x, int n) => x * (double)n + (int)x + x * x / n;

    /// <summary>const and static readonly fields, and a literal.</summary>
    [Differentiable]
    public static double FieldsAndConstants(double x) => Gain * x * x + Offset * x + Terms + 1.5;

    /// <summary>A local reassigned on one path only: the derivative of the path taken.</summary>
    [Differentiable]
    public static double ConditionalUpdate(double x, double y)
    {
        double r = x + y;
        if (r > 0.5)
        {
            r = r * r;
        }

        r = r + x * y;
        return r;
    }

    /// <summary>
    /// Locals named like generated variables (xDot, resultBar, branchTaken, unusedBar), a keyword
    /// parameter name, ++ and --, and an early return nested inside a branch after a merge.
    /// </summary>
    [Differentiable]
    public static double ShadowsGeneratedNames(double x, double @in)
    {
        double xDot = x * 2;
        double resultBar = xDot + @in;
        double branchTaken = 1;
        double unusedBar = resultBar;
        if (resultBar > 1)
            branchTaken = x * unusedBar;
        double s;
        if (x > 0)
            s = x;
        else
            s = -x;
        x = x * s;
        x++;
        x--;
        int k = x > 0 ? 1 : 2;
        int q = k * 7;
        if (q > 5)
        {
            if (x > 100)
                return x;
            s += 1;
        }
        return s * x + branchTaken * q;
    }
}
