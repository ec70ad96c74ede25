// Differential-fuzzing regression, minimized. seed: 430076
// It failed the check 'the original method runs':
//   at point 0: scalars [0.6875, 0.359375, -1.875], ints [], spans [1.9921875; -0.6796875; -1.55859375; 1.43359375], ẋ [1, 0, 0; -2; -3; -; -], ȳ [0; -; -; -; 3]
//   the original method threw System.DivideByZeroException: Attempted to divide by zero.
//      at Fuzz.M430076r22c10.Tanh(ReadOnlySpan`1 x0, Single a0)
//      at FuzzHarness.M430076r22c10Harness.Primal(Single[] s, Int32[] k, Single[][] sp)
using System;
using AutoGrad;
using static Fuzz.Seed430076;
using static Fuzz.Seed430076Helpers;

namespace Fuzz;

public static partial class Seed430076
{
    [Differentiable]
    public static float Tanh(ReadOnlySpan<float> x0, float a0)
    {
        float s1 = 1f;
        for (int index = 0; index < 2; index++)
        {
            Span<float> buf3 = stackalloc float[x0.Length];
            s1 += buf3[1 % buf3.Length];
        }
        return 1f;
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, ReadOnlySpan<float> x1, [NoDiff] ReadOnlySpan<float> y0, float a0, [NoDiff] float c0, [NoDiff] float c1, Span<float> o0)
    {
        float b5 = 1f;
        foreach (var y0Bar in x0)
        {
            b5 += Tanh(x0[1..], 1f);
        }
    }
}

public static partial class Seed430076Helpers
{
    [Differentiable]
    public static float S0(ReadOnlySpan<float> x0, [NoDiff] ReadOnlySpan<float> y0, float a0)
    {
        return 1f;
    }
}
