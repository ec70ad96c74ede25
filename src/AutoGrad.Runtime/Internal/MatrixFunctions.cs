using System;
using System.Numerics;
using AutoGrad.Kernels;

namespace AutoGrad.Internal;

/// <summary>
/// The matrix operations generated code calls: the same arithmetic as <see cref="Ops"/> and the
/// <see cref="Matrix{T}"/> operators, with results in <see cref="MatrixStorage"/> instead of new
/// arrays, and the pieces derivatives need (accumulation with broadcasting undone, products added
/// into an adjoint, the shares of tied maxima).
/// </summary>
/// <remarks>Public for generated code; not meant to be called by hand.</remarks>
public static class MatrixFunctions
{
    // ---- Elementwise, with broadcasting ---------------------------------------------------

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Add<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Broadcast<T, AddOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Add<T>(Matrix<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, AddOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Add<T>(T a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, AddOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Subtract<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Broadcast<T, SubtractOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Subtract<T>(Matrix<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, SubtractOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Subtract<T>(T a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, SubtractOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Multiply<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Broadcast<T, MultiplyOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Multiply<T>(Matrix<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, MultiplyOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Multiply<T>(T a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, MultiplyOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Divide<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Broadcast<T, DivideOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Divide<T>(Matrix<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, DivideOperator<T>>(a, b);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Divide<T>(T a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => WithScalar<T, DivideOperator<T>>(a, b);

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Negate<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, NegateOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Exp<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, ExpOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Log<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, LogOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Sqrt<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SqrtOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Sin<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SinOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Cos<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, CosOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Tanh<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, TanhOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Sigmoid<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SigmoidOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Relu<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, ReluOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Abs<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, AbsOperator<T>>(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Square<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SquareOperator<T>>(a);

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Pow<T>(Matrix<T> a, T exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        BinaryKernels.Pow(a.ReadOnlySpan, exponent, result.Span);
        return result;
    }

    /// <summary>1 where an element is positive, else 0: Relu's derivative, 0 at 0 as in PyTorch.</summary>
    public static Matrix<T> Step<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        ReadOnlySpan<T> source = a.ReadOnlySpan;
        Span<T> target = result.Span;
        for (int i = 0; i < source.Length; i++)
            target[i] = source[i] > T.Zero ? T.One : T.Zero;
        return result;
    }

    /// <summary>The sign of every element, 0 at 0 (Abs' derivative as in PyTorch); NaN stays NaN.</summary>
    public static Matrix<T> Sign<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        ReadOnlySpan<T> source = a.ReadOnlySpan;
        Span<T> target = result.Span;
        for (int i = 0; i < source.Length; i++)
            target[i] = source[i] > T.Zero ? T.One : source[i] < T.Zero ? -T.One : source[i] == T.Zero ? T.Zero : source[i];
        return result;
    }

    /// <summary>A zero matrix of <paramref name="shape"/>'s shape: an adjoint before anything is added into it.</summary>
    public static Matrix<T> ZerosLike<T>(Matrix<T> shape) where T : unmanaged, IFloatingPointIeee754<T> => MatrixStorage.ZerosLike(shape);

    // ---- Products --------------------------------------------------------------------------

    /// <summary>a·b.</summary>
    public static Matrix<T> MatMul<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Product(a, false, b, false);

    /// <summary>aᵀ·b, without forming aᵀ.</summary>
    public static Matrix<T> MatMulTransposedLeft<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Product(a, true, b, false);

    /// <summary>a·bᵀ, without forming bᵀ.</summary>
    public static Matrix<T> MatMulTransposedRight<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Product(a, false, b, true);

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> Transpose<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Rent<T>(a.Cols, a.Rows);
        Ops.TransposeInto(a, result);
        return result;
    }

    /// <summary>Storage for op(a)·op(b), its elements unspecified: <see cref="MatMulInto{T}"/> writes them all.</summary>
    public static Matrix<T> ProductShaped<T>(Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, _) = ProductShape(a, transposeA, b, transposeB);
        return MatrixStorage.Rent<T>(m, n);
    }

    /// <summary><c>target = op(a)·op(b)</c>, into storage of the product's shape.</summary>
    public static void MatMulInto<T>(Matrix<T> target, Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var identity = default(IdentityEpilogue<T>);
        MatMulInto(target, a, transposeA, b, transposeB, ref identity);
    }

    /// <summary>
    /// <c>target = op(a)·op(b)</c>, each finished piece handed to <paramref name="epilogue"/> while in
    /// cache (see <see cref="IGemmEpilogue{T}"/>): generated code passes a struct of its own that runs
    /// the elementwise work following the product.
    /// </summary>
    public static void MatMulInto<T, TEpilogue>(Matrix<T> target, Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IParallelGemmEpilogue<TEpilogue, T>
    {
        var (m, n, k) = ProductShape(a, transposeA, b, transposeB);
        if (target.Rows != m || target.Cols != n)
            throw new ArgumentException($"A {m}×{n} product cannot be written into a {target.ShapeText} matrix.", nameof(target));
        if (Parallelism.IsEnabled)
            Gemm.MultiplyParallel(m, n, k, T.One, a.ReadOnlySpan, b.ReadOnlySpan, T.Zero, target.Span, ref epilogue, transposeA, transposeB);
        else
            Gemm.Multiply(m, n, k, T.One, a.ReadOnlySpan, b.ReadOnlySpan, T.Zero, target.Span, ref epilogue, transposeA, transposeB);
    }

    /// <summary><c>target += op(a)·op(b)</c> in the GEMM's own accumulation (β = 1): a product's adjoint contribution, with no temporary.</summary>
    public static void AddMatMulInto<T>(Matrix<T> target, Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = ProductShape(a, transposeA, b, transposeB);
        if (target.Rows != m || target.Cols != n)
            throw new ArgumentException($"A {m}×{n} product cannot be added into a {target.ShapeText} matrix.", nameof(target));
        Gemm.Multiply(m, n, k, T.One, a.ReadOnlySpan, b.ReadOnlySpan, T.One, target.Span, transposeA, transposeB, parallel: Parallelism.IsEnabled);
    }

    // ---- Reductions ------------------------------------------------------------------------

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static T Sum<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Ops.Sum(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static T Mean<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Ops.Mean(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static T Max<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Ops.Max(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static T Min<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Ops.Min(a);
    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static T SumOfSquares<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Ops.SumOfSquares(a);

    /// <summary>Σ a∘b over elements of one shape.</summary>
    public static T Dot<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!a.HasShapeOf(b))
            throw Matrix<T>.ShapeMismatch(a, b, "differ: an elementwise dot product needs one shape");
        return ReductionKernels.Dot<T>(a.ReadOnlySpan, b.ReadOnlySpan);
    }

    /// <summary>The number of elements, as <typeparamref name="T"/> (a mean's divisor).</summary>
    public static T Count<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(a.Length);

    /// <summary>How many elements one sum along <paramref name="axis"/> adds (rows for 0, columns for 1).</summary>
    public static T AxisCount<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.ThrowIfBadAxis(axis);
        return T.CreateTruncating(axis == 0 ? a.Rows : a.Cols);
    }

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> SumAxis<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
        => Reduce<T, AddOperator<T>, SumAggregation<T>>(a, axis, T.Zero);

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> MeanAxis<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = SumAxis(a, axis);
        BinaryKernels.Invoke<T, DivideOperator<T>>(sums.ReadOnlySpan, AxisCount(a, axis), sums.Span);
        return sums;
    }

    /// <summary>The operation of the same name in <see cref="Ops"/> (or the matching operator), its result in <see cref="MatrixStorage"/>.</summary>
    public static Matrix<T> MaxAxis<T>(Matrix<T> a, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.ThrowIfMaxAxisUndefined(a, axis);
        return Reduce<T, MaxOperator<T>, MaxAggregation<T>>(a, axis, T.NegativeInfinity);
    }

    /// <summary>
    /// Where an element equals <paramref name="extremum"/> (the matrix's max or min), 1/k for the k
    /// such elements, else 0: PyTorch splits the gradient of a tied max or min evenly.
    /// </summary>
    public static Matrix<T> TieShare<T>(Matrix<T> a, T extremum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        ReadOnlySpan<T> source = a.ReadOnlySpan;
        Span<T> target = result.Span;
        int ties = 0;
        foreach (T value in source)
        {
            if (value == extremum)
                ties++;
        }

        T share = ties == 0 ? T.Zero : T.One / T.CreateTruncating(ties);
        for (int i = 0; i < source.Length; i++)
            target[i] = source[i] == extremum ? share : T.Zero;
        return result;
    }

    /// <summary><see cref="TieShare{T}(Matrix{T}, T)"/> per column (axis 0) or per row (axis 1), against that column's or row's extremum in <paramref name="extrema"/>.</summary>
    public static Matrix<T> AxisTieShare<T>(Matrix<T> a, Matrix<T> extrema, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = MatrixStorage.Zeros<T>(a.Rows, a.Cols);
        int lines = axis == 0 ? a.Cols : a.Rows, along = axis == 0 ? a.Rows : a.Cols;
        for (int line = 0; line < lines; line++)
        {
            T extremum = extrema.Span[line];
            int ties = 0;
            for (int i = 0; i < along; i++)
            {
                if (At(a, axis, line, i) == extremum)
                    ties++;
            }

            if (ties == 0)
                continue;
            T share = T.One / T.CreateTruncating(ties);
            for (int i = 0; i < along; i++)
            {
                if (At(a, axis, line, i) == extremum)
                    result[axis == 0 ? i : line, axis == 0 ? line : i] = share;
            }
        }

        return result;

        static T At(Matrix<T> m, int axis, int line, int i) => axis == 0 ? m[i, line] : m[line, i];
    }

    // ---- Accumulation ----------------------------------------------------------------------

    /// <summary>
    /// <c>target += value</c>, undoing broadcasting: where <paramref name="target"/> has extent 1 and
    /// <paramref name="value"/> more, the value is summed along that dimension (the adjoint of a
    /// broadcast); where <paramref name="value"/> has extent 1, it is added along the whole dimension.
    /// </summary>
    public static void AddInto<T>(Matrix<T> target, Matrix<T> value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.HasShapeOf(value))
        {
            BinaryKernels.Add<T>(target.ReadOnlySpan, value.ReadOnlySpan, target.Span);
            return;
        }

        int rows = Matrix<T>.BroadcastExtent(target.Rows, value.Rows), cols = Matrix<T>.BroadcastExtent(target.Cols, value.Cols);
        if (rows < 0 || cols < 0)
            throw Matrix<T>.ShapeMismatch(target, value, "cannot be broadcast together");
        for (int row = 0; row < rows; row++)
        {
            int targetRow = target.Rows == 1 ? 0 : row, valueRow = value.Rows == 1 ? 0 : row;
            for (int col = 0; col < cols; col++)
                target[targetRow, target.Cols == 1 ? 0 : col] += value[valueRow, value.Cols == 1 ? 0 : col];
        }
    }

    /// <summary><c>target += value</c> at every element.</summary>
    public static void AddInto<T>(Matrix<T> target, T value) where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryKernels.Add<T>(target.ReadOnlySpan, value, target.Span);

    /// <summary>
    /// <paramref name="value"/> stretched to the shape it broadcasts to with <paramref name="shape"/> (a copy when the
    /// two agree): the tangent of an elementwise operation whose only varying operand may be the smaller one.
    /// </summary>
    public static Matrix<T> BroadcastLike<T>(Matrix<T> value, Matrix<T> shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = Matrix<T>.BroadcastShape(value, shape);
        var result = MatrixStorage.Rent<T>(rows, cols);
        if (value.HasShapeOf(result))
        {
            value.ReadOnlySpan.CopyTo(result.Span);
            return result;
        }
        for (int row = 0; row < rows; row++)
        {
            int valueRow = value.Rows == 1 ? 0 : row;
            if (value.Cols == cols)
                value.Row(valueRow).CopyTo(result.Row(row));
            else
                result.Row(row).Fill(value[valueRow, 0]);
        }
        return result;
    }

    /// <summary>Whether a derivative partner's shape differs from its matrix's (the generated code then throws, naming the partner).</summary>
    public static bool ShapeDiffers<T>(Matrix<T> partner, Matrix<T> primal) where T : unmanaged, IFloatingPointIeee754<T>
        => !partner.HasShapeOf(primal);

    /// <summary>Whether two matrices have one shape: the guard of a fused elementwise loop.</summary>
    public static bool SameShape<T>(Matrix<T> a, Matrix<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a.HasShapeOf(b);

    /// <summary>A matrix's row-major elements, for a fused elementwise loop.</summary>
    public static Span<T> Elements<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => a.Span;

    /// <summary>Storage of <paramref name="shape"/>'s shape that a fused loop writes every element of.</summary>
    public static Matrix<T> Uninitialized<T>(Matrix<T> shape) where T : unmanaged, IFloatingPointIeee754<T> => MatrixStorage.Rent<T>(shape.Rows, shape.Cols);

    /// <summary>The value itself: where generated code inlines a call, a <c>[NoDiff]</c> argument passes through this, which derivatives do not cross.</summary>
    public static TValue Constant<TValue>(TValue value) => value;

    // ---- Helpers ---------------------------------------------------------------------------

    private static Matrix<T> Broadcast<T, TOperator>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
    {
        var (rows, cols) = Matrix<T>.BroadcastShape(a, b);
        var result = MatrixStorage.Rent<T>(rows, cols);
        Matrix<T>.BroadcastInto<TOperator>(a, b, result);
        return result;
    }

    private static Matrix<T> WithScalar<T, TOperator>(Matrix<T> a, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        BinaryKernels.Invoke<T, TOperator>(a.ReadOnlySpan, b, result.Span);
        return result;
    }

    private static Matrix<T> WithScalar<T, TOperator>(T a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
    {
        var result = MatrixStorage.Rent<T>(b.Rows, b.Cols);
        BinaryKernels.Invoke<T, TOperator>(a, b.ReadOnlySpan, result.Span);
        return result;
    }

    private static Matrix<T> Map<T, TOperator>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IUnaryOperator<T>
    {
        var result = MatrixStorage.Rent<T>(a.Rows, a.Cols);
        UnaryKernels.Invoke<T, TOperator>(a.ReadOnlySpan, result.Span);
        return result;
    }

    private static Matrix<T> Reduce<T, TCombine, TAggregation>(Matrix<T> a, int axis, T identity)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TCombine : IBinaryOperator<T>
        where TAggregation : IAggregationOperator<T>
    {
        Ops.ThrowIfBadAxis(axis);
        var result = axis == 0 ? MatrixStorage.Rent<T>(1, a.Cols) : MatrixStorage.Rent<T>(a.Rows, 1);
        Ops.ReduceInto<T, TCombine, TAggregation>(a, axis, identity, result);
        return result;
    }

    private static (int M, int N, int K) ProductShape<T>(Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = transposeA ? a.Cols : a.Rows, k = transposeA ? a.Rows : a.Cols;
        int bRows = transposeB ? b.Cols : b.Rows, n = transposeB ? b.Rows : b.Cols;
        if (k != bRows)
            throw Matrix<T>.ShapeMismatch(a, b, "cannot be multiplied: the first's columns must equal the second's rows");
        return (m, n, k);
    }

    private static Matrix<T> Product<T>(Matrix<T> a, bool transposeA, Matrix<T> b, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = ProductShape(a, transposeA, b, transposeB);
        var result = MatrixStorage.Rent<T>(m, n);
        Gemm.Multiply(m, n, k, T.One, a.ReadOnlySpan, b.ReadOnlySpan, T.Zero, result.Span, transposeA, transposeB, parallel: Parallelism.IsEnabled);
        return result;
    }
}
