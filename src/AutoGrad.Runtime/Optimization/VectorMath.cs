using System;
using AutoGrad.Kernels;

namespace AutoGrad.Optimization;

/// <summary>The few dense vector operations the optimizers need.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => ReductionKernels.Dot(a, b);

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y += alpha · x.</summary>
    public static void AddScaled(Span<double> y, double alpha, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>result = x + alpha · direction.</summary>
    public static void Step(Span<double> result, ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> direction)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = x[i] + alpha * direction[i];
        }
    }

    public static void Negate(Span<double> result, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = -x[i];
        }
    }
}
