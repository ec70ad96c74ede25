using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoGrad.Kernels;

/// <summary>
/// Small products, unpacked and unblocked: at the size of a loss over a few genomes and samples,
/// packing A and blocking for caches cost more than they save. Every element of C is one chain of
/// fused multiply-adds over p in order, and is finished as <c>alpha·sum</c> (beta = 0) or
/// <c>fma(alpha, sum, beta·C)</c>, on both paths here, so the vector path and the scalar one agree
/// bit for bit and the result does not depend on the blocking.
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>
    /// The most elements of a transposed op(B) the vector path copies to the stack (16 KB of
    /// doubles: every product small enough for this path with four or more rows fits).
    /// </summary>
    private const int StackPanelLimit = 2048;

    public static void Run<T, TEpilogue>(int m, int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        if (Avx.IsSupported && VectorPath.Current != VectorWidth.Scalar && (!b.Transposed || (long)k * GemmBlocking.RoundUp(n, Vector256<T>.Count) <= StackPanelLimit))
            Vectorized(m, n, k, alpha, a, b, beta, c, ldc);
        else
            Scalar(m, n, k, alpha, a, b, beta, c, ldc);

        // An epilogue that takes runs across rows gets all of C at once, when C is unpadded.
        if (default(TEpilogue) is ILinearGemmEpilogue<T> && ldc == n)
        {
            epilogue.Apply(0, 0, new Span<T>(c, m * n));
            return;
        }

        for (int i = 0; i < m; i++)
            epilogue.Apply(i, 0, new Span<T>(c + (nint)i * ldc, n));
    }

    /// <summary>
    /// Columns of C as vectors: C[i, j..j+w) = Σ_p op(A)[i, p]·op(B)[p, j..j+w), one broadcast and
    /// one FMA per row and step, eight accumulators to hide the FMA latency: four rows × two vectors,
    /// or eight rows × one vector for the last one or two (a loss over a few samples has only those).
    /// A column block that ends past C's row is read and written with lane masks, so nothing is
    /// copied; only a transposed B is first copied row by row, to the stack.
    /// </summary>
    [SkipLocalsInit]
    private static void Vectorized<T>(int m, int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        var rows = new RowReader<T>(a);
        var product = new Product<T>(k, rows, b.Data, b.Ld, c, ldc, alpha, beta);
        if (b.Transposed)
        {
            int ld = GemmBlocking.RoundUp(n, w);
            T* copy = stackalloc T[k * ld];
            CopyTransposed(b, k, n, ld, copy);
            product = new Product<T>(k, rows, copy, ld, c, ldc, alpha, beta);
        }

        int wholeEnd = n - n % w;
        int j = 0;
        for (; j + 2 * w <= wholeEnd; j += 2 * w)
            TwoVectorColumns(product, m, j);
        for (; j < wholeEnd; j += w)
            OneVectorColumn(product, m, j, default(WholeLanes<T>));
        if (j < n)
            OneVectorColumn(product, m, j, new FirstLanes<T>(n - j));
    }

    /// <summary>Columns j .. j + 2w of every row: four rows at a time, then one.</summary>
    private static void TwoVectorColumns<T>(in Product<T> product, int m, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        nint aStep = product.Rows.Step, ld = product.Ldb;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            T* a0 = product.Rows.Row(i), a1 = product.Rows.Row(i + 1), a2 = product.Rows.Row(i + 2), a3 = product.Rows.Row(i + 3);
            Vector256<T> s00 = default, s01 = default, s10 = default, s11 = default;
            Vector256<T> s20 = default, s21 = default, s30 = default, s31 = default;
            T* y = product.B + j;
            for (int p = 0; p < product.K; p++, y += ld)
            {
                nint pa = p * aStep;
                Vector256<T> y0 = Vector256.Load(y), y1 = Vector256.Load(y + w);
                Vector256<T> x0 = Vector256.Create(a0[pa]), x1 = Vector256.Create(a1[pa]), x2 = Vector256.Create(a2[pa]), x3 = Vector256.Create(a3[pa]);
                s00 = VectorMath<T>.FusedMultiplyAdd(x0, y0, s00);
                s01 = VectorMath<T>.FusedMultiplyAdd(x0, y1, s01);
                s10 = VectorMath<T>.FusedMultiplyAdd(x1, y0, s10);
                s11 = VectorMath<T>.FusedMultiplyAdd(x1, y1, s11);
                s20 = VectorMath<T>.FusedMultiplyAdd(x2, y0, s20);
                s21 = VectorMath<T>.FusedMultiplyAdd(x2, y1, s21);
                s30 = VectorMath<T>.FusedMultiplyAdd(x3, y0, s30);
                s31 = VectorMath<T>.FusedMultiplyAdd(x3, y1, s31);
            }
            var lanes = default(WholeLanes<T>);
            product.Finish(i, j, s00, lanes);
            product.Finish(i, j + w, s01, lanes);
            product.Finish(i + 1, j, s10, lanes);
            product.Finish(i + 1, j + w, s11, lanes);
            product.Finish(i + 2, j, s20, lanes);
            product.Finish(i + 2, j + w, s21, lanes);
            product.Finish(i + 3, j, s30, lanes);
            product.Finish(i + 3, j + w, s31, lanes);
        }

        for (; i < m; i++)
        {
            OneRow(product, i, j, default(WholeLanes<T>));
            OneRow(product, i, j + w, default(WholeLanes<T>));
        }
    }

    /// <summary>Columns j .. j + w (those <paramref name="lanes"/> selects) of every row: eight rows at a time, then four, then one.</summary>
    private static void OneVectorColumn<T, TLanes>(in Product<T> product, int m, int j, TLanes lanes)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<T>
    {
        nint aStep = product.Rows.Step, ld = product.Ldb;
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            T* a0 = product.Rows.Row(i), a1 = product.Rows.Row(i + 1), a2 = product.Rows.Row(i + 2), a3 = product.Rows.Row(i + 3);
            T* a4 = product.Rows.Row(i + 4), a5 = product.Rows.Row(i + 5), a6 = product.Rows.Row(i + 6), a7 = product.Rows.Row(i + 7);
            Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            T* y = product.B + j;
            for (int p = 0; p < product.K; p++, y += ld)
            {
                nint pa = p * aStep;
                Vector256<T> yp = lanes.Load(y);
                s0 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a0[pa]), yp, s0);
                s1 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a1[pa]), yp, s1);
                s2 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a2[pa]), yp, s2);
                s3 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a3[pa]), yp, s3);
                s4 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a4[pa]), yp, s4);
                s5 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a5[pa]), yp, s5);
                s6 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a6[pa]), yp, s6);
                s7 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a7[pa]), yp, s7);
            }
            product.Finish(i, j, s0, lanes);
            product.Finish(i + 1, j, s1, lanes);
            product.Finish(i + 2, j, s2, lanes);
            product.Finish(i + 3, j, s3, lanes);
            product.Finish(i + 4, j, s4, lanes);
            product.Finish(i + 5, j, s5, lanes);
            product.Finish(i + 6, j, s6, lanes);
            product.Finish(i + 7, j, s7, lanes);
        }

        for (; i + 4 <= m; i += 4)
        {
            T* a0 = product.Rows.Row(i), a1 = product.Rows.Row(i + 1), a2 = product.Rows.Row(i + 2), a3 = product.Rows.Row(i + 3);
            Vector256<T> s0 = default, s1 = default, s2 = default, s3 = default;
            T* y = product.B + j;
            for (int p = 0; p < product.K; p++, y += ld)
            {
                nint pa = p * aStep;
                Vector256<T> yp = lanes.Load(y);
                s0 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a0[pa]), yp, s0);
                s1 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a1[pa]), yp, s1);
                s2 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a2[pa]), yp, s2);
                s3 = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(a3[pa]), yp, s3);
            }
            product.Finish(i, j, s0, lanes);
            product.Finish(i + 1, j, s1, lanes);
            product.Finish(i + 2, j, s2, lanes);
            product.Finish(i + 3, j, s3, lanes);
        }

        for (; i < m; i++)
            OneRow(product, i, j, lanes);
    }

    private static void OneRow<T, TLanes>(in Product<T> product, int i, int j, TLanes lanes)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLanes : struct, ILanes<T>
    {
        T* x = product.Rows.Row(i);
        T* y = product.B + j;
        Vector256<T> sum = default;
        for (int p = 0; p < product.K; p++, y += product.Ldb)
            sum = VectorMath<T>.FusedMultiplyAdd(Vector256.Create(x[p * product.Rows.Step]), lanes.Load(y), sum);
        product.Finish(i, j, sum, lanes);
    }

    /// <summary>op(B) = Bᵀ (k × n) into rows of <paramref name="ld"/> elements.</summary>
    private static void CopyTransposed<T>(in GemmOperand<T> b, int k, int n, int ld, T* copy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < k; p++, copy += ld)
        {
            T* source = b.Data + p;
            for (int j = 0; j < n; j++, source += b.Ld)
                copy[j] = *source;
        }
    }

    /// <summary>The operands and output of one product, and how its sums are finished into C.</summary>
    private readonly struct Product<T>(int k, RowReader<T> rows, T* b, nint ldb, T* c, nint ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly int K = k;
        public readonly RowReader<T> Rows = rows;
        /// <summary>op(B), rows <see cref="Ldb"/> apart.</summary>
        public readonly T* B = b;
        public readonly nint Ldb = ldb;
        private readonly T* c = c;
        private readonly nint ldc = ldc;
        private readonly T alpha = alpha;
        private readonly T beta = beta;

        /// <summary>C[i, j..] = alpha·sum, or fma(alpha, sum, beta·C) — as the scalar path finishes each element.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Finish<TLanes>(int i, int j, Vector256<T> sum, TLanes lanes)
            where TLanes : struct, ILanes<T>
        {
            T* target = c + i * ldc + j;
            Vector256<T> scaled = beta == T.Zero
                ? Vector256.Create(alpha) * sum
                : VectorMath<T>.FusedMultiplyAdd(Vector256.Create(alpha), sum, Vector256.Create(beta) * lanes.Load(target));
            lanes.Store(target, scaled);
        }
    }

    /// <summary>Where row i of op(A) starts, and the distance between its elements.</summary>
    private readonly struct RowReader<T>(GemmOperand<T> a)
        where T : unmanaged
    {
        private readonly T* data = a.Data;
        private readonly nint rowDistance = a.Transposed ? 1 : a.Ld;

        public nint Step { get; } = a.Transposed ? a.Ld : 1;

        public T* Row(int i) => data + i * rowDistance;
    }

    /// <summary>How a column block's vectors are read and written: whole, or only their first lanes.</summary>
    private interface ILanes<T>
        where T : unmanaged
    {
        Vector256<T> Load(T* source);

        void Store(T* target, Vector256<T> value);
    }

    private readonly struct WholeLanes<T> : ILanes<T>
        where T : unmanaged
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Load(T* source) => Vector256.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(T* target, Vector256<T> value) => value.Store(target);
    }

    /// <summary>The first lanes only, by AVX masked loads and stores: the lanes past C's (and B's) row are neither read nor written.</summary>
    private readonly struct FirstLanes<T>(int count) : ILanes<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector256<T> mask = Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(count)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Load(T* source) => typeof(T) == typeof(float)
            ? Avx.MaskLoad((float*)source, mask.AsSingle()).As<float, T>()
            : Avx.MaskLoad((double*)source, mask.AsDouble()).As<double, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(T* target, Vector256<T> value)
        {
            if (typeof(T) == typeof(float))
                Avx.MaskStore((float*)target, mask.AsSingle(), value.AsSingle());
            else
                Avx.MaskStore((double*)target, mask.AsDouble(), value.AsDouble());
        }
    }

    /// <summary>
    /// Four rows and two columns of C at a time, so eight independent multiply-add chains keep the
    /// FMA units busy (one chain per element would wait on each FMA's latency, and k is short here).
    /// </summary>
    private static void Scalar<T>(int m, int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint aRow = a.Transposed ? 1 : a.Ld, aStep = a.Transposed ? a.Ld : 1;
        nint bStep = b.Transposed ? 1 : b.Ld, bCol = b.Transposed ? b.Ld : 1;
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
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T>(T* cell, T sum, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        => *cell = beta == T.Zero ? alpha * sum : T.FusedMultiplyAdd(alpha, sum, beta * *cell);
}
