using System.Collections.Generic;

namespace AutoGrad.Generator.Helpers;

internal static class HashSetExtensions
{
    /// <summary>netstandard2.0 has no Enumerable.ToHashSet.</summary>
    public static HashSet<T> ToHashSetOf<T>(this IEnumerable<T> items) => new(items);
}
