// Differential-fuzzing regression, minimized. seed: 370995
// It failed the check 'Forward against finite differences (SIMD off)':
//   at point 2: scalars [1.9634361267089844, -0.9273767471313477], ints [1], spans [], ẋ [-3, 2; ], ȳ [2; ]
//   Forward gives -4.7455432574438396E+23, central differences -4.745588058783672E+23 (at h: -4.745601413320305E+23), rounding noise 671088640, allowed 1.8100378787284265E+18
//   ----- generated code
//   //----- Fuzz.M370995r2c0.F.g.cs
using System;
using AutoGrad;

namespace Fuzz;

public static partial class Seed370995
{
    [Differentiable]
    public static double Product(double a0, [NoDiff] double c0)
    {
        double t2 = a0;
        return (Math.Sin((1.25 + c0)) + (a0 * 3.0));
    }

    [Differentiable]
    public static double Product(double a0, double sum, [NoDiff] double c0)
    {
        double pow = sum;
        for (int iteration = 0; iteration <= 3; iteration++)
        {
            pow *= (1.0 + 0.5 * Math.Tanh(((0.5 + c0) <= 1.5 ? (c0 * 2.0) : (sum * a0))));
            if (Product((((double)iteration) * Math.Sign((-0.5))), c0) <= 0.75)
            {
                if (Math.CopySign(pow, ((double)iteration)) >= 0.25)
                {
                    continue;
                }
            }
            else
            {
                if ((c0 - c0) < Math.Abs(pow))
                {
                    continue;
                }
                pow -= sum;
            }
            sum /= (iteration % 2 == 0 ? ((double)iteration) : c0) * (iteration % 2 == 0 ? ((double)iteration) : c0) + 1.0;
            sum += c0;
        }
        return (Math.Max((c0 < a0 ? pow : a0), (a0 * sum)) + Math.Tanh(a0));
    }

    [Differentiable]
    public static double H1(double a0, double sum, [NoDiff] double c0)
    {
        double b1 = Product(Math.FusedMultiplyAdd(a0, sum, a0), c0);
        for (int iteration = 0; iteration <= 3; iteration++)
        {
            double t = Product(Math.Tan(Math.Tanh(sum)), c0);
            if (b1 > t) b1 = t;
        }
        return (a0 + Math.Sin(a0));
    }

    [Differentiable]
    public static double H1(double a0, [NoDiff] double c0)
    {
        double s1 = 0.0;
        for (int iteration = 0; iteration < 1; iteration++)
        {
            s1 = s1 * 0.5 + Math.Min(Math.Log2(a0 * a0 + 2.0), 2.0);
            s1 /= Math.FusedMultiplyAdd(((double)iteration), ((double)iteration), ((double)iteration)) * Math.FusedMultiplyAdd(((double)iteration), ((double)iteration), ((double)iteration)) + 1.0;
        }
        s1 /= c0 * c0 + 1.0;
        double t3 = Math.Log10(a0 * a0 + 0.5);
        return (Math.Atan(double.ExpM1(Math.Tanh(s1) * 2.0)) + Math.Sin(a0));
    }

    [Differentiable]
    public static double F(double a0, double sum, int input)
    {
        sum *= (1.0 + 0.5 * Math.Tanh((-Math.Atanh(Math.Tanh(sum) * 0.9))));
        if ((Product(sum, Math.Asinh(((double)input)), 0.75) - double.Hypot(1.5, ((double)input) + 0.3)) >= 1.5)
        {
            double inputDot = Math.Sqrt(Math.Log(a0 * a0 + 1.0) * Math.Log(a0 * a0 + 1.0) + 0.25);
            int k2 = 0;
            while (k2 < 4 && Math.Abs(inputDot) > 0.1)
            {
                k2++;
                inputDot = Seed370995.H1((2.0 + a0), (-0.5));
            }
            for (int iterations = 0; iterations < input; iterations++)
            {
                inputDot *= (1.0 + 0.5 * Math.Sin(a0));
                if (Math.Log(((double)iterations) * ((double)iterations) + 1.0, 3.0) > sum)
                {
                    return sum;
                }
                sum = sum * 0.5 + Math.Exp(Math.Tanh(Math.Clamp(inputDot, (-2.0), (-2.0) + 1.0)) * 2.0);
            }
        }
        else
        {
            for (int i4 = 0; i4 < input; i4++)
            {
                sum = Math.Max(sum, Math.Log(Math.Exp(Math.Tanh((a0 * sum)) * 2.0) + 1.0));
                double v5 = sum;
                int k6 = 0;
                while (k6 < 2 && Math.Abs(v5) > 0.1)
                {
                    k6++;
                    v5 = (H1((v5 + a0), Math.Log(a0 * a0 + 1.0, 3.0), 2.0) + (a0 + (-0.5)));
                }
                sum += Math.FusedMultiplyAdd(a0, ((double)input), ((-0.5) + v5));
            }
            double s7 = 0.0;
            for (int i8 = 0; i8 < 1; i8++)
            {
                s7 = s7 * 0.5 + (s7 - 0.75);
                double t9 = double.Hypot(a0, s7 + 0.3);
            }
        }
        for (int i10 = 0; i10 < input; i10++)
        {
            sum += (Math.Atanh(Math.Tanh(sum) * 0.9) + Product((-2.0), (sum * sum), (-0.5)));
            double t11 = a0;
        }
        for (int i12 = 0; i12 <= 3; i12++)
        {
            sum += Product(double.ExpM1(Math.Tanh(a0) * 2.0), (-0.5), 2.0);
            for (int i13 = 0; i13 < input; i13++)
            {
                sum = Math.Max(sum, sum);
                double t14 = a0;
                if (!(i12 > 3))
                {
                    break;
                }
                sum = Math.Max(sum, a0);
            }
            sum += Math.FusedMultiplyAdd(H1(Math.CopySign(sum, sum), 0.25), Product(Math.Tan(Math.Tanh(sum)), 0.75), (sum * sum));
        }
        return ((1.25 * sum) + Math.Sin(a0));
    }
}
