using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>
/// The BCL's float and double vector functions behind one generic name, so operator structs can be
/// written once for <typeparamref name="T"/>. The <c>typeof(T)</c> tests are JIT-time constants:
/// each instantiation compiles to the one call it needs.
/// </summary>
internal static class VectorMath<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Exp(x.AsSingle()).As<float, T>() : Vector256.Exp(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Exp(x.AsSingle()).As<float, T>() : Vector512.Exp(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Log(x.AsSingle()).As<float, T>() : Vector256.Log(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Log(x.AsSingle()).As<float, T>() : Vector512.Log(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sin(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Sin(x.AsSingle()).As<float, T>() : Vector256.Sin(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sin(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Sin(x.AsSingle()).As<float, T>() : Vector512.Sin(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cos(Vector256<T> x)
        => typeof(T) == typeof(float) ? Vector256.Cos(x.AsSingle()).As<float, T>() : Vector256.Cos(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cos(Vector512<T> x)
        => typeof(T) == typeof(float) ? Vector512.Cos(x.AsSingle()).As<float, T>() : Vector512.Cos(x.AsDouble()).As<double, T>();

    /// <summary>
    /// The BCL has no Vector256/512 Tanh; TensorPrimitives has a vectorized one. The vector is
    /// spilled to the stack and handed over as a span, which costs a call but keeps Tanh an
    /// ordinary operator that composes like the others.
    /// </summary>
    public static Vector256<T> Tanh(Vector256<T> x)
    {
        Span<T> values = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref x), Vector256<T>.Count);
        TensorTanh(values);
        return x;
    }

    /// <inheritdoc cref="Tanh(Vector256{T})"/>
    public static Vector512<T> Tanh(Vector512<T> x)
    {
        Span<T> values = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref x), Vector512<T>.Count);
        TensorTanh(values);
        return x;
    }

    private static void TensorTanh(Span<T> values)
    {
        if (typeof(T) == typeof(float))
        {
            Span<float> single = MemoryMarshal.Cast<T, float>(values);
            TensorPrimitives.Tanh(single, single);
        }
        else
        {
            Span<double> wide = MemoryMarshal.Cast<T, double>(values);
            TensorPrimitives.Tanh(wide, wide);
        }
    }
}
