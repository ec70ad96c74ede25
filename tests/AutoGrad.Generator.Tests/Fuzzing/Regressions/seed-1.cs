// Differential-fuzzing regression, minimized. seed: 1
// It failed the check 'primal of Adjoint (SIMD off)':
//   at point 0: scalars [], ints [5], spans [-0.53125, -0.08984375, -1.3125, -0.40234375, 0.38671875, -1.25390625, -0.3359375, -0.609375, 0.05078125, -0.44921875, 0.4765625; -1.2578125, -0.34765625, -1.7578125, -0.1171875, 0.71875, -1.58984375, -1.3203125, -0.33203125, 0.14453125, -1.7265625, -1.41015625], ẋ [; 2, 2, 2, -2, -1, -2, -1, 1, 2, -2, 3; -], ȳ [0; -; 1, 3, 3, 0, 2, 3, -3, -1, 3, 3, -3]
//   output 0 element 0: the original gives 1, this gives -0.53125 (must be bit for bit)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed1
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            o0[i1] = x0[i1];
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, int n0, Span<float> o0)
    {
        float t1 = 1f;
        V0(x0, o0);
        for (int i5 = 0; i5 < o0.Length; i5++)
        {
            o0[i5] = t1;
        }
    }
}
