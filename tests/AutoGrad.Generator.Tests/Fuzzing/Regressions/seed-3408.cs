// Differential-fuzzing regression, minimized. seed: 3408
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [1.29296875, -0.33203125, 1.15234375], ints [], spans [], ẋ [-1, -3, -3; ], ȳ [3; ]
//   ⟨ȳ, J·ẋ⟩ from Forward = 457439040, ⟨Jᵀȳ, ẋ⟩ from Adjoint = 458774600.5 (scale 936303647.5, allowed 93630.364751)
//   ----- generated code
//   //----- Fuzz.M3408r3c0.F.g.cs
// Why it passes now: float loops amplify roundings (values near 10^8); Forward and Adjoint differ within the rounding noise the checker now measures (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed3408
{
    [Differentiable]
    public static float H0(float a0, float a1)
    {
        return (a0 + a0);
    }

    [Differentiable]
    public static float H1(float a0, [NoDiff] float c0)
    {
        float t1 = a0;
        t1 = t1 * 0.5f + H0((c0 * 3f), (MathF.Truncate(MathF.Tanh(a0) * 2f) - c0));
        return (MathF.Atan(t1) + MathF.Sin(a0));
    }

    [Differentiable]
    public static float F(float a0, float a1, float a2)
    {
        if (MathF.Exp(MathF.Tanh(a2) * 2f) <= 3f)
        {
            float v1 = MathF.Tan(MathF.Tanh(MathF.Log(MathF.Exp(MathF.Tanh(a1) * 2f) + 1f)));
            int k2 = 0;
            while (k2 < 4 && v1 < MathF.FusedMultiplyAdd(0.75f, a0, v1))
            {
                k2++;
                v1 = (-0.5f);
                float t3 = (((a1 > ((float)k2) || a0 > v1) ? a0 : a1) - (-MathF.Log10(a0 * a0 + 0.5f)));
            }
        }
        else
        {
            a1 = MathF.Max(2f, (H1(a1, 0.1f) + (a2 * 2f)));
            float t4 = MathF.FusedMultiplyAdd((MathF.Exp(MathF.Tanh(a0) * 2f) - (-a1)), MathF.Log(H0(MathF.Pow(a1 * a1 + 0.5f, MathF.Tanh(0.5f) * 2f), MathF.Tanh(a1)) * H0(MathF.Pow(a1 * a1 + 0.5f, MathF.Tanh(0.5f) * 2f), MathF.Tanh(a1)) + 1f, 3f), (a2 + a0));
        }
        if (MathF.Sqrt((a0 * (-2f)) * (a0 * (-2f)) + 0.25f) < (1.5f + MathF.Log(a1 * a1 + 1f, 3f)))
        {
            a1 /= (a1 * a1) * (a1 * a1) + 1f;
        }
        for (int i5 = 0; i5 < 4; i5++)
        {
            a2 += MathF.Asin(MathF.Tanh(a1) * 0.9f);
            a1 = a1 * 0.5f + (-(a0 * ((float)i5)));
            for (int i6 = 0; i6 <= 4; i6++)
            {
                a2 += H0((a0 + ((float)i5)), (a2 / (a1 * a1 + 0.5f)));
                a1 = ((a2 * Math.Clamp(a1, 2f, 2f + 1f)) * ((0.25f + a1) * H0(a0, (((float)i6) * a2))));
                a1 -= MathF.Cos(MathF.Pow(a0 * a0 + 0.5f, MathF.Tanh(((float)i5)) * 2f));
                a1 += ((((float)i6) * a2) - (a1 - a2));
            }
            a2 = a2 * 0.5f + a1;
        }
        return (H1((a1 * a2), (-0.5f)) + (a0 * 3f));
    }
}
