using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Tests.Infrastructure;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Which reverse loops run in the loop's own order, replaying what the iterations carry (issue 17): those whose reverse
/// iterations commute — only sums active among the carried values, no memory shared between iterations, no active last
/// value — and whose inactive recurrences are cheap. The numbers are AutoGrad.Tests' ForwardReplayTests.
/// </summary>
public sealed class ForwardReplayTests
{
    private static string Source([CallerFilePath] string thisFile = "")
        => File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "AutoGrad.Tests", "Functions", "ForwardReplayFunctions.cs"));

    /// <summary>
    /// Per adjoint, as the reverse transform leaves it: how many reverse loops (a counter of their own, named after the user's)
    /// step as the user's loop steps, and how many step the other way.
    /// </summary>
    private static (Dictionary<string, (int Forwards, int Backwards)> Loops, GeneratorRun Run) ReverseLoops()
    {
        var loops = new Dictionary<string, (int, int)>();
        var userLoops = new Dictionary<string, List<CountedLoop>>();
        Pipeline.Observer = (path, method) =>
        {
            if (path == "parse")
                userLoops[method.Name + "Adjoint"] = [.. method.Body.Flatten().OfType<CountedLoop>()];
            if (path == "adjoint/reverse-transform" && userLoops.TryGetValue(method.Name, out var user))
            {
                // A reverse loop adds into cotangents; a replayed forward loop (an outer reverse iteration's copy of an inner loop) does not.
                var reverse = method.Body.Flatten().OfType<CountedLoop>()
                    .Where(loop => !user.Any(own => own.Counter.Equals(loop.Counter)) && loop.Body.Flatten().Any(WritesCotangent))
                    .ToList();
                var step = reverse.Select(loop => user.First(own => own.Counter.Name == loop.Counter.Name).Step).ToList();
                loops[method.Name] = (reverse.Where((loop, i) => loop.Step == step[i]).Count(), reverse.Where((loop, i) => loop.Step == -step[i]).Count());
            }
            return method;
        };
        try
        {
            var run = GeneratorHarness.Run(Source());
            Assert.Empty(run.GeneratorDiagnostics);
            return (loops, run);
        }
        finally
        {
            Pipeline.Observer = null;
        }
    }

    private static bool WritesCotangent(IrStatement statement) => statement.OwnWrites().Any(variable => variable.Role == VariableRole.Adjoint);

    [Theory]
    // The outer loop runs in one sweep; the inner one's reverse replays the running power forwards.
    [InlineData("PolynomialFit", 1, 0)]
    [InlineData("DecayingSquares", 1, 0)]
    // A stride and a decay, counted down by two: the reverse counts down too.
    [InlineData("StridedDecay", 1, 0)]
    // A branch on an inactive recurrence, a running maximum of it.
    [InlineData("Switched", 1, 0)]
    // Both levels: the outer loop's decay and, in each replayed outer iteration, the inner loop's power.
    [InlineData("NestedDecay", 2, 0)]
    // The outputs' loop; the loop summing them runs in one sweep.
    [InlineData("PowersInto", 1, 0)]
    // Near misses: an active product, Horner's rule, an active last value, an exponential recurrence (kept by cost).
    [InlineData("Product", 0, 1)]
    [InlineData("Horner", 0, 1)]
    [InlineData("LastTerm", 0, 1)]
    [InlineData("ExpensiveRecurrence", 0, 1)]
    public void A_reverse_loop_runs_forwards_exactly_when_its_iterations_commute_and_its_recurrences_are_cheap(string method, int forwards, int backwards)
        => Assert.Equal((forwards, backwards), ReverseLoops().Loops[method + "Adjoint"]);

    private static string Adjoint(string method)
    {
        var source = ReverseLoops().Run.GeneratedSources.Values.Single(text => text.Contains(" " + method + "Adjoint("));
        var start = source.IndexOf(" " + method + "Adjoint(", System.StringComparison.Ordinal);
        var end = source.IndexOf("/// <summary>", start, System.StringComparison.Ordinal);
        return source.Substring(start, (end < 0 ? source.Length : end) - start);
    }

    /// <summary>A loop the vector path would not take (a branch, a call, a step of two, an output written) replays its recurrences.</summary>
    [Theory]
    [InlineData("StridedDecay")]
    [InlineData("Switched")]
    [InlineData("NestedDecay")]
    [InlineData("PowersInto")]
    public void A_loop_replayed_forwards_keeps_nothing_per_iteration(string method)
    {
        var adjoint = Adjoint(method);
        Assert.DoesNotContain("Kept", adjoint);
        Assert.DoesNotContain("LoopStorage.Store", adjoint);
    }

    /// <summary>
    /// Straight-line arithmetic stepping by one keeps its recurrence instead, so that its reverse loop, run forwards, takes the
    /// vector path: nested (a pooled span taken afresh each time the loop starts) and at the top level (sized once).
    /// </summary>
    [Theory]
    [InlineData("PolynomialFit", "LoopStorage.Reused(ref powerPooled", "powerKeptStart")]
    [InlineData("DecayingSquares", "stackalloc double[iterations]", "decayKeptStart")]
    public void A_straight_line_loop_keeps_its_recurrence_where_the_vector_path_reads_it(string method, string buffer, string vectorRead)
    {
        var adjoint = Adjoint(method);
        Assert.Contains(buffer, adjoint);
        Assert.Contains($"V256.LoadUnsafe(ref {vectorRead}", adjoint);
        Assert.DoesNotContain("LoopStorage.Store", adjoint);
    }
}
