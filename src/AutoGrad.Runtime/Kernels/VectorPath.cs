using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>Which code path a kernel takes: the widest accelerated vector, or scalar code.</summary>
internal enum VectorWidth
{
    /// <summary>Plain scalar loops: no acceleration, or <see cref="Simd.IsEnabled"/> is false.</summary>
    Scalar,

    /// <summary>Vector256 loops with scalar tails.</summary>
    Vector256,

    /// <summary>Vector512 loops with scalar tails.</summary>
    Vector512,
}

/// <summary>
/// The one place every kernel asks which path to take, so <see cref="Simd.IsEnabled"/> and
/// <see cref="Simd.MaxVectorWidth"/> are honoured everywhere alike.
/// </summary>
internal static class VectorPath
{
    /// <summary>
    /// Tests only: overrides the hardware choice (Vector256 on an AVX-512 machine; Vector512, which
    /// the JIT then emulates, on an AVX2 one). <see cref="Simd.IsEnabled"/> false still wins.
    /// Process-wide, so tests that set it must not run in parallel with other kernel tests.
    /// </summary>
    internal static VectorWidth? Forced { get; set; }

    public static VectorWidth Current
    {
        get
        {
            if (!Simd.IsEnabled)
                return VectorWidth.Scalar;
            if (Forced is { } forced)
                return forced;
            if (Simd.MaxVectorWidth >= 512 && Vector512.IsHardwareAccelerated)
                return VectorWidth.Vector512;
            return Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 : VectorWidth.Scalar;
        }
    }
}
