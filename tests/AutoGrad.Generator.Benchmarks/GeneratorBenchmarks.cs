using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Benchmarks;

/// <summary>
/// The generator through Roslyn's GeneratorDriver, as an IDE runs it on every keystroke: cold, and after each
/// kind of edit from the state the cold run left (the IDE's cached steps).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private SyntheticProject project = null!;
    private GeneratorDriver warm = null!;
    private Compilation edited = null!, broken = null!, unrelated = null!;

    [Params(300)]
    public int Methods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        project = new SyntheticProject(files: Methods / 10, methodsPerFile: 10);
        warm = SyntheticProject.CreateDriver().RunGenerators(project.Compilation);
        edited = project.WithOneMethodEdited();
        broken = project.WithSyntaxErrorInOneMethod();
        unrelated = project.WithUnrelatedFileEdited();
    }

    private int coldRuns;

    /// <summary>Each run on a project the process has not seen (a new assembly name), so nothing parsed before is reused.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => SyntheticProject.CreateDriver().RunGenerators(new SyntheticProject(Methods / 10, 10, $"Cold{coldRuns++}").Compilation);

    [Benchmark]
    public GeneratorDriver OneMethodEdited() => warm.RunGenerators(edited);

    [Benchmark]
    public GeneratorDriver SyntaxErrorInOneMethod() => warm.RunGenerators(broken);

    [Benchmark]
    public GeneratorDriver UnrelatedFileEdited() => warm.RunGenerators(unrelated);
}
