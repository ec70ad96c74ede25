// Not a generator defect: the step of the checker's differences was too coarse. s5 = 2^32·cbrt(x0 + 0.3) ≈ 4.6e9 feeds
// cos(s5 + x7 - 0.1) + cos(s5 + x7) in S0, whose argument turns by 1.5e5 radians within h = 2^-14 along ẋ (a period is
// 2^-28.5), so the gradient's differences at h and h/2 both average the cosines away and agree on -9.6004e19, the smooth
// part alone. The closed form (mpmath, 60 digits) is -1.41852131e20 = -9.60041e19 - 4.58480e19 (the cosines' curvature
// 4·(-cos(p - 0.1) - cos p)·p'^2); HessianVector gives -1.41852132e20, and the differences of the adjoint's gradient reach
// it once the step resolves the cosines: near -9.6e19 down to 2^-28, -1.3940e20 at 2^-32, -1.4170e20 at 2^-34, -1.4184e20
// at 2^-36. The unminimized program (7.4737e47 against 7.0482e47) is the same, its differences reaching 7.4681e47 at 2^-40.
// The check now goes down in steps of 4 and takes the verdict of the finest step whose differences resolve what h did not.
// Differential-fuzzing regression, minimized. seed: 181346
// It failed the check 'HessianVector against differences of the gradient':
//   at point 2: scalars [], ints [5], spans [0.9637918472290039, -0.8889541625976562, -0.1663217544555664, -1.4698362350463867, -1.0304441452026367, 1.7172574996948242, 1.1530494689941406, 1.0035858154296875; 0.7311830520629883, -1.5947952270507812, -0.5333795547485352, 0.9802742004394531, 1.5464258193969727, -1.4733028411865234, 1.3008174896240234, -1.9708499908447266; -0.7739782333374023, 0.09171676635742188, 1.7939739227294922, 0.7732133865356445, 0.4651937484741211, -0.15816307067871094, 0.14394569396972656, 0.7491741180419922], ẋ [; 2, 1, 0, 3, -1, -3, 2, -3; -; -], ȳ [0; -; -; -1, -2, 3, 3, 0, 3, -2, -3]
//   ⟨ẋ, H·ẋ⟩ = -1.4185213216065472E+20 from HessianVector, central differences of ⟨∇φ, ẋ⟩ -9.60041437161723E+19 (at h: -9.600411538817863E+19), rounding noise 77396638679040 (of the gradient 1114112), allowed 480082206388362.25
//   ----- generated code
//   //----- Fuzz.M181346r4c6.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed181346
{
    [Differentiable]
    public static double S0(ReadOnlySpan<double> tmp, [NoDiff] ReadOnlySpan<double> y0, double product)
    {
        double multiply = (((product > (-2.0) ? product : product) * (product + product)) + Math.Cos((product - 0.1)));
        double t2 = (product + multiply);
        double s3 = 0.0;
        return ((Math.Cos(product) + t2) + (Math.Tanh(product) + s3));
    }

    [Differentiable]
    public static void F(ReadOnlySpan<double> tmp, [NoDiff] ReadOnlySpan<double> y0, int data, Span<double> o0)
    {
        double s5 = Math.Cbrt(tmp[0] + 0.3);
        for (int iterations = 0; iterations < tmp.Length; iterations += 2)
        {
            for (int iteration = 0; iteration < tmp.Length; iteration++)
            {
                s5 += s5;
            }
            if (Math.Asin(Math.Tanh((s5 + ((double)iterations))) * 0.9) <= 0.25)
            {
                o0[iterations] = S0(tmp, y0, (s5 < tmp[tmp.Length - 1] ? tmp[tmp.Length - 1] : y0[0]));
                s5 = s5 * 0.5 + ((double)data);
            }
            else
            {
                double max = s5;
            }
        }
        double s10 = (s5 + tmp[tmp.Length - 1]);
        for (int i11 = 0; i11 < tmp.Length; i11 += 2)
        {
            s5 += S0(tmp, y0, s10);
            if (tmp[tmp.Length - 1] < s5)
            {
                double pow = tmp[tmp.Length - 1];
            }
            s5 = Math.Max(s5, (-S0(tmp[1..], y0[1..], Math.Clamp(((double)tmp.Length), y0[i11], y0[i11] + 1.0))));
        }
        if (Math.Pow((y0[0] + s10) * (y0[0] + s10) + 1.0, 1.5) < tmp[tmp.Length - 1])
        {
            s10 = s10 * 0.5 + ((double)data);
        }
        for (int i13 = 0; i13 < o0.Length; i13++)
        {
            o0[i13] = ((Math.Sqrt(s5 * s5 + 0.25) - (((double)data) + 1.5)) + (tmp[i13] * tmp[0]));
            if (tmp[i13] > o0[0])
            {
                o0[0] = tmp[i13];
            }
        }
    }
}
