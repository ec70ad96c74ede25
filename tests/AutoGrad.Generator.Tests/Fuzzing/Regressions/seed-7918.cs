// Differential-fuzzing regression, minimized. seed: 7918
// It failed the check 'derivatives finite (SIMD off)':
//   at point 2: scalars [-1.4921875], ints [], spans [-1.25, 1.77734375, 1.9765625, -0.58984375, -0.6171875, -1.06640625, 1.703125, -0.30859375, -0.3515625, 0.109375, 1.921875; -1.68359375, -0.671875, -0.18359375, -1.2265625, 1.984375, 0.796875, -0.265625, 1.30078125, -0.44140625, -1.2734375, 1.9609375; -0.23828125, -0.16796875, -1.09765625, 1.625, -0.23046875, -0.203125, 0.9765625, 0.90625, 0.90625, 1.671875, 0.3046875], ẋ [0; 3, 0, 2, 1, -2, -3, -2, -3, 1, -2, 1; -; -], ȳ [0; -; -; 0, -2, -3, -1, -3, 3, -3, -2, 0, 3, -2]
//   forward ⟨ȳ, J·ẋ⟩ = NaN, adjoint ⟨Jᵀȳ, ẋ⟩ = 0, but the function is smooth there with finite differences 0
//   ----- generated code
//   //----- Fuzz.M7918r7c4.F.g.cs
// Why it passes now: the float tangent of o0[0] = |s4| overflows (s4 iterated through s*(1 + sin(s)/2) ~100 times; ~8e34 in double) and gives NaN, but its ȳ is 0: the checker now leaves zero-weighted components out of <ȳ, J·ẋ> instead of computing 0*NaN (not a generator bug).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed7918
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        for (int i2 = 0; i2 < o0.Length; i2++)
        {
            o0[i2] += (MathF.Log(x0[i2] * x0[i2] + 1f) + (x0[i2] * x0[i2]));
        }
    }

    [Differentiable]
    public static float F(ReadOnlySpan<float> x0, [NoDiff] ReadOnlySpan<float> y0, [NoDiff] float c0, Span<float> o0)
    {
        float s4 = x0[x0.Length - 1];
        for (int i5 = 1; i5 < x0.Length; i5++)
        {
            s4 += MathF.Asin(MathF.Tanh((x0[i5 - 1] + c0)) * 0.9f);
            if (x0[i5 - 1] < (y0[i5] <= 2f ? s4 : MathF.Min(x0[i5], 1.5f)))
            {
            }
            else
            {
                for (int i8 = 0; i8 < x0.Length; i8++)
                {
                    s4 *= (1f + 0.5f * MathF.Sin(s4));
                }
            }
            s4 += MathF.Asin(MathF.Tanh((y0[y0.Length - 1] - ((float)i5))) * 0.9f);
            s4 += MathF.Min((((float)i5) < c0 ? c0 : y0[y0.Length - 1]), (-y0[y0.Length - 1]));
        }
        o0[0] = MathF.Abs(s4);
        float s10 = 0f;
        for (int i11 = 0; i11 < x0.Length; i11++)
        {
            s10 += (x0[i11] * MathF.Cos(c0));
        }
        return (MathF.Sinh(MathF.Tanh((c0 / (MathF.Exp(MathF.Tanh((c0 / (MathF.Exp(MathF.Tanh(c0)) + 0.25f)))) + 0.25f))) * 2f) + s10);
    }
}
