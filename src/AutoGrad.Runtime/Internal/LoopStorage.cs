using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoGrad.Internal;

/// <summary>
/// The buffers generated adjoints keep loop values in: one typed array per value the reverse
/// sweep cannot recompute, rented from <see cref="ArrayPool{T}.Shared"/>, grown by doubling, and
/// returned when the adjoint exits (in a <c>finally</c>). Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoopStorage
{
    private const int InitialLength = 64;

    /// <summary>Writes <paramref name="value"/> at <paramref name="index"/>, renting or growing <paramref name="buffer"/> first if needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(ref T[]? buffer, int index, T value)
    {
        if (buffer is null || (uint)index >= (uint)buffer.Length)
            Grow(ref buffer, index);
        buffer![index] = value;
    }

    /// <summary>Rents <paramref name="buffer"/> (at least as long as <paramref name="source"/>) and copies <paramref name="source"/> into it.</summary>
    public static void Copy<T>(ref T[]? buffer, ReadOnlySpan<T> source)
    {
        if (buffer is null || buffer.Length < source.Length)
            Grow(ref buffer, Math.Max(0, source.Length - 1));
        source.CopyTo(buffer!);
    }

    /// <summary>
    /// A span of <paramref name="length"/> zeros in <paramref name="buffer"/>, rented or grown first if needed: a scratch
    /// buffer the user's method allocates (<c>new T[n]</c>, <c>stackalloc T[n]</c>), which starts as zeros as the array it stands for does.
    /// A negative length throws the <see cref="OverflowException"/> the allocation would.
    /// </summary>
    /// <remarks><paramref name="buffer"/> is <c>scoped</c>: the span lives as long as the array, so it may be assigned to any local.</remarks>
    public static Span<T> Zeroed<T>(scoped ref T[]? buffer, int length)
    {
        if (length < 0)
            throw new OverflowException($"Arithmetic operation resulted in an overflow: a buffer of {length} elements.");
        if (buffer is null || buffer.Length < length)
        {
            if (buffer is not null)
                ArrayPool<T>.Shared.Return(buffer);
            buffer = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        }
        var span = buffer.AsSpan(0, length);
        span.Clear();
        return span;
    }

    /// <summary>
    /// A span of <paramref name="length"/> elements of <paramref name="buffer"/>, rented or grown first if needed, its contents
    /// whatever was there: the values a nested loop keeps, taken afresh each time the loop starts and written before they are read.
    /// </summary>
    /// <remarks><paramref name="buffer"/> is <c>scoped</c>: the span lives as long as the array, so it may be assigned to any local.</remarks>
    public static Span<T> Reused<T>(scoped ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            if (buffer is not null)
                ArrayPool<T>.Shared.Return(buffer);
            buffer = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        }
        return buffer.AsSpan(0, Math.Max(length, 0));
    }

    /// <summary>Returns a buffer <see cref="Store{T}"/> rented; null is allowed (nothing was stored).</summary>
    public static void Return<T>(T[]? buffer)
    {
        if (buffer is not null)
            ArrayPool<T>.Shared.Return(buffer);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow<T>(ref T[]? buffer, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var length = Math.Max(InitialLength, buffer is null ? 0 : buffer.Length * 2);
        while (length <= index)
            length *= 2;
        var grown = ArrayPool<T>.Shared.Rent(length);
        if (buffer is not null)
        {
            buffer.AsSpan().CopyTo(grown);
            ArrayPool<T>.Shared.Return(buffer);
        }
        buffer = grown;
    }
}
