// Differential-fuzzing regression, minimized (by hand from the fuzzer's program). seed: 283
// It failed the check 'derivatives finite (SIMD off)':
//   at point 0: scalars [1.8839197158813477], ẋ [3], ȳ [-2] (any point fails)
//   Forward and finite differences agree (∂F/∂a0 = 1); the Adjoint gave NaN. H0 ignores a1, but F's activity
//   analysis took every argument of a call as useful: Cbrt(a0 - a0)'s adjoint, exactly 0, times Cbrt's infinite partial at 0.
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed283
{
    [Differentiable]
    public static double H0(double a0, double a1)
    {
        return a0;
    }

    [Differentiable]
    public static double F(double a0)
    {
        double s1 = Math.Cbrt(a0 - a0);
        return H0(a0, s1);
    }
}
