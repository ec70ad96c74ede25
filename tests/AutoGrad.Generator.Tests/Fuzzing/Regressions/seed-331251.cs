// Fixed (the checker's, 2026-12-07): found by seeds 330001..331500. Math.Clamp(1.0, s1, s1 + 1.0) with s1 ≈ 9.3e19: exactly, the
// sum rounds to s1; the probe's perturbed mode moved it one ulp below s1, and Clamp threw min > max inside a rounding-noise run.
// A perturbed run that throws now counts as unbounded rounding noise (DifferentialChecker.Perturbed), and the probe is made
// exact again in a finally. No generated method was involved.
// Differential-fuzzing regression, minimized. seed: 331251
// It failed the check 'the original method (finite differences) runs':
//   at point 2: scalars [-0.9944915771484375], ints [3], spans [-1.2672119140625, 0.6266918182373047, 0.37870121002197266, -1.8505783081054688, -0.19114208221435547, -0.4252490997314453, 0.7518491744995117, 0.16561317443847656; -1.997166633605957, 1.2967376708984375, -0.36399078369140625, 0.31488990783691406, 1.9043207168579102, 1.61395263671875, 0.0628194808959961, 0.9622116088867188; -0.21068191528320312, -0.09656429290771484, -1.810185432434082, 1.9296321868896484, -0.010284423828125, -1.5427055358886719, -1.6138296127319336, -1.6347036361694336], ẋ [0; -3, 0, 2, 2, -3, -1, -1, 1; -; -], ȳ [0; -; -; 3, 3, -2, 1, -2, 0, 2, -1]
//   the original method (finite differences) threw System.ArgumentException: '9.324296534180599E+19' cannot be greater than 9.324296534180597E+19.
//      at System.Math.ThrowMinMaxException[T](T min, T max)
//      at FuzzProbe.Probe.Clamp(Double x, Double lo, Double hi)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed331251
{
    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> input, [NoDiff] double c0, int b, Span<double> sum)
    {
        double s1 = 1.0;
        for (int i2 = 0; i2 <= b; i2++)
        {
            s1 = s1 * 0.5 + Math.Pow((x0[0] * s1) * (x0[0] * s1) + 1.0, 1.5);
        }
        for (int i = 0; i < x0.Length; i++)
        {
            s1 = s1 * 0.5 + Math.Sin(s1);
        }
        for (int index = 0; index < sum.Length; index++)
        {
            sum[index] = Math.Clamp(1.0, s1, s1 + 1.0);
        }
    }
}
