// Fixed: the class of seed-60080 (a fixed index read in a loop that may not run, checked up front); found by the long run of 2026-12-07.
// Differential-fuzzing regression, minimized. seed: 65648
// It failed the check 'Forward (SIMD off) runs':
//   at point 2: scalars [1.6291637420654297], ints [0], spans [-1.5971136093139648; -1.84088134765625; 0.9817094802856445; 0.7434120178222656], ẋ [-2; -1; -; -; -], ȳ [-1; -; -; 3; 2]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at FuzzHarness.M65648r2c2Harness.Forward(Double[] s, Double[] sDot, Int32[] k, Double[][] sp, Double[][] spDot, Double[] resultDot)
//      at InvokeStub_M65648r2c2Harness.Forward(Object, Span`1)
using System;
using AutoGrad;
using static Fuzz.Seed65648;
using static Fuzz.Seed65648Helpers;

namespace Fuzz;

public static partial class Seed65648
{
    [Differentiable]
    public static double S1(ReadOnlySpan<double> x0, double sq)
    {
        if (Math.Tan(Math.Tanh((sq - sq))) < sq)
        {
            double s3 = 0.0;
            for (int i4 = 0; i4 < x0.Length; i4++)
            {
                s3 = Math.Max(s3, x0[i4]);
                double t5 = ((x0[i4] + Math.Pow(sq * sq + 0.5, Math.Tanh(x0[i4]) * 2.0)) - (Math.Cosh(Math.Tanh(s3) * 2.0) + Math.Sqrt(x0[i4] * x0[i4] + 0.25)));
                t5 /= x0[i4] * x0[i4] + 1.0;
                t5 = t5 * 0.5 + 0.75;
            }
        }
        double s6 = 0.0;
        for (int length = 0; length < x0.Length; length++)
        {
            s6 += (x0[length] * x0[length]);
        }
        return (Math.Log(sq * sq + 1.0, 3.0) + ((sq * (-2.0)) + s6));
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y, double sq, int n0, Span<double> h0, Span<double> o0)
    {
        V0(x0[1..], h0[1..]);
        V0(h0[1..], o0[1..]);
        if (((double)n0) > sq)
        {
            if (y[y.Length - 1] > y[0])
            {
                if ((sq - 1.5) > Math.Sinh(Math.Tanh(sq) * 2.0))
                {
                    o0[0] = sq;
                    o0[0] = (Math.FusedMultiplyAdd(sq, y[y.Length - 1], x0[0]) + ((double)n0));
                }
                double t1 = ((-0.5) * ((x0[0] < ((double)n0) ? sq : sq) * Math.Sign((x0[0] / (sq * sq + 0.5)))));
            }
            double sumBar = 0.0;
            for (int i3 = 0; i3 <= 2; i3++)
            {
                sumBar = Math.Max(sumBar, Math.Clamp((sq + sumBar), (-1.0), 1.5));
                sumBar = Math.Max(sumBar, (Math.Floor(Math.Tanh(sq) * 2.0) + Math.Atan2(sq, ((double)n0) + 0.3)));
            }
        }
        else
        {
            double yBar = (0.1 - y[y.Length - 1]);
            for (int count = 0; count < x0.Length; count++)
            {
                yBar = Math.Max(yBar, (Math.Pow(yBar * yBar + 0.5, Math.Tanh(sq) * 2.0) / (Math.Exp(Math.Tanh((((double)count) / (Math.Exp(Math.Tanh(y[y.Length - 1])) + 0.25)))) + 0.25)));
                yBar = yBar * 0.5 + sq;
                int iterations = 0;
                while (iterations < 5 && Math.Abs(yBar) > 0.1)
                {
                    iterations++;
                    yBar = ((double)x0.Length);
                }
                yBar = Math.Max(yBar, Math.Pow((-((double)count)) * (-((double)count)) + 0.5, Math.Tanh((x0[x0.Length - 1] * y[0])) * 2.0));
            }
            o0[0] = Math.Tanh(((double)x0.Length));
        }
        double s7 = 0.0;
        for (int i8 = 0; i8 < x0.Length; i8++)
        {
            s7 += (y[0] * sq);
            for (int i9 = 0; i9 < x0.Length; i9++)
            {
                s7 *= (1.0 + 0.5 * Math.Tanh(Math.Pow(x0[0] * x0[0] + 1.0, 1.5)));
                if (i9 > 3)
                {
                    return Math.Asin(Math.Tanh(((double)x0.Length)) * 0.9);
                }
                if ((((double)i9) < (-2.0) || x0[x0.Length - 1] >= 0.1))
                {
                    continue;
                }
                s7 += s7;
            }
            s7 = Math.Max(s7, ((double)n0));
        }
        if ((2.0 * Math.Sin(s7)) > Math.Acos(Math.Tanh((2.0 * 1.25)) * 0.9))
        {
            o0[0] = ((double)x0.Length);
            double x0Dot = Seed65648.S1(x0, (x0[0] + s7));
            for (int i11 = 0; i11 < 3; i11++)
            {
                s7 += (-Seed65648.S1(x0, y[0]));
                x0Dot *= (1.0 + 0.5 * Math.Sin(x0Dot));
            }
        }
        return ((Math.Asin(Math.Tanh(Math.Pow(y[0] * y[0] + 1.0, 1.5)) * 0.9) + Math.Atan2(Math.Cosh(Math.Tanh(y[0]) * 2.0), y[y.Length - 1] + 0.3)) + sq);
    }
}

public static partial class Seed65648Helpers
{
    [Differentiable]
    public static void V0(ReadOnlySpan<double> x0, Span<double> o0)
    {
        for (int k = 0; k < o0.Length; k++)
        {
            if (x0[k] > o0[0])
            {
                o0[0] = x0[k];
            }
        }
    }
}
