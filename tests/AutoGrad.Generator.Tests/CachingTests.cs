using System;
using System.Runtime.CompilerServices;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// The pipeline is incremental: equivalent compilations reuse every tracked step, a real edit
/// reruns them, and no step output holds anything tied to one compilation.
/// </summary>
public sealed class CachingTests
{
    private const string FunctionsPath = "/src/Functions.cs";
    private const string UnrelatedPath = "/src/Unrelated.cs";

    private const string Functions = """
        using System;
        using AutoGrad;

        namespace Demo;

        public static partial class Functions
        {
            [Differentiable]
            public static double F(double x, [NoDiff] double c, int n) => x * Math.Sin(x) * c + n;

            [Differentiable]
            public static double G(double x, double y)
            {
                var s = F(x, 2.0, 1);
                if (y > 0)
                    return s * y;
                return s - y;
            }

            // A function with a custom adjoint (and the tangent AutoGrad derives from it), and a caller.
            public static double Solve(double x) => x * x;

            [DerivativeOf(nameof(Solve))]
            public static double SolveAdjoint(double x, ref double xBar, double resultBar)
            {
                xBar += 2 * resultBar * x;
                return x * x;
            }

            [Differentiable]
            public static double H(double x) => Solve(x) + x;
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        public static class Unrelated
        {
            public static int One() => 1;
        }
        """;

    private static GeneratorRun RunOnFunctions()
    {
        var run = GeneratorHarness.Run((FunctionsPath, Functions), (UnrelatedPath, Unrelated));
        Assert.NotEmpty(run.GeneratedSources);
        IncrementalAssert.AllTrackedStepsRan(run.Result);
        return run;
    }

    [Fact]
    public void Rerun_on_cloned_compilation_reuses_every_step()
    {
        var run = RunOnFunctions();

        var rerun = run.Rerun(run.InputCompilation.Clone());

        IncrementalAssert.AllTrackedStepsCachedOrUnchanged(rerun.Result);
        IncrementalAssert.TrackedOutputsEqual(run.Result, rerun.Result);
        Assert.Equal(run.GeneratedSources, rerun.GeneratedSources);
    }

    [Fact]
    public void Adding_unrelated_file_reuses_every_step()
    {
        var run = RunOnFunctions();

        var rerun = run.Rerun(run.InputCompilation.WithSource("/src/Added.cs", "namespace Demo; public static class Added { }"));

        IncrementalAssert.AllTrackedStepsCachedOrUnchanged(rerun.Result);
        Assert.Equal(run.GeneratedSources, rerun.GeneratedSources);
    }

    [Fact]
    public void Editing_unrelated_file_reuses_every_step()
    {
        var run = RunOnFunctions();

        var rerun = run.Rerun(run.InputCompilation.WithSource(UnrelatedPath, Unrelated.Replace("=> 1;", "=> 2;", StringComparison.Ordinal)));

        IncrementalAssert.AllTrackedStepsCachedOrUnchanged(rerun.Result);
        Assert.Equal(run.GeneratedSources, rerun.GeneratedSources);
    }

    [Fact]
    public void Appending_comment_after_differentiable_methods_reuses_every_step()
    {
        var run = RunOnFunctions();

        var rerun = run.Rerun(run.InputCompilation.WithSource(FunctionsPath, Functions + "\n// A comment moves nothing the generator reads.\n"));

        IncrementalAssert.AllTrackedStepsCachedOrUnchanged(rerun.Result);
        Assert.Equal(run.GeneratedSources, rerun.GeneratedSources);
    }

    [Fact]
    public void Editing_differentiable_method_body_recomputes_and_changes_output()
    {
        var run = RunOnFunctions();

        var edited = Functions.Replace("x * Math.Sin(x) * c", "x * Math.Cos(x) * c", StringComparison.Ordinal);
        var rerun = run.Rerun(run.InputCompilation.WithSource(FunctionsPath, edited));

        IncrementalAssert.SomeTrackedStepRecomputed(rerun.Result);
        Assert.NotEqual(Snapshot.Concatenate(run.GeneratedSources), Snapshot.Concatenate(rerun.GeneratedSources));
    }

    [Fact]
    public void Tracked_outputs_hold_no_compilation_objects()
    {
        var run = RunOnFunctions();
        IncrementalAssert.NoCompilationObjectsInTrackedOutputs(run.Result);

        var edited = Functions.Replace("return s - y;", "return s - 2 * y;", StringComparison.Ordinal);
        var rerun = run.Rerun(run.InputCompilation.WithSource(FunctionsPath, edited));
        IncrementalAssert.NoCompilationObjectsInTrackedOutputs(rerun.Result);
    }

    [Fact]
    public void First_compilation_is_collectable_once_the_driver_moves_on()
    {
        var (firstCompilation, driver) = RunOnTwoCompilations();

        for (var attempt = 0; attempt < 10 && firstCompilation.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(firstCompilation.IsAlive,
            "The driver keeps the first compilation alive after running on the next one: some step output holds an ISymbol, SemanticModel or Compilation.");
        GC.KeepAlive(driver);
    }

    // Not inlined, and returning only the weak reference and the last driver, so that no local or
    // temporary of the test method can keep the first compilation or the first driver reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference FirstCompilation, GeneratorDriver Driver) RunOnTwoCompilations()
    {
        var first = GeneratorHarness.CreateCompilation((FunctionsPath, Functions), (UnrelatedPath, Unrelated));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);

        // An edit elsewhere, so that the driver keeps (and would leak through) the cached models of the first run.
        var next = first.WithSource(UnrelatedPath, Unrelated.Replace("=> 1;", "=> 2;", StringComparison.Ordinal));
        return (new WeakReference(first), driver.RunGenerators(next));
    }
}
