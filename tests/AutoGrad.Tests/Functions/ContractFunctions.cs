using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Subjects for the shape of the generated signatures and for constant parameters.</summary>
public static partial class ContractFunctions
{
    /// <summary>int exponent: a constant, so Math.Pow(x, n) is differentiated in x only (also for x &lt; 0).</summary>
    [Differentiable]
    public static double PowN(double x, int n) => Math.Pow(x, n);

    [Differentiable]
    public static double ScaledByLong(double x, long k) => x * k;

    /// <summary>A bool flag chooses the branch.</summary>
    [Differentiable]
    public static double Choose(double x, bool square) => square ? x * x : 3.0 * x;

    /// <summary>Every kind of parameter, interleaved: a, b active; c, n, m, flag constant.</summary>
    [Differentiable]
    public static double Mixed(double a, [NoDiff] double c, int n, double b, long m, bool flag)
        => flag ? a * b * c + n : a * a * m - b;

    /// <summary>A double and a float active parameter: each partner has its parameter's type.</summary>
    [Differentiable]
    public static double MixedPrecision(double x, float y) => x * (double)y + (double)(y * y);

    [Differentiable]
    public static float FloatMixed(float x, [NoDiff] float c, int n) => x * x * c + n;

    [Differentiable]
    internal static double InternalSquare(double x) => x * x;

    [Differentiable]
    private static double PrivateCube(double x) => x * x * x;

    /// <summary>Keeps <see cref="PrivateCube"/> used.</summary>
    public static double CallPrivateCube(double x) => PrivateCube(x);
}
