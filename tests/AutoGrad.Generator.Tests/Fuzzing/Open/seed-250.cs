// Differential-fuzzing regression, minimized. seed: 250
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 0: scalars [], ints [], spans [1.0546875, 0.22265625, 1.45703125, 0.99609375; -1.2578125, 0.73046875, -1.8203125, 1.3671875; -1.2265625, 0.42578125, -0.66796875, 1.71484375], ẋ [; 1, 1, 2, 0; -; -], ȳ [1; -; -; -1, 2, 1, -3]
//   Forward gives 123198.09375, central differences 771490.5 (at h: 771870), allowed 1375.690955529785
//   ----- generated code
//   //----- Fuzz.M250r3c10.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed250
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        float t4 = 0.25f;
        for (int i5 = 0; i5 < o0.Length; i5++)
        {
            o0[i5] += (Math.Clamp(t4, x0[i5], x0[i5] + 1f) + (x0[i5] * ((float)i5)));
        }
    }

    [Differentiable]
    public static float F(ReadOnlySpan<float> x0, [NoDiff] ReadOnlySpan<float> y0, Span<float> o0)
    {
        float v1 = (x0[x0.Length - 1] - MathF.Min(0.75f, ((float)x0.Length)));
        int k2 = 0;
        while (k2 < 4 && MathF.Abs(v1) > 0.1f)
        {
            k2++;
            v1 = MathF.Max(x0[(k2 - 1) % x0.Length], v1);
        }
        float t3 = Math.Clamp(y0[0], y0[0], y0[0] + 1f);
        for (int i4 = 0; i4 < x0.Length; i4 += 2)
        {
            float t5 = ((MathF.Asin(MathF.Tanh(((float)i4)) * 0.9f) + MathF.Pow(v1 * v1 + 0.5f, MathF.Tanh(y0[y0.Length - 1]) * 2f)) < Math.Clamp((t3 * t3), (1.25f / (v1 * v1 + 0.5f)), (1.25f / (v1 * v1 + 0.5f)) + 1f) ? ((v1 * x0[0]) - (v1 - y0[i4])) : ((float)i4));
            for (int i6 = x0.Length - 1; i6 >= 0; i6--)
            {
                t3 = t3 * 0.5f + MathF.FusedMultiplyAdd(v1, ((float)x0.Length), MathF.Min(x0[x0.Length - 1], t3));
                t3 += v1;
            }
            t5 *= (1f + 0.5f * MathF.Tanh(MathF.Log(t5 * t5 + 1f)));
        }
        float t7 = (MathF.Pow(MathF.Atan(v1) * MathF.Atan(v1) + 0.5f, MathF.Tanh((y0[0] < x0[x0.Length - 1] ? y0[0] : t3)) * 2f) - ((v1 > t3 ? v1 : y0[0]) + MathF.Sqrt(t3 * t3 + 0.25f)));
        t7 += v1;
        float s8 = 0f;
        for (int i9 = 0; i9 < x0.Length; i9++)
        {
            s8 += (x0[i9] * (MathF.Floor(MathF.Pow(t7 * t7 + 0.5f, MathF.Tanh(t3) * 2f)) + (y0[i9] > 0.1f ? t3 : t7)));
        }
        return (y0[y0.Length - 1] + s8);
    }
}
