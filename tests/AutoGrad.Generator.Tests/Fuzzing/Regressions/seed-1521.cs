// Differential-fuzzing regression, minimized. seed: 1521
// It failed the check 'HessianVector against differences of the gradient':
//   at point 1: scalars [], ints [5], spans [-1.1599922180175781, -0.18355846405029297, -0.12427616119384766, -1.2819108963012695, -0.5672063827514648; 1.8629522323608398, 0.7412004470825195, 0.41046714782714844, 0.7833280563354492, 1.5128459930419922], ẋ [; 0, 0, -1, -3, 2; 0, -1, 0, -1, 3], ȳ [-1; -; -]
//   ⟨ẋ, H·ẋ⟩ = -1.8818434541916503E+290 from HessianVector, central differences of ⟨∇φ, ẋ⟩ -2.4539567610788608E+149 (at h: 2.820510845091083E+148), allowed 1.8818437212378837E+284
//   ----- generated code
//   //----- Fuzz.M1521r6c2.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed1521
{
    [Differentiable]
    public static double H0(double a0, double a1, [NoDiff] double c0, int n0)
    {
        return (a1 + Math.Sin(a0));
    }

    [Differentiable]
    public static double S1(ReadOnlySpan<double> x0, double a0)
    {
        double s1 = a0;
        double s6 = 0.0;
        for (int i7 = 0; i7 < x0.Length; i7++)
        {
            s6 += (x0[i7] * (Math.Log(Math.Exp(Math.Tanh(0.1) * 2.0) + 1.0) * (x0[i7] + s1)));
        }
        return (Math.FusedMultiplyAdd(Math.Asin(Math.Tanh(((double)x0.Length)) * 0.9), (a0 - ((double)x0.Length)), ((double)x0.Length)) + ((a0 * 1.25) + s6));
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, int n0)
    {
        double s1 = 0.0;
        for (int i2 = 1; i2 < x0.Length; i2++)
        {
            s1 += Math.Clamp((s1 - s1), Math.Log10(((double)n0) * ((double)n0) + 0.5), Math.Log10(((double)n0) * ((double)n0) + 0.5) + 1.0);
            if ((-x0[i2 - 1]) <= 0.5)
            {
                if (n0 % 2 == 0)
                {
                    break;
                }
                double v3 = Math.Pow(s1 * s1 + 0.5, (-0.5));
                int k4 = 0;
                while (k4 < 5 && Math.Abs(v3) > 0.1)
                {
                    k4++;
                    v3 = Math.Log(x1[i2 - 1] * x1[i2 - 1] + 1.0);
                    double t5 = Math.Pow(s1 * s1 + 0.5, (-0.5));
                }
            }
            for (int i6 = 0; i6 < n0; i6++)
            {
                s1 = Math.Max(s1, (H0((x1[x1.Length - 1] * x1[i2 - 1]), ((double)i2), 1.5, 3) < (s1 * s1) ? (x1[i2 - 1] * s1) : (-x0[0])));
                double t7 = Math.Max((Math.Ceiling(Math.Tanh(Math.Tan(Math.Tanh(x1[i2]))) * 2.0) * s1), (-(((double)x0.Length) + x1[i2 - 1])));
                double t8 = ((-2.0) - ((t7 + x1[i2]) + x0[i2 - 1]));
            }
        }
        if (n0 % 2 == 0)
        {
            double t9 = s1;
        }
        else
        {
            double s10 = 0.0;
            for (int i11 = 0; i11 <= n0; i11++)
            {
                s10 += s10;
                double t12 = S1(x0[1..], x1[x1.Length - 1]);
                s1 += (S1(x1[1..], Math.FusedMultiplyAdd(s1, s1, 1.5)) * Math.Sign((s1 + ((double)n0))));
            }
        }
        double s13 = 0.0;
        for (int i14 = 0; i14 < x0.Length; i14++)
        {
            s13 += (x0[i14] * 0.1);
        }
        return (Math.Tanh((Math.Floor(Math.Tanh(x0[x0.Length - 1]) * 2.0) + H0(s1, Math.Acos(Math.Tanh(x0[x0.Length - 1]) * 0.9), 0.5, n0))) + s13);
    }
}
