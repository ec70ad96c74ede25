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
/// Which loops the adjoint runs in one sweep (issue 17): a top-level loop whose iterations only add into sums that nothing
/// before the reverse sweep needs is one loop in its own order; any other keeps its forward loop and its reverse loop. The
/// numbers (value, gradient, Hessian-vector product against central differences) are AutoGrad.Tests' OneSweepTests.
/// </summary>
public sealed class OneSweepTests
{
    /// <summary>The methods AutoGrad.Tests checks numerically, and one writing outputs at their own index.</summary>
    private static string[] Sources([CallerFilePath] string thisFile = "") =>
    [
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "AutoGrad.Tests", "Functions", "OneSweepFunctions.cs")),
        """
        using System;
        using AutoGrad;

        namespace Sweeps;

        public static partial class Outputs
        {
            [Differentiable]
            public static double ScaledInto(ReadOnlySpan<double> x, double w, Span<double> y)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    y[i] = w * x[i];
                    s += w * x[i] * x[i];
                }
                return s;
            }
        }
        """,
    ];

    /// <summary>
    /// Top-level loops of each adjoint as the reverse transform leaves it: those with the user's own counter (the loop run in one
    /// sweep, or a forward sweep), and reverse loops, which have counters of their own (they may run in either direction).
    /// </summary>
    private static Dictionary<string, (int OwnCounter, int Reverse)> TopLevelLoops()
    {
        var loops = new Dictionary<string, (int, int)>();
        var userCounters = new Dictionary<string, HashSet<IrVariable>>();
        Pipeline.Observer = (path, method) =>
        {
            if (path == "parse")
                userCounters[method.Name + "Adjoint"] = [.. method.Body.Flatten().OfType<CountedLoop>().Select(loop => loop.Counter)];
            if (path == "adjoint/reverse-transform")
            {
                var counted = method.Body.Statements.OfType<CountedLoop>().ToList();
                var own = userCounters[method.Name];
                loops[method.Name] = (counted.Count(loop => own.Contains(loop.Counter)), counted.Count(loop => !own.Contains(loop.Counter)));
            }
            return method;
        };
        try
        {
            var run = GeneratorHarness.Run(Sources());
            Assert.Empty(run.GeneratorDiagnostics);
        }
        finally
        {
            Pipeline.Observer = null;
        }
        return loops;
    }

    [Theory]
    [InlineData("Squares", 1, 0)]
    [InlineData("ShiftedMean", 1, 0)]
    [InlineData("PairedCalls", 1, 0)]
    [InlineData("TwoSums", 2, 0)]
    // The reverse sweep needs the sum: Math.Log's derivative, and a square's after the loop.
    [InlineData("LogOfSum", 1, 1)]
    [InlineData("SquaredSum", 1, 1)]
    // Values flow between iterations: a running sum read in each, a running maximum.
    [InlineData("Scan", 1, 1)]
    [InlineData("MaxPlusSum", 1, 1)]
    // The second loop reads the first one's sum in every iteration: only the second runs once.
    [InlineData("SumThenWeighted", 2, 1)]
    // The count bounds the second loop, which reads it as the loop starts: the count's loop keeps both sweeps, the second runs once.
    [InlineData("CountedBound", 2, 1)]
    // One accumulator through two loops: the second starts from the first one's total.
    [InlineData("OneSumTwoLoops", 2, 1)]
    // Outputs written at their own index, and a scratch buffer written in each iteration.
    [InlineData("ScaledInto", 1, 1)]
    [InlineData("ScratchPerIteration", 1, 1)]
    public void A_loop_runs_in_one_sweep_exactly_when_its_iterations_only_add_into_sums_needed_after_the_reverse_sweep(string method, int ownCounter, int reverse)
        => Assert.Equal((ownCounter, reverse), TopLevelLoops()[method + "Adjoint"]);
}
