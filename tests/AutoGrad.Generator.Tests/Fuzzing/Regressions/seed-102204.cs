// Found by the 20,000-program run of 2026-12-07 (seeds 100001..120000). Not a generator defect: the function jumps at
// the point (φ there lies 2.4e-5 off the value both sides tend to; no comparison decides differently), so its slope at
// the point (231304, Forward and Adjoint agree) is not the one beside it (12.25), and the gradient's differences beside
// it say nothing of the Hessian-vector product there. The check now skips a point whose gradient is not where its
// neighbours' meet, as it skips a kink within the step.
// Differential-fuzzing regression, minimized. seed: 102204
// It failed the check 'HessianVector against differences of the gradient':
//   at point 2: scalars [], ints [0], spans [-0.03246498107910156, 1.0523576736450195, 0.6958789825439453, 0.6577768325805664, 1.5296077728271484, -0.3754739761352539, 1.0335636138916016, 1.6945505142211914, 0.7103385925292969, -0.5405063629150391, -1.7129220962524414; -0.5013875961303711, 1.5810279846191406, -1.6242027282714844, 1.4348316192626953, -1.4691686630249023, -0.05759906768798828, -1.708139419555664, -0.10227298736572266, -0.7071533203125, 0.28437137603759766, 1.2137088775634766; -0.6942615509033203, -1.5117292404174805, -1.1337041854858398, 0.4583253860473633, 1.464686393737793, -1.8783273696899414, -1.481485366821289, 1.6858453750610352, -1.1878461837768555, -1.0258874893188477, -0.9965639114379883], ẋ [; 3, 3, 1, -1, 1, 1, 2, 1, 1, 0, -2; 2, 3, -2, -3, -3, -3, 2, 2, -3, 0, 0; -], ȳ [0; -; -; 1, 0, 0, 0, -2, 0, 2, 2, 2, -2, 2]
//   ⟨ẋ, H·ẋ⟩ = -6.781630274793556E+18 from HessianVector, central differences of ⟨∇φ, ẋ⟩ 0 (at h: 0), rounding noise 256758901373952, allowed 1033817235918943.2
//   ----- generated code
//   //----- Fuzz.M102204r1c2.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed102204
{
    [Differentiable]
    public static void F(ReadOnlySpan<double> x0, ReadOnlySpan<double> sin, int sq, Span<double> weights)
    {
        double t = (x0[x0.Length - 1] * sin[0]);
        for (int i2 = 0; i2 < 3; i2++)
        {
            t = (Math.Max((x0[x0.Length - 1] > sin[sin.Length - 1] ? x0[x0.Length - 1] : t), x0[x0.Length - 1]) * Math.Sin((0.1 + t)));
            t = t * 0.5 + (Math.Ceiling(Math.Tanh(Math.Sqrt(t * t + 0.25)) * 2.0) * t);
        }
        double tmp = t;
        for (int length = 0; length < weights.Length; length++)
        {
            tmp = 0.75 * tmp + 0.25 * sin[length];
            weights[length] = tmp;
        }
        for (int i5 = 0; i5 <= sq; i5++)
        {
            tmp *= (1.0 + 0.5 * Math.Sin((x0[x0.Length - 1] + Math.Cos(t))));
            if (((((double)sq) + t) - (sin[0] * tmp)) > Math.Min(Math.Cbrt(0.25 + 0.3), sin[0]))
            {
                int k6 = 0;
                while (k6 < 6 && (tmp < sin[sin.Length - 1] || tmp > x0[x0.Length - 1]))
                {
                    k6++;
                    tmp = ((((double)x0.Length) - sin[sin.Length - 1]) * (sin[(k6 - 1) % x0.Length] - t));
                    if (((double)k6) < (t + tmp))
                    {
                        break;
                    }
                }
            }
            tmp += tmp;
        }
        if (sq % 2 == 0)
        {
            for (int i7 = 0; i7 <= 4; i7++)
            {
                t += ((double)sq);
                tmp += Math.Clamp(t, tmp, tmp + 1.0);
            }
        }
        for (int i8 = 0; i8 < x0.Length; i8++)
        {
            tmp *= (1.0 + 0.5 * Math.Sin(tmp));
            if (tmp > 3.0)
            {
                double t9 = sin[0];
            }
            else
            {
                weights[i8] = sin[0];
            }
        }
        for (int i10 = 0; i10 < weights.Length; i10++)
        {
            weights[i10] = (Math.Log((tmp * ((double)i10)) * (tmp * ((double)i10)) + 1.0, 3.0) + (sin[i10] * Math.Log(Math.Exp(Math.Tanh(tmp) * 2.0) + 1.0)));
            if (weights[i10] > 0.5)
            {
                weights[i10] = x0[0];
            }
        }
    }
}
