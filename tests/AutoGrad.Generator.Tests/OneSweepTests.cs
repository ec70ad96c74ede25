using System.Collections.Generic;
using System.Linq;
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
    private const string Source = """
        using System;
        using AutoGrad;

        namespace Sweeps;

        public static partial class Losses
        {
            [Differentiable]
            public static double Residual(double a, double w) => Math.Tanh(w * a) - 0.5 * a;

            [Differentiable]
            public static double Squares(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    double r = w * x[i] * x[i] - Math.Cos(x[i]);
                    s += r * r;
                }
                return s / 2;
            }

            [Differentiable]
            public static double ShiftedMean(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                int count = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Exp(w * x[i]) * x[i];
                    count += 1;
                }
                double mean = s / x.Length;
                double shifted = 3 * mean - w + count;
                return shifted + w * w;
            }

            [Differentiable]
            public static double PairedCalls(ReadOnlySpan<double> x, double w)
            {
                int pairs = x.Length / 2;
                double s = 0;
                for (int i = 0; i < pairs; i++)
                {
                    ReadOnlySpan<double> pair = x.Slice(2 * i, 2);
                    double r = Residual(pair[0], w) * pair[1];
                    s += r * r;
                }
                return s;
            }

            [Differentiable]
            public static double TwoSums(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Sin(w * x[i]);
                double q = 0;
                for (int i = 0; i < x.Length; i++)
                    q += x[i] * x[i] * w;
                return s - 2 * q;
            }

            [Differentiable]
            public static double LogOfSum(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Exp(w * x[i]);
                return Math.Log(s);
            }

            [Differentiable]
            public static double SquaredSum(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Exp(w * x[i]);
                double m = s * 0.5;
                return m * m;
            }

            [Differentiable]
            public static double Scan(ReadOnlySpan<double> x, double w)
            {
                double running = 0, s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    running += w * x[i];
                    s += running * running;
                }
                return s;
            }

            [Differentiable]
            public static double MaxPlusSum(ReadOnlySpan<double> x, double w)
            {
                double peak = double.NegativeInfinity, s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    peak = Math.Max(peak, w * x[i]);
                    s += x[i] * w;
                }
                return peak + s;
            }

            [Differentiable]
            public static double SumThenWeighted(ReadOnlySpan<double> x, double w)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += x[i] * w;
                double t = 0;
                for (int i = 0; i < x.Length; i++)
                    t += Math.Sin(s * x[i]);
                return t + s;
            }

            [Differentiable]
            public static double CountedBound(ReadOnlySpan<double> x, double w)
            {
                int positive = 0;
                for (int i = 0; i < x.Length; i++)
                    positive += x[i] > 0 ? 1 : 0;
                double s = 0;
                for (int i = 0; i < positive; i++)
                    s += w * x[i] * x[i];
                return s;
            }

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

            [Differentiable]
            public static double ScratchPerIteration(ReadOnlySpan<double> x, double w)
            {
                Span<double> pair = stackalloc double[2];
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    pair[0] = x[i] * w;
                    pair[1] = pair[0] * pair[0];
                    s += pair[1];
                }
                return s;
            }
        }
        """;

    /// <summary>Top-level loops of each adjoint as the reverse transform leaves it: those running forwards, and backwards.</summary>
    private static Dictionary<string, (int Forwards, int Backwards)> TopLevelLoops()
    {
        var loops = new Dictionary<string, (int, int)>();
        Pipeline.Observer = (path, method) =>
        {
            if (path == "adjoint/reverse-transform")
            {
                var counted = method.Body.Statements.OfType<CountedLoop>().ToList();
                loops[method.Name] = (counted.Count(loop => loop.Step > 0), counted.Count(loop => loop.Step < 0));
            }
            return method;
        };
        try
        {
            var run = GeneratorHarness.Run(Source);
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
    // Outputs written at their own index, and a scratch buffer written in each iteration.
    [InlineData("ScaledInto", 1, 1)]
    [InlineData("ScratchPerIteration", 1, 1)]
    public void A_loop_runs_in_one_sweep_exactly_when_its_iterations_only_add_into_sums_needed_after_the_reverse_sweep(string method, int forwards, int backwards)
        => Assert.Equal((forwards, backwards), TopLevelLoops()[method + "Adjoint"]);
}
