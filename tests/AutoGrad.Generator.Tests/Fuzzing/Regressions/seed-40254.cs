// Kept: not a generator defect. Forward and Adjoint agree (6.5·10³⁰) and are right for the program as
// written; sin(v) of v ≈ 10²⁸, whose ulp is 10¹², has differences that mean nothing, and a perturbed run
// overflows (the loop runs on while v < v + x). The checker now treats a derivative that a one-ulp
// perturbation makes non-finite as unbounded rounding noise (DifferentialChecker.Unstable).
// Differential-fuzzing regression, minimized. seed: 40254
// It failed the check 'Adjoint against finite differences (SIMD off)':
//   at point 1: scalars [], ints [5], spans [1.1628246307373047, -0.06742477416992188, 0.6899709701538086, 1.0337772369384766, 1.8065605163574219, -1.6396093368530273, 0.19760608673095703, -1.9371833801269531, 0.14043045043945312, 1.4812908172607422; 1.1129074096679688, -1.6547060012817383, 0.4294424057006836, -0.17145061492919922, 1.3623313903808594, 1.2731056213378906, -0.09967613220214844, 0.8445224761962891, -1.116189956665039, 0.42719554901123047; -0.7923984527587891, 1.0828828811645508, 0.06329917907714844, -1.6966791152954102, -1.448775291442871, 0.3896665573120117, 1.826838493347168, 1.4417619705200195, -0.9652776718139648, 0.18396949768066406; 0.11994361877441406, 1.0616426467895508, 1.1772699356079102, -1.698592185974121, -1.0957927703857422, -0.5124683380126953, -1.3488883972167969, 1.8257160186767578, -0.039000511169433594, -1.1083717346191406], ẋ [; -1, -3, 2, -2, -1, 2, 3, 3, 1, -1; -; -; -], ȳ [-2; -; -; -2, 1, -2, 0, -3, 3, 1, 1, -1, -3; 1, 2, 3, -1, -3, -1, 0, -2, 0, 1]
//   Adjoint gives -1.3013867404170696E+31, central differences -6.183629300599502E+30 (at h: -6.183635455632651E+30), rounding noise 0, allowed 1.9169022305122342E+25
//   ----- generated code
//   //----- Fuzz.M40254r3c0.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed40254
{
    [Differentiable]
    public static double Tanh(double a0, double b, [NoDiff] double c0, int n0)
    {
        double t2 = Math.Cos(a0);
        return (c0 + Math.Sin(a0));
    }

    [Differentiable]
    public static float Tanh(float a0)
    {
        float t1 = a0;
        float v2 = (!(0.25f < a0) ? a0 : MathF.Sin(t1));
        int k3 = 0;
        while (k3 < 2 && MathF.Abs(v2) > 0.1f)
        {
            k3++;
            v2 = MathF.Sqrt((t1 + v2) * (t1 + v2) + 0.25f);
            for (int i4 = 0; i4 < 4; i4++)
            {
                t1 = t1 * 0.5f + (MathF.Min(t1, a0) * (v2 - t1));
                if (MathF.Log2(((float)k3) * ((float)k3) + 2f) > (v2 - a0))
                {
                    continue;
                }
                float t5 = MathF.Pow(t1 * t1 + 0.5f, (-0.5f));
                t1 += t5;
            }
        }
        if ((v2 + t1) < v2)
        {
            return (v2 * (-2f));
        }
        return (a0 + (a0 * 1.25f));
    }

    [Differentiable]
    public static void Square(ReadOnlySpan<double> x0, Span<double> o0)
    {
        double s1 = Tanh(1.25, (3.0 - (-0.5)), (-0.5), 1);
        for (int offset = 1; offset < x0.Length; offset++)
        {
            s1 *= (1.0 + 0.5 * Math.Tanh(s1));
            s1 += ((double)x0.Length);
        }
        for (int i3 = 0; i3 < o0.Length; i3++)
        {
            o0[i3] += ((((double)i3) / (x0[i3] * x0[i3] + 0.5)) + (x0[i3] * (s1 + x0[i3])));
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, [NoDiff] ReadOnlySpan<double> sq, int n0, Span<double> data, Span<double> o0)
    {
        Square(x0, data);
        Square(data, o0);
        double v1 = ((x0[0] * sq[sq.Length - 1]) * (0.5 * ((double)x0.Length)));
        int k2 = 0;
        while (k2 < 5 && v1 < (v1 + x0[0]))
        {
            k2++;
            v1 = (Math.FusedMultiplyAdd(v1, sq[(k2 - 1) % x0.Length], x0[x0.Length - 1]) * Math.Pow(v1 * v1 + 1.0, 1.5));
        }
        double t3 = (x0[x0.Length - 1] >= 0.5 ? 1.25 : Math.Log10(sq[0] * sq[0] + 0.5));
        for (int i4 = 1; i4 < x0.Length; i4++)
        {
            v1 = v1 * 0.5 + Math.Atan2(Math.Log2(sq[i4 - 1] * sq[i4 - 1] + 2.0), (Math.Truncate(Math.Tanh(x0[x0.Length - 1]) * 2.0) - x0[x0.Length - 1]) + 0.3);
            t3 = Math.Max(t3, x0[0]);
        }
        double t5 = (-Seed40254.Tanh((-v1), Math.Max(x0[x0.Length - 1], t3), 0.5, 3));
        double sin = 0.0;
        for (int length = 0; length < x0.Length; length++)
        {
            sin += (x0[length] * v1);
        }
        return (Math.Pow((v1 > (t3 * x0[x0.Length - 1]) ? Math.Log(t5 * t5 + 1.0) : (t5 - t3)) * (v1 > (t3 * x0[x0.Length - 1]) ? Math.Log(t5 * t5 + 1.0) : (t5 - t3)) + 1.0, 1.5) + sin);
    }
}
