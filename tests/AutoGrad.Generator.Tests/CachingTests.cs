using System;
using System.Collections.Generic;
using System.Linq;
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

    private const string ModelsPath = "/src/Models.cs";

    /// <summary>Four independent methods and one that calls another: what one edit may touch is known exactly.</summary>
    private const string Models = """
        using System;
        using AutoGrad;

        namespace Demo;

        public static partial class Models
        {
            [Differentiable]
            public static double A(double x) => Math.Exp(x) * 2.0;

            [Differentiable]
            public static double B(double x, double y)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                    s += Math.Sin(x * i) * y;
                return s;
            }

            [Differentiable]
            public static double C(double x) => Math.Log(1 + x * x);

            [Differentiable]
            public static double D(double x) => C(x) + x;

            [Differentiable]
            public static double E(double x, double y) => Math.Atan2(x, y + 2);
        }
        """;

    /// <summary>The methods whose Emit step ran again (any reason but Cached) after the edit, by name.</summary>
    private static List<string> EmitsThatRan(GeneratorRun rerun)
        => [.. rerun.Result.TrackedSteps[TrackingNames.Emit]
            .SelectMany(step => step.Outputs.Select(output => (Output: output, step.Inputs)))
            .Where(pair => pair.Output.Reason != IncrementalStepRunReason.Cached)
            .Select(pair => pair.Output.Value is DifferentiableGenerator.GeneratedFile file ? Name(file.MethodId) : pair.Output.Reason.ToString())
            .Order(StringComparer.Ordinal)];

    private static string Name(string id) => id.Split('(')[0].Split('.')[^1];

    [Fact]
    public void Editing_one_method_body_generates_that_method_alone()
    {
        var run = GeneratorHarness.Run((ModelsPath, Models), (UnrelatedPath, Unrelated));
        Assert.Equal(5, run.GeneratedSources.Count);

        var rerun = run.Rerun(run.InputCompilation.WithSource(ModelsPath, Models.Replace("Math.Exp(x) * 2.0", "Math.Exp(x) * 3.0", StringComparison.Ordinal)));

        Assert.Equal(["A"], EmitsThatRan(rerun));
        Assert.Equal(5, rerun.GeneratedSources.Count);
    }

    [Fact]
    public void A_syntax_error_in_one_method_runs_no_other_methods_generation()
    {
        var run = GeneratorHarness.Run((ModelsPath, Models), (UnrelatedPath, Unrelated));

        // Half-typed: the method no longer parses, and the file's later methods move.
        var broken = Models.Replace("return s;", "return s +;", StringComparison.Ordinal);
        var rerun = run.Rerun(run.InputCompilation.WithSource(ModelsPath, broken));

        // The broken method's generation is dropped; the other four stay cached although B's summary left the Dependence step.
        Assert.Equal(["B"], EmitsThatRan(rerun));
        Assert.Equal(IncrementalStepRunReason.Removed, Assert.Single(rerun.Result.TrackedSteps[TrackingNames.Emit].SelectMany(step => step.Outputs), output => output.Reason != IncrementalStepRunReason.Cached).Reason);
        Assert.Equal(4, rerun.GeneratedSources.Count);
        Assert.Contains(rerun.InputCompilation.GetDiagnostics(), diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Editing_a_callee_generates_the_callee_and_its_caller_only_when_what_the_caller_reads_changed()
    {
        var run = GeneratorHarness.Run((ModelsPath, Models), (UnrelatedPath, Unrelated));

        // C's body changes, its dependence summary does not: D, which reads only that summary, is not generated again.
        var sameSummary = run.Rerun(run.InputCompilation.WithSource(ModelsPath, Models.Replace("Math.Log(1 + x * x)", "Math.Log(2 + x * x)", StringComparison.Ordinal)));
        Assert.Equal(["C"], EmitsThatRan(sameSummary));

        // C's result stops depending on x: D's input changes, and D is generated again.
        var newSummary = run.Rerun(run.InputCompilation.WithSource(ModelsPath, Models.Replace("Math.Log(1 + x * x)", "Math.Log(2.0)", StringComparison.Ordinal)));
        Assert.Equal(["C", "D"], EmitsThatRan(newSummary));
    }

    private const string ConstantsPath = "/src/Constants.cs";

    private const string Constants = """
        namespace Demo;

        public static class Constants
        {
            public const double Scale = 2.0;

            public static double Helper(double x) => x + 1;
        }
        """;

    private const string UsesConstants = """
        using System;
        using AutoGrad;

        namespace Demo;

        public static partial class Scaled
        {
            [Differentiable]
            public static double F(double x) => Math.Sin(x) * Constants.Scale;

            [Differentiable]
            public static double G(double x, double y) => F(x) * y + Constants.Scale;
        }
        """;

    /// <summary>
    /// What an edit elsewhere can change in a method's parse — a constant's value, a type's members, an
    /// overload — must reach it, although the generator reuses what it parsed while the method's text and the
    /// compilation's declarations stay the same: after each edit the incremental run gives exactly what a fresh
    /// run (a compilation the process has not seen) gives.
    /// </summary>
    [Theory]
    [InlineData("Scale = 2.0", "Scale = 3.0")]
    [InlineData("public static double Helper(double x) => x + 1;", "public static double Helper(double x) => x + 2;")]
    [InlineData("public const double Scale = 2.0;", "public static readonly double Scale = 2.0;")]
    [InlineData("public const double Scale = 2.0;", "public const int Scale = 2;")]
    public void After_an_edit_elsewhere_the_incremental_run_gives_what_a_fresh_run_gives(string oldText, string newText)
    {
        var run = GeneratorHarness.Run((FunctionsPath, UsesConstants), (ConstantsPath, Constants));
        var edited = run.InputCompilation.WithSource(ConstantsPath, Constants.Replace(oldText, newText, StringComparison.Ordinal));

        var incremental = run.Rerun(edited);
        var fresh = GeneratorHarness.Run(edited.WithAssemblyName("Fresh" + Guid.NewGuid().ToString("N")));

        Assert.Equal(fresh.GeneratedSources, incremental.GeneratedSources);
        Assert.Equal(fresh.GeneratorDiagnostics.Select(diagnostic => diagnostic.ToString()), incremental.GeneratorDiagnostics.Select(diagnostic => diagnostic.ToString()));
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
