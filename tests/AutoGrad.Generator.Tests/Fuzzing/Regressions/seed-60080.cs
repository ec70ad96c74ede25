// Fixed: found by the long run of 2026-12-07 (seeds 60001..70000 and 70001..80000, OutputBranches on):
// V0 reads o0[0] in a loop over o0's length and is called with o0[1..]; its up-front bounds check for the
// fixed index 0 ignored that the loop may not run (an empty slice), and Forward threw where the function ran.
// BoundsChecks now guards a check by every loop around the access.
// Differential-fuzzing regression, minimized. seed: 60080
// It failed the check 'Forward (SIMD off) runs':
//   at point 2: scalars [], ints [], spans [1.0703125; 1.2578125; 1.32421875; 1.515625], ẋ [; 1; -2; -; -], ȳ [0; -; -; -; 1]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at FuzzHarness.M60080r2c5Harness.Forward(Single[] s, Single[] sDot, Int32[] k, Single[][] sp, Single[][] spDot, Single[] resultDot)
//      at InvokeStub_M60080r2c5Harness.Forward(Object, Span`1)
using System;
using AutoGrad;
using static Fuzz.Seed60080;
using static Fuzz.Seed60080Helpers;

namespace Fuzz;

public static partial class Seed60080
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            if (x0[i1] > o0[0])
            {
                o0[0] = x0[i1];
            }
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, ReadOnlySpan<float> w, [NoDiff] ReadOnlySpan<float> y0, Span<float> o0)
    {
        V0(w[1..], o0[1..]);
        float s7 = 0f;
        for (int i8 = 0; i8 < o0.Length; i8++)
        {
            s7 = s7 * (1f + 0.5f * MathF.Sin(s7)) + w[i8];
            if (s7 > MathF.FusedMultiplyAdd(s7, s7, x0[x0.Length - 1]))
            {
                return;
            }
            o0[i8] = s7;
        }
        float sumBar = s7;
        int j = 0;
        while (j < 5 && MathF.Abs(sumBar) > 0.1f)
        {
            j++;
            sumBar = x0[x0.Length - 1];
            if ((s7 < sumBar || 2f < s7))
            {
                break;
            }
        }
        float s11 = 1f;
        for (int index = o0.Length - 1; index >= 0; index--)
        {
            s11 *= 1f + 0.5f * MathF.Tanh(w[index]);
            s7 *= (1f + 0.5f * MathF.Tanh(MathF.Log2(y0[index] * y0[index] + 2f)));
            o0[index] = s11;
        }
    }
}

public static partial class Seed60080Helpers
{
    [Differentiable]
    public static void V1(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            o0[i1] += ((MathF.Min(x0[i1], x0[i1]) - MathF.Atan2(0.25f, ((float)i1) + 0.3f)) + (x0[i1] * (x0[i1] / (MathF.Exp(MathF.Tanh(x0[i1])) + 0.25f))));
        }
    }
}
