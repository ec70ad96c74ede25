using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Constants of the BCL's types read in differentiable methods: Math.PI, Math.E, Math.Tau and double's/float's constant members.</summary>
public static partial class ConstantMemberFunctions
{
    [Differentiable]
    public static double Circle(double r) => Math.PI * r * r + Math.E * r + Math.Tau;

    [Differentiable]
    public static double Guarded(double x) => Math.Log(x * x + double.Epsilon) + Math.Min(x, double.MaxValue) + (x > double.NegativeInfinity ? x : 0);

    [Differentiable]
    public static float CircleF(float r) => MathF.PI * r * r + float.Epsilon + MathF.E * r;
}
