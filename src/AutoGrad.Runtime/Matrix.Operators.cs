using System;
using AutoGrad.Kernels;

namespace AutoGrad;

// The elementwise arithmetic operators. Each allocates its result. Between two matrices they
// broadcast as NumPy and PyTorch do: each dimension must be equal or 1 in one operand, and a
// dimension of 1 stretches to the other's (a 1×c row against r×c, an r×1 column against r×c, a
// 1×1 like a scalar, an r×1 against a 1×c to r×c). `*` is the elementwise (Hadamard) product;
// the matrix product is Ops.MatMul.
public readonly partial struct Matrix<T>
{
    /// <summary>Elementwise sum, broadcasting rows, columns and 1×1 (see the class remarks).</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together; the message names both.</exception>
    public static Matrix<T> operator +(Matrix<T> left, Matrix<T> right) => Broadcast<AddOperator<T>>(left, right);

    /// <summary>Elementwise difference, broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together; the message names both.</exception>
    public static Matrix<T> operator -(Matrix<T> left, Matrix<T> right) => Broadcast<SubtractOperator<T>>(left, right);

    /// <summary>Elementwise (Hadamard) product, broadcasting; not the matrix product (<see cref="Ops.MatMul{T}"/>).</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together; the message names both.</exception>
    public static Matrix<T> operator *(Matrix<T> left, Matrix<T> right) => Broadcast<MultiplyOperator<T>>(left, right);

    /// <summary>Elementwise quotient, broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together; the message names both.</exception>
    public static Matrix<T> operator /(Matrix<T> left, Matrix<T> right) => Broadcast<DivideOperator<T>>(left, right);

    /// <summary>Adds a scalar to every element.</summary>
    public static Matrix<T> operator +(Matrix<T> left, T right) => WithScalar<AddOperator<T>>(left, right);

    /// <summary>Adds every element to a scalar.</summary>
    public static Matrix<T> operator +(T left, Matrix<T> right) => WithScalar<AddOperator<T>>(left, right);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static Matrix<T> operator -(Matrix<T> left, T right) => WithScalar<SubtractOperator<T>>(left, right);

    /// <summary>Subtracts every element from a scalar.</summary>
    public static Matrix<T> operator -(T left, Matrix<T> right) => WithScalar<SubtractOperator<T>>(left, right);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Matrix<T> operator *(Matrix<T> left, T right) => WithScalar<MultiplyOperator<T>>(left, right);

    /// <summary>Multiplies a scalar by every element.</summary>
    public static Matrix<T> operator *(T left, Matrix<T> right) => WithScalar<MultiplyOperator<T>>(left, right);

    /// <summary>Divides every element by a scalar.</summary>
    public static Matrix<T> operator /(Matrix<T> left, T right) => WithScalar<DivideOperator<T>>(left, right);

    /// <summary>Divides a scalar by every element.</summary>
    public static Matrix<T> operator /(T left, Matrix<T> right) => WithScalar<DivideOperator<T>>(left, right);

    /// <summary>Negates every element.</summary>
    public static Matrix<T> operator -(Matrix<T> value)
    {
        var result = new Matrix<T>(value.Rows, value.Cols);
        UnaryKernels.Negate<T>(value.ReadOnlySpan, result.Span);
        return result;
    }

    /// <summary>The broadcast result's extent along one dimension, or −1 if the two do not fit.</summary>
    internal static int BroadcastExtent(int left, int right)
        => left == right ? left : left == 1 ? right : right == 1 ? left : -1;

    internal static ArgumentException ShapeMismatch(Matrix<T> left, Matrix<T> right, string what)
        => new($"Shapes {left.ShapeText} and {right.ShapeText} {what}.");

    private static Matrix<T> Broadcast<TOperator>(Matrix<T> left, Matrix<T> right)
        where TOperator : IBinaryOperator<T>
    {
        var (rows, cols) = BroadcastShape(left, right);
        var result = new Matrix<T>(rows, cols);
        BroadcastInto<TOperator>(left, right, result);
        return result;
    }

    /// <summary>The shape two operands broadcast to.</summary>
    /// <exception cref="ArgumentException">They do not fit; the message names both shapes.</exception>
    internal static (int Rows, int Cols) BroadcastShape(Matrix<T> left, Matrix<T> right)
    {
        int rows = BroadcastExtent(left.Rows, right.Rows);
        int cols = BroadcastExtent(left.Cols, right.Cols);
        if (rows < 0 || cols < 0)
            throw ShapeMismatch(left, right, "cannot be broadcast together");
        return (rows, cols);
    }

    /// <summary><c>result = left op right</c>, broadcast; <paramref name="result"/> has <see cref="BroadcastShape"/>.</summary>
    internal static void BroadcastInto<TOperator>(Matrix<T> left, Matrix<T> right, Matrix<T> result)
        where TOperator : IBinaryOperator<T>
    {
        int rows = result.Rows, cols = result.Cols;
        if (left.HasShapeOf(right))
        {
            BinaryKernels.Invoke<T, TOperator>(left.ReadOnlySpan, right.ReadOnlySpan, result.Span);
            return;
        }

        // Row by row: each operand contributes either its row (stretched from row 0 when it has
        // one row) or, when it has one column, that row's single value as a scalar.
        for (int row = 0; row < rows; row++)
        {
            Span<T> target = result.Row(row);
            int leftRow = left.Rows == 1 ? 0 : row, rightRow = right.Rows == 1 ? 0 : row;
            bool leftFull = left.Cols == cols, rightFull = right.Cols == cols;
            if (leftFull && rightFull)
                BinaryKernels.Invoke<T, TOperator>(left.Row(leftRow), right.Row(rightRow), target);
            else if (leftFull)
                BinaryKernels.Invoke<T, TOperator>(left.Row(leftRow), right[rightRow, 0], target);
            else if (rightFull)
                BinaryKernels.Invoke<T, TOperator>(left[leftRow, 0], right.Row(rightRow), target);
            else
                target.Fill(TOperator.Invoke(left[leftRow, 0], right[rightRow, 0]));
        }
    }

    private static Matrix<T> WithScalar<TOperator>(Matrix<T> left, T right)
        where TOperator : IBinaryOperator<T>
    {
        var result = new Matrix<T>(left.Rows, left.Cols);
        BinaryKernels.Invoke<T, TOperator>(left.ReadOnlySpan, right, result.Span);
        return result;
    }

    private static Matrix<T> WithScalar<TOperator>(T left, Matrix<T> right)
        where TOperator : IBinaryOperator<T>
    {
        var result = new Matrix<T>(right.Rows, right.Cols);
        BinaryKernels.Invoke<T, TOperator>(left, right.ReadOnlySpan, result.Span);
        return result;
    }
}
