using System.Numerics;
using System.Runtime.CompilerServices;

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
    public static void PackA<T>(in GemmOperand<T> a, int rowStart, int rows, int depthStart, int depth, int mr, T* packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int panel = 0; panel < rows; panel += mr)
        {
            int height = System.Math.Min(mr, rows - panel);
            T* target = packed + (nint)panel * depth;
            if (a.Transposed)
            {
                // op(A)[i, p] = A[p, i]: each p is a contiguous run of the panel's rows.
                T* source = a.Data + (nint)(depthStart) * a.Ld + rowStart + panel;
                for (int p = 0; p < depth; p++, source += a.Ld, target += mr)
                {
                    int r = 0;
                    for (; r < height; r++)
                        target[r] = source[r];
                    for (; r < mr; r++)
                        target[r] = T.Zero;
                }
            }
            else
            {
                // op(A)[i, p] = A[i, p]: each row is contiguous in p; write it with stride Mr.
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
    public static void PackB<T>(in GemmOperand<T> b, int depthStart, int depth, int colStart, int cols, int nr, T* packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int panel = 0; panel < cols; panel += nr)
        {
            int width = System.Math.Min(nr, cols - panel);
            T* target = packed + (nint)panel * depth;
            if (b.Transposed)
            {
                // op(B)[p, j] = B[j, p]: each column j of op(B) is contiguous in p; write it with stride Nr.
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
            else
            {
                // op(B)[p, j] = B[p, j]: each p is a contiguous run of the panel's columns.
                T* source = b.Data + (nint)depthStart * b.Ld + colStart + panel;
                uint bytes = (uint)(width * sizeof(T));
                for (int p = 0; p < depth; p++, source += b.Ld, target += nr)
                {
                    Unsafe.CopyBlockUnaligned(target, source, bytes);
                    for (int col = width; col < nr; col++)
                        target[col] = T.Zero;
                }
            }
        }
    }
}
