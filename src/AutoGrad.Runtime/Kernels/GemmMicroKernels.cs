using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoGrad.Kernels;

/// <summary>
/// A register-blocked GEMM micro-kernel: one Mr×Nr tile of C from packed panels, plus the
/// blocking sizes that suit it. The packed A panel holds, for each p in [0, kc), the Mr values
/// op(A)[row, p]; the packed B panel the Nr values op(B)[p, col] (see <see cref="GemmPacking"/>).
/// </summary>
internal interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of C per tile.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of C per tile.</summary>
    static abstract int Nr { get; }

    /// <summary>Depth of a packed block: a B micro-panel (kc×Nr) should stay in L1.</summary>
    static abstract int Kc { get; }

    /// <summary>Rows of a packed A block (mc×kc, kept in L2); a multiple of Mr.</summary>
    static abstract int Mc { get; }

    /// <summary>Columns of a packed B block (kc×nc, kept in L3); a multiple of Nr.</summary>
    static abstract int Nc { get; }

    /// <summary>
    /// C[r, c] = alpha·Σ_p a[p·Mr + r]·b[p·Nr + c] + beta·C[r, c] for the full tile, with
    /// C[r, c] at <c>c + r·ldc + c</c>. beta = 0 does not read C (NaN there does not leak), as in BLAS.
    /// Every path computes <c>t = alpha·acc</c> then <c>beta = 0 ? t : fma(beta, C, t)</c>, so edge
    /// tiles (see <see cref="GemmBlocking"/>) round alike.
    /// </summary>
    static abstract void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta);
}

/// <summary>
/// 6 rows × 2 Vector256 (6×16 float, 6×8 double): 12 accumulators, 2 B vectors and one broadcast
/// A value fill 15 of the 16 ymm registers. Per k step 12 FMAs against 8 loads, so the two FMA
/// pipes of an AVX2 core stay busy; 12 independent chains hide the FMA latency (4 cycles × 2 pipes).
/// </summary>
internal readonly unsafe struct Vector256MicroKernel<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 6;

    public static int Nr => 2 * Vector256<T>.Count;

    public static int Kc => 256;

    // An A block of ~144 KB either way (144×256 floats, 72×256 doubles): well inside a 512 KB L2
    // next to the streaming B panels; 144 rows of doubles measured ~20% slower at 1024³ on Zen 3.
    public static int Mc => typeof(T) == typeof(double) ? 72 : 144;

    public static int Nc => 2048;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta)
    {
        nint w = Vector256<T>.Count;
        GemmPrefetch.Tile(ref c, ldc, 6, 2 * (int)w);
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Four k steps per iteration: the loop's own pointer bumps, count and branch (4 instructions)
        // then come once per 80 of the steps' loads and FMAs rather than once per 20. Measured at
        // 1024³ on the shared Zen 3 VM, this raised the median by 5-10% (double) and 3-8% (float),
        // the best iteration by ~1%: it matters most when another thread shares the core's front end.
        for (int quads = kc / 4; quads > 0; quads--)
        {
            Step(ref a, ref b, 0, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 1, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 2, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 3, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a = ref Unsafe.Add(ref a, 4 * 6);
            b = ref Unsafe.Add(ref b, 4 * 2 * w);
        }

        for (int rest = kc % 4; rest > 0; rest--)
        {
            Step(ref a, ref b, 0, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 2 * w);
        }

        Vector256<T> va = Vector256.Create(alpha);
        bool readC = beta != T.Zero;
        Vector256<T> vb = Vector256.Create(beta);
        Store(ref c, c00, c01, va, vb, readC);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, va, vb, readC);
    }

    /// <summary>k step <paramref name="step"/> past a and b: the tile's 12 FMAs on one A column and one B row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(
        ref T a, ref T b, int step,
        ref Vector256<T> c00, ref Vector256<T> c01, ref Vector256<T> c10, ref Vector256<T> c11, ref Vector256<T> c20, ref Vector256<T> c21,
        ref Vector256<T> c30, ref Vector256<T> c31, ref Vector256<T> c40, ref Vector256<T> c41, ref Vector256<T> c50, ref Vector256<T> c51)
    {
        nuint w = (nuint)Vector256<T>.Count;
        int column = 6 * step;
        Vector256<T> b0 = Vector256.LoadUnsafe(ref b, (nuint)step * 2 * w);
        Vector256<T> b1 = Vector256.LoadUnsafe(ref b, ((nuint)step * 2 + 1) * w);
        Vector256<T> ai = Vector256.Create(Unsafe.Add(ref a, column));
        c00 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c00);
        c01 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c01);
        ai = Vector256.Create(Unsafe.Add(ref a, column + 1));
        c10 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c10);
        c11 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c11);
        ai = Vector256.Create(Unsafe.Add(ref a, column + 2));
        c20 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c20);
        c21 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c21);
        ai = Vector256.Create(Unsafe.Add(ref a, column + 3));
        c30 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c30);
        c31 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c31);
        ai = Vector256.Create(Unsafe.Add(ref a, column + 4));
        c40 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c40);
        c41 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c41);
        ai = Vector256.Create(Unsafe.Add(ref a, column + 5));
        c50 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c50);
        c51 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref T row, Vector256<T> s0, Vector256<T> s1, Vector256<T> alpha, Vector256<T> beta, bool readC)
    {
        nuint w = (nuint)Vector256<T>.Count;
        s0 *= alpha;
        s1 *= alpha;
        if (readC)
        {
            s0 = VectorMath<T>.FusedMultiplyAdd(beta, Vector256.LoadUnsafe(ref row), s0);
            s1 = VectorMath<T>.FusedMultiplyAdd(beta, Vector256.LoadUnsafe(ref row, w), s1);
        }

        s0.StoreUnsafe(ref row);
        s1.StoreUnsafe(ref row, w);
    }
}

/// <summary>
/// 8 rows × 2 Vector512 (8×32 float, 8×16 double): 16 accumulators of AVX-512's 32 zmm registers,
/// 16 FMAs against 10 loads per k step.
/// </summary>
internal readonly unsafe struct Vector512MicroKernel<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 8;

    public static int Nr => 2 * Vector512<T>.Count;

    public static int Kc => 256;

    public static int Mc => 128;

    public static int Nc => 2048;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta)
    {
        nint w = Vector512<T>.Count;
        GemmPrefetch.Tile(ref c, ldc, 8, 2 * (int)w);
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<T> b1 = Vector512.LoadUnsafe(ref b, (nuint)w);
            Vector512<T> ai = Vector512.Create(a);
            c00 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c00);
            c01 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c10);
            c11 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c20);
            c21 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c30);
            c31 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c40);
            c41 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c50);
            c51 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c60);
            c61 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = VectorMath<T>.FusedMultiplyAdd(ai, b0, c70);
            c71 = VectorMath<T>.FusedMultiplyAdd(ai, b1, c71);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, 2 * w);
        }

        Vector512<T> va = Vector512.Create(alpha);
        bool readC = beta != T.Zero;
        Vector512<T> vb = Vector512.Create(beta);
        Store(ref c, c00, c01, va, vb, readC);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 6 * ldc), c60, c61, va, vb, readC);
        Store(ref Unsafe.Add(ref c, 7 * ldc), c70, c71, va, vb, readC);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref T row, Vector512<T> s0, Vector512<T> s1, Vector512<T> alpha, Vector512<T> beta, bool readC)
    {
        nuint w = (nuint)Vector512<T>.Count;
        s0 *= alpha;
        s1 *= alpha;
        if (readC)
        {
            s0 = VectorMath<T>.FusedMultiplyAdd(beta, Vector512.LoadUnsafe(ref row), s0);
            s1 = VectorMath<T>.FusedMultiplyAdd(beta, Vector512.LoadUnsafe(ref row, w), s1);
        }

        s0.StoreUnsafe(ref row);
        s1.StoreUnsafe(ref row, w);
    }
}

/// <summary>
/// 4×4 scalar tile (16 accumulators) for hardware without vector acceleration and for
/// <see cref="Simd.IsEnabled"/> = false. Each product is a fused multiply-add, as on the vector paths.
/// </summary>
internal readonly struct ScalarMicroKernel<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Size = 4;

    public static int Mr => Size;

    public static int Nr => Size;

    public static int Kc => 256;

    public static int Mc => 64;

    public static int Nc => 1024;

    public static void Run(int kc, ref T a, ref T b, ref T c, nint ldc, T alpha, T beta)
    {
        // The accumulators as a fixed buffer the JIT keeps on the stack; 16 scalars in a loop of
        // 16 FMAs is the fallback, not a fast path.
        Span<T> sums = stackalloc T[Size * Size];
        sums.Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Size; r++)
            {
                T ar = Unsafe.Add(ref a, r);
                for (int col = 0; col < Size; col++)
                    sums[r * Size + col] = T.FusedMultiplyAdd(ar, Unsafe.Add(ref b, col), sums[r * Size + col]);
            }

            a = ref Unsafe.Add(ref a, Size);
            b = ref Unsafe.Add(ref b, Size);
        }

        bool readC = beta != T.Zero;
        for (int r = 0; r < Size; r++)
        {
            ref T row = ref Unsafe.Add(ref c, r * ldc);
            for (int col = 0; col < Size; col++)
            {
                T t = alpha * sums[r * Size + col];
                Unsafe.Add(ref row, col) = readC ? T.FusedMultiplyAdd(beta, Unsafe.Add(ref row, col), t) : t;
            }
        }
    }
}

/// <summary>
/// Touches a C tile before its k-loop so the loads and stores that end the micro-kernel hit L1.
/// C is read and written once per kc slice, straight from L3 or memory (for 1024² doubles, 8 MB per
/// slice); without the prefetch the kernel stalls on each tile's first access (BLIS does the same).
/// </summary>
internal static unsafe class GemmPrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(ref T c, nint ldc, int rows, int cols)
        where T : unmanaged
    {
        if (!Sse.IsSupported)
            return;
        for (int r = 0; r < rows; r++)
        {
            byte* row = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref c, r * ldc));
            // First and last byte of the row segment: two lines at most for a 64-byte segment,
            // more for wider ones, so step through it a line at a time.
            for (int offset = 0; offset < cols * sizeof(T); offset += 64)
                Sse.Prefetch0(row + offset);
            Sse.Prefetch0(row + cols * sizeof(T) - 1);
        }
    }
}
