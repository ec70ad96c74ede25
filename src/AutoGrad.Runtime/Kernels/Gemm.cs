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
/// between paths only by rounding.</para>
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
                Direct(m, n, k, alpha, opA, opB, beta, pc, ldc, ref epilogue);
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
    /// The small-product path: each element's k-sum by fused multiply-adds in order, then the epilogue
    /// on the finished row (a whole row per call).
    /// </summary>
    /// <summary>
    /// Small products, unpacked: four rows and two columns of C at a time, so eight independent
    /// multiply-add chains keep the FMA units busy (one chain per element would wait on each FMA's
    /// latency, and k is short here). Each element is still one chain over p in order, so the
    /// result does not depend on the blocking. The epilogue gets whole rows.
    /// </summary>
    private static void Direct<T, TEpilogue>(int m, int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        nint aRow = a.Transposed ? 1 : a.Ld, aStep = a.Transposed ? a.Ld : 1;
        nint bStep = b.Transposed ? 1 : b.Ld, bCol = b.Transposed ? b.Ld : 1;
        // An epilogue that takes runs across rows gets all of C at once, when C is unpadded.
        bool wholeAtOnce = default(TEpilogue) is ILinearGemmEpilogue<T> && ldc == n;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            T* a0 = a.Data + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
            T* c0 = c + (nint)i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            int j = 0;
            for (; j + 2 <= n; j += 2)
            {
                T* b0 = b.Data + j * bCol, b1 = b0 + bCol;
                T s00 = T.Zero, s01 = T.Zero, s10 = T.Zero, s11 = T.Zero, s20 = T.Zero, s21 = T.Zero, s30 = T.Zero, s31 = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    nint pa = p * aStep, pb = p * bStep;
                    T y0 = b0[pb], y1 = b1[pb];
                    T x0 = a0[pa], x1 = a1[pa], x2 = a2[pa], x3 = a3[pa];
                    s00 = T.FusedMultiplyAdd(x0, y0, s00);
                    s01 = T.FusedMultiplyAdd(x0, y1, s01);
                    s10 = T.FusedMultiplyAdd(x1, y0, s10);
                    s11 = T.FusedMultiplyAdd(x1, y1, s11);
                    s20 = T.FusedMultiplyAdd(x2, y0, s20);
                    s21 = T.FusedMultiplyAdd(x2, y1, s21);
                    s30 = T.FusedMultiplyAdd(x3, y0, s30);
                    s31 = T.FusedMultiplyAdd(x3, y1, s31);
                }
                Finish(c0 + j, s00, alpha, beta);
                Finish(c0 + j + 1, s01, alpha, beta);
                Finish(c1 + j, s10, alpha, beta);
                Finish(c1 + j + 1, s11, alpha, beta);
                Finish(c2 + j, s20, alpha, beta);
                Finish(c2 + j + 1, s21, alpha, beta);
                Finish(c3 + j, s30, alpha, beta);
                Finish(c3 + j + 1, s31, alpha, beta);
            }
            for (; j < n; j++)
            {
                T* b0 = b.Data + j * bCol;
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    nint pa = p * aStep;
                    T y = b0[p * bStep];
                    s0 = T.FusedMultiplyAdd(a0[pa], y, s0);
                    s1 = T.FusedMultiplyAdd(a1[pa], y, s1);
                    s2 = T.FusedMultiplyAdd(a2[pa], y, s2);
                    s3 = T.FusedMultiplyAdd(a3[pa], y, s3);
                }
                Finish(c0 + j, s0, alpha, beta);
                Finish(c1 + j, s1, alpha, beta);
                Finish(c2 + j, s2, alpha, beta);
                Finish(c3 + j, s3, alpha, beta);
            }

            if (!wholeAtOnce)
            {
                epilogue.Apply(i, 0, new Span<T>(c0, n));
                epilogue.Apply(i + 1, 0, new Span<T>(c1, n));
                epilogue.Apply(i + 2, 0, new Span<T>(c2, n));
                epilogue.Apply(i + 3, 0, new Span<T>(c3, n));
            }
        }

        for (; i < m; i++)
        {
            T* row = c + (nint)i * ldc;
            T* aStart = a.Data + i * aRow;
            for (int j = 0; j < n; j++)
            {
                T* bStart = b.Data + j * bCol;
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                    sum = T.FusedMultiplyAdd(aStart[p * aStep], bStart[p * bStep], sum);
                Finish(row + j, sum, alpha, beta);
            }

            if (!wholeAtOnce)
                epilogue.Apply(i, 0, new Span<T>(row, n));
        }

        if (wholeAtOnce)
            epilogue.Apply(0, 0, new Span<T>(c, m * n));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T>(T* cell, T sum, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        => *cell = beta == T.Zero ? alpha * sum : T.FusedMultiplyAdd(alpha, sum, beta * *cell);

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
        var copies = new TEpilogue[workers];
        for (int w = 0; w < workers; w++)
            copies[w] = epilogue.CreateWorker();
        // Row blocks of whole register tiles, as even as that allows.
        int blockRows = (m / workers + mr - 1) / mr * mr;
        fixed (T* pa = a, pb = b, pc = c)
        {
            var opA = new GemmOperand<T>(pa, lda, transposeA);
            var opB = new GemmOperand<T>(pb, ldb, transposeB);
            nint cAddress = (nint)pc;
            int ldcValue = ldc;
            Parallel.For(0, workers, w =>
            {
                int rowStart = w * blockRows;
                int rowEnd = w == workers - 1 ? m : Math.Min(m, rowStart + blockRows);
                if (rowStart < rowEnd)
                    RunRows(width, n, k, alpha, opA, opB, beta, (T*)cAddress, ldcValue, rowStart, rowEnd, ref copies[w]);
            });
        }

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
