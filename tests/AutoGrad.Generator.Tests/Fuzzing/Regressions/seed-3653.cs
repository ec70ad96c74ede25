// Differential-fuzzing regression, minimized. seed: 3653
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 1: scalars [0.1015625, -0.26953125], ints [], spans [], ẋ [1, 0; ], ȳ [-1; ]
//   Forward gives 0.10138798505067825, central differences 0.0626983642578125 (at h: 0.05960845947265625), allowed 0.005233703602477908
//   ----- generated code
//   //----- Fuzz.M3653r7c1.F.g.cs
// Why it passes now: cos(max(0.1, a0)) at a0 = 0.1016: float's finite-difference step straddles the kink; the checker now sees the branch change across the stencil (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed3653
{
    [Differentiable]
    public static float F(float a0, [NoDiff] float c0)
    {
        int k4 = 0;
        return MathF.Cos(MathF.Max(0.1f, a0));
    }
}
