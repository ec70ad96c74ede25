// Differential-fuzzing regression, minimized. seed: 43
// It failed the check 'primal of Adjoint (SIMD off)':
//   at point 0: scalars [-0.8671875, -0.5], ints [1], spans [-0.296875, -1.75390625, -0.56640625, -0.3359375, -0.625, -1.1015625, 0.44921875; -0.1953125, -0.1328125, -1.8125, 0.62109375, -0.15625, -1.7734375, -1.13671875], ẋ [0, 0; 1, 2, 3, -3, 2, 3, -1; -], ȳ [0; -; -2, 2, 1, -2, -2, -3, -1]
//   output 0 element 0: the original gives -0.296875, this gives -0.1953125 (must be bit for bit)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed43
{
    [Differentiable]
    public static float H0(float a0, [NoDiff] float c0)
    {
        return (a0 * 0.5f);
    }

    [Differentiable]
    public static void V1(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            o0[i1] = (MathF.Round(1f) * x0[i1]);
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, [NoDiff] float c0, [NoDiff] float c1, int n0, Span<float> o0)
    {
        V1(x0, o0);
    }
}
