using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AutoGrad.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="DifferentiableGenerator"/> over C# source text the way the compiler does, with
/// incremental step tracking on, and hands back a <see cref="GeneratorRun"/> to inspect.
/// <para>
/// Every run is checked before it is handed back (<see cref="GeneratorRun.Verify"/>): the generator
/// did not throw, reported no AG9999, and no error or warning is located in a generated file — the
/// generator must emit code that compiles cleanly or report a diagnostic instead, whatever the input.
/// A test that provokes one of these on purpose says so with a narrower <see cref="GeneratorChecks"/>.
/// </para>
/// </summary>
public static class GeneratorHarness
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>
    /// As the SDK builds a project: nullable on, and every warning wave (the SDK's default analysis
    /// level for the latest framework), so that a warning a user's build would show in generated code shows here.
    /// </summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        warningLevel: 9999);

    private static readonly Lazy<ImmutableArray<MetadataReference>> references = new(LoadReferences);

    /// <summary>The whole shared framework plus AutoGrad.Runtime; built once and shared, because loading it dominates the cost of a run.</summary>
    public static ImmutableArray<MetadataReference> References => references.Value;

    /// <summary>Runs the generator over <paramref name="sources"/>, named <c>/src/Input0.cs</c>, <c>/src/Input1.cs</c>, ….</summary>
    public static GeneratorRun Run(params string[] sources) => Run(GeneratorChecks.All, sources);

    /// <summary>Runs the generator over <paramref name="sources"/> and fails unless it passes <paramref name="checks"/>.</summary>
    public static GeneratorRun Run(GeneratorChecks checks, params string[] sources)
        => Run(CreateCompilation([.. sources.Select((text, index) => (SourcePath(index), text))]), checks);

    public static GeneratorRun Run(params (string Path, string Text)[] sources)
        => Run(CreateCompilation(sources));

    public static GeneratorRun Run(Compilation compilation, GeneratorChecks checks = GeneratorChecks.All)
        => Run(compilation, new DifferentiableGenerator(), checks);

    public static GeneratorRun Run(Compilation compilation, DifferentiableGenerator generator, GeneratorChecks checks = GeneratorChecks.All)
    {
        var driver = CreateDriver(generator).RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out _);
        var run = new GeneratorRun(driver, compilation, outputCompilation, checks);
        run.Verify();
        return run;
    }

    public static GeneratorDriver CreateDriver() => CreateDriver(new DifferentiableGenerator());

    public static GeneratorDriver CreateDriver(DifferentiableGenerator generator)
        => CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static string SourcePath(int index) => $"/src/Input{index}.cs";

    public static SyntaxTree Parse(string text, string path)
        => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    public static CSharpCompilation CreateCompilation(params (string Path, string Text)[] sources)
        => CSharpCompilation.Create(
            "AutoGrad.Tests.Input",
            sources.Select(source => Parse(source.Text, source.Path)),
            References,
            CompilationOptions);

    /// <summary>
    /// The compilation with the file at <paramref name="path"/> replaced by <paramref name="text"/>, or
    /// with a new file added if there is none: the edit a user makes between two runs of the generator.
    /// </summary>
    public static Compilation WithSource(this Compilation compilation, string path, string text)
    {
        var newTree = Parse(text, path);
        var oldTree = compilation.SyntaxTrees.FirstOrDefault(tree => tree.FilePath == path);
        return oldTree is null ? compilation.AddSyntaxTrees(newTree) : compilation.ReplaceSyntaxTree(oldTree, newTree);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trustedPlatformAssemblies = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The host did not provide TRUSTED_PLATFORM_ASSEMBLIES.");
        var paths = new SortedSet<string>(
            trustedPlatformAssemblies.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal)
        {
            typeof(DifferentiableAttribute).Assembly.Location,
        };
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
