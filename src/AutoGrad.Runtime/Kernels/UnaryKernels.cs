using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>
/// An elementwise function y = f(x), in the style of TensorPrimitives' operators: a scalar form,
/// vector forms that agree with it up to the BCL vector approximations, and whether the vector
/// forms exist at all (when they do not, drivers take the scalar form everywhere).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether the vector <c>Invoke</c> overloads are implemented.</summary>
    static abstract bool Vectorizable { get; }

    /// <summary>f(x) for one value.</summary>
    static abstract T Invoke(T x);

    /// <summary>f applied to each lane.</summary>
    static abstract Vector256<T> Invoke(Vector256<T> x);

    /// <summary>f applied to each lane.</summary>
    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>
/// Elementwise unary kernels on spans: <c>destination[i] = f(x[i])</c> for i in [0, x.Length).
/// Vector512 loop where accelerated, else Vector256, then a scalar tail; scalar throughout when
/// <see cref="Simd.IsEnabled"/> is false. <c>destination</c> may be <c>x</c> itself
/// (in place) but must not overlap it otherwise. Nothing is allocated.
/// </summary>
public static class UnaryKernels
{
    /// <summary>Applies <typeparamref name="TOperator"/> to every element.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="x"/> or partly overlaps it.</exception>
    public static void Invoke<T, TOperator>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IUnaryOperator<T>
    {
        SpanChecks.Destination(x, destination, nameof(destination));
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T target = ref MemoryMarshal.GetReference(destination);
        int length = x.Length;
        int i = 0;
        VectorWidth width = TOperator.Vectorizable ? VectorPath.Current : VectorWidth.Scalar;
        if (width == VectorWidth.Vector512)
        {
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
                TOperator.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }

        if (width != VectorWidth.Scalar)
        {
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
                TOperator.Invoke(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < length; i++)
            Unsafe.Add(ref target, i) = TOperator.Invoke(Unsafe.Add(ref source, i));
    }

    /// <summary>e^x.</summary>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, ExpOperator<T>>(x, destination);

    /// <summary>Natural logarithm.</summary>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, LogOperator<T>>(x, destination);

    /// <summary>Square root.</summary>
    public static void Sqrt<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, SqrtOperator<T>>(x, destination);

    /// <summary>Sine (radians).</summary>
    public static void Sin<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, SinOperator<T>>(x, destination);

    /// <summary>Cosine (radians).</summary>
    public static void Cos<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, CosOperator<T>>(x, destination);

    /// <summary>Hyperbolic tangent.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, TanhOperator<T>>(x, destination);

    /// <summary>Logistic sigmoid 1 / (1 + e^−x).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, SigmoidOperator<T>>(x, destination);

    /// <summary>max(x, 0) (NaN stays NaN).</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, ReluOperator<T>>(x, destination);

    /// <summary>|x|.</summary>
    public static void Abs<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, AbsOperator<T>>(x, destination);

    /// <summary>x².</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, SquareOperator<T>>(x, destination);

    /// <summary>−x.</summary>
    public static void Negate<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => Invoke<T, NegateOperator<T>>(x, destination);
}
