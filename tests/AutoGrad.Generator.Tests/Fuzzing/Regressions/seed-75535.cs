// Fixed: the class of seed-60080 (a fixed index read in a loop that may not run, checked up front); found by the long run of 2026-12-07.
// Differential-fuzzing regression, minimized. seed: 75535
// It failed the check 'Forward (SIMD off) runs':
//   at point 2: scalars [1.69140625], ints [], spans [1.62890625; 1.0234375; -1.984375; -0.85546875], ẋ [0; 0; -; -; -], ȳ [2; -; -; -2; 2]
//   Forward (SIMD off) threw System.ArgumentException: 'o0' is too short for the indexing of this method. (Parameter 'o0')
//      at Fuzz.M75535r2c2.V1Forward(ReadOnlySpan`1 x0, ReadOnlySpan`1 x0Dot, Span`1 o0, Span`1 o0Dot)
//      at FuzzHarness.M75535r2c2Harness.Forward(Single[] s, Single[] sDot, Int32[] k, Single[][] sp, Single[][] spDot, Single[] resultDot)
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed75535
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i1 = 0; i1 < o0.Length; i1++)
        {
            o0[i1] += ((x0[i1] / ((MathF.Floor(MathF.Tanh(x0[i1]) * 2f) + x0[i1]) * (MathF.Floor(MathF.Tanh(x0[i1]) * 2f) + x0[i1]) + 0.5f)) + (x0[i1] * 0.5f));
        }
    }

    [Differentiable]
    public static void V1(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i5 = 0; i5 < o0.Length; i5++)
        {
            o0[i5] += (x0[i5] + (x0[i5] * (((float)i5) * x0[i5])));
            if (x0[i5] > o0[0])
            {
                o0[0] = x0[i5];
            }
        }
    }

    [Differentiable]
    public static float F(ReadOnlySpan<float> x0, [NoDiff] ReadOnlySpan<float> exp, [NoDiff] float c0, Span<float> product, Span<float> o0)
    {
        Seed75535.V0(x0[1..], product[1..]);
        Seed75535.V1(product[1..], o0[1..]);
        if (!((x0[0] > c0 || c0 <= 0.25f)))
        {
            if (exp[0] < (MathF.Ceiling(MathF.Tanh(MathF.Cosh(MathF.Tanh(c0) * 2f)) * 2f) * (exp[exp.Length - 1] / (c0 * c0 + 0.5f))))
            {
                if (MathF.Pow(MathF.Asin(MathF.Tanh(c0) * 0.9f) * MathF.Asin(MathF.Tanh(c0) * 0.9f) + 1f, 1.5f) < (-c0))
                {
                    o0[0] = exp[exp.Length - 1];
                    o0[0] = c0;
                }
                float xDot = 0f;
                for (int n = 1; n < x0.Length; n++)
                {
                    xDot += (xDot * exp[0]);
                    xDot *= (1f + 0.5f * MathF.Sin((1.25f < (xDot * (-2f)) ? MathF.Tanh(xDot) : (-exp[0]))));
                }
            }
            else
            {
                float sin = (x0[0] * MathF.Max((1.5f + c0), c0));
            }
        }
        else
        {
            float tmp = 0f;
            for (int i5 = 0; i5 < 4; i5++)
            {
                tmp += exp[0];
                float t6 = (((float)x0.Length) - ((-((float)i5)) * MathF.Log(tmp * tmp + 1f, 3f)));
            }
        }
        float v7 = Math.Clamp(x0[x0.Length - 1], c0, c0 + 1f);
        int k8 = 0;
        while (k8 < 5 && (exp[exp.Length - 1] * c0) <= 0.75f)
        {
            k8++;
            v7 = ((k8 > 1 ? v7 : exp[0]) * c0);
            int k9 = 0;
            while (k9 < 2 && v7 < (((float)k8) + 0.5f))
            {
                k9++;
                v7 = (MathF.Abs(((float)k8)) + c0);
            }
        }
        if (!(!(1.5f < c0)))
        {
            return MathF.Min(c0, c0);
        }
        v7 -= v7;
        float s10 = 0f;
        for (int iterations = 0; iterations < x0.Length; iterations++)
        {
            s10 += (x0[iterations] * x0[x0.Length - 1]);
        }
        return (MathF.Log2(MathF.FusedMultiplyAdd(Math.Clamp(exp[exp.Length - 1], c0, c0 + 1f), MathF.Pow(exp[exp.Length - 1] * exp[exp.Length - 1] + 0.5f, MathF.Tanh(c0) * 2f), exp[exp.Length - 1]) * MathF.FusedMultiplyAdd(Math.Clamp(exp[exp.Length - 1], c0, c0 + 1f), MathF.Pow(exp[exp.Length - 1] * exp[exp.Length - 1] + 0.5f, MathF.Tanh(c0) * 2f), exp[exp.Length - 1]) + 2f) + s10);
    }
}
