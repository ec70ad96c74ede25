// Fixed: the class of seed-60080 (a fixed index read in a loop that may not run, checked up front); found by the long run of 2026-12-07.
// Differential-fuzzing regression, minimized. seed: 68034
// It failed the check 'Forward (SIMD off) runs':
//   at point 0: scalars [-0.9274196624755859, 1.080063819885254], ints [], spans [-0.1802215576171875; 0.2533531188964844; -1.1709890365600586], ẋ [-3, 0; -1; -; -], ȳ [-1; -; -3; 0]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at FuzzHarness.M68034r3c4Harness.Forward(Double[] s, Double[] sDot, Int32[] k, Double[][] sp, Double[][] spDot, Double[] resultDot)
//      at System.RuntimeMethodHandle.InvokeMethod(ObjectHandleOnStack target, Void** arguments, ObjectHandleOnStack sig, BOOL isConstructor, ObjectHandleOnStack result)
using System;
using AutoGrad;
using static Fuzz.Seed68034;
using static Fuzz.Seed68034Helpers;

namespace Fuzz;

public static partial class Seed68034
{
    [Differentiable]
    public static void Dense(ReadOnlySpan<double> product, Span<double> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            if (product[i1] > o0[0])
            {
                o0[0] = product[i1];
            }
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> product, double a0, [NoDiff] double c0, Span<double> h0, Span<double> o0)
    {
        Dense(h0[1..], o0[1..]);
        double s1 = (a0 + product[product.Length - 1]);
        for (int i2 = 0; i2 < o0.Length; i2++)
        {
            s1 = Math.Max(s1, product[i2]);
            o0[i2] += (s1 + Math.Log(product[i2] * product[i2] + 1.0));
        }
        if (Math.Sqrt(Math.Tanh(((double)product.Length)) * Math.Tanh(((double)product.Length)) + 0.25) < product[product.Length - 1])
        {
            return (-(product[product.Length - 1] * product[product.Length - 1]));
        }
        double o0Bar = (-0.5);
        for (int i4 = product.Length - 1; i4 >= 0; i4--)
        {
            o0Bar += product[product.Length - 1];
        }
        double t5 = s1;
        return ((product[0] + (o0Bar * Math.Cbrt(o0Bar + 0.3))) + Math.Sin(a0));
    }
}

public static partial class Seed68034Helpers
{
    [Differentiable]
    public static double Exp(double a0)
    {
        return (Math.Clamp(Math.Tan(Math.Tanh(a0)), (-1.0), 1.5) + (a0 * (-0.5)));
    }
}
