using System;
using System.Numerics;

namespace AutoGrad.Internal;

/// <summary>
/// Storage for the matrices generated code computes along the way: arrays of exactly rows·cols
/// elements, kept per thread and per length once returned, so a method called again with the same
/// shapes allocates nothing. Generated methods return every intermediate in a <c>finally</c>; a
/// matrix they hand to the caller (a result, a tangent) is simply never returned.
/// </summary>
/// <remarks>Public for generated code; not meant to be called by hand.</remarks>
public static class MatrixStorage
{
    /// <summary>A rows×cols matrix whose elements are unspecified (every kernel writing it overwrites all of them).</summary>
    public static Matrix<T> Rent<T>(int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = checked(rows * cols);
        return new Matrix<T>(length == 0 ? Array.Empty<T>() : Pool<T>.Take(length), rows, cols);
    }

    /// <summary>A zero-filled rows×cols matrix.</summary>
    public static Matrix<T> Zeros<T>(int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var matrix = Rent<T>(rows, cols);
        matrix.Span.Clear();
        return matrix;
    }

    /// <summary>A zero-filled matrix of <paramref name="shape"/>'s shape.</summary>
    public static Matrix<T> ZerosLike<T>(Matrix<T> shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Zeros<T>(shape.Rows, shape.Cols);

    /// <summary>Takes a matrix back; the caller must not use it afterwards. A default matrix is ignored.</summary>
    public static void Return<T>(Matrix<T> matrix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (matrix.Length > 0)
            Pool<T>.Give(matrix.Array);
    }

    /// <summary>Takes matrices back (generated code returns its intermediates a line of several at a time).</summary>
    public static void Return<T>(Matrix<T> first, Matrix<T> second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Return(first);
        Return(second);
    }

    /// <inheritdoc cref="Return{T}(Matrix{T}, Matrix{T})"/>
    public static void Return<T>(Matrix<T> first, Matrix<T> second, Matrix<T> third)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Return(first, second);
        Return(third);
    }

    /// <inheritdoc cref="Return{T}(Matrix{T}, Matrix{T})"/>
    public static void Return<T>(Matrix<T> first, Matrix<T> second, Matrix<T> third, Matrix<T> fourth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Return(first, second);
        Return(third, fourth);
    }

    /// <summary>
    /// Per thread, idle arrays by length in a small open-addressed table (a generated method uses a
    /// handful of lengths, each many times): a rent or a return is a probe and an array slot, with
    /// no dictionary and no locking — this is on the path of every intermediate matrix.
    /// </summary>
    private static class Pool<T>
    {
        /// <summary>More than this many idle arrays of one length are left to the GC.</summary>
        private const int KeptPerLength = 32;

        /// <summary>Distinct lengths kept per thread; arrays of further lengths are left to the GC.</summary>
        private const int Lengths = 64;

        private sealed class Shelf(int length)
        {
            public readonly int Length = length;
            public readonly T[][] Arrays = new T[KeptPerLength][];
            public int Count;
        }

        [ThreadStatic]
        private static Shelf?[]? shelves;

        public static T[] Take(int length)
        {
            var shelf = Find(length, create: false);
            if (shelf is null || shelf.Count == 0)
                return new T[length];
            var array = shelf.Arrays[--shelf.Count];
            shelf.Arrays[shelf.Count] = null!;
            return array;
        }

        public static void Give(T[] array)
        {
            var shelf = Find(array.Length, create: true);
            if (shelf is not null && shelf.Count < KeptPerLength)
                shelf.Arrays[shelf.Count++] = array;
        }

        private static Shelf? Find(int length, bool create)
        {
            var table = shelves ??= new Shelf?[Lengths];
            // Fibonacci hashing spreads nearby lengths; linear probing, no deletions.
            int start = (int)((uint)length * 2654435769u >> 26);
            for (int probe = 0; probe < Lengths; probe++)
            {
                int slot = (start + probe) & (Lengths - 1);
                var shelf = table[slot];
                if (shelf is null)
                    return create ? table[slot] = new Shelf(length) : null;
                if (shelf.Length == length)
                    return shelf;
            }
            return null;
        }
    }
}
