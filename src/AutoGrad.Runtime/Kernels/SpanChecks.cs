using System;

namespace AutoGrad.Kernels;

/// <summary>The argument checks the span kernels share, so their messages read alike.</summary>
internal static class SpanChecks
{
    /// <summary>The destination is long enough and is either the input itself or disjoint from it.</summary>
    public static void Destination<T>(ReadOnlySpan<T> x, Span<T> destination, string name)
    {
        if (destination.Length < x.Length)
            throw new ArgumentException($"The destination has {destination.Length} elements, fewer than the input's {x.Length}.", name);
        if (x.Overlaps(destination, out int offset) && offset != 0)
            throw new ArgumentException("The destination overlaps the input other than exactly (in place).", name);
    }

    /// <summary>Two inputs of one length.</summary>
    public static void SameLength<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, string name)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"The inputs have different lengths, {x.Length} and {y.Length}.", name);
    }
}
