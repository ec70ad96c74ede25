// Differential-fuzzing regression, minimized. seed: 4936
// It failed the check 'dot product (SIMD off)':
//   at point 0: scalars [-1.3235483169555664], ints [], spans [-0.9325780868530273, 1.0682458877563477, 0.10160446166992188, -0.9316568374633789, -1.7052879333496094, 0.38064002990722656, 1.4141006469726562, 1.8490047454833984; 1.1118431091308594, 1.180337905883789, -1.3038043975830078, 1.9015378952026367, -0.3284940719604492, -1.2580852508544922, -0.6910333633422852, 0.7225713729858398; 1.8967571258544922, 0.3352241516113281, -0.9531641006469727, 0.763519287109375, 0.6373538970947266, 0.7518730163574219, -1.593327522277832, -0.8060646057128906], ẋ [0; -1, 0, 0, 0, -1, -3, 3, 2; -3, 3, -1, -2, 0, 1, 3, -2; -], ȳ [3; -; -; -3, 1, -2, 0, 0, -2, 3, -2]
//   ⟨ȳ, J·ẋ⟩ from Forward = 5.955967426300049, ⟨Jᵀȳ, ẋ⟩ from Adjoint = 12.315112701699427 (scale 18.271080127999475, allowed 1.8281080127999477E-09)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed4936
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        for (int i7 = 0; i7 < o0.Length; i7++)
        {
            o0[i7] = (x0[i7] + (x0[i7] * Math.Min(x0[i7], x0[i7])));
        }
    }

    [Differentiable]
    public static double H1(double a0, double a1)
    {
        double t4 = (Math.Exp(Math.Tanh(Math.Log(a0 * a0 + 1.0)) * 2.0) <= 2.0 ? 0.5 : a0);
        return (t4 + (a0 * 0.25));
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, [NoDiff] double c0, Span<double> o0)
    {
        if ((c0 * x1[x1.Length - 1]) <= 1.5)
        {
            o0[0] = (Math.Cosh(Math.Tanh(x1[x1.Length - 1]) * 2.0) / (Math.Exp(Math.Tanh((x0[x0.Length - 1] / (c0 * c0 + 0.5)))) + 0.25));
        }
        double s2 = Math.Max(x1[x1.Length - 1], c0);
        for (int i3 = x0.Length - 1; i3 >= 0; i3--)
        {
            s2 = s2 * 0.5 + Math.Log2(Math.Tan(Math.Tanh(x0[i3])) * Math.Tan(Math.Tanh(x0[i3])) + 2.0);
            double v4 = x1[i3];
            int k5 = 0;
            while (k5 < 4 && s2 < H1(c0, (s2 - 0.1)))
            {
                k5++;
                v4 = Math.Pow((-c0) * (-c0) + 0.5, Math.Tanh((c0 + x1[x1.Length - 1])) * 2.0);
                s2 += (H1(Math.Log(v4 * v4 + 1.0, 3.0), x0[0]) * c0);
            }
        }
        double t6 = (-H1(Math.Log2(x1[0] * x1[0] + 2.0), s2));
        double t7 = Math.Atan2(Math.Atan(Math.FusedMultiplyAdd(s2, c0, c0)), Math.FusedMultiplyAdd(H1((s2 / (Math.Exp(Math.Tanh(x1[x1.Length - 1])) + 0.25)), s2), (0.25 < x1[0] ? s2 : x1[0]), x0[0]));
        if (((x0[0] < x1[0] ? 0.75 : s2) + Math.Sinh(Math.Tanh(t7) * 2.0)) < (x0[x0.Length - 1] + x1[0]))
        {
            return (1.5 * (c0 * x0[0]));
        }
        double s8 = 0.0;
        for (int i9 = 0; i9 < x0.Length; i9++)
        {
            s8 += (x0[i9] * Math.Sinh(Math.Tanh(Math.Log2(x1[x1.Length - 1] * x1[x1.Length - 1] + 2.0)) * 2.0));
        }
        return (((Math.Pow(t7 * t7 + 1.0, 1.5) * Math.Min(c0, t7)) + H1((t6 * x1[0]), Math.Clamp(x0[0], x1[0], x1[0] + 1.0))) + s8);
    }
}
