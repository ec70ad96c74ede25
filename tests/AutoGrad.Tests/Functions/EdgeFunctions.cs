using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Subjects of the numerical edge cases (EdgeCaseTests).</summary>
public static partial class EdgeFunctions
{
    [Differentiable] public static double PowConstant(double x, [NoDiff] double p) => Math.Pow(x, p);

    [Differentiable] public static double ExpSquared(double x) => Math.Exp(x * x);

    [Differentiable] public static double ExpTimesZero(double x) => Math.Exp(x) * 0.0;

    [Differentiable] public static double Square(double x) => x * x;
}
