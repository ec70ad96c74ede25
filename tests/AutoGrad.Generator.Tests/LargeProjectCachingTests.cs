using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Benchmarks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// The generator benchmark's project of 300 methods in 30 files (<see cref="SyntheticProject"/>): after each edit an
/// IDE reruns the generator for, only the methods the edit touched are generated again; every other method's
/// Emit step is Cached, so their transforms did not run.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LargeProjectCachingTests
{
    private static readonly SyntheticProject Project = new();

    private static readonly GeneratorDriver Warm = SyntheticProject.CreateDriver(trackSteps: true).RunGenerators(Project.Compilation);

    /// <summary>The Emit outputs of the run that did not come from the cache, as (method name, reason).</summary>
    private static List<(string Method, IncrementalStepRunReason Reason)> Generated(Compilation edited)
    {
        var result = Warm.RunGenerators(edited).GetRunResult().Results.Single();
        return [.. result.TrackedSteps[TrackingNames.Emit]
            .SelectMany(step => step.Outputs)
            .Where(output => output.Reason != IncrementalStepRunReason.Cached)
            .Select(output => (((DifferentiableGenerator.GeneratedFile)output.Value!).MethodId.Split('(')[0].Split('.')[^1], output.Reason))];
    }

    [Fact]
    public void The_cold_run_generates_every_method()
        => Assert.Equal(Project.MethodCount, Warm.GetRunResult().Results.Single().GeneratedSources.Length);

    [Fact]
    public void One_method_edited_generates_that_method_alone()
        => Assert.Equal([("M3", IncrementalStepRunReason.Modified)], Generated(Project.WithOneMethodEdited()));

    [Fact]
    public void A_syntax_error_in_one_method_drops_that_method_alone()
        => Assert.Equal([("M5", IncrementalStepRunReason.Removed)], Generated(Project.WithSyntaxErrorInOneMethod()));

    [Fact]
    public void An_unrelated_file_edited_generates_nothing()
        => Assert.Empty(Generated(Project.WithUnrelatedFileEdited()));
}
