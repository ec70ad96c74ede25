using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Subjects whose derivative code once had compiler warnings (SameArgumentTests): a comparison rule
/// given one value twice, a condition the generator folds, a tangent update that simplifies to itself.
/// This project builds with warnings as errors, so each compiling is part of the test.
/// </summary>
public static partial class SameArgumentFunctions
{
    [Differentiable] public static double MaxOfItself(double v) => Math.Max(v, v);

    [Differentiable] public static double MinOfItself(double v) => Math.Min(v, v);

    [Differentiable] public static float MaxOfItselfFloat(float v) => MathF.Max(v, v);

    /// <summary>After copy propagation the rule compares t1 with t1.</summary>
    [Differentiable]
    public static double MaxOfACopy(double v)
    {
        double t1 = 3.0 * v;
        double t2 = t1;
        return Math.Max(t1, t2);
    }

    [Differentiable] public static double ClampBelowByItself(double x, double hi) => Math.Clamp(x, x, hi);

    /// <summary>A condition the generator folds (C# sees it as constant too): only the live arm is differentiated.</summary>
    [Differentiable] public static double FoldedCondition(double a, double b) => 2.0 > 0.25 ? a * a : b;

    /// <summary>The tangent's update 2·(0.5·ȧ) simplifies to ȧ itself (Regressions/seed-262).</summary>
    [Differentiable]
    public static double HalvedAndDoubled(double a)
    {
        for (int i = 0; i < 3; i++)
        {
            a = a * 0.5 + 1.0;
            a += a;
        }
        return a;
    }
}
