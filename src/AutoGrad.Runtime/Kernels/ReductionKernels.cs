using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoGrad.Kernels;

/// <summary>
/// How a reduction combines values (TensorPrimitives' aggregation operators): an associative
/// operation with an identity, lane-wise on vectors, and a fixed-order fold of a vector's lanes.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IAggregationOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The value that changes nothing (0 for a sum, −∞ for a maximum).</summary>
    static abstract T Identity { get; }

    /// <summary>Combines two values.</summary>
    static abstract T Invoke(T x, T y);

    /// <summary>Combines lane by lane.</summary>
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    /// <summary>Combines lane by lane.</summary>
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);

    /// <summary>Folds the lanes into one value, always in the same order.</summary>
    static abstract T Aggregate(Vector256<T> x);

    /// <summary>Folds the lanes into one value, always in the same order.</summary>
    static abstract T Aggregate(Vector512<T> x);
}

/// <summary>Sums.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct SumAggregation<T> : IAggregationOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x, T y) => x + y;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x + y;

    /// <inheritdoc/>
    public static T Aggregate(Vector256<T> x) => Vector256.Sum(x);

    /// <inheritdoc/>
    public static T Aggregate(Vector512<T> x) => Vector512.Sum(x);
}

/// <summary>Maxima as <see cref="Math.Max(double, double)"/> picks them: NaN wins, +0 is above −0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct MaxAggregation<T> : IAggregationOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.NegativeInfinity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x, T y) => T.Max(x, y);

    // Vector256/512.Max have Math.Max's semantics since .NET 9 (MaxNative is the fast, loose one).

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);

    /// <inheritdoc/>
    public static T Aggregate(Vector256<T> x)
    {
        T result = x[0];
        for (int i = 1; i < Vector256<T>.Count; i++)
            result = T.Max(result, x[i]);
        return result;
    }

    /// <inheritdoc/>
    public static T Aggregate(Vector512<T> x) => Aggregate(Vector256.Max(x.GetLower(), x.GetUpper()));
}

/// <summary>Minima as <see cref="Math.Min(double, double)"/> picks them: NaN wins, −0 is below +0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct MinAggregation<T> : IAggregationOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static T Identity => T.PositiveInfinity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x, T y) => T.Min(x, y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Min(x, y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Min(x, y);

    /// <inheritdoc/>
    public static T Aggregate(Vector256<T> x)
    {
        T result = x[0];
        for (int i = 1; i < Vector256<T>.Count; i++)
            result = T.Min(result, x[i]);
        return result;
    }

    /// <inheritdoc/>
    public static T Aggregate(Vector512<T> x) => Aggregate(Vector256.Min(x.GetLower(), x.GetUpper()));
}

/// <summary>
/// Reductions of spans to one value: a transform of each element (or pair) folded by an
/// aggregation. The vector paths keep four accumulators over four-vector steps, then one-vector
/// steps, combine the accumulators as (a0 ∘ a1) ∘ (a2 ∘ a3), fold the lanes, and fold in the
/// scalar tail from left to right; the scalar path folds from left to right. Data is never
/// realigned, so the result depends only on the length and the path (Vector512, Vector256,
/// scalar): deterministic run to run. Nothing is allocated.
/// </summary>
public static class ReductionKernels
{
    private const int Accumulators = 4;

    /// <summary>Folds <c>TTransform(x[i])</c> with <typeparamref name="TAggregation"/>; the identity for an empty span.</summary>
    public static T Aggregate<T, TTransform, TAggregation>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTransform : IUnaryOperator<T>
        where TAggregation : IAggregationOperator<T>
    {
        ref T source = ref MemoryMarshal.GetReference(x);
        int length = x.Length;
        int i = 0;
        T result = TAggregation.Identity;
        VectorWidth width = TTransform.Vectorizable ? VectorPath.Current : VectorWidth.Scalar;
        if (width == VectorWidth.Vector512 && length >= Vector512<T>.Count)
        {
            const int step = Accumulators;
            int w = Vector512<T>.Count;
            Vector512<T> a0 = Vector512.Create(TAggregation.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= length - step * w; i += step * w)
            {
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)));
                a1 = TAggregation.Invoke(a1, TTransform.Invoke(Vector512.LoadUnsafe(ref source, (nuint)(i + w))));
                a2 = TAggregation.Invoke(a2, TTransform.Invoke(Vector512.LoadUnsafe(ref source, (nuint)(i + 2 * w))));
                a3 = TAggregation.Invoke(a3, TTransform.Invoke(Vector512.LoadUnsafe(ref source, (nuint)(i + 3 * w))));
            }

            for (; i <= length - w; i += w)
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)));
            result = TAggregation.Aggregate(TAggregation.Invoke(TAggregation.Invoke(a0, a1), TAggregation.Invoke(a2, a3)));
        }
        else if (width != VectorWidth.Scalar && length >= Vector256<T>.Count)
        {
            const int step = Accumulators;
            int w = Vector256<T>.Count;
            Vector256<T> a0 = Vector256.Create(TAggregation.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= length - step * w; i += step * w)
            {
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector256.LoadUnsafe(ref source, (nuint)i)));
                a1 = TAggregation.Invoke(a1, TTransform.Invoke(Vector256.LoadUnsafe(ref source, (nuint)(i + w))));
                a2 = TAggregation.Invoke(a2, TTransform.Invoke(Vector256.LoadUnsafe(ref source, (nuint)(i + 2 * w))));
                a3 = TAggregation.Invoke(a3, TTransform.Invoke(Vector256.LoadUnsafe(ref source, (nuint)(i + 3 * w))));
            }

            for (; i <= length - w; i += w)
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector256.LoadUnsafe(ref source, (nuint)i)));
            result = TAggregation.Aggregate(TAggregation.Invoke(TAggregation.Invoke(a0, a1), TAggregation.Invoke(a2, a3)));
        }

        for (; i < length; i++)
            result = TAggregation.Invoke(result, TTransform.Invoke(Unsafe.Add(ref source, i)));
        return result;
    }

    /// <summary>Folds <c>TTransform(x[i], y[i])</c> with <typeparamref name="TAggregation"/>; the identity for empty spans.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T Aggregate<T, TTransform, TAggregation>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTransform : IBinaryOperator<T>
        where TAggregation : IAggregationOperator<T>
    {
        SpanChecks.SameLength(x, y, nameof(y));
        ref T left = ref MemoryMarshal.GetReference(x);
        ref T right = ref MemoryMarshal.GetReference(y);
        int length = x.Length;
        int i = 0;
        T result = TAggregation.Identity;
        VectorWidth width = TTransform.Vectorizable ? VectorPath.Current : VectorWidth.Scalar;
        if (width == VectorWidth.Vector512 && length >= Vector512<T>.Count)
        {
            const int step = Accumulators;
            int w = Vector512<T>.Count;
            Vector512<T> a0 = Vector512.Create(TAggregation.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= length - step * w; i += step * w)
            {
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector512.LoadUnsafe(ref left, (nuint)i), Vector512.LoadUnsafe(ref right, (nuint)i)));
                a1 = TAggregation.Invoke(a1, TTransform.Invoke(Vector512.LoadUnsafe(ref left, (nuint)(i + w)), Vector512.LoadUnsafe(ref right, (nuint)(i + w))));
                a2 = TAggregation.Invoke(a2, TTransform.Invoke(Vector512.LoadUnsafe(ref left, (nuint)(i + 2 * w)), Vector512.LoadUnsafe(ref right, (nuint)(i + 2 * w))));
                a3 = TAggregation.Invoke(a3, TTransform.Invoke(Vector512.LoadUnsafe(ref left, (nuint)(i + 3 * w)), Vector512.LoadUnsafe(ref right, (nuint)(i + 3 * w))));
            }

            for (; i <= length - w; i += w)
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector512.LoadUnsafe(ref left, (nuint)i), Vector512.LoadUnsafe(ref right, (nuint)i)));
            result = TAggregation.Aggregate(TAggregation.Invoke(TAggregation.Invoke(a0, a1), TAggregation.Invoke(a2, a3)));
        }
        else if (width != VectorWidth.Scalar && length >= Vector256<T>.Count)
        {
            const int step = Accumulators;
            int w = Vector256<T>.Count;
            Vector256<T> a0 = Vector256.Create(TAggregation.Identity), a1 = a0, a2 = a0, a3 = a0;
            for (; i <= length - step * w; i += step * w)
            {
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector256.LoadUnsafe(ref left, (nuint)i), Vector256.LoadUnsafe(ref right, (nuint)i)));
                a1 = TAggregation.Invoke(a1, TTransform.Invoke(Vector256.LoadUnsafe(ref left, (nuint)(i + w)), Vector256.LoadUnsafe(ref right, (nuint)(i + w))));
                a2 = TAggregation.Invoke(a2, TTransform.Invoke(Vector256.LoadUnsafe(ref left, (nuint)(i + 2 * w)), Vector256.LoadUnsafe(ref right, (nuint)(i + 2 * w))));
                a3 = TAggregation.Invoke(a3, TTransform.Invoke(Vector256.LoadUnsafe(ref left, (nuint)(i + 3 * w)), Vector256.LoadUnsafe(ref right, (nuint)(i + 3 * w))));
            }

            for (; i <= length - w; i += w)
                a0 = TAggregation.Invoke(a0, TTransform.Invoke(Vector256.LoadUnsafe(ref left, (nuint)i), Vector256.LoadUnsafe(ref right, (nuint)i)));
            result = TAggregation.Aggregate(TAggregation.Invoke(TAggregation.Invoke(a0, a1), TAggregation.Invoke(a2, a3)));
        }

        for (; i < length; i++)
            result = TAggregation.Invoke(result, TTransform.Invoke(Unsafe.Add(ref left, i), Unsafe.Add(ref right, i)));
        return result;
    }

    /// <summary>Σ x[i] (0 for an empty span).</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => Aggregate<T, IdentityOperator<T>, SumAggregation<T>>(x);

    /// <summary>Σ x[i]² (0 for an empty span).</summary>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => Aggregate<T, SquareOperator<T>, SumAggregation<T>>(x);

    /// <summary>Σ x[i]·y[i] (0 for empty spans).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Aggregate<T, MultiplyOperator<T>, SumAggregation<T>>(x, y);

    /// <summary>Σ (x[i] − y[i])² (0 for empty spans).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T SumOfSquaredDifferences<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => Aggregate<T, SquaredDifferenceOperator<T>, SumAggregation<T>>(x, y);

    /// <summary>The largest element as Math.Max picks it (NaN if any element is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static T Max<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfEmpty(x, nameof(x));
        return Aggregate<T, IdentityOperator<T>, MaxAggregation<T>>(x);
    }

    /// <summary>The smallest element as Math.Min picks it (NaN if any element is NaN).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static T Min<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ThrowIfEmpty(x, nameof(x));
        return Aggregate<T, IdentityOperator<T>, MinAggregation<T>>(x);
    }

    private static void ThrowIfEmpty<T>(ReadOnlySpan<T> x, string name)
    {
        if (x.IsEmpty)
            throw new ArgumentException("The maximum or minimum of no values is undefined.", name);
    }
}
