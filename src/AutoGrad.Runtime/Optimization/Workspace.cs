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
