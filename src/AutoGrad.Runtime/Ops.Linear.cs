using System;
using System.Numerics;
using AutoGrad.Kernels;

namespace AutoGrad;

// The matrix product and the transpose.
public static partial class Ops
{
    /// <summary>The side of the square blocks Transpose copies, so reads and writes both stay in cache.</summary>
    private const int TransposeBlock = 32;

    /// <summary>The matrix product a·b (a is m×k, b is k×n) through <see cref="Gemm"/>, on the calling thread.</summary>
    /// <exception cref="ArgumentException">a's columns are not b's rows; the message names both shapes.</exception>
    public static Matrix<T> MatMul<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Cols != b.Rows)
            throw Matrix<T>.ShapeMismatch(a, b, "cannot be multiplied: the first's columns must equal the second's rows");
        var result = new Matrix<T>(a.Rows, b.Cols);
        Gemm.Multiply(a.Rows, b.Cols, a.Cols, T.One, a.ReadOnlySpan, b.ReadOnlySpan, T.Zero, result.Span);
        return result;
    }

    /// <summary>The transpose, a new c×r matrix.</summary>
    public static Matrix<T> Transpose<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(a.Cols, a.Rows);
        TransposeInto(a, result);
        return result;
    }

    /// <summary>Writes aᵀ into <paramref name="result"/> (c×r), in cache-sized blocks.</summary>
    internal static void TransposeInto<T>(Matrix<T> a, Matrix<T> result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> source = a.ReadOnlySpan;
        Span<T> target = result.Span;
        for (int rowBlock = 0; rowBlock < a.Rows; rowBlock += TransposeBlock)
        {
            int rowEnd = Math.Min(a.Rows, rowBlock + TransposeBlock);
            for (int colBlock = 0; colBlock < a.Cols; colBlock += TransposeBlock)
            {
                int colEnd = Math.Min(a.Cols, colBlock + TransposeBlock);
                for (int row = rowBlock; row < rowEnd; row++)
                {
                    for (int col = colBlock; col < colEnd; col++)
                        target[col * a.Rows + row] = source[row * a.Cols + col];
                }
            }
        }
    }
}
