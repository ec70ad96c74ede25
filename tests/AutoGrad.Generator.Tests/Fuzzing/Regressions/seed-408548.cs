// Differential-fuzzing regression, minimized. seed: 408548
// It failed the check 'Adjoint against finite differences (SIMD off)':
//   at point 1: scalars [], ints [1], spans [-1.7509374618530273, 0.18552494049072266, 0.4855766296386719, 1.7598333358764648, 1.776803970336914, 1.5314435958862305, -0.6001520156860352, -0.9973115921020508; -1.1682710647583008, -0.11870288848876953, -1.8841314315795898, -0.1692209243774414, -0.5751609802246094, -1.0618391036987305, -0.021483421325683594, -0.13325119018554688], ẋ [; 1, 2, 1, 0, 2, -2, -3, 1; 2, -3, 0, -3, 1, 1, -2, 2], ȳ [1; -; -]
//   Adjoint gives 6.628543381778766, central differences 5.2946162264343 (at h: 5.29461622402232), rounding noise 7.993605777301127E-15, allowed 6.634279719727258E-06
//   ----- generated code
//   //----- Fuzz.M408548r15c1.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed408548
{
    [Differentiable]
    public static double S0(ReadOnlySpan<double> w, double value)
    {
        return 1.0;
    }

    [Differentiable]
    public static double Square(ReadOnlySpan<double> w, double value)
    {
        int iteration = 0;
        double v3 = 1.0;
        int i = 0;
        double quotient = 0.0;
        return ((v3 * (value + value)) + (Math.Sin(value) + quotient));
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> w, ReadOnlySpan<double> product, int n0)
    {
        double multiply = w[0];
        for (long n = 0; n < w.Length; n++)
        {
            multiply = multiply * 0.5 + ((product[0] + multiply) * multiply);
            if (w[w.Length - 1] >= 0.25)
            {
                return w[0];
            }
        }
        double t10 = Math.Log2(multiply * multiply + 2.0);
        double s11 = 0.0;
        for (int index = 0; index < w.Length; index++)
        {
            s11 += (w[index] * ((product[0] - multiply) + (multiply + w[0])));
        }
        return (Square(w, Math.Clamp(t10, product[product.Length - 1], product[product.Length - 1] + 1.0)) + s11);
    }
}
