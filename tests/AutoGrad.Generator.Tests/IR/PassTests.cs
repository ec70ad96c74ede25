using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Tests.Infrastructure;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>
/// Each pass on its own, on a few hand-written lines of IR (text in, text out, as LLVM's <c>opt</c>
/// tests are kept). A case is a file <c>Passes/{pass}/{case}.ir</c>: a comment saying what it pins,
/// the method before, a line <c>// after {pass}</c>, and the method the pass must make of it. Input
/// and output must pass the <see cref="IrVerifier"/>, and the input must read back as it is written.
/// Rerun with <c>AUTOGRAD_ACCEPT_SNAPSHOTS=1</c> to write the outputs after reviewing them.
/// </summary>
public sealed class PassTests
{
    private const string AfterMarker = "// after ";

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CasesDirectory(), "*.ir", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
            cases.Add(Path.GetRelativePath(CasesDirectory(), file).Replace('\\', '/'));
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pass_turns_the_input_into_the_expected_output(string @case)
    {
        var path = Path.Combine(CasesDirectory(), @case);
        var pass = Path.GetFileName(Path.GetDirectoryName(path)!);
        var lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var comment = lines.TakeWhile(line => line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith(AfterMarker, StringComparison.Ordinal)).ToList();
        var input = Text(lines.Skip(comment.Count).TakeWhile(line => !line.StartsWith(AfterMarker, StringComparison.Ordinal)));
        var expected = Text(lines.SkipWhile(line => !line.StartsWith(AfterMarker, StringComparison.Ordinal)).Skip(1));
        Assert.True(comment.Count > 0, $"{@case} should start with a comment saying what it pins.");

        var method = IrTextParser.Parse(input);
        Assert.Equal(input, IrPrinter.Print(method));
        Assert.Empty(IrVerifier.Problems(method));

        var output = Run(pass, method);
        Assert.Empty(IrVerifier.Problems(output));
        var actual = IrPrinter.Print(output);
        if (actual == expected)
            return;
        if (Snapshot.AcceptFromEnvironment)
        {
            File.WriteAllText(path, string.Join("\n", comment) + "\n" + input + AfterMarker + pass + "\n" + actual);
            return;
        }
        Assert.Fail($"{@case}: the {pass} pass gave\n{actual}\ninstead of\n{expected}");
    }

    [Fact]
    public void Every_pass_of_the_pipeline_that_needs_only_the_method_has_a_case()
    {
        var covered = Directory.GetDirectories(CasesDirectory()).Where(directory => Directory.GetFiles(directory, "*.ir").Length > 0).Select(Path.GetFileName).ToHashSet();
        string[] passes = ["expressions", "propagate", "common-subexpressions", "dead-code", "dead-stores", "fold-accumulations",
            "redundant-copies", "coalesce", "inline", "mark-independent-loops", "fuse-loops", "contract-multiply-adds", "vectorize", "fold-constant-branches", "insert-bounds-checks"];
        Assert.All(passes, pass => Assert.Contains(pass, covered));
    }

    /// <summary>The pipeline's own pass of that name; the two transforms get the method's own activity.</summary>
    private static IrMethod Run(string pass, IrMethod method) => pass switch
    {
        "forward-transform" => ForwardTransform.Apply(method, ActivityAnalysis.Analyze(method)),
        "reverse-transform" => ReverseTransform.Apply(method, ActivityAnalysis.Analyze(method)),
        _ => Pipeline.PassNamed(pass)(method),
    };

    private static string Text(IEnumerable<string> lines)
    {
        var kept = lines.Select(line => line.TrimEnd()).ToList();
        while (kept.Count > 0 && kept[^1].Length == 0)
            kept.RemoveAt(kept.Count - 1);
        return string.Join("\n", kept) + "\n";
    }

    private static string CasesDirectory([CallerFilePath] string sourceFile = "")
        => Path.Combine(Path.GetDirectoryName(sourceFile)!, "Passes");
}
