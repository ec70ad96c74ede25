// Found by the 20,000-program run of 2026-12-07 (seeds 100001..120000). Not a generator defect: the gradient's terms
// cancel, so its differences at the checker's steps wander by 1e-4 (h = 2^-10: -121877591, 2^-15: -121889974, 2^-18:
// -121917965) around the product -121880648; the check now allows the gradient's own rounding noise divided by the step.
// Differential-fuzzing regression, minimized. seed: 109906
// It failed the check 'HessianVector against differences of the gradient':
//   at point 2: scalars [0.4766073226928711, -1.9747381210327148], ints [2], spans [-1.0498790740966797, -1.417633056640625, -0.8624668121337891, -0.0798959732055664, -0.5726156234741211, -1.8920087814331055, 0.8795328140258789, -1.5777082443237305, -0.7305774688720703, -0.8118991851806641, -1.7150802612304688; -0.5060758590698242, 1.9165830612182617, 1.1110734939575195, -1.0509138107299805, 1.3985300064086914, 0.18462848663330078, -1.5128364562988281, -1.0034313201904297, -0.7662696838378906, -0.39954471588134766, -1.331716537475586; 0.2459716796875, -0.33252429962158203, -1.7586021423339844, -0.7214908599853516, 0.5564041137695312, 1.78021240234375, -1.7303133010864258, -1.403914451599121, -0.8379926681518555, 1.8641080856323242, 1.6067781448364258; 1.907832145690918, 1.6808700561523438, 1.2337226867675781, 0.2612419128417969, -1.827488899230957, 1.0608234405517578, 1.0104246139526367, 0.13874340057373047, -0.5401468276977539, 0.2867565155029297, -1.0700836181640625], ẋ [0, 0; 3, -3, 1, -1, 2, -1, 1, 2, -1, 1, -3; -3, 1, 3, -1, -3, -1, 2, -3, -2, -3, -3; -; -], ȳ [0; -; -; -; 0, -3, 3, 0, -2, 0, -1, 0, 2, -3, 1]
//   ⟨ẋ, H·ẋ⟩ = -121880647.97421432 from HessianVector, central differences of ⟨∇φ, ẋ⟩ -121889974.24511719 (at h: -121882968.73413086), rounding noise 2.420652613043785, allowed 7137.2513035516
//   ----- generated code
//   //----- Fuzz.M109906r2c3.F.g.cs
using System;
using AutoGrad;
using static Fuzz.Seed109906;
using static Fuzz.Seed109906Helpers;

namespace Fuzz;

public static partial class Seed109906
{
    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, [NoDiff] ReadOnlySpan<double> y0, [NoDiff] double c0, [NoDiff] double product, int n0, Span<double> o0)
    {
        double y0Bar = S1(x0, y0, ((double)x0.Length));
        for (int i2 = 1; i2 < x0.Length; i2++)
        {
            y0Bar *= (1.0 + 0.5 * Math.Sin((Math.Log(Math.Exp(Math.Tanh(product) * 2.0) + 1.0) / ((x0[i2 - 1] + c0) * (x0[i2 - 1] + c0) + 0.5))));
            for (int iterations = 0; iterations <= n0; iterations++)
            {
                y0Bar += y0Bar;
                double t4 = Math.Log((exp(Math.Log(x1[i2] * x1[i2] + 1.0)) + (Math.Floor(Math.Tanh(c0) * 2.0) + ((double)iterations))) * (exp(Math.Log(x1[i2] * x1[i2] + 1.0)) + (Math.Floor(Math.Tanh(c0) * 2.0) + ((double)iterations))) + 1.0, 3.0);
            }
            y0Bar = y0Bar * 0.5 + Math.Pow(Math.Pow(c0 * c0 + 0.5, (-0.5)) * Math.Pow(c0 * c0 + 0.5, (-0.5)) + 0.5, Math.Tanh((x0[i2 - 1] + x0[0])) * 2.0);
        }
        double o0Dot = (-c0);
        for (int i6 = o0.Length - 1; i6 >= 0; i6--)
        {
            o0Dot = o0Dot + (x0[i6] * y0Bar);
            if ((x1[0] + x1[i6]) < product)
            {
                return;
            }
            o0[i6] += (o0Dot + (y0Bar * y0Bar));
        }
        for (int i7 = 0; i7 < o0.Length; i7++)
        {
            o0[i7] = (o0Dot + (x1[i7] * y0Bar));
        }
    }
}

public static partial class Seed109906Helpers
{
    [Differentiable]
    public static double exp(double a0)
    {
        double y0Bar = (Math.Truncate(Math.Tanh(Math.Cos(Math.Min(a0, a0))) * 2.0) - 0.5);
        return (y0Bar + a0);
    }

    [Differentiable]
    public static double S1(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> y0, double a0)
    {
        double v1 = ((a0 <= 0.5 || 0.75 < a0) ? (0.1 * 3.0) : a0);
        int k2 = 0;
        double t5 = Math.Log2(Math.Sqrt((v1 + ((double)x0.Length)) * (v1 + ((double)x0.Length)) + 0.25) * Math.Sqrt((v1 + ((double)x0.Length)) * (v1 + ((double)x0.Length)) + 0.25) + 2.0);
        double s6 = 0.0;
        for (int i7 = 0; i7 < x0.Length; i7++)
        {
            s6 += (x0[i7] * (-2.0));
        }
        return ((a0 * v1) + (Math.Sin(a0) + s6));
    }
}
