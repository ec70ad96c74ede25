using System;
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Threading.Tasks;

namespace AutoGrad.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: <c>C = alpha·op(A)·op(B) + beta·C</c>, where
/// op(A) is m×k, op(B) is k×n and C is m×n, and op(X) is X or, with the transpose flag, Xᵀ (read
/// transposed while packing, never materialized).
/// </summary>
/// <remarks>
/// <para>Storage: A is m×k (k×m when transposed) with rows <c>lda</c> apart, B is k×n
/// (n×k when transposed) with rows <c>ldb</c> apart, C is m×n with rows <c>ldc</c> apart; a leading
/// dimension of 0 means "packed": the stored matrix's column count. Spans need only reach the last
/// stored element. C must not overlap A or B.</para>
/// <para>BLAS conventions: beta = 0 overwrites C without reading it (NaN there does not leak);
/// alpha = 0 or k = 0 only scales C by beta, without reading A or B.</para>
/// <para>The kernel: packed, 64-byte aligned panels of A and B (a per-thread workspace, so steady
/// state allocates nothing; it keeps up to about 2 MB for float and 4 MB for double per thread that
/// has run a large GEMM), kc/mc/nc cache blocking, and a register-blocked FMA micro-kernel:
/// 8×2 Vector512 where <c>Vector512.IsHardwareAccelerated</c>, else 6×2 Vector256, else (and
/// whenever <see cref="Simd.IsEnabled"/> is false) a 4×4 scalar tile. Every sum is accumulated in
/// the same order for given sizes and path, so results are deterministic run to run; they differ
/// between paths only by rounding. Small products (at most 4096 multiply-adds, a loss over a few
/// genomes and samples) skip packing: broadcast-FMA loops over C's rows as vectors, masked where a
/// row ends inside one (<see cref="GemmDirect"/>).</para>
/// <para>Single-threaded unless asked: the <c>parallel</c> flag, or <see cref="MultiplyParallel"/>,
/// split C's rows among worker threads for large products (and run single-threaded for small ones).
/// The parallel path allocates its task bookkeeping; the single-threaded one allocates nothing.</para>
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>
    /// Below this many multiply-adds (m·n·k = 256³) the parallel path runs on the calling thread:
    /// measured on 2 cores, 128³ ran slower split in two and 512³ 1.6× faster.
    /// </summary>
    internal const long ParallelThreshold = 1L << 24;

    /// <summary>How many products this thread has split among workers: what tests of <see cref="Parallelism"/> observe.</summary>
    [ThreadStatic]
    internal static long SplitProducts;

    /// <summary>C = alpha·op(A)·op(B) + beta·C.</summary>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="beta">Scales C's old values (0: C is overwritten, not read).</param>
    /// <param name="c">C, row-major; the result.</param>
    /// <param name="transposeA">op(A) = Aᵀ (A stored k×m).</param>
    /// <param name="transposeB">op(B) = Bᵀ (B stored n×k).</param>
    /// <param name="parallel">Split large products over worker threads (see <see cref="MultiplyParallel"/>).</param>
    /// <param name="lda">A's row stride; 0 for its column count.</param>
    /// <param name="ldb">B's row stride; 0 for its column count.</param>
    /// <param name="ldc">C's row stride; 0 for n.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the row it strides.</exception>
    /// <exception cref="ArgumentException">A span is too short for its shape, or C overlaps A or B.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void Multiply<T>(
        int m, int n, int k, T alpha, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c,
        bool transposeA = false, bool transposeB = false, bool parallel = false, int lda = 0, int ldb = 0, int ldc = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var identity = default(IdentityEpilogue<T>);
        if (parallel)
            MultiplyParallel(m, n, k, alpha, a, b, beta, c, ref identity, transposeA, transposeB, lda, ldb, ldc);
        else
            Multiply(m, n, k, alpha, a, b, beta, c, ref identity, transposeA, transposeB, lda, ldb, ldc);
    }

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C on the calling thread, then <paramref name="epilogue"/> on
    /// each finished row segment of C (the contract: <see cref="IGemmEpilogue{T}"/>). Parameters
    /// as in <see cref="Multiply{T}"/>.
    /// </summary>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="beta">Scales C's old values (0: C is overwritten, not read).</param>
    /// <param name="c">C, row-major; the result.</param>
    /// <param name="epilogue">The output stage; its state is updated in place.</param>
    /// <param name="transposeA">op(A) = Aᵀ (A stored k×m).</param>
    /// <param name="transposeB">op(B) = Bᵀ (B stored n×k).</param>
    /// <param name="lda">A's row stride; 0 for its column count.</param>
    /// <param name="ldb">B's row stride; 0 for its column count.</param>
    /// <param name="ldc">C's row stride; 0 for n.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the row it strides.</exception>
    /// <exception cref="ArgumentException">A span is too short for its shape, or C overlaps A or B.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void Multiply<T, TEpilogue>(
        int m, int n, int k, T alpha, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c, ref TEpilogue epilogue,
        bool transposeA = false, bool transposeB = false, int lda = 0, int ldb = 0, int ldc = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        Validate(m, n, k, a, b, c, transposeA, transposeB, ref lda, ref ldb, ref ldc);
        if (m == 0 || n == 0)
            return;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (alpha == T.Zero || k == 0)
            {
                ScaleOnly(m, n, beta, pc, ldc, ref epilogue);
                return;
            }

            var opA = new GemmOperand<T>(pa, lda, transposeA);
            var opB = new GemmOperand<T>(pb, ldb, transposeB);
            if ((long)m * n * k <= DirectProductLimit)
                GemmDirect.Run(m, n, k, alpha, opA, opB, beta, pc, ldc, ref epilogue);
            else
                RunRows(VectorPath.Current, n, k, alpha, opA, opB, beta, pc, ldc, 0, m, ref epilogue);
        }
    }

    /// <summary>
    /// Products of at most this many multiply-adds skip packing and blocking: at that size (a loss
    /// over a few genomes and samples, say) packing costs more than it saves. Tests set it to force
    /// one path or the other.
    /// </summary>
    internal static long DirectProductLimit { get; set; } = 4096;

    /// <summary>
    /// As <see cref="Multiply{T, TEpilogue}"/>, with C's rows split into contiguous blocks, one per
    /// worker thread (at most <see cref="Environment.ProcessorCount"/>), when the product is large
    /// enough to gain from it; otherwise on the calling thread. Each worker applies its own
    /// <see cref="IParallelGemmEpilogue{TSelf, T}.CreateWorker"/> copy of the epilogue to its rows;
    /// the caller's <paramref name="epilogue"/> then merges the copies in row order, on the calling
    /// thread. Results equal the single-threaded ones bit for bit (each element's sum runs in the
    /// same order); an accumulating epilogue's total may differ by the order of the merge.
    /// </summary>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="beta">Scales C's old values (0: C is overwritten, not read).</param>
    /// <param name="c">C, row-major; the result.</param>
    /// <param name="epilogue">The output stage; merges the workers' copies.</param>
    /// <param name="transposeA">op(A) = Aᵀ (A stored k×m).</param>
    /// <param name="transposeB">op(B) = Bᵀ (B stored n×k).</param>
    /// <param name="lda">A's row stride; 0 for its column count.</param>
    /// <param name="ldb">B's row stride; 0 for its column count.</param>
    /// <param name="ldc">C's row stride; 0 for n.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a leading dimension is below the row it strides.</exception>
    /// <exception cref="ArgumentException">A span is too short for its shape, or C overlaps A or B.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void MultiplyParallel<T, TEpilogue>(
        int m, int n, int k, T alpha, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c, ref TEpilogue epilogue,
        bool transposeA = false, bool transposeB = false, int lda = 0, int ldb = 0, int ldc = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IParallelGemmEpilogue<TEpilogue, T>
    {
        VectorWidth width = VectorPath.Current;
        int mr = width switch
        {
            VectorWidth.Vector512 => Vector512MicroKernel<T>.Mr,
            VectorWidth.Vector256 => Vector256MicroKernel<T>.Mr,
            _ => ScalarMicroKernel<T>.Mr,
        };
        int workers = (int)Math.Min(Environment.ProcessorCount, (m + 2L * mr - 1) / (2L * mr));
        if (workers <= 1 || (long)m * n * k < ParallelThreshold || alpha == T.Zero)
        {
            Multiply(m, n, k, alpha, a, b, beta, c, ref epilogue, transposeA, transposeB, lda, ldb, ldc);
            return;
        }

        Validate(m, n, k, a, b, c, transposeA, transposeB, ref lda, ref ldb, ref ldc);
        SplitProducts++;
        fixed (T* pa = a, pb = b, pc = c)
            RunSplit(width, mr, workers, m, n, k, alpha, new GemmOperand<T>(pa, lda, transposeA), new GemmOperand<T>(pb, ldb, transposeB), beta, pc, ldc, ref epilogue);
    }

    /// <summary>
    /// The split itself, in a method of its own: the workers' closure is allocated where its method starts, and a
    /// product too small to split must not pay for it (generated code calls the parallel path for every product).
    /// </summary>
    private static void RunSplit<T, TEpilogue>(
        VectorWidth width, int mr, int workers, int m, int n, int k, T alpha, GemmOperand<T> opA, GemmOperand<T> opB, T beta, T* pc, int ldc,
        ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IParallelGemmEpilogue<TEpilogue, T>
    {
        var copies = new TEpilogue[workers];
        for (int w = 0; w < workers; w++)
            copies[w] = epilogue.CreateWorker();
        // Row blocks of whole register tiles, as even as that allows.
        int blockRows = (m / workers + mr - 1) / mr * mr;
        nint cAddress = (nint)pc;
        Parallel.For(0, workers, w =>
        {
            int rowStart = w * blockRows;
            int rowEnd = w == workers - 1 ? m : Math.Min(m, rowStart + blockRows);
            if (rowStart < rowEnd)
                RunRows(width, n, k, alpha, opA, opB, beta, (T*)cAddress, ldc, rowStart, rowEnd, ref copies[w]);
        });

        for (int w = 0; w < workers; w++)
            epilogue.Merge(in copies[w]);
    }

    private static void RunRows<T, TEpilogue>(
        VectorWidth width, int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc,
        int rowStart, int rowEnd, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        switch (width)
        {
            case VectorWidth.Vector512:
                GemmBlocking.Run<T, Vector512MicroKernel<T>, TEpilogue>(n, k, alpha, a, b, beta, c, ldc, rowStart, rowEnd, ref epilogue);
                break;
            case VectorWidth.Vector256:
                GemmBlocking.Run<T, Vector256MicroKernel<T>, TEpilogue>(n, k, alpha, a, b, beta, c, ldc, rowStart, rowEnd, ref epilogue);
                break;
            default:
                GemmBlocking.Run<T, ScalarMicroKernel<T>, TEpilogue>(n, k, alpha, a, b, beta, c, ldc, rowStart, rowEnd, ref epilogue);
                break;
        }
    }

    /// <summary>alpha = 0 or k = 0: C = beta·C (zeros for beta = 0, without reading C), then the epilogue row by row.</summary>
    private static void ScaleOnly<T, TEpilogue>(int m, int n, T beta, T* c, int ldc, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        for (int row = 0; row < m; row++)
        {
            var values = new Span<T>(c + (nint)row * ldc, n);
            if (beta == T.Zero)
                values.Clear();
            else if (beta != T.One)
                BinaryKernels.Multiply<T>(values, beta, values);
            epilogue.Apply(row, 0, values);
        }
    }

    private static void Validate<T>(
        int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool transposeA, bool transposeB,
        ref int lda, ref int ldb, ref int ldc)
        where T : unmanaged
    {
        NumericType<T>.ThrowIfUnsupported();
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        lda = CheckStored(a.Length, transposeA ? k : m, transposeA ? m : k, lda, nameof(a), nameof(lda));
        ldb = CheckStored(b.Length, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b), nameof(ldb));
        ldc = CheckStored(c.Length, m, n, ldc, nameof(c), nameof(ldc));
        if (m > 0 && n > 0 && k > 0 && (c.Overlaps(a) || c.Overlaps(b)))
            throw new ArgumentException("C must not overlap A or B.", nameof(c));
    }

    /// <summary>Checks a stored rows×cols matrix with row stride ld fits in length; returns the effective ld.</summary>
    private static int CheckStored(int length, int rows, int cols, int ld, string name, string ldName)
    {
        if (ld == 0)
            ld = cols;
        if (ld < cols || ld < 0)
            throw new ArgumentOutOfRangeException(ldName, ld, $"The leading dimension must be at least the stored matrix's {cols} columns (0 for exactly that).");
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"A {rows}×{cols} matrix with leading dimension {ld} needs {needed} elements, but the span has {length}.", name);
        return ld;
    }
}
