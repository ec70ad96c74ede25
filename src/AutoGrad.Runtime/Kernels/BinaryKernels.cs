using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>
/// An elementwise function z = f(x, y), in the style of TensorPrimitives' operators: a scalar form,
/// vector forms, and whether the vector forms exist (when not, drivers use the scalar form).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the vector <c>Invoke</c> overloads are implemented.</summary>
    static abstract bool Vectorizable { get; }

    /// <summary>f(x, y) for one pair.</summary>
    static abstract T Invoke(T x, T y);

    /// <summary>f applied lane by lane.</summary>
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    /// <summary>f applied lane by lane.</summary>
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}

/// <summary>
/// Elementwise binary kernels on spans, with a span or a scalar on either side:
/// <c>destination[i] = f(x[i], y[i])</c>. Vector512 loop where accelerated, else Vector256, then a
/// scalar tail; scalar throughout when <see cref="Simd.IsEnabled"/> is false. The destination may
/// be an input itself (in place) but must not overlap one otherwise. Nothing is allocated.
/// </summary>
public static class BinaryKernels
{
    /// <summary><c>destination[i] = f(x[i], y[i])</c>.</summary>
    /// <exception cref="ArgumentException">The inputs' lengths differ, or the destination is too short or partly overlaps an input.</exception>
    public static void Invoke<T, TOperator>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
    {
        SpanChecks.SameLength(x, y, nameof(y));
        SpanChecks.Destination(x, destination, nameof(destination));
        SpanChecks.Destination(y, destination, nameof(destination));
        ref T left = ref MemoryMarshal.GetReference(x);
        ref T right = ref MemoryMarshal.GetReference(y);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        VectorWidth width = TOperator.Vectorizable ? VectorPath.Current : VectorWidth.Scalar;
        if (width == VectorWidth.Vector512)
        {
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
                TOperator.Invoke(Vector512.LoadUnsafe(ref left, (nuint)i), Vector512.LoadUnsafe(ref right, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }

        if (width != VectorWidth.Scalar)
        {
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
                TOperator.Invoke(Vector256.LoadUnsafe(ref left, (nuint)i), Vector256.LoadUnsafe(ref right, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < length; i++)
            Unsafe.Add(ref target, i) = TOperator.Invoke(Unsafe.Add(ref left, i), Unsafe.Add(ref right, i));
    }

    /// <summary><c>destination[i] = f(x[i], y)</c>.</summary>
    /// <exception cref="ArgumentException">The destination is too short or partly overlaps <paramref name="x"/>.</exception>
    public static void Invoke<T, TOperator>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
        => InvokeWithScalar<T, TOperator>(x, y, destination, scalarOnLeft: false);

    /// <summary><c>destination[i] = f(x, y[i])</c>.</summary>
    /// <exception cref="ArgumentException">The destination is too short or partly overlaps <paramref name="y"/>.</exception>
    public static void Invoke<T, TOperator>(T x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
        => InvokeWithScalar<T, TOperator>(y, x, destination, scalarOnLeft: true);

    /// <summary>x + y.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, AddOperator<T>>(x, y, destination);

    /// <summary>x + y for a scalar y.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, AddOperator<T>>(x, y, destination);

    /// <summary>x − y.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, SubtractOperator<T>>(x, y, destination);

    /// <summary>x·y elementwise.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, MultiplyOperator<T>>(x, y, destination);

    /// <summary>x·y for a scalar y.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, MultiplyOperator<T>>(x, y, destination);

    /// <summary>x / y elementwise.</summary>
    public static void Divide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, DivideOperator<T>>(x, y, destination);

    /// <summary>x^y for a scalar exponent, as Math.Pow defines it (scalar code: see <see cref="PowOperator{T}"/>).</summary>
    public static void Pow<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The exponent the losses use most is 2: the exact product, vectorized.
        if (y == T.CreateTruncating(2))
            UnaryKernels.Square(x, destination);
        else
            Invoke<T, PowOperator<T>>(x, y, destination);
    }

    private static void InvokeWithScalar<T, TOperator>(ReadOnlySpan<T> x, T scalar, Span<T> destination, bool scalarOnLeft)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IBinaryOperator<T>
    {
        SpanChecks.Destination(x, destination, nameof(destination));
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        VectorWidth width = TOperator.Vectorizable ? VectorPath.Current : VectorWidth.Scalar;
        if (width == VectorWidth.Vector512)
        {
            var broadcast = Vector512.Create(scalar);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var values = Vector512.LoadUnsafe(ref source, (nuint)i);
                (scalarOnLeft ? TOperator.Invoke(broadcast, values) : TOperator.Invoke(values, broadcast)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (width != VectorWidth.Scalar)
        {
            var broadcast = Vector256.Create(scalar);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var values = Vector256.LoadUnsafe(ref source, (nuint)i);
                (scalarOnLeft ? TOperator.Invoke(broadcast, values) : TOperator.Invoke(values, broadcast)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            T value = Unsafe.Add(ref source, i);
            Unsafe.Add(ref target, i) = scalarOnLeft ? TOperator.Invoke(scalar, value) : TOperator.Invoke(value, scalar);
        }
    }
}
