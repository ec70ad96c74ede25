// Differential-fuzzing regression, minimized. seed: 12818
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 1: scalars [-1.29296875, 1.94921875, -1.0546875], ints [], spans [], ẋ [3, 0, 0; ], ȳ [-1; ]
//   Forward gives 103.696044921875, central differences 104.48712158203125 (at h: 104.39137268066406), rounding noise 0.0004425048828125, allowed 0.21847053775042297
//   ----- generated code
//   //----- Fuzz.M12818r4c35.F.g.cs
// Why it passes now: float central differences at h = 2^-6 and 2^-7 agree (104.39, 104.49) but are not converged: a1 is doubled five times before sin(a1 + sin a1), and h/4 gives 103.94; the derivative is 103.70 (double: 103.696), as Forward says. The checker now tries a third step before failing (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed12818
{
    [Differentiable]
    public static float H0(float a0, [NoDiff] float c0, int n0)
    {
        return (a0 + MathF.Sin(a0));
    }

    [Differentiable]
    public static float F(float a0, float a1, [NoDiff] float c0)
    {
        a1 = a1 * 0.5f + (-(a0 + a1));
        a1 /= 1f * 1f + 1f;
        a1 *= (1f + 0.5f * MathF.Tanh(c0));
        for (int i1 = 0; i1 <= 4; i1++)
        {
            a1 += (c0 / (H0((((float)i1) - a0), c0, 3) * H0((((float)i1) - a0), c0, 3) + 0.5f));
            a1 += a1;
        }
        return H0(H0((a1 + c0), 2f, 2), 1.25f, 0);
    }
}
