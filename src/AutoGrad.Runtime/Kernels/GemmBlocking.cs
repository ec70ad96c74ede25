using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoGrad.Kernels;

/// <summary>
/// The cache-blocked GEMM loop nest (the BLIS/Goto order) around a micro-kernel, for one range of
/// C's rows: for each nc-wide column block and kc-deep slice, pack op(B) (kept in L3); for each
/// mc-tall row block, pack op(A) (kept in L2); then sweep Nr-wide B micro-panels (kept in L1)
/// against the Mr-tall A micro-panels. The epilogue runs on each row block's finished strips, up to
/// <see cref="EpilogueColumns"/> columns at a time, as soon as their last k-slice is added, while
/// they are in L1 or L2.
/// </summary>
internal static unsafe class GemmBlocking
{
    /// <summary>The widest row segment handed to an epilogue (a multiple of every kernel's Nr).</summary>
    internal const int EpilogueColumns = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TKernel, TEpilogue>(
        int n, int k, T alpha, in GemmOperand<T> a, in GemmOperand<T> b, T beta, T* c, int ldc,
        int rowStart, int rowEnd, ref TEpilogue epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IGemmMicroKernel<T>
        where TEpilogue : struct, IGemmEpilogue<T>
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int rows = rowEnd - rowStart;
        int kcMax = Math.Min(k, TKernel.Kc);
        int mcMax = RoundUp(Math.Min(rows, TKernel.Mc), mr);
        int ncMax = RoundUp(Math.Min(n, TKernel.Nc), nr);

        GemmWorkspace<T> workspace = GemmWorkspace<T>.Take();
        try
        {
            T* packedA = workspace.PackedA(mcMax * kcMax);
            T* packedB = workspace.PackedB(kcMax * ncMax);
            T* edge = stackalloc T[mr * nr];
            for (int jc = 0; jc < n; jc += TKernel.Nc)
            {
                int ncBlock = Math.Min(TKernel.Nc, n - jc);
                for (int pc = 0; pc < k; pc += TKernel.Kc)
                {
                    int kcBlock = Math.Min(TKernel.Kc, k - pc);
                    bool lastSlice = pc + kcBlock == k;
                    // beta scales C once, with the first slice; later slices add onto it.
                    T betaSlice = pc == 0 ? beta : T.One;
                    GemmPacking.PackB(b, pc, kcBlock, jc, ncBlock, nr, packedB);
                    for (int ic = rowStart; ic < rowEnd; ic += TKernel.Mc)
                    {
                        int mcBlock = Math.Min(TKernel.Mc, rowEnd - ic);
                        GemmPacking.PackA(a, ic, mcBlock, pc, kcBlock, mr, packedA);
                        int unfinishedFrom = 0;
                        for (int jr = 0; jr < ncBlock; jr += nr)
                        {
                            int width = Math.Min(nr, ncBlock - jr);
                            T* panelB = packedB + (nint)jr * kcBlock;
                            for (int ir = 0; ir < mcBlock; ir += mr)
                            {
                                int height = Math.Min(mr, mcBlock - ir);
                                T* panelA = packedA + (nint)ir * kcBlock;
                                int row = ic + ir, col = jc + jr;
                                T* tile = c + (nint)row * ldc + col;
                                if (height == mr && width == nr)
                                {
                                    TKernel.Run(kcBlock, ref *panelA, ref *panelB, ref *tile, ldc, alpha, betaSlice);
                                }
                                else
                                {
                                    TKernel.Run(kcBlock, ref *panelA, ref *panelB, ref *edge, nr, alpha, T.Zero);
                                    CombineEdge(edge, nr, tile, ldc, height, width, betaSlice);
                                }

                            }

                            // The epilogue gets the finished strips of this row block in chunks of
                            // EpilogueColumns: wide enough that its per-call work is small against
                            // the elements, small enough (mc × 64) to still be in L1/L2.
                            int finishedTo = jr + width;
                            if (lastSlice && (finishedTo - unfinishedFrom >= EpilogueColumns || finishedTo == ncBlock))
                            {
                                for (int r = 0; r < mcBlock; r++)
                                    epilogue.Apply(ic + r, jc + unfinishedFrom, new Span<T>(c + (nint)(ic + r) * ldc + jc + unfinishedFrom, finishedTo - unfinishedFrom));
                                unfinishedFrom = finishedTo;
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            GemmWorkspace<T>.Return(workspace);
        }
    }

    /// <summary>The part of an edge tile inside C, combined as the kernels combine full tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineEdge<T>(T* edge, int edgeLd, T* tile, int ldc, int height, int width, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool readC = beta != T.Zero;
        for (int r = 0; r < height; r++)
        {
            T* source = edge + r * edgeLd;
            T* target = tile + (nint)r * ldc;
            for (int col = 0; col < width; col++)
                target[col] = readC ? T.FusedMultiplyAdd(beta, target[col], source[col]) : source[col];
        }
    }

    /// <summary>The least multiple of <paramref name="multiple"/> at or above <paramref name="value"/>.</summary>
    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

/// <summary>
/// The pack buffers of one thread's GEMMs: pinned, 64-byte aligned, grown on demand and then
/// reused, so GEMM allocates nothing in steady state. Kept per thread (a worker thread of the
/// parallel path has its own); an epilogue that itself calls GEMM gets a fresh workspace rather
/// than the one its caller is still using.
/// </summary>
internal sealed unsafe class GemmWorkspace<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static GemmWorkspace<T>? t_cached;

    private T[]? _a;
    private T[]? _b;

    public static GemmWorkspace<T> Take()
    {
        GemmWorkspace<T>? workspace = t_cached;
        t_cached = null;
        return workspace ?? new GemmWorkspace<T>();
    }

    public static void Return(GemmWorkspace<T> workspace) => t_cached = workspace;

    public T* PackedA(int length) => Aligned(ref _a, length);

    public T* PackedB(int length) => Aligned(ref _b, length);

    private static T* Aligned(ref T[]? buffer, int length)
    {
        int slack = Alignment / sizeof(T);
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        // Pinned arrays never move, so the aligned address stays valid for the buffer's life.
        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (T*)((address + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
