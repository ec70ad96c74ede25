using System;
using System.Buffers;

namespace AutoGrad.Optimization;

/// <summary>
/// The vectors an optimizer works in, rented once per minimization from <see cref="ArrayPool{T}"/>
/// and returned when it ends, so iterations allocate nothing.
/// </summary>
internal sealed class Workspace : IDisposable
{
    private readonly double[][] rented;
    private readonly int length;

    public Workspace(int length, int vectors)
    {
        this.length = length;
        rented = new double[vectors][];
        for (int i = 0; i < vectors; i++)
        {
            rented[i] = ArrayPool<double>.Shared.Rent(Math.Max(length, 1));
            Array.Clear(rented[i]);
        }
    }

    /// <summary>Vector <paramref name="index"/>, of the problem's length.</summary>
    public Span<double> this[int index] => rented[index].AsSpan(0, length);

    public void Dispose()
    {
        foreach (double[] array in rented)
        {
            ArrayPool<double>.Shared.Return(array);
        }
    }
}

/// <summary>The few dense vector operations the optimizers need.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

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

    public static bool IsFinite(ReadOnlySpan<double> x)
    {
        foreach (double value in x)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
