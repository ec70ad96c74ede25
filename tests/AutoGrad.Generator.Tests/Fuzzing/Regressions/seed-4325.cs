// Differential-fuzzing regression, minimized. seed: 4325
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 2: scalars [-1.16796875, -1.265625, -0.57421875], ints [], spans [], ẋ [1, -2, 0; ], ȳ [3; ]
//   Forward gives 46.50044059753418, central differences 56.86769485473633 (at h: 57.27682113647461), allowed 0.4676527125014923
//   ----- generated code
//   //----- Fuzz.M4325r5c14.F.g.cs
// Why it passes now: float finite differences across a branch (Max, a while condition) closer than the step; the checker now sees the branch change across the stencil (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed4325
{
    [Differentiable]
    public static float H0(float a0, float a1, int n0)
    {
        return ((MathF.Log(a1 * a1 + 1f) * a0) + MathF.Sin(a0));
    }

    [Differentiable]
    public static float H1(float a0, [NoDiff] float c0)
    {
        return ((a0 + (a0 / (MathF.Exp(MathF.Tanh(a0)) + 0.25f))) + (a0 * 0.1f));
    }

    [Differentiable]
    public static float F(float a0, float a1, [NoDiff] float c0)
    {
        float t1 = MathF.Asin(MathF.Tanh(MathF.Abs(a0)) * 0.9f);
        for (int i2 = 0; i2 <= 2; i2++)
        {
            a1 += (a1 > MathF.Cosh(MathF.Tanh(a1) * 2f) ? c0 : a1);
        }
        float t3 = (MathF.Acos(MathF.Tanh(1.25f) * 0.9f) / (t1 * t1 + 0.5f));
        for (int i4 = 0; i4 < 2; i4++)
        {
            t1 = MathF.Max(t1, ((float)i4));
            float t5 = MathF.Atan2(c0, MathF.Sqrt(H0(MathF.Cos(c0), (a0 * 0.75f), 1) * H0(MathF.Cos(c0), (a0 * 0.75f), 1) + 0.25f) + 0.3f);
            float v6 = t1;
            int k7 = 0;
            while (k7 < 3 && (v6 - a1) >= (-2f))
            {
                k7++;
                v6 = ((t5 - a0) * MathF.Exp(MathF.Tanh(0.25f) * 2f));
                if (((float)i4) >= (-2f))
                {
                    t3 *= (1f + 0.5f * MathF.Sin((MathF.FusedMultiplyAdd(v6, v6, a1) + a0)));
                }
                else
                {
                    if (k7 > 2)
                    {
                        break;
                    }
                }
                if (MathF.Log(MathF.Log(MathF.Exp(MathF.Tanh(3f) * 2f) + 1f) * MathF.Log(MathF.Exp(MathF.Tanh(3f) * 2f) + 1f) + 1f, 3f) < (t1 + (t1 * t3)))
                {
                    if (v6 >= 0.5f)
                    {
                        break;
                    }
                }
            }
        }
        float t8 = (t1 - H0(H0(a1, MathF.Tanh(c0), 3), c0, 3));
        float t9 = t3;
        return (MathF.Atan2(MathF.Min(MathF.Tanh(3f), t3), (t3 - t9) + 0.3f) + MathF.Tanh(a0));
    }
}
