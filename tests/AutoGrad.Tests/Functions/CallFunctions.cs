using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Calls to other [Differentiable] methods and to ordinary helpers with constant arguments.</summary>
public static partial class CallFunctions
{
    [Differentiable]
    public static double Square(double x) => x * x;

    /// <summary>Calls a method of the same class twice.</summary>
    [Differentiable]
    public static double CallsSameClass(double x, double y) => Square(x) + 3.0 * Square(x - y);

    /// <summary>Calls methods of another class.</summary>
    [Differentiable]
    public static double CallsOtherClass(double x, double y) => Callees.Cube(x) * y + Callees.Hypot(x, y);

    /// <summary>y reaches Callees.ScaleBy only through its [NoDiff] parameter, so ∂/∂y = 0.</summary>
    // The derivative is meant to stop at the [NoDiff] parameter: that is what the tests check.
#pragma warning disable AG0101
    [Differentiable]
    public static double PassesActiveToNoDiff(double x, double y) => Callees.ScaleBy(x, y) + x;
#pragma warning restore AG0101

    /// <summary>ChainOfThree → Callees.Outer → Callees.Middle → Callees.Inner.</summary>
    [Differentiable]
    public static double ChainOfThree(double x) => Callees.Outer(x) + x;

    /// <summary>An ordinary helper called with a constant int.</summary>
    [Differentiable]
    public static double CallsHelper(double x, int n) => Helper.Scale(n) * x * x + Helper.Scale(n + 1);

    /// <summary>An ordinary helper called with a [NoDiff] double.</summary>
    [Differentiable]
    public static double CallsHelperWithNoDiff(double x, [NoDiff] double c) => x * Helper.Weight(c) + Math.Exp(c);

    /// <summary>
    /// Math.Cbrt(x - x) reaches only a parameter Callees.FirstOf ignores, so ∂/∂x = 1, as if FirstOf
    /// were inlined. Cbrt's partial at 0 is infinite: had the argument been taken as useful, its
    /// adjoint (exactly 0) times that partial would make ∂/∂x NaN (fuzzing, seed 283).
    /// </summary>
    [Differentiable]
    public static double PassesToIgnoredParameter(double x) => Callees.FirstOf(x, Math.Cbrt(x - x)) + Callees.IgnoresFirst(Math.Cbrt(x - x), x);

    /// <summary>A callee whose int and [NoDiff] parameters receive constants, and whose result is stored in a local.</summary>
    [Differentiable]
    public static double CallsWithConstants(double x, double y)
    {
        double p = ContractFunctions.PowN(x, 3);
        double s = Callees.ScaleBy(y, 2.0);
        return p - s * x;
    }
}

/// <summary>Differentiable callees in another class.</summary>
public static partial class Callees
{
    [Differentiable]
    public static double Cube(double x) => x * x * x;

    [Differentiable]
    public static double Hypot(double x, double y) => Math.Sqrt(x * x + y * y);

    /// <summary>Ignores its second parameter.</summary>
    [Differentiable]
    public static double FirstOf(double x, double ignored) => x;

    /// <summary>Its result depends on its second parameter only, through a call whose result ignores the first.</summary>
    [Differentiable]
    public static double IgnoresFirst(double ignored, double y) => FirstOf(y * y, ignored);

    [Differentiable]
    public static double ScaleBy(double x, [NoDiff] double s) => x * s;

    [Differentiable]
    public static double Outer(double x) => Math.Exp(Middle(x) / 4.0);

    [Differentiable]
    public static double Middle(double x) => Inner(x) * x;

    [Differentiable]
    public static double Inner(double x) => Math.Sin(x) + 2.0;
}

/// <summary>An ordinary class: nothing here is differentiated.</summary>
public static class Helper
{
    public static double Scale(int n) => 1.0 / n;

    public static double Weight(double c) => c * c + 1.0;
}
