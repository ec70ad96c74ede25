// Differential-fuzzing regression, minimized. seed: 283
// It failed the check 'derivatives finite (SIMD off)':
//   at point 0: scalars [1.8839197158813477], ints [], spans [], ẋ [3; ], ȳ [-2; ]
//   forward ⟨ȳ, J·ẋ⟩ = -7.763412510990711, adjoint ⟨Jᵀȳ, ẋ⟩ = NaN, but the function is smooth there with finite differences -7.7634125123295235
//   ----- generated code
//   //----- Fuzz.M283r2c0.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed283
{
    [Differentiable]
    public static double H0(double a0, double a1)
    {
        int k1 = 0;
        for (int i2 = 0; i2 < 2; i2++)
        {
            a1 *= (1.0 + 0.5 * Math.Sin(((double)i2)));
            a1 *= (1.0 + 0.5 * Math.Tanh(a1));
        }
        return (Math.Log(Math.Clamp((-0.5), a0, a0 + 1.0) * Math.Clamp((-0.5), a0, a0 + 1.0) + 1.0, 3.0) + Math.Sin(a0));
    }

    [Differentiable]
    public static double F(double a0)
    {
        double s1 = 0.0;
        for (int i2 = 0; i2 < 1; i2++)
        {
            s1 += H0(s1, Math.Clamp(a0, (-0.5), (-0.5) + 1.0));
            s1 = ((Math.Log(s1 * s1 + 1.0, 3.0) / (Math.Sin(((double)i2)) * Math.Sin(((double)i2)) + 0.5)) + H0((s1 * a0), (s1 + s1)));
            double t3 = (s1 - (!(i2 > 2) ? ((double)i2) : ((double)i2)));
            s1 += Math.Pow((0.1 / (t3 * t3 + 0.5)) * (0.1 / (t3 * t3 + 0.5)) + 0.5, Math.Tanh(Math.Cbrt(s1)) * 2.0);
        }
        s1 = s1 * 0.5 + Math.Clamp(Math.Min(s1, a0), (-1.0), 1.5);
        if (((a0 / (1.25 * 1.25 + 0.5)) < Math.Sinh(Math.Tanh(a0) * 2.0) ? (s1 - s1) : 1.25) < s1)
        {
            double t4 = Math.FusedMultiplyAdd(a0, ((a0 + s1) - a0), ((a0 * 0.5) * H0((a0 * s1), s1)));
        }
        else
        {
            double v5 = s1;
            int k6 = 0;
            while (k6 < 5 && v5 < 0.25)
            {
                k6++;
                v5 = Math.Log10(Math.Clamp(s1, v5, v5 + 1.0) * Math.Clamp(s1, v5, v5 + 1.0) + 0.5);
            }
        }
        double t7 = (-(-H0(H0((s1 < s1 ? a0 : (-2.0)), Math.Pow(a0 * a0 + 0.5, (-0.5))), (a0 < s1 ? s1 : s1))));
        double t8 = Math.Acos(Math.Tanh(Math.Abs(0.75)) * 0.9);
        return ((0.25 - Math.Pow(0.5 * 0.5 + 0.5, Math.Tanh((t7 + a0)) * 2.0)) + (a0 * 1.25));
    }
}
