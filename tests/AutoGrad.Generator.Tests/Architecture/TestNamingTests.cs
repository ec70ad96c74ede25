using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace AutoGrad.Generator.Tests.Architecture;

/// <summary>
/// Test names are sentences in snake case (<c>A_sum_is_a_reduction</c>), across the test projects:
/// the runner's output reads as a list of claims. AutoGrad.Tests and the package and sample tests
/// follow the same convention (checked here from their sources, which this project does not reference).
/// </summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_of_this_project_is_named_as_a_sentence()
    {
        var offenders = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any() && !Sentence().IsMatch(method.Name))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .ToList();
        Assert.True(offenders.Count == 0, "Not named as a snake-case sentence: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_test_of_the_other_test_projects_is_named_as_a_sentence()
    {
        var tests = System.IO.Path.GetFullPath(System.IO.Path.Combine(SourceDirectory(), "..", ".."));
        var offenders = System.IO.Directory.EnumerateFiles(tests, "*.cs", System.IO.SearchOption.AllDirectories)
            .Where(file => !file.Contains("/bin/") && !file.Contains("/obj/") && !file.Contains("AutoGrad.Generator.Tests"))
            .SelectMany(file => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(System.IO.File.ReadAllText(file)).GetRoot()
                .DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .Where(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() is "Fact" or "Theory"))
                .Select(method => method.Identifier.Text))
            .Where(name => !Sentence().IsMatch(name))
            .ToList();
        Assert.True(offenders.Count == 0, "Not named as a snake-case sentence: " + string.Join(", ", offenders));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") => System.IO.Path.GetDirectoryName(thisFile)!;

    [GeneratedRegex(@"^[A-Z0-9][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();
}
