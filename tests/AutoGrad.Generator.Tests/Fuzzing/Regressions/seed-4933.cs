// Differential-fuzzing regression, minimized. seed: 4933
// A checker false positive, kept to pin its fix: t reaches 3·10¹⁶, o[i] = t + x[i] absorbs x[i], and the
// finite differences' noise estimate now scales with Σ|ȳᵢyᵢ| rather than |φ| (the ȳ sum to 0).
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 1: scalars [0.9639930725097656, -0.5591592788696289], ints [4], spans [-1.3932733535766602, 0.48481082916259766, -0.812164306640625, -1.0952472686767578, 1.5806007385253906, -1.6786909103393555, -0.7190361022949219; 1.0323877334594727, 1.8063087463378906, -0.3495616912841797, 0.6867513656616211, -1.3503427505493164, 1.3508710861206055, 1.4363374710083008; -0.6545658111572266, -0.8634986877441406, 1.7401914596557617, -1.414504051208496, -1.532334327697754, 0.5267601013183594, 0.7438879013061523], ẋ [0, 0; -3, -3, 2, -3, -2, -1, -2; -; -], ȳ [0; -; -; -3, 1, -2, 2, 3, 1, -2]
//   Forward gives -7, central differences 0 (at h: 0), allowed 7.008450580596923E-06
//   ----- generated code
//   //----- Fuzz.M4933r20c16.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed4933
{
    [Differentiable]
    public static double H0(double a0, [NoDiff] double c0)
    {
        return a0;
    }

    [Differentiable]
    public static double S1(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, double a0)
    {
        return a0;
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, [NoDiff] double c0, [NoDiff] double c1, int n0, Span<double> o0)
    {
        double t5 = 1.0;
        int k11 = 0;
        for (int i13 = x0.Length - 1; i13 >= 0; i13--)
        {
            t5 = t5 * 0.5 + (t5 * t5);
        }
        for (int i14 = 0; i14 < o0.Length; i14++)
        {
            o0[i14] = (t5 + x0[i14]);
        }
    }
}
