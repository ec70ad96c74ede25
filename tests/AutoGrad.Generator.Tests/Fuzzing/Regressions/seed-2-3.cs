// Differential-fuzzing regression, minimized. seed: 2
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [-0.3208303451538086], ints [], spans [0.6122827529907227, 0.9278926849365234, -0.05112171173095703, 1.1829719543457031, 1.031540870666504, -1.8977117538452148, -1.484126091003418, -0.05082416534423828, 0.7258739471435547, 1.4633064270019531, 0.177886962890625, -1.653757095336914; -0.039656639099121094, 0.5650815963745117, -0.822479248046875, -0.1831521987915039, -0.11019229888916016, -0.2174062728881836, 0.47635936737060547, -0.5693378448486328, -0.32405662536621094, 0.46903133392333984, 1.8191938400268555, -1.3107728958129883; -1.134368896484375, 1.8419885635375977, 0.8764171600341797, 1.4835309982299805, 1.3596019744873047, 0.4945964813232422, -1.2902650833129883, 0.7136325836181641, -1.7527780532836914, 1.5904569625854492, 0.48476409912109375, 0.5959539413452148; 0.6881952285766602, -0.9150714874267578, -0.7912006378173828, -1.5895967483520508, -1.4801130294799805, -1.5298891067504883, -1.3311643600463867, 1.6398391723632812, 1.2111434936523438, -1.0113887786865234, 1.1370658874511719, -0.05649566650390625], ẋ [0; 2, -1, 1, -2, -2, 1, -3, -3, 2, -1, 1, 2; -; -; -], ȳ [-1; -; -; -2, 1, -3, 1, 3, -3, 1, -3, 1, 2, -2, -2; 0, -2, -1, 0, -3, -1, 3, -2, -2, -3, 0, -3]
//   ⟨ȳ, J·ẋ⟩ from Forward = -4.785972744609467, ⟨Jᵀȳ, ẋ⟩ from Adjoint = -1.0996732711791992 (scale 17.908298229015372, rounding noise 9.769962616701378E-15 and 1.1102230246251565E-15, allowed 1.7918733436441028E-09)
//   ----- generated code
//   //----- Fuzz.M2r21c7.F.g.cs
using System;
using AutoGrad;
using static Fuzz.Seed2_3;
using static Fuzz.Seed2_3Helpers;

namespace Fuzz;

public static partial class Seed2_3
{
    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, [NoDiff] double c0, Span<double> hidden, Span<double> o0)
    {
        V0(x0[1..], hidden[1..]);
        V0(hidden[1..], o0[1..]);
        return 1.0;
    }
}

public static partial class Seed2_3Helpers
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        double max = 1.0;
        for (int iteration = 0; iteration < o0.Length; iteration++)
        {
            max = 0.75 * max + 0.25 * x0[iteration];
        }
        for (int i5 = 0; i5 < o0.Length; i5++)
        {
            o0[i5] = max;
        }
    }
}
