using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AutoGrad.Generator.Benchmarks;

/// <summary>
/// The project the generator's IDE cost is measured on (issue 16): <c>files</c> files of <c>methodsPerFile</c>
/// <c>[Differentiable]</c> methods, each of ~8 statements with one loop over a span, Math.Exp/Sin/Log/Sqrt/Tanh/Pow/Atan2
/// and a branch, and one unrelated file; and the edits an IDE runs the generator again for.
/// </summary>
public sealed class SyntheticProject
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private readonly List<SyntaxTree> trees;
    private readonly SyntaxTree unrelated;

    /// <param name="name">
    /// The assembly's name. The generator keeps what it parsed per compilation environment for the life of the
    /// process, as an IDE's does; a project of another name shares none of it, so its first run is cold.
    /// </param>
    public SyntheticProject(int files = 30, int methodsPerFile = 10, string name = "Synthetic")
    {
        MethodCount = files * methodsPerFile;
        trees = [.. Enumerable.Range(0, files).Select(file => CSharpSyntaxTree.ParseText(File(file, methodsPerFile), ParseOptions, path: $"/src/Models{file}.cs"))];
        unrelated = CSharpSyntaxTree.ParseText(Unrelated(1), ParseOptions, path: "/src/Unrelated.cs");
        Compilation = CSharpCompilation.Create(name, [.. trees, unrelated], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    }

    public int MethodCount { get; }

    public Compilation Compilation { get; }

    /// <summary>Method <c>M{k}</c>: the k keeps every method's text its own, as a real project's are.</summary>
    public static string Method(int k) => $$"""
            [Differentiable]
            public static double M{{k}}(ReadOnlySpan<double> x, double a, double b)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Exp(-a * x[i]) * Math.Sin(b * x[i] + {{k}}.0);
                double t = Math.Log(1 + s * s) + Math.Sqrt(a * a + 1);
                double u = Math.Tanh(t) * Math.Pow(b, 2);
                double v = Math.Atan2(u, a + 2);
                if (v > 0.5)
                    v = v * v;
                return v + t;
            }
        """;

    private static string File(int file, int methodsPerFile) => $$"""
        using System;
        using AutoGrad;

        namespace Synthetic;

        public static partial class Models{{file}}
        {
        {{string.Join("\n", Enumerable.Range(file * methodsPerFile, methodsPerFile).Select(Method))}}
        }
        """;

    private static string Unrelated(int value) => $"namespace Synthetic;\n\npublic static class Unrelated\n{{\n    public static int Value() => {value};\n}}\n";

    /// <summary>One method's body changed (M3 of the first file: a constant of its loop).</summary>
    public Compilation WithOneMethodEdited() => Replace(trees[0], "+ 3.0)", "+ 3.5)");

    /// <summary>A keystroke that leaves one method (M5) unparsable: its return expression half typed.</summary>
    public Compilation WithSyntaxErrorInOneMethod()
    {
        var text = trees[0].GetText().ToString();
        var method = text.IndexOf("M5(", StringComparison.Ordinal);
        var at = text.IndexOf("return v + t;", method, StringComparison.Ordinal);
        return Compilation.ReplaceSyntaxTree(trees[0], trees[0].WithChangedText(SourceText.From(text.Substring(0, at) + "return v + ;" + text.Substring(at + "return v + t;".Length))));
    }

    /// <summary>A file without differentiable methods edited.</summary>
    public Compilation WithUnrelatedFileEdited()
        => Compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(SourceText.From(Unrelated(2))));

    private Compilation Replace(SyntaxTree tree, string oldText, string newText)
    {
        var text = tree.GetText().ToString();
        if (!text.Contains(oldText, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{oldText}' is not in {tree.FilePath}");
        return Compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(oldText, newText, StringComparison.Ordinal))));
    }

    /// <summary>A driver as an IDE runs it; with <paramref name="trackSteps"/>, runs report which steps were cached (tests do, an IDE does not).</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create([new DifferentiableGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static IEnumerable<MetadataReference> References()
        => ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
}
