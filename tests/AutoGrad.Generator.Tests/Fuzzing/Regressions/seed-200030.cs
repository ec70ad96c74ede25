// Differential-fuzzing regression, minimized. seed: 200030
// It failed the check 'dot product (SIMD off)':
//   at point 1: scalars [0.2744102478027344], ints [], spans [0.06692981719970703, -0.18283462524414062, 1.1234245300292969, 0.3349590301513672, -0.16704845428466797, 0.5761728286743164, -0.6659412384033203, 0.9643888473510742, 1.6369686126708984, 0.8215885162353516, 1.7429580688476562; 0.5574007034301758, -0.1811237335205078, 1.837071418762207, -0.39716148376464844, -0.9197454452514648, -0.23810958862304688, -1.8209514617919922, 0.5077934265136719, 0.24890518188476562, -1.1571226119995117, 1.9155349731445312; -1.4109163284301758, -1.409571647644043, -1.7734565734863281, -0.8850507736206055, 0.4639091491699219, -1.5822486877441406, -0.9482383728027344, 0.6731433868408203, 0.1358499526977539, 0.6285505294799805, 0.2251729965209961], ẋ [0; 1, -3, -2, -3, -1, 0, -1, -1, 2, -2, 3; -; -], ȳ [-3; -; 1, 0, -1, 0, 3, 0, 1, 0, -1, -1, 0; -1, 1, 0, -2, -3, -2, 0, -2, -2, -2, -3]
//   ⟨ȳ, J·ẋ⟩ from Forward = -1, ⟨Jᵀȳ, ẋ⟩ from Adjoint = -17 (scale 66, rounding noise 2.6645352591003757E-15 and 0, allowed 6.601010658141037E-09)
//   ----- generated code
//   //----- Fuzz.M200030r13c8.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed200030
{
    [Differentiable]
    public static void sq(ReadOnlySpan<double> x0, Span<double> o0)
    {
        double s3 = 1.0;
        for (int i4 = 0; i4 < o0.Length; i4++)
        {
            o0[i4] = s3;
            s3 = Math.Max(s3, x0[i4]);
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, [NoDiff] double exp, Span<double> h0, Span<double> o0)
    {
        Seed200030.sq(x0[1..], h0[1..]);
        sq(h0[1..], o0[1..]);
        return x0[x0.Length - 1];
    }
}
