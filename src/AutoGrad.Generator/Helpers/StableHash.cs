using System.Globalization;

namespace AutoGrad.Generator.Helpers;

/// <summary>A hash of a text that is the same on every machine and run (string.GetHashCode is not), for generated names.</summary>
internal static class StableHash
{
    /// <summary>FNV-1a of the text's UTF-16 code units, as eight hex digits.</summary>
    public static string Of(string text)
    {
        uint hash = 2166136261;
        foreach (var character in text)
            hash = (hash ^ character) * 16777619;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
