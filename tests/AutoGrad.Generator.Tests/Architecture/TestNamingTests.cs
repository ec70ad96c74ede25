using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoGrad.Generator.Tests.Architecture;

/// <summary>
/// Test names are sentences in snake case (<c>A_sum_is_a_reduction</c>) in every test project: the
/// runner's output reads as a list of claims. Read from the sources, since this project does not
/// reference the other test projects.
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_is_named_as_a_sentence()
    {
        var tests = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/bin/") && !file.Contains("/obj/") && !file.Contains("/Regressions/"))
            .SelectMany(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot()
                .DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Where(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() is "Fact" or "Theory"))
                .Select(method => $"{Path.GetFileName(file)}: {method.Identifier.Text}"))
            .Where(test => !Sentence().IsMatch(test[(test.IndexOf(": ", System.StringComparison.Ordinal) + 2)..]))
            .ToList();
        Assert.True(offenders.Count == 0, "Not named as a snake-case sentence: " + string.Join(", ", offenders));
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;

    [GeneratedRegex(@"^[A-Z0-9][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();
}
