using System;
using System.Numerics;

namespace AutoGrad.Kernels;

/// <summary>
/// The output stage of <see cref="Gemm"/>: code that runs on each finished piece of C while it is
/// still in cache, so a loss such as <c>Σ(E·H − F)²</c> or <c>exp(C·A + 1 − D·B)</c> needs no
/// second pass over C. Pass a struct by <c>ref</c>: the JIT specializes the GEMM for it (no
/// interface calls) and state it accumulates (a running sum) is the caller's when GEMM returns.
/// </summary>
/// <remarks>
/// <para>The contract, for one call of a single-threaded <see cref="Gemm"/> method:</para>
/// <list type="bullet">
/// <item><see cref="Apply"/> is called exactly once for every element of the m×n result C, through
/// row segments: each call covers <c>C[row, colStart .. colStart + values.Length)</c> of one row, the
/// segments never overlap and together cover C. Nothing is called when m or n is 0.</item>
/// <item>When it is called, <c>values</c> holds the final <c>alpha·op(A)·op(B) + beta·C</c> for those
/// elements (the whole k-sum is done). The epilogue may overwrite them; what it writes is what C
/// holds afterwards, and GEMM does not read them again.</item>
/// <item>It may read other data at the (row, col) positions of its own segment (another matrix of
/// C's shape, say). It must not read or write other elements of C: they may not be final yet, or
/// may be in use by the kernel.</item>
/// <item>Calls happen on the calling thread, one after another, in a deterministic order for given
/// sizes and kernel path: by column blocks of C, then row blocks, then chunks of up to 64 columns
/// (left to right), and within a chunk row by row. Segments are at most 64 elements wide (a whole
/// row when k or alpha is 0, and for products of at most a few thousand multiply-adds, which skip
/// packing). Do not depend on the order or the widths beyond this: they change with the blocking.</item>
/// </list>
/// <para>The parallel path (<see cref="Gemm.MultiplyParallel{T, TEpilogue}"/>) splits C into row
/// blocks, one per worker: each worker calls <see cref="Apply"/> as above on its own copy from
/// <see cref="IParallelGemmEpilogue{TSelf, T}.CreateWorker"/>, and the caller's epilogue then merges
/// the copies in row-block order.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IGemmEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Processes the finished elements <c>C[row, colStart .. colStart + values.Length)</c>, in place.</summary>
    /// <param name="row">The row of C.</param>
    /// <param name="colStart">The column of C that <c>values[0]</c> is.</param>
    /// <param name="values">The final values, writable.</param>
    void Apply(int row, int colStart, Span<T> values);
}

/// <summary>
/// An epilogue that also takes runs of C continuing from the end of one row to the start of the
/// next, when C is stored without padding (<c>ldc = n</c>): <c>values[i]</c> is then the element
/// <c>i</c> places after <c>C[row, colStart]</c> in row-major order. Small products hand such an
/// epilogue all of C in one call instead of a call per row. Generated epilogues, which index C's
/// storage linearly, implement it.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILinearGemmEpilogue<T> : IGemmEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
}

/// <summary>
/// An epilogue the parallel GEMM can split among worker threads: each worker gets its own copy
/// (sharing read-only inputs, with fresh accumulators), and the caller's epilogue merges them.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IParallelGemmEpilogue<TSelf, T> : IGemmEpilogue<T>
    where TSelf : struct, IParallelGemmEpilogue<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A copy for one worker: same inputs, accumulators at their starting values (e.g. a sum at 0).</summary>
    TSelf CreateWorker();

    /// <summary>Folds a finished worker's accumulators into this one; called on the caller's thread, in row-block order.</summary>
    void Merge(in TSelf worker);
}

/// <summary>The epilogue that leaves C as computed: plain GEMM.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public struct IdentityEpilogue<T> : IParallelGemmEpilogue<IdentityEpilogue<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public readonly void Apply(int row, int colStart, Span<T> values)
    {
    }

    /// <inheritdoc/>
    public readonly IdentityEpilogue<T> CreateWorker() => default;

    /// <inheritdoc/>
    public readonly void Merge(in IdentityEpilogue<T> worker)
    {
    }
}

/// <summary>
/// Accumulates <c>Σ (C[i, j] − Target[i, j])²</c> over the finished C, leaving C unchanged: the
/// squared-error loss of a matrix product without a second pass. <c>Target</c> is row-major with
/// C's shape (m×n, leading dimension n).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public struct SquaredErrorEpilogue<T> : IParallelGemmEpilogue<SquaredErrorEpilogue<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _target;
    private readonly int _cols;

    /// <summary>An epilogue comparing C against <paramref name="target"/> (row-major, <paramref name="cols"/> columns).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public SquaredErrorEpilogue(T[] target, int cols)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        _target = target;
        _cols = cols;
        Sum = T.Zero;
    }

    /// <summary>The sum of squared differences accumulated so far.</summary>
    public T Sum { readonly get; private set; }

    /// <inheritdoc/>
    public void Apply(int row, int colStart, Span<T> values)
        => Sum += ReductionKernels.SumOfSquaredDifferences<T>(values, _target.AsSpan(row * _cols + colStart, values.Length));

    /// <inheritdoc/>
    public readonly SquaredErrorEpilogue<T> CreateWorker() => new(_target, _cols);

    /// <inheritdoc/>
    public void Merge(in SquaredErrorEpilogue<T> worker) => Sum += worker.Sum;
}
