using System;
using System.Collections.Generic;
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

    private static class Pool<T>
    {
        /// <summary>More than this many idle arrays of one length are left to the GC.</summary>
        private const int KeptPerLength = 16;

        [ThreadStatic]
        private static Dictionary<int, Stack<T[]>>? idle;

        public static T[] Take(int length)
            => idle is not null && idle.TryGetValue(length, out var arrays) && arrays.Count > 0 ? arrays.Pop() : new T[length];

        public static void Give(T[] array)
        {
            idle ??= [];
            if (!idle.TryGetValue(array.Length, out var arrays))
                idle[array.Length] = arrays = new Stack<T[]>();
            if (arrays.Count < KeptPerLength)
                arrays.Push(array);
        }
    }
}
