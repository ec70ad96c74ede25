// Differential-fuzzing regression, minimized. seed: 200135
// Why it passes now — it is a corrected variant, not the program that failed: V1 may return early,
//   before writing data; data[1..] then kept what F's loop wrote there (active, from output), but
//   V1Forward clears the tangent of its output before every return (and V1Adjoint spends its cotangent),
//   so that tangent was lost. A callee's output that it does not provably overwrite on every path now
//   counts as read (DependenceSummary.ReadsOutputContent, OutputAccess.OverwritesEveryElement), so that
//   program is refused with AG0007 at F (OutputOverwriteTests.Seed200135IsRefusedAtTheCaller). Kept here:
//   the same program with V1(weights[1..], data[1..]) called before F writes data (so accepted), and F's
//   loop adding into data instead of overwriting it, so what V1 left in data reaches the result.
// The original program (with V1(weights, data) first, and V1(weights[1..], data[1..]) after F's loop wrote data = …)
// It failed the check 'Forward against finite differences (SIMD off)', before the fix:
//   at point 1: scalars [0.2890625], ints [2], spans [0.76171875, -0.15625, -1.5625, 0.6953125, 0.52734375, 1.33203125, 1.57421875, -1.30859375, -0.16015625; 1.2265625, -1.12109375, 1.43359375, 0.15625, -0.5546875, 1.078125, -1.6015625, -1.96484375, 0.6640625; -1.81640625, -1.01953125, -0.29296875, -0.3984375, 0.33984375, -0.09765625, -1.15625, 0.734375, -1.96484375; 0.6640625, 1.10546875, 1.4296875, 0.609375, 0.828125, 0.12890625, -1, -1.5, 0.92578125], ẋ [0; 3, 0, -3, -2, 3, 3, 3, -2, 2; -; -; -], ȳ [-2; -; -; -2, 0, 3, 3, 0, 1, 1, -1, -3; -1, 3, 1, 0, 3, 2, -2, -1, 1]
//   Forward gives -8.780858993530273, central differences -7.544960021972656 (at h: -7.544994354248047), rounding noise 5.781650543212891E-06, allowed 0.06338982596937567
//   ----- generated code
//   //----- Fuzz.M200135r5c6.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed200135
{
    [Differentiable]
    public static void V1(ReadOnlySpan<float> output, Span<float> data)
    {
        float n0Dot = 3f;
        for (int iteration = 1; iteration < output.Length; iteration++)
        {
            if ((output[iteration - 1] + n0Dot) < (MathF.Floor(MathF.Tanh(n0Dot) * 2f) + n0Dot))
            {
                return;
            }
        }
        float s3 = 1f;
        for (int offset = 0; offset < data.Length; offset++)
        {
            data[offset] = ((((float)offset) + (2f > n0Dot ? n0Dot : s3)) + (output[offset] * (n0Dot * s3)));
        }
    }

    [Differentiable]
    public static float F(ReadOnlySpan<float> output, [NoDiff] ReadOnlySpan<float> y0, [NoDiff] float c0, int n0, Span<float> weights, Span<float> data)
    {
        Seed200135.V1(output, weights);
        V1(weights[1..], data[1..]);
        float n0Dot = c0;
        for (int iteration = 0; iteration < data.Length; iteration++)
        {
            n0Dot = 0.75f * n0Dot + 0.25f * output[iteration];
            data[iteration] += (n0Dot + y0[y0.Length - 1]);
        }
        n0Dot -= MathF.Pow(c0 * c0 + 1f, 1.5f);
        float s3 = 0f;
        for (int i4 = 0; i4 < output.Length; i4++)
        {
            s3 += (output[i4] * MathF.Asin(MathF.Tanh(output[output.Length - 1]) * 0.9f));
        }
        return (output[output.Length - 1] + s3);
    }
}

public static partial class Seed200135Helpers
{
    [Differentiable]
    public static float H0(float a0, float a1)
    {
        float t2 = a0;
        return ((0.5f + MathF.Sinh(MathF.Tanh(t2) * 2f)) + a0);
    }
}
