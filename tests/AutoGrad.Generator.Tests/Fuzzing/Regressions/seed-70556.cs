// Fixed: the same class as seed-60080 (a fixed index read in a loop that may not run, checked up front).
// Differential-fuzzing regression, minimized. seed: 70556
// It failed the check 'Forward (SIMD off) runs':
//   at point 0: scalars [-1.3815851211547852], ints [4], spans [-0.10523796081542969; -0.24417877197265625; 1.0525426864624023; -1.5218009948730469; 0.9014005661010742], ẋ [0; -1; 3; -; -; -], ȳ [3; -; -; -; 3; -1]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at Fuzz.M70556r5c6.V0Forward(ReadOnlySpan`1 x0, ReadOnlySpan`1 x0Dot, Span`1 o0, Span`1 o0Dot)
//      at Fuzz.M70556r5c6.FForward(ReadOnlySpan`1 x0, ReadOnlySpan`1 x0Dot, ReadOnlySpan`1 x, ReadOnlySpan`1 xDot, ReadOnlySpan`1 y0, Double c0, Int32 n0, Span`1 h0, Span`1 h0Dot, Span`1 o0, Span`1 o0Dot, Double& resultDot)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed70556
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        for (int index = 0; index < o0.Length; index++)
        {
            if (x0[index] > o0[0])
            {
                o0[0] = x0[index];
            }
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y0, [NoDiff] double c0, int n0, Span<double> h0, Span<double> o0)
    {
        V0(h0[1..], o0[1..]);
        double t1 = ((Math.Atan2(c0, c0 + 0.3) / (((double)n0) * ((double)n0) + 0.5)) > y0[y0.Length - 1] ? (Math.Atan2(y0[0], c0 + 0.3) * ((-0.5) / (Math.Exp(Math.Tanh(x[0])) + 0.25))) : Math.Log((c0 * 0.75) * (c0 * 0.75) + 1.0, 3.0));
        double t2 = Math.Log2(c0 * c0 + 2.0);
        double s3 = 0.0;
        for (int n = 0; n < x0.Length; n++)
        {
            s3 += (x0[n] * (-2.0));
        }
        return (1.25 + s3);
    }
}
