// Differential-fuzzing regression, minimized. seed: 1579
// It failed the check 'derivatives finite (SIMD off)':
//   at point 2: scalars [-1.8480939865112305], ints [2], spans [-1.4389886856079102, 0.39771175384521484; 1.6195001602172852, 1.8221750259399414; -0.21972274780273438, 0.18024730682373047], ẋ [0; -2, -1; -; -], ȳ [0; -; -; 1, 3]
//   forward ⟨ȳ, J·ẋ⟩ = NaN, adjoint ⟨Jᵀȳ, ẋ⟩ = NaN, but the function is smooth there with finite differences 9.240469932556152
//   ----- generated code
//   //----- Fuzz.M1579r4c23.F.g.cs
// Why it passes now: s1 overflows to -inf inside S0 while tanh keeps the output finite: 0*inf = NaN in the derivatives (IEEE); the checker now skips points with a non-finite intermediate.
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed1579
{
    [Differentiable]
    public static double S0(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, double a0)
    {
        double s1 = 0.0;
        for (int i2 = 0; i2 < 4; i2++)
        {
            double t3 = (s1 * Math.FusedMultiplyAdd(s1, s1, (-a0)));
            s1 += (t3 - Math.Exp(Math.Tanh(0.75) * 2.0));
        }
        double s5 = 0.0;
        for (int i6 = 0; i6 < x0.Length; i6++)
        {
            s5 += (x0[i6] * (y0[i6] + s1));
        }
        return (Math.Pow(Math.FusedMultiplyAdd(a0, s1, 1.5) * Math.FusedMultiplyAdd(a0, s1, 1.5) + 0.5, Math.Tanh((0.75 <= 0.25 ? s1 : a0)) * 2.0) + ((a0 * (-0.5)) + s5));
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, double a0, int n0, Span<double> o0)
    {
        double t1 = (-(Math.Sqrt(a0 * a0 + 0.25) + (((double)x0.Length) + a0)));
        if ((2.0 + Math.Cbrt(x0[0] + 0.3)) <= 1.5)
        {
            for (int i2 = x0.Length - 1; i2 >= 0; i2--)
            {
                t1 += (a0 + S0(y0[1..], y0[1..], (t1 / (y0[0] * y0[0] + 0.5))));
            }
        }
        for (int i4 = 0; i4 < o0.Length; i4++)
        {
            o0[i4] = ((-Math.Acos(Math.Tanh(t1) * 0.9)) + (x0[i4] * a0));
        }
    }
}
