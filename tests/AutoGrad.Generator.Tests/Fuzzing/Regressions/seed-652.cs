// Differential-fuzzing regression, minimized. seed: 652
// It failed the check 'dot product (SIMD off)':
//   at point 2: scalars [-1.2726612091064453, -0.07318115234375, -0.8409128189086914], ints [], spans [1.774648666381836, 1.4386272430419922, 0.015732765197753906, 1.0338001251220703, -1.136763572692871, 1.8257322311401367; 1.660146713256836, -0.5347890853881836, 1.3492660522460938, 1.9048566818237305, -1.739370346069336, -0.543426513671875], ẋ [-1, 0, 0; 0, -1, 2, 3, 3, 1; -], ȳ [0; -; 2, -3, -3, -2, -1, -2]
//   ⟨ȳ, J·ẋ⟩ from Forward = -31.55957845239708, ⟨Jᵀȳ, ẋ⟩ from Adjoint = -31.561792266427954 (scale 85.34819560260603, allowed 8.535819560260602E-09)
//   ----- generated code
//   //----- Fuzz.M652r4c6.F.g.cs
// Why it passes now: a chaotic loop's tangent of ~10^13 cancels in t1 - max(x, t1): Forward's rounding error (10^-3) is legitimate; the checker now measures it with perturbed runs (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed652
{
    [Differentiable]
    public static double S0(ReadOnlySpan<double> x0, double a0)
    {
        double s4 = 0.0;
        for (int i5 = 0; i5 < x0.Length; i5++)
        {
            s4 += (x0[i5] * (Math.Pow(x0[i5] * x0[i5] + 0.5, (-0.5)) / (Math.Exp(Math.Tanh((a0 / (Math.Exp(Math.Tanh(a0)) + 0.25)))) + 0.25)));
        }
        return (a0 + (Math.Tanh(a0) + s4));
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, double a0, [NoDiff] double c0, [NoDiff] double c1, Span<double> o0)
    {
        double t1 = Math.Max(((c1 * 1.25) < c1 ? (x0[0] * 3.0) : Math.Atan(x0[0])), (Math.Atan2(x0[x0.Length - 1], x0[0] + 0.3) + Math.Tan(Math.Tanh(((double)x0.Length)))));
        for (int i2 = 0; i2 < x0.Length; i2++)
        {
            for (int i3 = x0.Length - 1; i3 >= 0; i3--)
            {
                t1 *= (1.0 + 0.5 * Math.Sin((t1 - (x0[i2] + c1))));
                t1 = t1 * 0.5 + S0(x0, Math.Exp(Math.Tanh(x0[x0.Length - 1]) * 2.0));
            }
        }
        t1 -= (Math.Log2(x0[x0.Length - 1] * x0[x0.Length - 1] + 2.0) + Math.Max(x0[x0.Length - 1], t1));
        for (int i4 = 0; i4 < o0.Length; i4++)
        {
            o0[i4] += (Math.FusedMultiplyAdd(t1, (c0 / (x0[i4] * x0[i4] + 0.5)), Math.Acos(Math.Tanh(a0) * 0.9)) + (x0[i4] * 2.0));
        }
    }
}
