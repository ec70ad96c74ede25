using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>
/// A few fused elementwise kernels the matrix losses need, each one pass instead of two (the
/// exp-link loss's <c>exp(z) ∘ y</c>, an affine <c>αx + β</c>). Same drivers' rules as
/// <see cref="BinaryKernels"/>: vector loops with scalar tails, scalar when
/// <see cref="Simd.IsEnabled"/> is false, the destination may be an input but not overlap one
/// partly, nothing allocated.
/// </summary>
public static class FusedKernels
{
    /// <summary><c>destination[i] = e^x[i] · y[i]</c>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the destination is too short or partly overlaps an input.</exception>
    public static void ExpMultiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        => BinaryKernels.Invoke<T, ExpMultiplyOperator<T>>(x, y, destination);

    /// <summary><c>destination[i] = α·x[i] + β</c>, one rounding per element (a fused multiply-add).</summary>
    /// <exception cref="ArgumentException">The destination is too short or partly overlaps <paramref name="x"/>.</exception>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, T alpha, T beta, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Destination(x, destination, nameof(destination));
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        VectorWidth width = VectorPath.Current;
        if (width == VectorWidth.Vector512)
        {
            Vector512<T> a = Vector512.Create(alpha), b = Vector512.Create(beta);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
                VectorMath<T>.FusedMultiplyAdd(a, Vector512.LoadUnsafe(ref source, (nuint)i), b).StoreUnsafe(ref target, (nuint)i);
        }

        if (width != VectorWidth.Scalar)
        {
            Vector256<T> a = Vector256.Create(alpha), b = Vector256.Create(beta);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
                VectorMath<T>.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref source, (nuint)i), b).StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < length; i++)
            Unsafe.Add(ref target, i) = T.FusedMultiplyAdd(alpha, Unsafe.Add(ref source, i), beta);
    }
}

/// <summary>e^x · y, composed from <see cref="ExpOperator{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct ExpMultiplyOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool Vectorizable => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x, T y) => ExpOperator<T>.Invoke(x) * y;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => ExpOperator<T>.Invoke(x) * y;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => ExpOperator<T>.Invoke(x) * y;
}
