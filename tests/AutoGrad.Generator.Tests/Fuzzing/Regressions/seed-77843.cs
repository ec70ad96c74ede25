// Fixed: the class of seed-60080 (a fixed index read in a loop that may not run, checked up front); found by the long run of 2026-12-07.
// Differential-fuzzing regression, minimized. seed: 77843
// It failed the check 'Forward (SIMD off) runs':
//   at point 1: scalars [-1.1739702224731445], ints [], spans [-0.16627216339111328; -0.6874418258666992; 1.7238492965698242; -0.378570556640625], ẋ [0; -2; -; -; -], ȳ [-2; -; -; -1; 1]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at Fuzz.M77843r2c2.V0Forward(ReadOnlySpan`1 x0, ReadOnlySpan`1 x0Dot, Span`1 o0, Span`1 o0Dot)
//      at Fuzz.M77843r2c2.FForward(ReadOnlySpan`1 x0, ReadOnlySpan`1 x0Dot, ReadOnlySpan`1 y0, Double weights, Span`1 h0, Span`1 h0Dot, Span`1 o0, Span`1 o0Dot, Double& resultDot)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed77843
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        double v1 = Math.Acos(Math.Tanh(((double)x0.Length)) * 0.9);
        int k2 = 0;
        for (int i4 = 0; i4 < o0.Length; i4++)
        {
            if (x0[i4] > o0[0])
            {
                o0[0] = x0[i4];
            }
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, [NoDiff] double weights, Span<double> h0, Span<double> o0)
    {
        V0(x0[1..], h0[1..]);
        V0(h0[1..], o0[1..]);
        if (x0[x0.Length - 1] < y0[0])
        {
            double s1 = 0.1;
            for (int i2 = 0; i2 < x0.Length; i2 += 2)
            {
                s1 += (y0[0] + Math.Exp(Math.Tanh(x0[x0.Length - 1]) * 2.0));
                if ((3.0 < y0[0] && s1 < weights))
                {
                    continue;
                }
                s1 *= (1.0 + 0.5 * Math.Tanh(weights));
            }
        }
        else
        {
            if ((Math.FusedMultiplyAdd(weights, weights, weights) + (y0[0] * weights)) > weights)
            {
                double sq = y0[y0.Length - 1];
                int k4 = 0;
                while (k4 < 4 && Math.Abs(sq) > 0.1)
                {
                    k4++;
                    sq = (y0[0] - x0[0]);
                    if (k4 > 3)
                    {
                        return (x0[x0.Length - 1] - (sq * ((double)k4)));
                    }
                    if (k4 % 2 == 0)
                    {
                        continue;
                    }
                }
            }
            if (Math.Min(y0[0], weights) > y0[y0.Length - 1])
            {
                if (!(3.0 > (x0[x0.Length - 1] * (-0.5))))
                {
                    o0[0] = (-(weights - weights));
                    double t5 = Math.Log(y0[y0.Length - 1] * y0[y0.Length - 1] + 1.0, 3.0);
                }
                else
                {
                    double t6 = (weights * ((Math.Round(Math.Tanh(weights) * 2.0) * 1.5) + y0[0]));
                }
            }
            else
            {
                if (((y0[0] + weights) < Math.Atan(1.25) && weights < Math.Atan(y0[0])))
                {
                    double t7 = (((weights * y0[y0.Length - 1]) / (weights * weights + 0.5)) > weights ? y0[y0.Length - 1] : Math.Clamp(weights, weights, weights + 1.0));
                    double resultBar = (Math.Truncate(Math.Tanh(((3.0 > (-2.0) ? t7 : weights) + Math.Tan(Math.Tanh(x0[0])))) * 2.0) - x0[0]);
                }
                else
                {
                    double cos = (weights + (Math.Log2(y0[0] * y0[0] + 2.0) * weights));
                }
                double t10 = (-2.0);
            }
        }
        double t11 = y0[0];
        double t12 = y0[0];
        double s13 = t12;
        for (int n = 1; n < x0.Length; n++)
        {
            s13 += Math.FusedMultiplyAdd(Math.Log(Math.Exp(Math.Tanh(t11) * 2.0) + 1.0), Math.Sqrt(y0[n - 1] * y0[n - 1] + 0.25), ((double)n));
        }
        double t15 = x0[x0.Length - 1];
        o0[0] = Math.Pow(x0[x0.Length - 1] * x0[x0.Length - 1] + 0.5, (-0.5));
        double value = 0.0;
        for (int i17 = 0; i17 < x0.Length; i17++)
        {
            value += (x0[i17] * ((0.25 + t12) / (weights * weights + 0.5)));
        }
        return (t15 + value);
    }
}
