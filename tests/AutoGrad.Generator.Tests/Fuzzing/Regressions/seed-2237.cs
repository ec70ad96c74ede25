// Differential-fuzzing regression, minimized. seed: 2237
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [-0.9485311508178711], ints [], spans [0.5278148651123047, 0.7596092224121094, 1.173309326171875, -0.040821075439453125; 0.26607418060302734, 0.8481569290161133, 0.7180500030517578, -0.9672985076904297; 0.039745330810546875, 0.02422332763671875, 1.0973072052001953, 1.5529890060424805; -1.8299999237060547, -1.493851661682129, 1.0570869445800781, 1.3750743865966797], ẋ [-1; -3, 1, 3, -2; -3, 1, 2, -2; -; -], ȳ [0; -; -; -; 0, 3, -3, 2]
//   ⟨ȳ, J·ẋ⟩ from Forward = 0, ⟨Jᵀȳ, ẋ⟩ from Adjoint = -7 (scale 13, allowed 1.3010000000000002E-09)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed2237
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        for (int i5 = 0; i5 < o0.Length; i5++)
        {
            o0[i5] = x0[i5];
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, [NoDiff] ReadOnlySpan<double> y0, double a0, Span<double> o0)
    {
        V0(x1, o0);
        double s2 = 1.0;
        for (int i3 = x0.Length - 1; i3 >= 0; i3--)
        {
            s2 -= x1[i3];
        }
    }
}
