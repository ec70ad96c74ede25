using System;
using System.Buffers;
using System.Numerics;

namespace AutoGrad;

/// <summary>
/// Forward mode of a vector-valued <c>y = f(x)</c>: writes <c>f(x)</c> into <paramref name="y"/> and
/// the directional derivative <c>J·xDot</c> into <paramref name="yDot"/> (overwriting it). A generated
/// <c>FForward</c> of a <c>void</c> method with an output span, wrapped in a lambda that fixes its other arguments.
/// </summary>
public delegate void TangentFunction<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> y, Span<T> yDot);

/// <summary>
/// Reverse mode of a vector-valued <c>y = f(x)</c>: writes <c>f(x)</c> into <paramref name="y"/> and
/// <em>adds</em> <c>yBarᵀ·J</c> into <paramref name="xBar"/>. A generated <c>FAdjoint</c> of a <c>void</c>
/// method with an output span, wrapped in a lambda.
/// </summary>
public delegate void AdjointFunction<T>(ReadOnlySpan<T> x, Span<T> xBar, Span<T> y, ReadOnlySpan<T> yBar);

/// <summary>Forward mode of a matrix-valued <c>Y = f(X)</c>: a generated <c>FForward</c> of a method returning a matrix.</summary>
public delegate Matrix<T> MatrixTangentFunction<T>(Matrix<T> x, Matrix<T> xDot, out Matrix<T> resultDot)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Reverse mode of a matrix-valued <c>Y = f(X)</c>: a generated <c>FAdjoint</c>, adding into <paramref name="xBar"/>.</summary>
public delegate Matrix<T> MatrixAdjointFunction<T>(Matrix<T> x, Matrix<T> xBar, Matrix<T> resultBar)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>How <see cref="Jacobian"/> builds the matrix.</summary>
public enum JacobianSweep
{
    /// <summary>Forward sweeps when there are fewer inputs than outputs, reverse sweeps otherwise.</summary>
    Auto,

    /// <summary>One forward (tangent) call per input: column <c>j</c> is <c>J·e_j</c>.</summary>
    Forward,

    /// <summary>One reverse (adjoint) call per output: row <c>i</c> is <c>e_iᵀ·J</c>.</summary>
    Reverse,
}

/// <summary>
/// Dense Jacobians of vector- and matrix-valued functions from their generated derivatives:
/// <c>jacobian[i·n + j] = ∂y_i/∂x_j</c> (row-major, <c>m</c> outputs by <c>n</c> inputs; a matrix's
/// elements are numbered row-major too). By forward sweeps (n calls) when there are fewer inputs than
/// outputs and by reverse sweeps (m calls) otherwise, each seeded with a unit vector. The span
/// overloads allocate nothing once the shared array pool is warm (reverse sweeps write each row in
/// place); the matrix overloads allocate their seeds once per call, and the generated methods their results.
/// </summary>
public static class Jacobian
{
    /// <summary>Which sweep <see cref="JacobianSweep.Auto"/> picks for <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs.</summary>
    public static JacobianSweep Choose(int inputs, int outputs) => inputs < outputs ? JacobianSweep.Forward : JacobianSweep.Reverse;

    /// <summary>Fills <paramref name="jacobian"/> (y.Length × x.Length, row-major) and <paramref name="y"/> = f(x); returns the sweep used.</summary>
    /// <exception cref="ArgumentNullException">A delegate the sweep needs is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> does not have y.Length · x.Length elements, or overlaps x or y.</exception>
    public static JacobianSweep Compute<T>(TangentFunction<T> forward, AdjointFunction<T> adjoint, ReadOnlySpan<T> x, Span<T> y, Span<T> jacobian, JacobianSweep sweep = JacobianSweep.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sweep == JacobianSweep.Auto)
            sweep = Choose(x.Length, y.Length);
        if (sweep == JacobianSweep.Forward)
            ByForwardSweeps(forward, x, y, jacobian);
        else
            ByReverseSweeps(adjoint, x, y, jacobian);
        return sweep;
    }

    /// <summary>One forward call per input: column j of <paramref name="jacobian"/> is the tangent of y along the unit vector e_j.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="forward"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> does not have y.Length · x.Length elements, or overlaps x or y.</exception>
    public static void ByForwardSweeps<T>(TangentFunction<T> forward, ReadOnlySpan<T> x, Span<T> y, Span<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(forward);
        int n = x.Length, m = y.Length;
        CheckShape(x, y, jacobian);
        T[] seedArray = ArrayPool<T>.Shared.Rent(n);
        T[] tangentArray = ArrayPool<T>.Shared.Rent(m);
        try
        {
            Span<T> seed = seedArray.AsSpan(0, n);
            Span<T> tangent = tangentArray.AsSpan(0, m);
            seed.Clear();
            if (n == 0)
                forward(x, seed, y, tangent); // no columns; y still gets f(x)
            for (int j = 0; j < n; j++)
            {
                seed[j] = T.One;
                forward(x, seed, y, tangent);
                seed[j] = T.Zero;
                for (int i = 0; i < m; i++)
                    jacobian[i * n + j] = tangent[i];
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(seedArray);
            ArrayPool<T>.Shared.Return(tangentArray);
        }
    }

    /// <summary>One reverse call per output: row i of <paramref name="jacobian"/> is the gradient of y_i, accumulated in place.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="adjoint"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> does not have y.Length · x.Length elements, or overlaps x or y.</exception>
    public static void ByReverseSweeps<T>(AdjointFunction<T> adjoint, ReadOnlySpan<T> x, Span<T> y, Span<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(adjoint);
        int n = x.Length, m = y.Length;
        CheckShape(x, y, jacobian);
        T[] seedArray = ArrayPool<T>.Shared.Rent(m);
        T[]? scratch = m == 0 ? ArrayPool<T>.Shared.Rent(n) : null;
        try
        {
            Span<T> seed = seedArray.AsSpan(0, m);
            seed.Clear();
            if (m == 0)
            {
                // No rows; y is empty, but f still runs once, as the forward sweeps' f does.
                Span<T> unused = scratch.AsSpan(0, n);
                unused.Clear();
                adjoint(x, unused, y, seed);
            }
            for (int i = 0; i < m; i++)
            {
                Span<T> row = jacobian.Slice(i * n, n);
                row.Clear();
                seed[i] = T.One;
                adjoint(x, row, y, seed);
                seed[i] = T.Zero;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(seedArray);
            if (scratch is not null)
                ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The Jacobian of a matrix-valued function of a matrix: <paramref name="jacobian"/> is
    /// result.Length × x.Length, elements numbered row-major; <paramref name="result"/> (of the
    /// function's result shape) receives f(x). Returns the sweep used.
    /// </summary>
    /// <exception cref="ArgumentNullException">A delegate the sweep needs is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> is not result.Length × x.Length, or the function's result does not have <paramref name="result"/>'s shape.</exception>
    public static JacobianSweep Compute<T>(MatrixTangentFunction<T> forward, MatrixAdjointFunction<T> adjoint, Matrix<T> x, Matrix<T> result, Matrix<T> jacobian, JacobianSweep sweep = JacobianSweep.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, m = result.Length;
        if (jacobian.Rows != m || jacobian.Cols != n)
            throw new ArgumentException($"The Jacobian of a {result.ShapeText} result of a {x.ShapeText} argument must be {m}×{n}, not {jacobian.ShapeText}.", nameof(jacobian));
        if (sweep == JacobianSweep.Auto)
            sweep = Choose(n, m);
        if (sweep == JacobianSweep.Forward)
        {
            ArgumentNullException.ThrowIfNull(forward);
            var seed = new Matrix<T>(x.Rows, x.Cols);
            for (int j = 0; j < Math.Max(n, 1); j++)
            {
                if (n > 0)
                    seed.Span[j] = T.One;
                Matrix<T> value = forward(x, seed, out Matrix<T> tangent);
                CopyResult(value, result);
                CheckResultShape(tangent, result);
                if (n == 0)
                    break;
                seed.Span[j] = T.Zero;
                for (int i = 0; i < m; i++)
                    jacobian.Span[i * n + j] = tangent.Span[i];
            }
        }
        else
        {
            ArgumentNullException.ThrowIfNull(adjoint);
            var seed = new Matrix<T>(result.Rows, result.Cols);
            var gradient = new Matrix<T>(x.Rows, x.Cols);
            for (int i = 0; i < Math.Max(m, 1); i++)
            {
                gradient.Span.Clear();
                if (m > 0)
                    seed.Span[i] = T.One;
                CopyResult(adjoint(x, gradient, seed), result);
                if (m == 0)
                    break;
                seed.Span[i] = T.Zero;
                gradient.ReadOnlySpan.CopyTo(jacobian.Row(i));
            }
        }
        return sweep;
    }

    private static void CheckShape<T>(ReadOnlySpan<T> x, Span<T> y, Span<T> jacobian)
    {
        long expected = (long)x.Length * y.Length;
        if (jacobian.Length != expected)
            throw new ArgumentException($"The Jacobian of {y.Length} outputs by {x.Length} inputs needs {expected} elements (row-major), but has {jacobian.Length}.", nameof(jacobian));
        if (jacobian.Overlaps(x) || jacobian.Overlaps(y))
            throw new ArgumentException("The Jacobian must not overlap the inputs or the outputs.", nameof(jacobian));
    }

    private static void CheckResultShape<T>(Matrix<T> value, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!value.HasShapeOf(result))
            throw new ArgumentException($"The function returned a {value.ShapeText} matrix, but the result matrix is {result.ShapeText}.", nameof(result));
    }

    private static void CopyResult<T>(Matrix<T> value, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckResultShape(value, result);
        value.ReadOnlySpan.CopyTo(result.Span);
    }
}
