// Found by a 2,400-program run (seeds 90001..92400). Not a generator defect: the checker ran the original at
// x + 0*xdot, which turns the point's -0 into +0, and compared that bit for bit with Forward run at -0.
// The point is now moved only when t != 0 (PointShift.Along).
// Differential-fuzzing regression, minimized. seed: 91300
// It failed the check 'primal of Forward (SIMD off)':
//   at point 1: scalars [-0, 0.28515625, 1.73046875], ints [], spans [], ẋ [1, 0, 0; ], ȳ [-3; ]
//   the result: the original gives 0, this gives -0 (must be bit for bit)
//   ----- generated code
//   //----- Fuzz.M91300r2c2.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed91300
{
    [Differentiable]
    public static float H0(float a0, float a1, [NoDiff] float c0)
    {
        return (a0 + a0);
    }

    [Differentiable]
    public static float H0(float a0, [NoDiff] float c0)
    {
        float s1 = 0f;
        return (s1 + (a0 * 0.25f));
    }

    [Differentiable]
    public static float F(float a0, [NoDiff] float c0, [NoDiff] float input)
    {
        float difference = (-MathF.Min((MathF.Round(MathF.Tanh(input) * 2f) * 0.25f), MathF.Exp(MathF.Tanh(a0) * 2f)));
        int k2 = 0;
        while (k2 < 5 && (difference < a0 ? difference : input) < (input + a0))
        {
            k2++;
            difference = (MathF.Sinh(MathF.Tanh(((float)k2)) * 2f) / (MathF.Exp(MathF.Tanh(MathF.Max(input, a0))) + 0.25f));
            if (k2 > 2)
            {
                float t3 = (c0 - MathF.Min(c0, (difference + ((float)k2))));
                float log = (MathF.Exp(MathF.Tanh(MathF.Max(c0, input)) * 2f) * input);
            }
            if (MathF.Atan(a0) > MathF.Max(input, c0))
            {
                return difference;
            }
        }
        difference -= c0;
        float sum = c0;
        int length = 0;
        while (length < 2 && sum < c0)
        {
            length++;
            sum = (input + 0.1f);
            if (MathF.Atan(((float)length)) < H0((sum + input), MathF.Asin(MathF.Tanh(difference) * 0.9f), c0))
            {
                return MathF.FusedMultiplyAdd(MathF.Pow(a0 * a0 + 0.5f, MathF.Tanh(sum) * 2f), (0.5f * c0), c0);
            }
        }
        float t7 = (-Math.Clamp(H0((input * difference), 1.5f), (input > c0 ? sum : a0), (input > c0 ? sum : a0) + 1f));
        float s = (MathF.Tanh(c0) * input);
        return (a0 + (a0 * 0.75f));
    }
}
