using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Assertions on the incremental steps named in <see cref="TrackingNames"/>, after
/// NetEscapades.EnumGenerators' TestHelpers: the steps must exist, stay cached across
/// equivalent runs, rerun on real edits, and hold nothing that pins a compilation.
/// </summary>
public static class IncrementalAssert
{
    /// <summary>Every tracking name the generator declares, found by reflection so that new steps are covered without editing the tests.</summary>
    public static ImmutableArray<string> TrackingStepNames { get; } =
    [
        .. typeof(TrackingNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal),
    ];

    private static readonly Type[] compilationBoundTypes =
    [
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Location),
    ];

    /// <summary>Fails unless every tracked step ran, so that the other assertions are not vacuous.</summary>
    public static void AllTrackedStepsRan(GeneratorRunResult result)
    {
        var missing = TrackingStepNames.Where(name => !result.TrackedSteps.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0,
            $"Tracked step(s) {string.Join(", ", missing)} did not run; steps that ran: {string.Join(", ", result.TrackedSteps.Keys.Order(StringComparer.Ordinal))}. " +
            "Name each step with .WithTrackingName(TrackingNames.X).");
    }

    /// <summary>The second run of an equivalent compilation: every tracked step and every source output was reused.</summary>
    public static void AllTrackedStepsCachedOrUnchanged(GeneratorRunResult rerun)
    {
        AllTrackedStepsRan(rerun);
        var recomputed = TrackedOutputs(rerun)
            .Concat(Outputs(rerun.TrackedOutputSteps))
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        Assert.True(recomputed.Count == 0,
            "Expected every tracked step to be Cached or Unchanged, but these outputs were recomputed:" + Environment.NewLine +
            string.Join(Environment.NewLine, recomputed));
    }

    /// <summary>The run after a real edit: some tracked step produced a New or Modified output.</summary>
    public static void SomeTrackedStepRecomputed(GeneratorRunResult rerun)
    {
        AllTrackedStepsRan(rerun);
        var outputs = TrackedOutputs(rerun).ToList();
        Assert.True(outputs.Any(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified),
            "Expected some tracked step to produce a New or Modified output after the edit, but got:" + Environment.NewLine +
            string.Join(Environment.NewLine, outputs));
    }

    /// <summary>Two runs of equivalent compilations produced equal values in every tracked step.</summary>
    public static void TrackedOutputsEqual(GeneratorRunResult first, GeneratorRunResult second)
    {
        foreach (var name in TrackingStepNames)
        {
            var firstValues = Values(first, name);
            var secondValues = Values(second, name);
            Assert.True(firstValues.SequenceEqual(secondValues),
                $"Step {name} produced different values for equivalent compilations, so its model is not value-equatable:" + Environment.NewLine +
                $"first:  {string.Join(", ", firstValues)}" + Environment.NewLine +
                $"second: {string.Join(", ", secondValues)}");
        }

        static List<object> Values(GeneratorRunResult result, string name)
            => result.TrackedSteps.TryGetValue(name, out var runs) ? [.. runs.SelectMany(run => run.Outputs.Select(output => output.Value))] : [];
    }

    /// <summary>
    /// No tracked output is or holds a compilation-bound object (<see cref="compilationBoundTypes"/>):
    /// those keep old compilations alive and never compare equal across runs, which defeats caching.
    /// </summary>
    public static void NoCompilationObjectsInTrackedOutputs(GeneratorRunResult result)
    {
        AllTrackedStepsRan(result);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var found = new List<string>();
        foreach (var output in TrackedOutputs(result))
            Visit(output.Value, output.Name, visited, found);

        Assert.True(found.Count == 0,
            "Tracked outputs hold compilation-bound objects; turn them into plain values (e.g. LocationInfo, names as strings):" + Environment.NewLine +
            string.Join(Environment.NewLine, found));
    }

    private static IEnumerable<TrackedOutput> TrackedOutputs(GeneratorRunResult result)
        => Outputs(result.TrackedSteps.Where(step => TrackingStepNames.Contains(step.Key)));

    private static IEnumerable<TrackedOutput> Outputs(IEnumerable<KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>>> steps)
        => steps
            .OrderBy(step => step.Key, StringComparer.Ordinal)
            .SelectMany(step => step.Value.SelectMany((run, runIndex) => run.Outputs.Select((output, outputIndex) =>
                new TrackedOutput($"{step.Key}[{runIndex}].Outputs[{outputIndex}]", output.Value, output.Reason))));

    // Walks fields, not properties or enumerators: what an object stores is what it keeps alive, and
    // fields reach collection elements too (a List's array, an ImmutableArray's array) without
    // running code that can throw, as enumerating a default ImmutableArray does.
    private static void Visit(object? value, string path, HashSet<object> visited, List<string> found)
    {
        if (value is null)
            return;

        var type = value.GetType();
        if (Array.Find(compilationBoundTypes, bound => bound.IsInstanceOfType(value)) is { } boundType)
        {
            found.Add($"{path}: {type.FullName} is a {boundType.Name}");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal or MemberInfo or Assembly or Module)
            return;
        if (!type.IsValueType && !visited.Add(value))
            return;

        if (value is Array array)
        {
            var index = 0;
            foreach (var element in array)
                Visit(element, $"{path}[{index++}]", visited, found);
            return;
        }

        for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                    Visit(field.GetValue(value), $"{path}.{field.Name}", visited, found);
            }
        }
    }

    private sealed record TrackedOutput(string Name, object Value, IncrementalStepRunReason Reason)
    {
        public override string ToString() => $"  {Name} {Reason}: {Value}";
    }
}
