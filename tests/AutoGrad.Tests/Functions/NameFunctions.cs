using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Names the generator's temporaries like to take, given to the user's callees, locals, fields,
/// methods and nested types (NameTests): the generated code must compile and call what the user called.
/// </summary>
public static partial class NameFunctions
{
    private static readonly double exp = 2;

    private static double cos(double v) => v + 1;

    [Differentiable] private static double sq(double x) => x * x;

    /// <summary>sq(sin x)·exp + e^x·cos(2): the callee sq would name the temporary of sq(…), exp the one of Math.Exp.</summary>
    [Differentiable]
    public static double CalleeNamedLikeItsResult(double x) => sq(System.Math.Sin(x)) * exp + System.Math.Exp(x) * cos(2.0);

    /// <summary>A local with a callee's name, the callee called through its type: (x²)·y + x².</summary>
    [Differentiable]
    public static double LocalNamedLikeACallee(double x, double y)
    {
        double sq = NameFunctions.sq(x);
        return sq * y + sq;
    }

    /// <summary>Calls written Type.F(x) into another class and a nested one: x³ + 3y + sin(x)·y.</summary>
    [Differentiable]
    public static double QualifiedCalls(double x, double y)
        => OtherNames.sq(x) + Math.Inner.Triple(y) + NameFunctions.sq(1.0) * Math.Inner.SinTimes(x, y);

    /// <summary>A nested type named Math: the user writes System.Math, the generated code global::System.Math.</summary>
    public static partial class Math
    {
        public static partial class Inner
        {
            [Differentiable] public static double Triple(double x) => 3 * x;

            [Differentiable] public static double SinTimes(double x, double y) => System.Math.Sin(x) * y;
        }
    }
}

public static partial class OtherNames
{
    [Differentiable] public static double sq(double x) => x * x * x;
}
