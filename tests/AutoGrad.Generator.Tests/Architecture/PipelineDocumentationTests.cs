using System.IO;
using System.Runtime.CompilerServices;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests.Architecture;

/// <summary>docs/how-it-works.md draws the pipeline that <c>Transforms/Pipeline.cs</c> declares, not one it used to.</summary>
public sealed class PipelineDocumentationTests
{
    [Fact]
    public void How_it_works_shows_the_pipeline_as_declared()
    {
        var drawing = Pipeline.Describe().ReplaceLineEndings("\n");
        var document = File.ReadAllText(HowItWorks()).ReplaceLineEndings("\n");
        Assert.True(document.Contains("```\n" + drawing + "```\n", System.StringComparison.Ordinal),
            "docs/how-it-works.md must show the pipeline exactly as Pipeline.Describe() draws it, in a code block of its own:\n" + drawing);
    }

    private static string HowItWorks([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "how-it-works.md"));
}
