using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoGrad.Generator.Tests.Architecture;

/// <summary>
/// The generator's stages, one folder each, depend only on earlier ones: Parsing → IR → Transforms →
/// Emit, with Model, Diagnostics and Helpers beside them all. A name of a later stage in an earlier
/// one's code (not its comments) fails here, so the file tree keeps showing the pipeline.
/// </summary>
public sealed class LayeringTests
{
    public static TheoryData<string, string[]> Stages => new()
    {
        { "IR", ["Parsing", "Transforms", "Emit", "Model"] },
        { "Parsing", ["Transforms", "Emit"] },
        { "Transforms", ["Parsing", "Emit"] },
        { "Emit", ["Parsing", "Transforms"] },
    };

    [Theory]
    [MemberData(nameof(Stages))]
    public void A_stage_names_no_later_stage(string stage, string[] forbidden)
    {
        var folder = Path.Combine(GeneratorSource(), stage);
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetCompilationUnitRoot();
            // Identifiers only: comments are trivia, and a stage's name in prose is no dependence.
            foreach (var name in root.DescendantNodes().OfType<IdentifierNameSyntax>().Where(name => forbidden.Contains(name.Identifier.Text)))
            {
                var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                offenders.Add($"{Path.GetRelativePath(GeneratorSource(), file)}({line}): {name.Parent}");
            }
        }
        Assert.True(offenders.Count == 0, $"{stage} reaches into {string.Join(", ", forbidden)}:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    private static string GeneratorSource([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "src", "AutoGrad.Generator"));
}
