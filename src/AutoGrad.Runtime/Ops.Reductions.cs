using System;
using System.Numerics;
using AutoGrad.Kernels;

namespace AutoGrad;

// Reductions: to a scalar, or along an axis (0: over the rows, giving a 1×c row; 1: over the
// columns, giving an r×1 column), as NumPy's and PyTorch's sum/mean/max with keepdims.
public static partial class Ops
{
    /// <summary>The sum of all elements (0 for an empty matrix).</summary>
    public static T Sum<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => ReductionKernels.Sum<T>(a.ReadOnlySpan);

    /// <summary>The mean of all elements; NaN for an empty matrix, as in PyTorch.</summary>
    public static T Mean<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
        => a.Length == 0 ? T.NaN : ReductionKernels.Sum<T>(a.ReadOnlySpan) / T.CreateTruncating(a.Length);

    /// <summary>The largest element (NaN if any is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is empty.</exception>
    public static T Max<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfEmpty(a, nameof(a), "maximum");
        return ReductionKernels.Max<T>(a.ReadOnlySpan);
    }

    /// <summary>The smallest element (NaN if any is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="a"/> is empty.</exception>
    public static T Min<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfEmpty(a, nameof(a), "minimum");
        return ReductionKernels.Min<T>(a.ReadOnlySpan);
    }

    /// <summary>The sum of the squares of all elements.</summary>
    public static T SumOfSquares<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
        => ReductionKernels.SumOfSquares<T>(a.ReadOnlySpan);

    /// <summary>The mean squared difference of two matrices of one shape; NaN when they are empty.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names both.</exception>
    public static T Mse<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.HasShapeOf(b))
            throw Matrix<T>.ShapeMismatch(a, b, "differ: the mean squared error needs one shape");
        return a.Length == 0
            ? T.NaN
            : ReductionKernels.SumOfSquaredDifferences<T>(a.ReadOnlySpan, b.ReadOnlySpan) / T.CreateTruncating(a.Length);
    }

    /// <summary>Sums along <paramref name="axis"/>: 0 gives the 1×c row of column sums, 1 the r×1 column of row sums.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not 0 or 1.</exception>
    public static Matrix<T> Sum<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
        => Reduce<T, AddOperator<T>, SumAggregation<T>>(a, axis, T.Zero);

    /// <summary>Means along <paramref name="axis"/> (0: 1×c, 1: r×1); NaN where nothing is averaged.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not 0 or 1.</exception>
    public static Matrix<T> Mean<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix<T> sums = Sum(a, axis);
        T count = T.CreateTruncating(axis == 0 ? a.Rows : a.Cols);
        // 0/0 gives NaN for a mean over nothing, as PyTorch does.
        BinaryKernels.Invoke<T, DivideOperator<T>>(sums.ReadOnlySpan, count, sums.Span);
        return sums;
    }

    /// <summary>Maxima along <paramref name="axis"/> (0: 1×c, 1: r×1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not 0 or 1.</exception>
    /// <exception cref="ArgumentException">The axis reduced has length 0 while the other does not.</exception>
    public static Matrix<T> Max<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfMaxAxisUndefined(a, axis);
        return Reduce<T, MaxOperator<T>, MaxAggregation<T>>(a, axis, T.NegativeInfinity);
    }

    /// <summary>
    /// Axis 0 folds the rows into one with the elementwise <typeparamref name="TCombine"/>, top to
    /// bottom (contiguous, vectorized along the row); axis 1 reduces each row with
    /// <typeparamref name="TAggregation"/>.
    /// </summary>
    private static Matrix<T> Reduce<T, TCombine, TAggregation>(Matrix<T> a, int axis, T identity)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TCombine : IBinaryOperator<T>
        where TAggregation : IAggregationOperator<T>
    {
        ThrowIfBadAxis(axis);
        var result = axis == 0 ? new Matrix<T>(1, a.Cols) : new Matrix<T>(a.Rows, 1);
        ReduceInto<T, TCombine, TAggregation>(a, axis, identity, result);
        return result;
    }

    /// <summary>The reduction of <see cref="Reduce"/> into <paramref name="result"/> (1×c for axis 0, r×1 for axis 1).</summary>
    internal static void ReduceInto<T, TCombine, TAggregation>(Matrix<T> a, int axis, T identity, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TCombine : IBinaryOperator<T>
        where TAggregation : IAggregationOperator<T>
    {
        if (axis == 0)
        {
            Span<T> accumulator = result.Span;
            if (a.Rows == 0)
            {
                accumulator.Fill(identity);
                return;
            }

            a.Row(0).CopyTo(accumulator);
            for (int row = 1; row < a.Rows; row++)
                BinaryKernels.Invoke<T, TCombine>(accumulator, a.Row(row), accumulator);
        }
        else
        {
            for (int row = 0; row < a.Rows; row++)
                result.Span[row] = ReductionKernels.Aggregate<T, IdentityOperator<T>, TAggregation>(a.Row(row));
        }
    }

    /// <summary>A maximum along an axis needs that axis to be non-empty (unless the result is empty too).</summary>
    internal static void ThrowIfMaxAxisUndefined<T>(Matrix<T> a, int axis)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfBadAxis(axis);
        int reduced = axis == 0 ? a.Rows : a.Cols, kept = axis == 0 ? a.Cols : a.Rows;
        if (reduced == 0 && kept > 0)
            throw new ArgumentException($"The maximum over an axis of length 0 (shape {a.ShapeText}, axis {axis}) is undefined.", nameof(a));
    }

    internal static void ThrowIfBadAxis(int axis)
    {
        if (axis is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis must be 0 (over rows, giving a row) or 1 (over columns, giving a column).");
    }

    private static void ThrowIfEmpty<T>(Matrix<T> a, string name, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length == 0)
            throw new ArgumentException($"The {what} of an empty matrix ({a.ShapeText}) is undefined.", name);
    }
}
