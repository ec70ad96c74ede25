// Kept: not a generator defect. The second V0 call sees inputs near 4.6·10¹⁶, so its adjoint passes on
// cotangents near 10¹³ that cancel exactly in exact arithmetic but leave x̄ rounded to ~10⁻² (Forward's
// tangents are exactly 0). The checker's perturbation did not reach what `x̄ += …` stores; it now does
// (InstrumentedProgram rewrites a compound assignment as x = V(x op e)), and the noise covers it.
// Differential-fuzzing regression, minimized. seed: 71112
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [1.0591297149658203, 1.0389041900634766], ints [], spans [-1.9475488662719727, 1.5906238555908203, -0.6174478530883789, 0.5159616470336914, -1.638777732849121, 0.4025564193725586, 1.1167526245117188, 1.526484489440918, -0.0012102127075195312, 0.7058391571044922, -1.460597038269043, 0.053725242614746094; 1.8757095336914062, 0.822260856628418, -0.7802438735961914, 1.475973129272461, 0.692509651184082, -1.755782127380371, 0.2518033981323242, -1.756174087524414, 0.4983844757080078, -1.4107170104980469, 1.6454076766967773, -1.9839801788330078; 1.9587926864624023, 1.5443544387817383, -1.7091054916381836, 1.7441596984863281, 1.9984369277954102, -0.5953798294067383, -0.2253398895263672, 1.9720077514648438, 0.8842363357543945, -0.15174484252929688, -0.6057863235473633, -1.7764759063720703; 1.9687328338623047, -0.9219350814819336, 0.15180206298828125, 0.23018264770507812, -0.42315196990966797, -0.7081193923950195, -1.716989517211914, -0.9836263656616211, -0.5462284088134766, -1.5123310089111328, 0.4647846221923828, -1.1522245407104492], ẋ [1, 0; 0, -2, -2, -1, 1, -3, 3, 3, -1, 1, -2, 0; -; -; -], ȳ [0; -; -; 2, 3, -2, -2, -3, 2, 0, -1, -2, 3, -1, 0; -3, 1, -1, -3, 1, 1, 3, -2, 3, -1, 0, -3]
//   ⟨ȳ, J·ẋ⟩ from Forward = 4.440892098500626E-16, ⟨Jᵀȳ, ẋ⟩ from Adjoint = 0.0023136138916015625 (scale 26.357354701016277, rounding noise 2.831068712794149E-15 and 0, allowed 2.636746794376479E-09)
//   ----- generated code
//   //----- Fuzz.M71112r2c1.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed71112
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> hidden)
    {
        double tanh = ((double)x0.Length);
        for (int i2 = x0.Length - 1; i2 >= 0; i2--)
        {
            int k = 0;
            while (k < 5 && (tanh < x0[i2] || tanh <= 1.25))
            {
                k++;
                tanh = (x0[i2] + 2.0);
            }
            tanh = Math.Max(tanh, tanh);
        }
        double a0Bar = (((tanh <= 0.5 ? ((double)x0.Length) : tanh) / (Math.Abs(tanh) * Math.Abs(tanh) + 0.5)) + ((tanh * tanh) * (tanh * tanh)));
        double s6 = a0Bar;
        for (int iterations = 0; iterations < hidden.Length; iterations++)
        {
            s6 = s6 + (x0[iterations] * (x0[iterations] - x0[iterations]));
            double t8 = (s6 * Math.Log2(Math.Log(x0[iterations] * x0[iterations] + 1.0, 3.0) * Math.Log(x0[iterations] * x0[iterations] + 1.0, 3.0) + 2.0));
            hidden[iterations] = (s6 + Math.Log10(tanh * tanh + 0.5));
        }
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, double a0, [NoDiff] double exp, Span<double> h0, Span<double> hidden)
    {
        V0(x0[1..], h0[1..]);
        V0(h0[1..], hidden[1..]);
        if (Math.Min(x0[x0.Length - 1], Math.Log10(x0[0] * x0[0] + 0.5)) < y0[0])
        {
            double product = x0[x0.Length - 1];
        }
        double s2 = 0.0;
        for (int i3 = 0; i3 < 2; i3++)
        {
            s2 += x0[x0.Length - 1];
            s2 = s2 * 0.5 + exp;
        }
        s2 = s2 * 0.5 + ((double)x0.Length);
        double t4 = (s2 + s2);
        for (int i5 = 0; i5 < hidden.Length; i5++)
        {
            hidden[i5] += (s2 + (x0[i5] * Math.Log10(1.5 * 1.5 + 0.5)));
            if (x0[i5] > hidden[0])
            {
                hidden[0] = x0[i5];
            }
        }
    }
}
