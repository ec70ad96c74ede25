// Differential-fuzzing regression, minimized. seed: 427005
// It failed the check 'primal of Adjoint (SIMD off)':
//   at point 0: scalars [-1.6218376159667969, 0.3139505386352539, 1.2312431335449219], ints [], spans [-1.5056343078613281, 0.7667131423950195, 0.018787384033203125, 1.0807600021362305; 1.3547687530517578, -1.8157291412353516, -1.238093376159668, 1.9154577255249023; -1.7956151962280273, -0.41387176513671875, -0.9884405136108398, -0.2912149429321289], ẋ [-1, 0, 0; 3, 0, -3, -1; -; -], ȳ [0; -; 3, 2, 3, 1; -3, 0, 2, 0]
//   output 1 element 0: the original gives -0.36137454784355605, this gives -0.36137454784355594 (must be bit for bit)
//   ----- generated code
//   //----- Fuzz.M427005r16c3.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed427005
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> sin, Span<double> o0)
    {
        double r4 = 0.5;
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> sin, double a0, [NoDiff] double c0, [NoDiff] double c1, Span<double> input, Span<double> o0)
    {
        double s1 = 1.0;
        for (int i2 = 0; i2 < o0.Length; i2++)
        {
            o0[i2] += 1.0;
            o0[i2] += double.Hypot(c0, ((double)i2) + 0.3);
        }
    }
}
