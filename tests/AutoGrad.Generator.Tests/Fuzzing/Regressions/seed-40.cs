// Differential-fuzzing regression, minimized. seed: 40
// It failed the check 'HessianVector against differences of the gradient':
//   at point 2: scalars [-1.9276037216186523], ints [4], spans [], ẋ [-1; ], ȳ [-1; ]
//   ⟨ẋ, H·ẋ⟩ = -1320.759475075851 from HessianVector, central differences of ⟨∇φ, ẋ⟩ -1392.7723117971327 (at h: -1392.7710870502924), allowed 0.0026175475035841106
//   ----- generated code
//   //----- Fuzz.M40r13c8.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed40
{
    [Differentiable]
    public static double H0(double a0, [NoDiff] double c0)
    {
        double v4 = 0.5;
        int k5 = 0;
        return ((Math.Clamp(a0, v4, v4 + 1.0) * c0) + a0);
    }

    [Differentiable]
    public static double H1(double a0, double a1, [NoDiff] double c0, int n0)
    {
        return (((double)n0) + a0);
    }

    [Differentiable]
    public static double F(double a0, int n0)
    {
        double s8 = 0.0;
        for (int i9 = 0; i9 <= n0; i9++)
        {
            double s10 = 0.0;
            for (int i11 = 0; i11 <= n0; i11++)
            {
                s8 += (H0(Math.Atan2(a0, a0 + 0.3), 1.25) + (s10 * 0.25));
            }
        }
        if (s8 > ((2.0 * s8) - H1(a0, (-2.0), (-0.5), n0)))
        {
            return Math.Sin((a0 * s8));
        }
        return (0.75 + (a0 * (-0.5)));
    }
}
