// Fixed: with FuzzPatterns.OutputBranches, a loop merging o0[i] < c ? exp(…) : o0[i] kept the value read
// from the output in the else arm, and the reverse sweep restored that kept value into the merged variable in
// both arms (keyed by the variable): the then arm's exp was replaced by a stale value. Now keyed by the assignment.
// Differential-fuzzing regression, minimized. seed: 240
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [], ints [], spans [1.7734375, 0.78515625, -0.72265625, 0.375, -1.12890625, -1.70703125; 0.625, 0.86328125, 1.17578125, 1.6640625, 0.2265625, 0.71484375], ẋ [; 1, 3, 3, -2, 2, 1; -], ȳ [0; -; -3, 1, 2, 3, 0, 0]
//   ⟨ȳ, J·ẋ⟩ from Forward = 2.3819419518113136, ⟨Jᵀȳ, ẋ⟩ from Adjoint = 2.283038318157196 (scale 22.929285623133183, rounding noise 1.3373792171478271E-06 and 1.1920928955078125E-06, allowed 0.002304046450763941)
//   ----- generated code
//   //----- Fuzz.M240r1c7.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed240
{
    [Differentiable]
    public static void cube(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            o0[i1] = (((float)i1) + (x0[i1] * MathF.Atan2(((float)x0.Length), ((float)x0.Length) + 0.3f)));
            o0[i1] = o0[i1] < Math.Clamp(x0[i1], x0[i1], x0[i1] + 1f) ? MathF.Exp(MathF.Tanh((-x0[i1])) * 2f) : o0[i1];
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, Span<float> o0)
    {
        cube(x0, o0);
        if (x0[0] > x0[x0.Length - 1])
        {
            float s1 = (x0[0] + x0[x0.Length - 1]);
            for (int index = 1; index < x0.Length; index++)
            {
                if ((x0[x0.Length - 1] > ((float)index) || ((float)index) <= 3f))
                {
                    return;
                }
                s1 -= s1;
                s1 += MathF.Tanh(s1);
            }
            float quotient = (!(s1 >= (-0.5f)) ? x0[x0.Length - 1] : s1);
        }
        else
        {
            float s4 = (-2f);
            for (int i5 = x0.Length - 1; i5 >= 0; i5--)
            {
                s4 = MathF.Max(s4, (x0[x0.Length - 1] / (MathF.Exp(MathF.Tanh(Math.Clamp(s4, (-1f), 1.5f))) + 0.25f)));
                float t6 = ((float)i5);
                s4 = MathF.Max(s4, x0[i5]);
            }
            s4 = MathF.Tan(MathF.Tanh(MathF.Log(MathF.Min(s4, x0[0]) * MathF.Min(s4, x0[0]) + 1f)));
        }
        float sin = 0f;
        for (int i8 = 0; i8 < o0.Length; i8++)
        {
            sin += x0[i8];
            o0[i8] = (sin + sin);
        }
        for (int i = 0; i < o0.Length; i++)
        {
            o0[i] += (x0[x0.Length - 1] + (x0[i] * (x0[x0.Length - 1] / (x0[0] * x0[0] + 0.5f))));
            bool big10 = o0[i] > sin;
            o0[i] = o0[i] * 0.5f;
            if (big10)
            {
                o0[i] += x0[0];
            }
        }
    }
}
