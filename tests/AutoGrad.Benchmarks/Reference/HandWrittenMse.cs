using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Benchmarks.Reference;

/// <summary>
/// What a careful person writes by hand for mean squared error and its gradient, for the
/// generated code to be measured against: a straightforward <see cref="Vector256{T}"/> loop
/// (one vector per step, one accumulator, FMA where the hardware has it, a scalar tail), and
/// plain scalar loops. Generic over <c>float</c> and <c>double</c>; the JIT specialises each.
/// </summary>
/// <remarks>
/// Lengths are validated the way the generated code does it (<see cref="ArgumentException"/>
/// naming the parameter), so both pay the same checks. <c>Mse</c> of an empty span is 0/0 = NaN,
/// as the user's loop gives.
/// </remarks>
public static class HandWrittenMse
{
    /// <summary><c>Σ (pred[i] − y[i])² / n</c>, vectorised.</summary>
    public static T Primal<T>(ReadOnlySpan<T> pred, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfLengthsDiffer(pred.Length, y.Length, nameof(y));
        int n = pred.Length;
        ref T p = ref MemoryMarshal.GetReference(pred);
        ref T t = ref MemoryMarshal.GetReference(y);

        T sum = T.Zero;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            for (int last = n - Vector256<T>.Count; i <= last; i += Vector256<T>.Count)
            {
                Vector256<T> d = Vector256.LoadUnsafe(ref p, (nuint)i) - Vector256.LoadUnsafe(ref t, (nuint)i);
                acc = MultiplyAdd(d, d, acc);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            T d = Unsafe.Add(ref p, i) - Unsafe.Add(ref t, i);
            sum += d * d;
        }
        return sum / T.CreateTruncating(n);
    }

    /// <summary>
    /// The fused adjoint: one pass that returns the loss (as <see cref="Primal{T}"/> does) and adds
    /// <c>resultBar · 2/n · (pred[i] − y[i])</c> into <c>predBar[i]</c>.
    /// </summary>
    public static T Adjoint<T>(ReadOnlySpan<T> pred, Span<T> predBar, ReadOnlySpan<T> y, T resultBar)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfLengthsDiffer(pred.Length, predBar.Length, nameof(predBar));
        ThrowIfLengthsDiffer(pred.Length, y.Length, nameof(y));
        int n = pred.Length;
        ref T p = ref MemoryMarshal.GetReference(pred);
        ref T b = ref MemoryMarshal.GetReference(predBar);
        ref T t = ref MemoryMarshal.GetReference(y);
        T scale = T.CreateTruncating(2) / T.CreateTruncating(n) * resultBar;

        T sum = T.Zero;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            Vector256<T> vscale = Vector256.Create(scale);
            for (int last = n - Vector256<T>.Count; i <= last; i += Vector256<T>.Count)
            {
                Vector256<T> d = Vector256.LoadUnsafe(ref p, (nuint)i) - Vector256.LoadUnsafe(ref t, (nuint)i);
                acc = MultiplyAdd(d, d, acc);
                MultiplyAdd(vscale, d, Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref b, (nuint)i);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            T d = Unsafe.Add(ref p, i) - Unsafe.Add(ref t, i);
            sum += d * d;
            Unsafe.Add(ref b, i) += scale * d;
        }
        return sum / T.CreateTruncating(n);
    }

    /// <summary>The plain scalar loop of <see cref="Primal{T}"/> (the user's method, generic).</summary>
    public static T ScalarPrimal<T>(ReadOnlySpan<T> pred, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfLengthsDiffer(pred.Length, y.Length, nameof(y));
        T sum = T.Zero;
        for (int i = 0; i < pred.Length; i++)
        {
            T d = pred[i] - y[i];
            sum += d * d;
        }
        return sum / T.CreateTruncating(pred.Length);
    }

    /// <summary>The plain scalar loop of <see cref="Adjoint{T}"/>: loss and gradient in one pass.</summary>
    public static T ScalarAdjoint<T>(ReadOnlySpan<T> pred, Span<T> predBar, ReadOnlySpan<T> y, T resultBar)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfLengthsDiffer(pred.Length, predBar.Length, nameof(predBar));
        ThrowIfLengthsDiffer(pred.Length, y.Length, nameof(y));
        T scale = T.CreateTruncating(2) / T.CreateTruncating(pred.Length) * resultBar;
        T sum = T.Zero;
        for (int i = 0; i < pred.Length; i++)
        {
            T d = pred[i] - y[i];
            sum += d * d;
            predBar[i] += scale * d;
        }
        return sum / T.CreateTruncating(pred.Length);
    }

    /// <summary>
    /// <c>a · b + c</c>, one fused instruction where the hardware has FMA (x64 FMA3, Arm64 AdvSimd),
    /// a multiply and an add elsewhere. The <c>typeof</c> tests fold away when the JIT specialises.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    private static void ThrowIfLengthsDiffer(int expected, int actual, string paramName)
    {
        if (actual != expected)
            Throw(expected, actual, paramName);

        static void Throw(int expected, int actual, string paramName) =>
            throw new ArgumentException(
                $"Length {actual} does not match pred's length {expected}.", paramName);
    }
}
