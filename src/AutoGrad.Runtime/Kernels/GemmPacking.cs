using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoGrad.Kernels;

/// <summary>
/// A GEMM operand as the kernel reads it: op(X) = X or Xᵀ of a row-major X with leading dimension
/// <see cref="Ld"/>. Transposes are never materialized: packing reads the operand transposed.
/// </summary>
internal readonly unsafe struct GemmOperand<T>
    where T : unmanaged
{
    public GemmOperand(T* data, int ld, bool transposed)
    {
        Data = data;
        Ld = ld;
        Transposed = transposed;
    }

    /// <summary>The first element of X (pinned by the caller for the whole GEMM).</summary>
    public T* Data { get; }

    /// <summary>The distance between rows of the stored X.</summary>
    public int Ld { get; }

    /// <summary>Whether op(X) = Xᵀ.</summary>
    public bool Transposed { get; }
}

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels the micro-kernels stream
/// through. A block of op(A) (rows × depth) becomes ⌈rows/Mr⌉ panels; panel q holds, for each p,
/// the Mr values op(A)[q·Mr + r, p] at <c>q·Mr·depth + p·Mr + r</c>. A block of op(B) (depth ×
/// cols) becomes ⌈cols/Nr⌉ panels with op(B)[p, q·Nr + c] at <c>q·Nr·depth + p·Nr + c</c>. Rows
/// and columns past the block's edge are zero, so edge tiles run the full-size kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[rowStart .. rowStart + rows, depthStart .. depthStart + depth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(in GemmOperand<T> a, int rowStart, int rows, int depthStart, int depth, int mr, T* packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Transposed)
        {
            // op(A)[i, p] = A[p, i]: each p is a contiguous run of every panel's rows.
            PackRuns(a, depthStart, depth, rowStart, rows, mr, packed);
            return;
        }

        for (int panel = 0; panel < rows; panel += mr)
        {
            int height = System.Math.Min(mr, rows - panel);
            T* target = packed + (nint)panel * depth;
            if (height == mr)
            {
                // op(A)[i, p] = A[i, p]: each row is contiguous in p, so the panel is the transpose
                // of mr rows.
                Interleave(a.Data + (nint)(rowStart + panel) * a.Ld + depthStart, a.Ld, mr, depth, target);
            }
            else
            {
                // The last, partial panel: its rows with stride Mr, then zero rows.
                for (int r = 0; r < mr; r++)
                {
                    T* write = target + r;
                    if (r < height)
                    {
                        T* source = a.Data + (nint)(rowStart + panel + r) * a.Ld + depthStart;
                        for (int p = 0; p < depth; p++, write += mr)
                            *write = source[p];
                    }
                    else
                    {
                        for (int p = 0; p < depth; p++, write += mr)
                            *write = T.Zero;
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[depthStart .. depthStart + depth, colStart .. colStart + cols).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(in GemmOperand<T> b, int depthStart, int depth, int colStart, int cols, int nr, T* packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!b.Transposed)
        {
            // op(B)[p, j] = B[p, j]: each p is a contiguous run of every panel's columns.
            PackRuns(b, depthStart, depth, colStart, cols, nr, packed);
            return;
        }

        for (int panel = 0; panel < cols; panel += nr)
        {
            int width = System.Math.Min(nr, cols - panel);
            T* target = packed + (nint)panel * depth;
            // op(B)[p, j] = B[j, p]: each column j of op(B) is contiguous in p.
            if (width == nr)
            {
                Interleave(b.Data + (nint)(colStart + panel) * b.Ld + depthStart, b.Ld, nr, depth, target);
                continue;
            }

            for (int col = 0; col < nr; col++)
            {
                T* write = target + col;
                if (col < width)
                {
                    T* source = b.Data + (nint)(colStart + panel + col) * b.Ld + depthStart;
                    for (int p = 0; p < depth; p++, write += nr)
                        *write = source[p];
                }
                else
                {
                    for (int p = 0; p < depth; p++, write += nr)
                        *write = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// Rows of the stored matrix copied per <see cref="PackRuns"/> pass: few enough that their read
    /// streams stay in flight together, enough that each panel gets a contiguous run of writes.
    /// </summary>
    private const int RowsPerPass = 8;

    /// <summary>
    /// Packs panels whose rows are contiguous runs of the stored matrix x (op(B) = B, or op(A) = Aᵀ):
    /// panel q holds x[rowStart + p, colStart + q·width + c] at <c>q·width·depth + p·width + c</c>,
    /// zero past <paramref name="cols"/>. Packing panel by panel would read one short run (a cache
    /// line or less) from each of depth rows ld apart, a new page per row, which hardware prefetchers
    /// do not follow: at 1024³ double that was most of the packing time. So a few rows at a time are
    /// copied across all panels, each row read front to back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRuns<T>(in GemmOperand<T> x, int rowStart, int depth, int colStart, int cols, int width, T* packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int fullCols = cols / width * width;
        bool vectors = Simd.IsEnabled && Vector256.IsHardwareAccelerated && width % Vector256<T>.Count == 0;
        for (int passStart = 0; passStart < depth; passStart += RowsPerPass)
        {
            int passRows = System.Math.Min(RowsPerPass, depth - passStart);
            for (int panel = 0; panel < fullCols; panel += width)
            {
                T* source = x.Data + (nint)(rowStart + passStart) * x.Ld + colStart + panel;
                T* target = packed + (nint)panel * depth + (nint)passStart * width;
                for (int p = 0; p < passRows; p++, source += x.Ld, target += width)
                {
                    if (vectors)
                    {
                        for (int col = 0; col < width; col += Vector256<T>.Count)
                            Vector256.Store(Vector256.Load(source + col), target + col);
                    }
                    else
                    {
                        for (int col = 0; col < width; col++)
                            target[col] = source[col];
                    }
                }
            }
        }

        if (fullCols < cols)
        {
            int remaining = cols - fullCols;
            T* source = x.Data + (nint)rowStart * x.Ld + colStart + fullCols;
            T* target = packed + (nint)fullCols * depth;
            for (int p = 0; p < depth; p++, source += x.Ld, target += width)
            {
                int col = 0;
                for (; col < remaining; col++)
                    target[col] = source[col];
                for (; col < width; col++)
                    target[col] = T.Zero;
            }
        }
    }

    /// <summary>
    /// target[p·lanes + r] = source[r·ld + p] for r &lt; lanes, p &lt; depth: <paramref name="lanes"/>
    /// rows of <paramref name="depth"/> contiguous elements, <paramref name="ld"/> apart, written
    /// column by column. A scalar loop writes one element per store at a stride of lanes; transposing
    /// 4×4 blocks in registers reads each row and writes each column a vector at a time instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave<T>(T* source, nint ld, int lanes, int depth, T* target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 0;
        if (Simd.IsEnabled && lanes % 2 == 0)
        {
            if (typeof(T) == typeof(double) && Avx.IsSupported)
                p = InterleaveBlocks((double*)source, ld, lanes, depth, (double*)target);
            else if (typeof(T) == typeof(float) && Sse.IsSupported)
                p = InterleaveBlocks((float*)source, ld, lanes, depth, (float*)target);
        }

        for (; p < depth; p++)
        {
            for (int r = 0; r < lanes; r++)
                target[(nint)p * lanes + r] = source[r * ld + p];
        }
    }

    /// <summary>Interleave's vector part for doubles: 4×4 blocks, then a 2×4 one; returns the depth done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int InterleaveBlocks(double* source, nint ld, int lanes, int depth, double* target)
    {
        int p = 0;
        for (; p + 4 <= depth; p += 4)
        {
            double* column = target + (nint)p * lanes;
            int r = 0;
            for (; r + 4 <= lanes; r += 4)
            {
                double* row = source + r * ld + p;
                Vector256<double> r0 = Avx.LoadVector256(row), r1 = Avx.LoadVector256(row + ld);
                Vector256<double> r2 = Avx.LoadVector256(row + 2 * ld), r3 = Avx.LoadVector256(row + 3 * ld);
                // (r0p0 r1p0 r0p2 r1p2), (r0p1 r1p1 r0p3 r1p3), and the same for rows 2 and 3.
                Vector256<double> even01 = Avx.UnpackLow(r0, r1), odd01 = Avx.UnpackHigh(r0, r1);
                Vector256<double> even23 = Avx.UnpackLow(r2, r3), odd23 = Avx.UnpackHigh(r2, r3);
                Avx.Store(column + r, Avx.Permute2x128(even01, even23, 0x20));
                Avx.Store(column + lanes + r, Avx.Permute2x128(odd01, odd23, 0x20));
                Avx.Store(column + 2 * lanes + r, Avx.Permute2x128(even01, even23, 0x31));
                Avx.Store(column + 3 * lanes + r, Avx.Permute2x128(odd01, odd23, 0x31));
            }

            if (r < lanes)
            {
                // The last two rows (lanes = 6): (r0p0 r1p0 r0p2 r1p2) and (r0p1 r1p1 r0p3 r1p3).
                double* row = source + r * ld + p;
                Vector256<double> r0 = Avx.LoadVector256(row), r1 = Avx.LoadVector256(row + ld);
                Vector256<double> even = Avx.UnpackLow(r0, r1), odd = Avx.UnpackHigh(r0, r1);
                Sse2.Store(column + r, even.GetLower());
                Sse2.Store(column + lanes + r, odd.GetLower());
                Sse2.Store(column + 2 * lanes + r, even.GetUpper());
                Sse2.Store(column + 3 * lanes + r, odd.GetUpper());
            }
        }

        return p;
    }

    /// <summary>Interleave's vector part for floats: 4×4 blocks, then a 2×4 one; returns the depth done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int InterleaveBlocks(float* source, nint ld, int lanes, int depth, float* target)
    {
        int p = 0;
        for (; p + 4 <= depth; p += 4)
        {
            float* column = target + (nint)p * lanes;
            int r = 0;
            for (; r + 4 <= lanes; r += 4)
            {
                float* row = source + r * ld + p;
                Vector128<float> r0 = Sse.LoadVector128(row), r1 = Sse.LoadVector128(row + ld);
                Vector128<float> r2 = Sse.LoadVector128(row + 2 * ld), r3 = Sse.LoadVector128(row + 3 * ld);
                // (r0p0 r1p0 r0p1 r1p1), (r0p2 r1p2 r0p3 r1p3), and the same for rows 2 and 3.
                Vector128<float> low01 = Sse.UnpackLow(r0, r1), high01 = Sse.UnpackHigh(r0, r1);
                Vector128<float> low23 = Sse.UnpackLow(r2, r3), high23 = Sse.UnpackHigh(r2, r3);
                Sse.Store(column + r, Sse.MoveLowToHigh(low01, low23));
                Sse.Store(column + lanes + r, Sse.MoveHighToLow(low23, low01));
                Sse.Store(column + 2 * lanes + r, Sse.MoveLowToHigh(high01, high23));
                Sse.Store(column + 3 * lanes + r, Sse.MoveHighToLow(high23, high01));
            }

            if (r < lanes)
            {
                float* row = source + r * ld + p;
                Vector128<float> r0 = Sse.LoadVector128(row), r1 = Sse.LoadVector128(row + ld);
                Vector128<float> low = Sse.UnpackLow(r0, r1), high = Sse.UnpackHigh(r0, r1);
                Sse.StoreLow(column + r, low);
                Sse.StoreHigh(column + lanes + r, low);
                Sse.StoreLow(column + 2 * lanes + r, high);
                Sse.StoreHigh(column + 3 * lanes + r, high);
            }
        }

        return p;
    }
}
