using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using M = AutoGrad.Tests.Functions.MultiParameterFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Forward and adjoint compute the same Jacobian: for a random direction v,
/// Forward(x; xDot = v) = Σ v_i · xBar_i with resultBar = 1, up to ~1e-12 relative.
/// </summary>
public class DotProductTests
{
    private const int Samples = 25;

    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        new GradientCase<double>(
            nameof(M.Blend),
            p => M.Blend(p[0], p[1], p[2]),
            (p, d, out r) => M.BlendForward(p[0], d[0], p[1], d[1], p[2], d[2], out r),
            (p, b, rb) => M.BlendAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], rb),
            RandomPoints(3, seed: 1)),
        new GradientCase<double>(
            nameof(M.Branchy),
            p => M.Branchy(p[0], p[1], p[2], p[3]),
            (p, d, out r) => M.BranchyForward(p[0], d[0], p[1], d[1], p[2], d[2], p[3], d[3], out r),
            (p, b, rb) => M.BranchyAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], p[3], ref b[3], rb),
            RandomPoints(4, seed: 2)),
        new GradientCase<double>(
            nameof(M.Composite),
            p => M.Composite(p[0], p[1], p[2]),
            (p, d, out r) => M.CompositeForward(p[0], d[0], p[1], d[1], p[2], d[2], out r),
            (p, b, rb) => M.CompositeAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], rb),
            RandomPoints(3, seed: 3)),
        new GradientCase<double>(
            nameof(M.WithConstants) + "(flag: true)",
            p => M.WithConstants(p[0], 0.7, p[1], 3, p[2], true),
            (p, d, out r) => M.WithConstantsForward(p[0], d[0], 0.7, p[1], d[1], 3, p[2], d[2], true, out r),
            (p, b, rb) => M.WithConstantsAdjoint(p[0], ref b[0], 0.7, p[1], ref b[1], 3, p[2], ref b[2], true, rb),
            RandomPoints(3, seed: 4)),
        new GradientCase<double>(
            nameof(M.WithConstants) + "(flag: false)",
            p => M.WithConstants(p[0], -1.3, p[1], 2, p[2], false),
            (p, d, out r) => M.WithConstantsForward(p[0], d[0], -1.3, p[1], d[1], 2, p[2], d[2], false, out r),
            (p, b, rb) => M.WithConstantsAdjoint(p[0], ref b[0], -1.3, p[1], ref b[1], 2, p[2], ref b[2], false, rb),
            RandomPoints(3, seed: 5)),
        new GradientCase<double>(
            nameof(M.Network),
            p => M.Network(p[0], p[1], p[2], p[3], p[4]),
            (p, d, out r) => M.NetworkForward(p[0], d[0], p[1], d[1], p[2], d[2], p[3], d[3], p[4], d[4], out r),
            (p, b, rb) => M.NetworkAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], p[3], ref b[3], p[4], ref b[4], rb),
            RandomPoints(5, seed: 6)));

    public static TheoryData<string> Names => new(Cases.Keys);

    /// <summary>The multi-parameter cases of the other tables join in (not those that round through float).</summary>
    private static readonly Dictionary<string, GradientCase<double>> OtherCases =
        NotebookTests.Cases.Values.Concat(ControlFlowTests.Cases.Values).Concat(CallTests.Cases.Values)
            .Where(c => c.Arity >= 2 && c.Precision == Precision.Double)
            .ToDictionary(c => c.Name);

    public static TheoryData<string> OtherTableNames => new(OtherCases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_along_v_equals_v_dot_adjoint(string name) => ForwardEqualsVDotAdjoint(Cases[name], seed: 2024);

    [Theory]
    [MemberData(nameof(OtherTableNames))]
    public void Forward_along_v_equals_v_dot_adjoint_for_two_parameter_functions(string name) => ForwardEqualsVDotAdjoint(OtherCases[name], seed: 2024);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);

    private static void ForwardEqualsVDotAdjoint(GradientCase<double> c, int seed)
    {
        Random random = new(seed);
        foreach (double[] x in c.Points)
        {
            double[] v = Enumerable.Range(0, c.Arity).Select(_ => 2 * random.NextDouble() - 1).ToArray();

            c.Forward((double[])x.Clone(), v, out double forward);
            double[] bars = new double[c.Arity];
            c.Adjoint((double[])x.Clone(), bars, 1.0);

            double dot = v.Zip(bars, (vi, bi) => vi * bi).Sum();
            double scale = v.Zip(bars, (vi, bi) => Math.Abs(vi * bi)).Sum();
            GradientAssert.Close(dot, forward, new Tolerance(0, 1e-12 * scale + 1e-300), $"{c.Name}: forward along v vs v·bar at {GradientAssert.Format(x)}");
        }
    }

    /// <summary>Seeded uniform points in [-2, 2]^arity.</summary>
    private static IEnumerable<double[]> RandomPoints(int arity, int seed)
    {
        Random random = new(seed);
        return Enumerable.Range(0, Samples)
            .Select(_ => Enumerable.Range(0, arity).Select(_ => 4 * random.NextDouble() - 2).ToArray())
            .ToArray();
    }
}
