// Hand-written regression beside seed 200135 (seed: 0): void callees that provably write every element
// of their output on every path (a map, a backward scan, a bound through a local, a loop in each arm of
// an if, a dense layer, a call passing the whole span on) may be called on an output span the caller has
// already written with active values: they overwrite all of it, so nothing of the caller's values survives.
using System;
using AutoGrad;

namespace Fuzz;

public static partial class FullOutputWriters
{
    [Differentiable]
    public static void Map(ReadOnlySpan<double> x, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = x[i] * x[i];
        }
    }

    [Differentiable]
    public static void BackwardScan(ReadOnlySpan<double> x, Span<double> o)
    {
        double s = 0.0;
        for (int i = o.Length - 1; i >= 0; i--)
        {
            s += x[i];
            o[i] = Math.Tanh(s);
        }
    }

    [Differentiable]
    public static void ThroughLocal(ReadOnlySpan<double> x, Span<double> o)
    {
        int n = o.Length;
        for (int i = 0; i < n; i++)
        {
            double t = x[i];
            if (t > 1.0)
            {
                t = 1.0;
            }
            o[i] = t * x[i];
        }
    }

    [Differentiable]
    public static void EachArm(ReadOnlySpan<double> x, Span<double> o)
    {
        if (x[0] > 0.0)
        {
            for (int i = 0; i < o.Length; i++)
            {
                o[i] = Math.Sin(x[i]);
            }
        }
        else
        {
            for (int i = 0; i < o.Length; i++)
            {
                o[i] = 2.0 * x[i];
            }
        }
    }

    [Differentiable]
    public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0.25 * (i + 1);
            for (int j = 0; j < x.Length; j++)
            {
                s += w[(i + j) % w.Length] * x[j];
            }
            y[i] = Math.Tanh(s);
        }
    }

    [Differentiable]
    public static void PassesOn(ReadOnlySpan<double> x, Span<double> o)
    {
        Map(x, o);
    }

    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, double a0, Span<double> h0, Span<double> h1, Span<double> o0)
    {
        for (int i = 0; i < h0.Length; i++)
        {
            h0[i] = a0 * x0[i];
            h1[i] = x1[i] - a0;
            o0[i] = x0[i] * x1[i];
        }
        Map(x0, h0);
        BackwardScan(h0, h1);
        ThroughLocal(h1, h0);
        EachArm(x1, o0);
        Dense(x1, h0, h1);
        Dense(x0, h1, o0);
        PassesOn(o0, h0);
        double s = a0;
        for (int i = 0; i < o0.Length; i++)
        {
            s += h0[i] * o0[i] + h1[i];
        }
        return s;
    }
}
