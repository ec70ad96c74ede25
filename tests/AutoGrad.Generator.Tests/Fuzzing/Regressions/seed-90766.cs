// Found by a 2,400-program run (seeds 90001..92400). Not a generator defect: s grows to 1e19 in the loop and its
// tangent to -7e71, past float's range, before tanh'(s) = 0 multiplies it (in float inf*0 = NaN, in double 0).
// The checker now tells that apart: the double twin's generated Forward is finite but has an intermediate
// beyond float.MaxValue (DifferentialChecker.DerivativeLeavesFloatRange).
// Differential-fuzzing regression, minimized. seed: 90766
// It failed the check 'derivatives finite (SIMD off)':
//   at point 0: scalars [], ints [0], spans [1.0859375, -0.8828125, -1.3046875, 0.796875, 0.765625], ẋ [; 1, -3, -2, -1, -3], ȳ [-1; -]
//   forward ⟨ȳ, J·ẋ⟩ = NaN, adjoint ⟨Jᵀȳ, ẋ⟩ = 0, but the function is smooth there with finite differences 0
//   ----- generated code
//   //----- Fuzz.M90766r1c0.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed90766
{
    [Differentiable]
    public static float F(ReadOnlySpan<float> x0, int n0)
    {
        float s6 = 0f;
        for (int i7 = x0.Length - 1; i7 >= 0; i7--)
        {
            s6 = s6 * 0.5f + MathF.Cos((((float)i7) - x0[0]));
            for (int count = 0; count <= 4; count++)
            {
                s6 += s6;
                s6 = s6 * 0.5f + (s6 / ((s6 / (x0[i7] * x0[i7] + 0.5f)) * (s6 / (x0[i7] * x0[i7] + 0.5f)) + 0.5f));
            }
            for (int i9 = 0; i9 < x0.Length; i9 += 2)
            {
                s6 += x0[x0.Length - 1];
                s6 = MathF.FusedMultiplyAdd(((s6 * x0[i7]) + (((float)x0.Length) * ((float)i7))), MathF.Log(s6 * s6 + 1f), MathF.Atan2(MathF.FusedMultiplyAdd(((float)n0), s6, x0[0]), (i9 > 2 ? x0[x0.Length - 1] : ((float)i7)) + 0.3f));
                if ((x0[i7] + ((float)i9)) > 2f)
                {
                    continue;
                }
                s6 = s6 * 0.5f + MathF.Cos(Math.Clamp(s6, ((float)i9), ((float)i9) + 1f));
            }
            s6 *= (1f + 0.5f * MathF.Sin(s6));
        }
        float quotient = 0f;
        for (int iteration = 1; iteration < x0.Length; iteration++)
        {
            quotient = MathF.Max(quotient, ((float)n0));
            s6 -= x0[iteration];
        }
        float s12 = 0f;
        for (int k = 0; k < x0.Length; k++)
        {
            s12 += (x0[k] * (-quotient));
        }
        return (MathF.Log(MathF.Atan(MathF.Acos(MathF.Tanh(s6) * 0.9f)) * MathF.Atan(MathF.Acos(MathF.Tanh(s6) * 0.9f)) + 1f) + s12);
    }
}
