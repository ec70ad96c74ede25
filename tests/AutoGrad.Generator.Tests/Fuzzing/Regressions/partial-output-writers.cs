// Hand-written regression beside seed 200135 (seed: 0): void callees that may leave their output partly
// unwritten (an early return, a write under an if, half the elements, a loop from 1, a break, a += into
// it), each called on an output span the caller has not written yet (called after the caller's writes,
// they are refused with AG0007: OutputOverwriteTests). The elements they leave alone keep what the harness
// passed in, a constant; the caller reads all the outputs back.
using System;
using AutoGrad;

namespace Fuzz;

public static partial class PartialOutputWriters
{
    [Differentiable]
    public static void EarlyReturn(ReadOnlySpan<double> x, Span<double> o)
    {
        if (x[0] > 0.5)
        {
            return;
        }
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = x[i] * x[i];
        }
    }

    [Differentiable]
    public static void UnderIf(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
        {
            if (x[i] > 0.0)
            {
                o[i] = Math.Sin(x[i]) * x[0];
            }
        }
    }

    [Differentiable]
    public static void FirstHalf(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length / 2; i++)
        {
            o[i] = Math.Exp(0.5 * x[i]);
        }
    }

    [Differentiable]
    public static void FromOne(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 1; i < o.Length; i++)
        {
            o[i] = x[i] * x[i - 1];
        }
    }

    [Differentiable]
    public static void WithBreak(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
        {
            if (x[i] > 1.0)
            {
                break;
            }
            o[i] = Math.Tanh(x[i]) + x[0];
        }
    }

    [Differentiable]
    public static void AddsInto(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
        {
            o[i] += x[i] * x[i];
        }
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, double a0, Span<double> h0, Span<double> h1, Span<double> h2, Span<double> h3, Span<double> h4, Span<double> o0)
    {
        EarlyReturn(x0, h0);
        UnderIf(x0, h1);
        FirstHalf(x0, h2);
        FromOne(x0, h3);
        WithBreak(x0, h4);
        AddsInto(x0, o0);
        double s = a0 * a0;
        for (int i = 0; i < x0.Length; i++)
        {
            s += a0 * h0[i] + h1[i] * h2[i] - h3[i] * h4[i] + 0.5 * o0[i];
        }
        return s;
    }
}
