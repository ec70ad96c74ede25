// Differential-fuzzing regression, minimized. seed: 405982
// It failed the check 'generator diagnostic':
//   the generator reported /fuzz/M405982r24c6.cs(15,25): error AG9999: AutoGrad failed while generating the derivatives of 'F' and generated nothing for it: The IR after adjoint/simplify/clean/values/expressions is broken: choiceKept#32 is read before it is defined, in: choice#44 = choiceKept#32[length#28]
//   method FAdjoint(tmp#0: readonly span<float>, [nodiff] tmpBar#18: span<float> adjoint, [nodiff] sq#1: readonly span<float>, a0#2: float, [nodiff] ref a0Bar#19: float adjoint, [nodiff] c0#3: float, [nodiff] c1#4: float, input#5: span<float>, [nodiff] inputBar#20: readonly span<float> adjoint, o0#6: span<float>, [nodiff] o0Bar#21: readonly span<float> adjoint, [nodiff] resultBar#17: float adjoint = 1.0f): float
//     locals inputBarCopy#22: float[] adjoint, s1#7: float, o0Bar#8: span<float>, o0BarPooled#9: float[] temporary, o0BarBar#23: span<float> adjoint, o0BarBarPooled#24: float[] adjoint, iterations#29: int temporary, s1Kept#30: span<float> temporary, s1Pooled#31: float[] temporary, s1#10: float, length#11: int, iteration#27: int temporary, i4#12: int, value#13: float temporary, choice#14: float temporary, s1#15: float, result#16: float temporary, s1Bar#25: float adjoint, length#28: int, i4#41: int, branchTaken#45: bool temporary, choiceKept#32: float[] temporary, s1#47: float, choice#44: float temporary, s1Bar#40: float adjoint, choiceBar#38: float adjoint, i4#35: int, valueBar#36: float adjoint, iteration#42: int temporary, value#43: float temporary, s1#46: float, value#37: float temporary
//     require not tmpBar#18.length != tmp#0.length else tmpBar: "'tmpBar' must have the same length as 'tmp'." covers [tmpBar#18 ⊇ tmp#0, tmp#0 ⊇ tmpBar#18]
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed405982
{
    [Differentiable]
    public static void Sum(ReadOnlySpan<float> tmp, Span<float> o0)
    {
        int length = 0;
    }

    [Differentiable]
    public static float F(ReadOnlySpan<float> tmp, [NoDiff] ReadOnlySpan<float> sq, float a0, [NoDiff] float c0, [NoDiff] float c1, Span<float> input, Span<float> o0)
    {
        float s1 = 1f;
        float[] o0Bar = new float[tmp.Length];
        for (int length = 0; length < 1; length++)
        {
            for (int i4 = 0; i4 < o0Bar.Length; i4++)
            {
                o0Bar[i4] = tmp[i4];
            }
            s1 += (1f switch { < (-0.5f) => o0Bar[0], > 1f and < 2f => 1f, _ => 1f });
        }
        o0[0] = s1;
        return 1f;
    }
}
