using System.Text.RegularExpressions;
using Xunit;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>Assertions on generated code that do not depend on where the emitter broke its lines.</summary>
public static partial class CodeAssert
{
    /// <summary>The generated code contains <paramref name="expected"/>, both read with every run of whitespace as one space (and none after an opening parenthesis).</summary>
    public static void Contains(string expected, string generated) => Assert.Contains(Flatten(expected), Flatten(generated));

    private static string Flatten(string code) => Whitespace().Replace(code, " ").Replace("( ", "(");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
