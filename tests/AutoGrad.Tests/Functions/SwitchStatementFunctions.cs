using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Switch statements as users write them (issue 18): on an int mode, on the value itself with relational patterns, inside a loop with continue, on a bool.</summary>
public static partial class SwitchStatementFunctions
{
    [Differentiable]
    public static double Piecewise(double x, int mode)
    {
        double y;
        switch (mode)
        {
            case 0:
                y = x * x;
                break;
            case 1:
            case 2:
                y = Math.Sin(x) * mode;
                break;
            default:
                y = Math.Exp(0.5 * x);
                break;
        }
        return y + x;
    }

    [Differentiable]
    public static double Relational(double x)
    {
        switch (x)
        {
            case < -1:
                return -x;
            case >= -1 and < 1 when x != 0:
            {
                double t = x * x;
                return t * x;
            }
            default:
                break;
        }
        return Math.Log(1 + x * x);
    }

    [Differentiable]
    public static double InLoop(ReadOnlySpan<double> v, int skip)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            switch (i % 3)
            {
                case 0:
                    s += v[i] * v[i];
                    break;
                case 1:
                    if (i == skip)
                        continue;
                    s += Math.Sin(v[i]);
                    break;
                default:
                {
                    s *= 1 + 0.1 * v[i];
                    break;
                }
            }
            s += 0.01 * v[i];
        }
        return s;
    }

    [Differentiable]
    public static float Flag(float x, bool negate)
    {
        switch (negate)
        {
            case true:
                return -x * x;
            default:
                return x * MathF.Tanh(x);
        }
    }
}
