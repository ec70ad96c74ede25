// Differential-fuzzing regression, minimized. seed: 15385
// It failed the check 'generator diagnostic':
//   the generator reported /fuzz/M15385r20c11.cs(26,24): error AG0007: a call of 'V0', which adds into its output, with 'o0' after 'F' wrote there cannot be differentiated by AutoGrad; call 'V0' before writing 'o0', or add into 'o0' in 'F'
// Why it passes now: OutputContentCheck let the writes of one arm of an if count as done before the other arm, so the else arm's V0(x0, o0) was refused with AG0007 after the then arm's V0(x0[1..], o0[1..]); each arm now starts from the writes before the if (a generator fix).
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed15385
{
    [Differentiable]
    public static void V0(ReadOnlySpan<float> x0, Span<float> o0)
    {
        float s5 = 1f;
        for (int i6 = 0; i6 < x0.Length; i6 += 2)
        {
            o0[i6] = s5;
            s5 = s5 * 0.5f + o0[i6];
        }
    }

    [Differentiable]
    public static float H1(float a0, [NoDiff] float c0, int n0)
    {
        return a0;
    }

    [Differentiable]
    public static void F(ReadOnlySpan<float> x0, [NoDiff] ReadOnlySpan<float> y0, float a0, [NoDiff] float c0, int n0, Span<float> o0)
    {
        if (true)
        {
            V0(x0[1..], o0[1..]);
        }
        else
        {
            V0(x0, o0);
        }
    }
}
