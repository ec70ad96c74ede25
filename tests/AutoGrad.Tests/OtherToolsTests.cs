using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using O = AutoGrad.Tests.Functions.OtherToolsFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// The test functions of other AD tools (Clad, Enzyme, ADBench, gradbench; see
/// <see cref="Functions.OtherToolsFunctions"/>): every output's derivative along every input, by the
/// forward method (one column per input) and by the adjoint (one row per output, added into bars that
/// start non-zero), against central differences at points away from kinks; the two against each other by
/// ⟨w, J·v⟩ = ⟨Jᵀw, v⟩ for random v and w; the returned values against the primal's; and for the scalar
/// ones the Hessian-vector product against differences of the adjoint.
/// </summary>
public class OtherToolsTests
{
    /// <summary>A method seen as a map from a flat array of its active inputs to a flat array of its outputs.</summary>
    public sealed class Subject
    {
        public required string Name { get; init; }
        public required int Inputs { get; init; }
        public required int Outputs { get; init; }

        /// <summary>Outputs at x.</summary>
        public required Func<double[], double[]> Primal { get; init; }

        /// <summary>(x, xDot, yDot) → y: writes J·xDot into yDot.</summary>
        public required Func<double[], double[], double[], double[]> Forward { get; init; }

        /// <summary>(x, yBar, xBar) → y: adds Jᵀ·yBar into xBar.</summary>
        public required Func<double[], double[], double[], double[]> Adjoint { get; init; }

        public required double[][] Points { get; init; }

        public Precision Precision { get; init; } = Precision.Double;

        public override string ToString() => Name;
    }

    private const double Preset = 0.25;

    // ---------------------------------------------------------------- builders

    private static Subject Scalar1(string name, Func<double, double> f, Case.Forward1 forward, Case.Adjoint1 adjoint, params double[] points) => new()
    {
        Name = name, Inputs = 1, Outputs = 1,
        Primal = p => [f(p[0])],
        Forward = (p, d, yd) => [forward(p[0], d[0], out yd[0])],
        Adjoint = (p, yb, xb) => [adjoint(p[0], ref xb[0], yb[0])],
        Points = points.Select(x => new[] { x }).ToArray(),
    };

    private static Subject Scalar2(string name, Func<double, double, double> f, Case.Forward2 forward, Case.Adjoint2 adjoint, params (double, double)[] points) => new()
    {
        Name = name, Inputs = 2, Outputs = 1,
        Primal = p => [f(p[0], p[1])],
        Forward = (p, d, yd) => [forward(p[0], d[0], p[1], d[1], out yd[0])],
        Adjoint = (p, yb, xb) => [adjoint(p[0], ref xb[0], p[1], ref xb[1], yb[0])],
        Points = points.Select(x => new[] { x.Item1, x.Item2 }).ToArray(),
    };

    private static Subject Scalar3(string name, Func<double, double, double, double> f, Case.Forward3 forward, Case.Adjoint3 adjoint, params (double, double, double)[] points) => new()
    {
        Name = name, Inputs = 3, Outputs = 1,
        Primal = p => [f(p[0], p[1], p[2])],
        Forward = (p, d, yd) => [forward(p[0], d[0], p[1], d[1], p[2], d[2], out yd[0])],
        Adjoint = (p, yb, xb) => [adjoint(p[0], ref xb[0], p[1], ref xb[1], p[2], ref xb[2], yb[0])],
        Points = points.Select(x => new[] { x.Item1, x.Item2, x.Item3 }).ToArray(),
    };

    private static Subject Float2(string name, Func<float, float, float> f, Case.Forward2F forward, Case.Adjoint2F adjoint, params (double, double)[] points) => new()
    {
        Name = name, Inputs = 2, Outputs = 1, Precision = Precision.Float,
        Primal = p => [f((float)p[0], (float)p[1])],
        Forward = (p, d, yd) =>
        {
            float value = forward((float)p[0], (float)d[0], (float)p[1], (float)d[1], out float dot);
            yd[0] = dot;
            return [value];
        },
        Adjoint = (p, yb, xb) =>
        {
            float b0 = (float)xb[0], b1 = (float)xb[1];
            float value = adjoint((float)p[0], ref b0, (float)p[1], ref b1, (float)yb[0]);
            xb[0] = b0;
            xb[1] = b1;
            return [value];
        },
        Points = points.Select(x => new[] { x.Item1, x.Item2 }).ToArray(),
    };

    private static float[] F(double[] p, int start, int length) => p.Skip(start).Take(length).Select(v => (float)v).ToArray();

    private static double[] D(float[] p) => p.Select(v => (double)v).ToArray();

    private static double[] Concat(params double[][] parts) => parts.SelectMany(p => p).ToArray();

    private static double[][] RandomPoints(int count, int length, int seed, double lo = -1.5, double hi = 1.5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray()).ToArray();
    }

    // ---------------------------------------------------------------- fixed data

    private static readonly double[] KMeansPoints = [0.1, 0.2, 1.9, 2.1, -1.0, 0.4, 0.8, -1.2, 2.5, 0.3];
    private static readonly double[] GmmData = [0.3, -0.4, 1.2, 0.9, -0.8, 0.5, 2.0, -1.1, 0.1, 0.0];
    private static readonly double[] LstmSequence = [0.2, 0.7, 0.5, 0.4, 0.9, 0.1, 0.3, 0.6];
    private static readonly double[] BaFeature = [0.3, -0.2];

    // ---------------------------------------------------------------- the table

    /// <summary>A void method from a span of n inputs to a span of n outputs.</summary>
    public static Subject SpanMap(string name, SpanMapPrimal f, SpanMapForward forward, SpanMapAdjoint adjoint, params double[][] points) => new()
    {
        Name = name, Inputs = points[0].Length, Outputs = points[0].Length,
        Primal = p => { var y = new double[p.Length]; f(p, y); return y; },
        Forward = (p, d, yd) => { var y = new double[p.Length]; forward(p, d, y, yd); return y; },
        Adjoint = (p, yb, xb) => { var y = new double[p.Length]; adjoint(p, xb, y, yb); return y; },
        Points = points,
    };

    /// <summary>A method from a span of n inputs to its result and a span of n outputs (the result first).</summary>
    private static Subject SpanMapWithResult(string name, SpanMapResultPrimal f, SpanMapResultForward forward, SpanMapResultAdjoint adjoint, params double[][] points) => new()
    {
        Name = name, Inputs = points[0].Length, Outputs = points[0].Length + 1,
        Primal = p => { var y = new double[p.Length]; var r = f(p, y); return [r, .. y]; },
        Forward = (p, d, yd) => { var y = new double[p.Length]; var r = forward(p, d, y, yd.AsSpan(1), out yd[0]); return [r, .. y]; },
        Adjoint = (p, yb, xb) => { var y = new double[p.Length]; var r = adjoint(p, xb, y, yb.AsSpan(1), yb[0]); return [r, .. y]; },
        Points = points,
    };

    public delegate void SpanMapPrimal(ReadOnlySpan<double> x, Span<double> y);
    public delegate void SpanMapForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> y, Span<double> yDot);
    public delegate void SpanMapAdjoint(ReadOnlySpan<double> x, Span<double> xBar, Span<double> y, ReadOnlySpan<double> yBar);
    public delegate double SpanMapResultPrimal(ReadOnlySpan<double> x, Span<double> y);
    public delegate double SpanMapResultForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> y, Span<double> yDot, out double resultDot);
    public delegate double SpanMapResultAdjoint(ReadOnlySpan<double> x, Span<double> xBar, Span<double> y, ReadOnlySpan<double> yBar, double resultBar);

    public static readonly Dictionary<string, Subject> Subjects = new Subject[]
    {
        // Points away from the branches' edges: each branch taken at some elements and not at others.
        SpanMap(nameof(O.ClipIntoOutput), O.ClipIntoOutput, O.ClipIntoOutputForward, O.ClipIntoOutputAdjoint, [2.0, 0.5, -0.7, 1.4], [0.3, 1.6, 0.9, -2.0]),
        SpanMap(nameof(O.ClipByConditional), O.ClipByConditional, O.ClipByConditionalForward, O.ClipByConditionalAdjoint, [2.0, 0.25, -0.7, 0.6], [0.3, 1.6, 0.45, -2.0]),
        SpanMap(nameof(O.SmoothUnderConditional), O.SmoothUnderConditional, O.SmoothUnderConditionalForward, O.SmoothUnderConditionalAdjoint, [2.0, 0.25, -0.7, 0.6], [0.3, 1.6, 0.45, -2.0]),
        SpanMapWithResult(nameof(O.ReturnAtOutputAbove), O.ReturnAtOutputAbove, O.ReturnAtOutputAboveForward, O.ReturnAtOutputAboveAdjoint, [0.5, 1.0, 0.2, 2.0], [0.1, 0.3, 0.2, 0.4]),
        SpanMap(nameof(O.RunningMaxIntoOutput), O.RunningMaxIntoOutput, O.RunningMaxIntoOutputForward, O.RunningMaxIntoOutputAdjoint, [1.0, 3.0, 2.0, 2.5], [0.4, -1.0, 0.9, 0.2]),
        SpanMapWithResult(nameof(O.BubblePassWeighted), O.BubblePassWeighted, O.BubblePassWeightedForward, O.BubblePassWeightedAdjoint, [1.0, 3.0, 2.0, 0.5], [0.4, -1.0, 0.9, 0.2]),
        SpanMap(nameof(O.FlagFromOutput), O.FlagFromOutput, O.FlagFromOutputForward, O.FlagFromOutputAdjoint, [2.0, 0.5, -0.7, 1.4], [0.3, 1.6, 0.9, -2.0]),
        Scalar1(nameof(O.CladF1), O.CladF1, O.CladF1Forward, O.CladF1Adjoint, 0.7, -1.3, 2.1),
        Scalar1(nameof(O.CladF2), O.CladF2, O.CladF2Forward, O.CladF2Adjoint, 0.9, -1.1, 1.2),
        Scalar1(nameof(O.CladF3), O.CladF3, O.CladF3Forward, O.CladF3Adjoint, 0.7, -1.3, 2.1),
        Scalar1(nameof(O.CladF5), O.CladF5, O.CladF5Forward, O.CladF5Adjoint, 0.7, -1.3),
        Scalar1(nameof(O.CladConstLocal), O.CladConstLocal, O.CladConstLocalForward, O.CladConstLocalAdjoint, 0.7, -1.3, 2.5),
        new Subject
        {
            Name = nameof(O.CladSum), Inputs = 5, Outputs = 1,
            Primal = p => [O.CladSum(p, 4)],
            Forward = (p, d, yd) => [O.CladSumForward(p, d, 4, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladSumAdjoint(p, xb, 4, yb[0])],
            Points = RandomPoints(3, 5, seed: 1),
        },
        new Subject
        {
            Name = nameof(O.CladSumSquares), Inputs = 5, Outputs = 1,
            Primal = p => [O.CladSumSquares(p, 5)],
            Forward = (p, d, yd) => [O.CladSumSquaresForward(p, d, 5, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladSumSquaresAdjoint(p, xb, 5, yb[0])],
            Points = RandomPoints(3, 5, seed: 2),
        },
        new Subject
        {
            // x (3), p (3), n, sigma; n = 2.5 keeps the loop at three iterations under any small step.
            Name = nameof(O.CladLogGaus), Inputs = 8, Outputs = 1,
            Primal = p => [O.CladLogGaus(p.AsSpan(0, 3), p.AsSpan(3, 3), p[6], p[7])],
            Forward = (p, d, yd) => [O.CladLogGausForward(p.AsSpan(0, 3), d.AsSpan(0, 3), p.AsSpan(3, 3), d.AsSpan(3, 3), p[6], d[6], p[7], d[7], out yd[0])],
            Adjoint = (p, yb, xb) =>
            {
                double value = O.CladLogGausAdjoint(p.AsSpan(0, 3), xb.AsSpan(0, 3), p.AsSpan(3, 3), xb.AsSpan(3, 3), p[6], ref xb[6], p[7], ref xb[7], yb[0]);
                return [value];
            },
            Points = [[0.3, -0.5, 1.1, 0.2, 0.1, 0.9, 2.5, 0.8], [1.3, 0.5, -0.7, -0.2, 0.4, 0.0, 2.5, 1.7]],
        },
        Scalar2(nameof(O.CladConst), O.CladConst, O.CladConstForward, O.CladConstAdjoint, (3.5, 1.3), (2.5, 2.1), (4.5, -1.5)),
        Scalar2(nameof(O.CladF6), O.CladF6, O.CladF6Forward, O.CladF6Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn7), O.CladFn7, O.CladFn7Forward, O.CladFn7Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn8), O.CladFn8, O.CladFn8Forward, O.CladFn8Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn9), O.CladFn9, O.CladFn9Forward, O.CladFn9Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn13), O.CladFn13, O.CladFn13Forward, O.CladFn13Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn14), O.CladFn14, O.CladFn14Forward, O.CladFn14Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn15), O.CladFn15, O.CladFn15Forward, O.CladFn15Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn16), O.CladFn16, O.CladFn16Forward, O.CladFn16Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn17), O.CladFn17, O.CladFn17Forward, O.CladFn17Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladFn18), O.CladFn18, O.CladFn18Forward, O.CladFn18Adjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladLoopInitVar), O.CladLoopInitVar, O.CladLoopInitVarForward, O.CladLoopInitVarAdjoint, (0.2, 1.5), (-1.0, 2.0)),
        Scalar2(nameof(O.CladFn36), O.CladFn36, O.CladFn36Forward, O.CladFn36Adjoint, (0.7, 0.3), (2.0, -1.0), (-0.5, 1.0)),
        Scalar2(nameof(O.Modify1), O.Modify1, O.Modify1Forward, O.Modify1Adjoint, (0.7, -1.3)),
        Scalar2(nameof(O.CladCallsFn2), O.CladCallsFn2, O.CladCallsFn2Forward, O.CladCallsFn2Adjoint, (0.7, -1.3), (2.0, 0.4)),
        new Subject
        {
            Name = nameof(O.CladCallsFn4), Inputs = 4, Outputs = 1, Precision = Precision.Float,
            Primal = p => [O.CladCallsFn4(p, 4)],
            Forward = (p, d, yd) => [O.CladCallsFn4Forward(p, d, 4, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladCallsFn4Adjoint(p, xb, 4, yb[0])],
            Points = RandomPoints(3, 4, seed: 3),
        },
        Scalar2(nameof(O.CladCallsFn9), O.CladCallsFn9, O.CladCallsFn9Forward, O.CladCallsFn9Adjoint, (2.0, 1.5), (0.5, 2.0), (-1.0, 0.5)),
        Scalar2(nameof(O.CladCallsFn10), O.CladCallsFn10, O.CladCallsFn10Forward, O.CladCallsFn10Adjoint, (4.5, 1.3), (1.0, -0.7), (8.5, 2.0), (12.0, 0.5)),
        Scalar2(nameof(O.CladCallsFn8), O.CladCallsFn8, O.CladCallsFn8Forward, O.CladCallsFn8Adjoint, (2.0, 1.5), (0.3, 2.0)),
        Scalar2(nameof(O.CladCubedAdd), O.CladCubedAdd, O.CladCubedAddForward, O.CladCubedAddAdjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladSuvat), O.CladSuvat, O.CladSuvatForward, O.CladSuvatAdjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar1(nameof(O.CladPower10), O.CladPower10, O.CladPower10Forward, O.CladPower10Adjoint, 0.7, -1.3),
        Scalar2(nameof(O.CladCond3), O.CladCond3, O.CladCond3Forward, O.CladCond3Adjoint, (0.7, -1.3), (-2.0, 0.4)),
        new Subject
        {
            Name = nameof(O.CladJacobianF1), Inputs = 3, Outputs = 3,
            Primal = p => { var y = new double[3]; O.CladJacobianF1(p[0], p[1], p[2], y); return y; },
            Forward = (p, d, yd) => { var y = new double[3]; O.CladJacobianF1Forward(p[0], d[0], p[1], d[1], p[2], d[2], y, yd); return y; },
            Adjoint = (p, yb, xb) => { var y = new double[3]; O.CladJacobianF1Adjoint(p[0], ref xb[0], p[1], ref xb[1], p[2], ref xb[2], y, yb); return y; },
            Points = [[0.7, -1.3, 2.0], [-0.4, 0.9, 1.1]],
        },
        new Subject
        {
            Name = nameof(O.CladJacobianF4), Inputs = 3, Outputs = 3,
            Primal = p => { var y = new double[3]; O.CladJacobianF4(p[0], p[1], p[2], y); return y; },
            Forward = (p, d, yd) => { var y = new double[3]; O.CladJacobianF4Forward(p[0], d[0], p[1], d[1], p[2], d[2], y, yd); return y; },
            Adjoint = (p, yb, xb) => { var y = new double[3]; O.CladJacobianF4Adjoint(p[0], ref xb[0], p[1], ref xb[1], p[2], ref xb[2], y, yb); return y; },
            Points = [[0.7, -1.3, 2.0], [-0.4, 0.9, 1.1]],
        },
        new Subject
        {
            Name = nameof(O.CladJacobianF5), Inputs = 1, Outputs = 2,
            Primal = p => { var y = new double[2]; O.CladJacobianF5(p[0], y); return y; },
            Forward = (p, d, yd) => { var y = new double[2]; O.CladJacobianF5Forward(p[0], d[0], y, yd); return y; },
            Adjoint = (p, yb, xb) => { var y = new double[2]; O.CladJacobianF5Adjoint(p[0], ref xb[0], y, yb); return y; },
            Points = [[0.7], [-1.3]],
        },
        new Subject
        {
            Name = nameof(O.CladJacobianCompound), Inputs = 4, Outputs = 4,
            Primal = p => { var y = new double[4]; O.CladJacobianCompound(p, y); return y; },
            Forward = (p, d, yd) => { var y = new double[4]; O.CladJacobianCompoundForward(p, d, y, yd); return y; },
            Adjoint = (p, yb, xb) => { var y = new double[4]; O.CladJacobianCompoundAdjoint(p, xb, y, yb); return y; },
            Points = RandomPoints(3, 4, seed: 4),
        },
        Scalar1(nameof(O.EnzymeMySin), O.EnzymeMySin, O.EnzymeMySinForward, O.EnzymeMySinAdjoint, 1.23, -0.4, 2.5),
        new Subject
        {
            Name = nameof(O.EnzymeMySinF), Inputs = 1, Outputs = 1, Precision = Precision.Float,
            Primal = p => [O.EnzymeMySinF((float)p[0])],
            Forward = (p, d, yd) => { float v = O.EnzymeMySinFForward((float)p[0], (float)d[0], out float dot); yd[0] = dot; return [v]; },
            Adjoint = (p, yb, xb) => { float b = (float)xb[0]; float v = O.EnzymeMySinFAdjoint((float)p[0], ref b, (float)yb[0]); xb[0] = b; return [v]; },
            Points = [[1.23], [-0.4], [2.5]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeManyMax), Inputs = 6, Outputs = 1,
            Primal = p => [O.EnzymeManyMax(p.AsSpan(0, 5), 5, p[5])],
            Forward = (p, d, yd) => [O.EnzymeManyMaxForward(p.AsSpan(0, 5), d.AsSpan(0, 5), 5, p[5], d[5], out yd[0])],
            Adjoint = (p, yb, xb) => [O.EnzymeManyMaxAdjoint(p.AsSpan(0, 5), xb.AsSpan(0, 5), 5, p[5], ref xb[5], yb[0])],
            Points = [[1, 2, 3, 102, 5, 3.14], [1, 2, 3, 4, 5, 102], [1, 2, 7, 4, 5, 3.14]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeManyMax2), Inputs = 5, Outputs = 1,
            Primal = p => [O.EnzymeManyMax2(p, 5)],
            Forward = (p, d, yd) => [O.EnzymeManyMax2Forward(p, d, 5, out yd[0])],
            Adjoint = (p, yb, xb) => [O.EnzymeManyMax2Adjoint(p, xb, 5, yb[0])],
            Points = [[1, 2, 3, 4, 102], [-1, -2, -3, -4, -5], [0.5, 3, -1, 2, 1]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeSumTil), Inputs = 5, Outputs = 1,
            Primal = p => [O.EnzymeSumTil(p, 5)],
            Forward = (p, d, yd) => [O.EnzymeSumTilForward(p, d, 5, out yd[0])],
            Adjoint = (p, yb, xb) => [O.EnzymeSumTilAdjoint(p, xb, 5, yb[0])],
            Points = [[1, 2, 3, 4, 5], [3.5, 3, 3, 3, 3], [0.3, -0.4, 0.5, 0.2, 0.1]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeSumTil2), Inputs = 5, Outputs = 1,
            Primal = p => [O.EnzymeSumTil2(p, 5)],
            Forward = (p, d, yd) => [O.EnzymeSumTil2Forward(p, d, 5, out yd[0])],
            Adjoint = (p, yb, xb) => [O.EnzymeSumTil2Adjoint(p, xb, 5, yb[0])],
            Points = [[1, 2, 3, 4, 5], [0.3, -0.4, 0.5, 0.2, 0.1], [2.0, 3.5, 0.1, 0.1, 0.1]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeTaylorLog), Inputs = 1, Outputs = 1,
            Primal = p => [O.EnzymeTaylorLog(p[0], 10000)],
            Forward = (p, d, yd) => [O.EnzymeTaylorLogForward(p[0], d[0], 10000, out yd[0])],
            Adjoint = (p, yb, xb) => [O.EnzymeTaylorLogAdjoint(p[0], ref xb[0], 10000, yb[0])],
            Points = [[0.5], [-0.3], [0.8]],
        },
        new Subject
        {
            Name = nameof(O.EnzymeReadWriteRead), Inputs = 2, Outputs = 2,
            Primal = p => { double[] work = new double[1], ret = new double[1]; O.EnzymeReadWriteRead(p, work, ret); return [work[0], ret[0]]; },
            Forward = (p, d, yd) =>
            {
                double[] work = new double[1], workDot = new double[1], ret = new double[1], retDot = new double[1];
                O.EnzymeReadWriteReadForward(p, d, work, workDot, ret, retDot);
                yd[0] = workDot[0];
                yd[1] = retDot[0];
                return [work[0], ret[0]];
            },
            Adjoint = (p, yb, xb) =>
            {
                double[] work = new double[1], ret = new double[1];
                O.EnzymeReadWriteReadAdjoint(p, xb, work, yb.AsSpan(0, 1), ret, yb.AsSpan(1, 1));
                return [work[0], ret[0]];
            },
            Points = [[2.0, 0.5], [-0.7, 1.3]],
        },
        new Subject
        {
            // The result and work (6) are the outputs.
            Name = nameof(O.EnzymeRwrLoop), Inputs = 6, Outputs = 7,
            Primal = p => { var work = new double[6]; double r = O.EnzymeRwrLoop(p, 2, work); return [r, .. work]; },
            Forward = (p, d, yd) =>
            {
                double[] work = new double[6], workDot = new double[6];
                double r = O.EnzymeRwrLoopForward(p, d, 2, work, workDot, out yd[0]);
                workDot.CopyTo(yd, 1);
                return [r, .. work];
            },
            Adjoint = (p, yb, xb) =>
            {
                var work = new double[6];
                double r = O.EnzymeRwrLoopAdjoint(p, xb, 2, work, yb.AsSpan(1, 6), yb[0]);
                return [r, .. work];
            },
            Points = RandomPoints(3, 6, seed: 5),
        },
        Scalar2(nameof(O.EnzymeLoopsTriple), O.EnzymeLoopsTriple, O.EnzymeLoopsTripleForward, O.EnzymeLoopsTripleAdjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.EnzymeManyDiv), O.EnzymeManyDiv, O.EnzymeManyDivForward, O.EnzymeManyDivAdjoint, (0.7, 1.3), (2.0, 0.4), (-1.5, 2.5)),
        new Subject
        {
            Name = nameof(O.GradbenchLlsq), Inputs = 4, Outputs = 1,
            Primal = p => [O.GradbenchLlsq(p, 7)],
            Forward = (p, d, yd) => [O.GradbenchLlsqForward(p, d, 7, out yd[0])],
            Adjoint = (p, yb, xb) => [O.GradbenchLlsqAdjoint(p, xb, 7, yb[0])],
            Points = RandomPoints(3, 4, seed: 6),
        },
        new Subject
        {
            Name = nameof(O.GradbenchLse), Inputs = 5, Outputs = 1,
            Primal = p => [O.GradbenchLse(p)],
            Forward = (p, d, yd) => [O.GradbenchLseForward(p, d, out yd[0])],
            Adjoint = (p, yb, xb) => [O.GradbenchLseAdjoint(p, xb, yb[0])],
            Points = RandomPoints(3, 5, seed: 7, lo: -3, hi: 3),
        },
        new Subject
        {
            Name = nameof(O.GradbenchKMeans), Inputs = 6, Outputs = 1,
            Primal = p => [O.GradbenchKMeans(KMeansPoints, p)],
            Forward = (p, d, yd) => [O.GradbenchKMeansForward(KMeansPoints, p, d, out yd[0])],
            Adjoint = (p, yb, xb) => [O.GradbenchKMeansAdjoint(KMeansPoints, p, xb, yb[0])],
            Points = [[0.0, 0.0, 2.0, 2.0, 1.0, -1.0], [0.5, 0.5, -1.0, 0.0, 2.2, 0.1]],
        },
        new Subject
        {
            Name = nameof(O.AdbenchLstm), Inputs = 20, Outputs = 1,
            Primal = p => [O.AdbenchLstm(p, LstmSequence, 2)],
            Forward = (p, d, yd) => [O.AdbenchLstmForward(p, d, LstmSequence, 2, out yd[0])],
            Adjoint = (p, yb, xb) => [O.AdbenchLstmAdjoint(p, xb, LstmSequence, 2, yb[0])],
            Points = RandomPoints(2, 20, seed: 8, lo: -1, hi: 1),
        },
        new Subject
        {
            // alphas (3), means (6), logQ (6).
            Name = nameof(O.AdbenchGmm), Inputs = 15, Outputs = 1,
            Primal = p => [O.AdbenchGmm(p.AsSpan(0, 3), p.AsSpan(3, 6), p.AsSpan(9, 6), GmmData)],
            Forward = (p, d, yd) => [O.AdbenchGmmForward(p.AsSpan(0, 3), d.AsSpan(0, 3), p.AsSpan(3, 6), d.AsSpan(3, 6), p.AsSpan(9, 6), d.AsSpan(9, 6), GmmData, out yd[0])],
            Adjoint = (p, yb, xb) => [O.AdbenchGmmAdjoint(p.AsSpan(0, 3), xb.AsSpan(0, 3), p.AsSpan(3, 6), xb.AsSpan(3, 6), p.AsSpan(9, 6), xb.AsSpan(9, 6), GmmData, yb[0])],
            Points = RandomPoints(2, 15, seed: 9, lo: -1, hi: 1),
        },
        new Subject
        {
            // cam (11), point (3), w; err (2) is the output.
            Name = nameof(O.AdbenchBaReprojection), Inputs = 15, Outputs = 2,
            Primal = p => { var err = new double[2]; O.AdbenchBaReprojection(p.AsSpan(0, 11), p.AsSpan(11, 3), p[14], BaFeature, err); return err; },
            Forward = (p, d, yd) =>
            {
                var err = new double[2];
                O.AdbenchBaReprojectionForward(p.AsSpan(0, 11), d.AsSpan(0, 11), p.AsSpan(11, 3), d.AsSpan(11, 3), p[14], d[14], BaFeature, err, yd);
                return err;
            },
            Adjoint = (p, yb, xb) =>
            {
                var err = new double[2];
                O.AdbenchBaReprojectionAdjoint(p.AsSpan(0, 11), xb.AsSpan(0, 11), p.AsSpan(11, 3), xb.AsSpan(11, 3), p[14], ref xb[14], BaFeature, err, yb);
                return err;
            },
            Points =
            [
                [0.1, -0.2, 0.3, 0.5, -0.4, -3.0, 1.5, 0.1, -0.1, 0.05, -0.01, 0.4, 0.3, 2.0, 0.9],
                [-0.3, 0.4, 0.2, -0.1, 0.2, -4.0, 0.9, 0.0, 0.2, -0.02, 0.01, -0.5, 0.8, 1.0, 1.2],
            ],
        },
        Scalar1(nameof(O.AdbenchZachWeight), O.AdbenchZachWeight, O.AdbenchZachWeightForward, O.AdbenchZachWeightAdjoint, 0.7, -1.3),
        new Subject
        {
            Name = nameof(O.GradbenchOde), Inputs = 3, Outputs = 10,
            Primal = p => { var y = new double[10]; O.GradbenchOde(p[0], p[1], p[2], 5, y); return y; },
            Forward = (p, d, yd) => { var y = new double[10]; O.GradbenchOdeForward(p[0], d[0], p[1], d[1], p[2], d[2], 5, y, yd); return y; },
            Adjoint = (p, yb, xb) => { var y = new double[10]; O.GradbenchOdeAdjoint(p[0], ref xb[0], p[1], ref xb[1], p[2], ref xb[2], 5, y, yb); return y; },
            Points = [[1.0, 0.0, 0.7], [0.5, -0.3, 2.0]],
        },
        Scalar3(nameof(O.CladNorm), O.CladNorm, O.CladNormForward, O.CladNormAdjoint, (0.7, -1.3, 2.0), (-0.4, 0.9, 0.1)),
        Scalar2(nameof(O.ChainOuter), O.ChainOuter, O.ChainOuterForward, O.ChainOuterAdjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar2(nameof(O.CladCallChain), O.CladCallChain, O.CladCallChainForward, O.CladCallChainAdjoint, (0.7, -1.3), (2.0, 0.4), (-0.6, 0.9)),
        new Subject
        {
            Name = nameof(O.CladFwdPow), Inputs = 1, Outputs = 1,
            Primal = p => [O.CladFwdPow(p[0], 5)],
            Forward = (p, d, yd) => [O.CladFwdPowForward(p[0], d[0], 5, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladFwdPowAdjoint(p[0], ref xb[0], 5, yb[0])],
            Points = [[0.7], [-1.3]],
        },
        new Subject
        {
            Name = nameof(O.CladFwdTriangle), Inputs = 1, Outputs = 1,
            Primal = p => [O.CladFwdTriangle(p[0], 4)],
            Forward = (p, d, yd) => [O.CladFwdTriangleForward(p[0], d[0], 4, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladFwdTriangleAdjoint(p[0], ref xb[0], 4, yb[0])],
            Points = [[0.7], [-1.3], [2.2]],
        },
        Scalar2(nameof(O.CladSwitchAsIf), O.CladSwitchAsIf, O.CladSwitchAsIfForward, O.CladSwitchAsIfAdjoint, (0.5, 1.3), (1.5, -0.7), (2.5, 0.4), (-0.5, 1.1)),
        Scalar2(nameof(O.CladAtan2Abs), O.CladAtan2Abs, O.CladAtan2AbsForward, O.CladAtan2AbsAdjoint, (0.7, -1.3), (2.0, 0.4), (-1.5, 1.2)),
        Scalar2(nameof(O.CladRepeated), O.CladRepeated, O.CladRepeatedForward, O.CladRepeatedAdjoint, (0.7, -1.3), (0.3, 0.4)),
        Float2(nameof(O.CladFloatMix), O.CladFloatMix, O.CladFloatMixForward, O.CladFloatMixAdjoint, (0.7, -1.3), (1.5, 0.4)),
        new Subject
        {
            Name = nameof(O.CladLogGausF), Inputs = 7, Outputs = 1, Precision = Precision.Float,
            Primal = p => [O.CladLogGausF(F(p, 0, 3), F(p, 3, 3), (float)p[6])],
            Forward = (p, d, yd) => { float v = O.CladLogGausFForward(F(p, 0, 3), F(d, 0, 3), F(p, 3, 3), F(d, 3, 3), (float)p[6], (float)d[6], out float dot); yd[0] = dot; return [v]; },
            Adjoint = (p, yb, xb) =>
            {
                float[] xBar = F(xb, 0, 3), pBar = F(xb, 3, 3);
                float sBar = (float)xb[6];
                float v = O.CladLogGausFAdjoint(F(p, 0, 3), xBar, F(p, 3, 3), pBar, (float)p[6], ref sBar, (float)yb[0]);
                D(xBar).CopyTo(xb, 0);
                D(pBar).CopyTo(xb, 3);
                xb[6] = sBar;
                return [v];
            },
            Points = [[0.3, -0.5, 1.1, 0.2, 0.1, 0.9, 0.8], [1.3, 0.5, -0.7, -0.2, 0.4, 0.0, 1.7]],
        },
        Scalar1(nameof(O.CladF5Parameter), O.CladF5Parameter, O.CladF5ParameterForward, O.CladF5ParameterAdjoint, 0.7, -1.3),
        new Subject
        {
            Name = nameof(O.CladArrayInputs), Inputs = 4, Outputs = 1,
            Primal = p => [O.CladArrayInputs(p)],
            Forward = (p, d, yd) => [O.CladArrayInputsForward(p, d, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladArrayInputsAdjoint(p, xb, yb[0])],
            Points = RandomPoints(3, 4, seed: 13),
        },
        new Subject
        {
            Name = nameof(O.CladBuiltins), Inputs = 6, Outputs = 1,
            Primal = p => [O.CladBuiltins(p)],
            Forward = (p, d, yd) => [O.CladBuiltinsForward(p, d, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladBuiltinsAdjoint(p, xb, yb[0])],
            // Away from the steps of Round (x0 ∉ ½ℤ), Truncate (3·x2 ∉ ℤ) and Ceiling (x4 ∉ ℤ).
            Points = [[0.3, -1.2, 0.8, 1.3, -0.3, 0.9], [1.1, 0.7, -0.4, 0.6, 1.2, -1.5]],
        },
        new Subject
        {
            Name = nameof(O.CladFmod), Inputs = 4, Outputs = 1,
            Primal = p => [O.CladFmod(p)],
            Forward = (p, d, yd) => [O.CladFmodForward(p, d, out yd[0])],
            Adjoint = (p, yb, xb) => [O.CladFmodAdjoint(p, xb, yb[0])],
            Points = [[2.3, 0.9, 1.1, 1.9], [-2.3, 0.7, 0.4, -1.0]],
        },
        Scalar3(nameof(O.CladNestedCalls), O.CladNestedCalls, O.CladNestedCallsForward, O.CladNestedCallsAdjoint, (0.7, -1.3, 2.0), (-0.4, 0.9, 0.1)),
        Scalar2(nameof(O.CladBeforeAfter), O.CladBeforeAfter, O.CladBeforeAfterForward, O.CladBeforeAfterAdjoint, (0.7, -1.3), (2.0, 0.4)),
        Scalar1(nameof(O.NewtonSqrt), O.NewtonSqrt, O.NewtonSqrtForward, O.NewtonSqrtAdjoint, 2.0, 0.3, 7.5),
        Scalar1(nameof(O.NestedBreakSum), O.NestedBreakSum, O.NestedBreakSumForward, O.NestedBreakSumAdjoint, 0.7, -1.3),
        Scalar2(nameof(O.Huber), O.Huber, O.HuberForward, O.HuberAdjoint, (0.4, 1.0), (-2.5, 1.0), (3.0, 0.5)),
        Scalar2(nameof(O.CompoundChain), O.CompoundChain, O.CompoundChainForward, O.CompoundChainAdjoint, (0.7, -1.3), (2.0, 0.4)),
    }.ToDictionary(s => s.Name);

    public static TheoryData<string> Names => new(Subjects.Keys);

    // ---------------------------------------------------------------- checks

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => AssertForwardMatchesDifferences(Subjects[name]);

    /// <summary>One column of J per input by the forward method, against central differences; the values against the primal's.</summary>
    internal static void AssertForwardMatchesDifferences(Subject s)
    {
        var name = s.Name;
        foreach (double[] x in s.Points)
        {
            double[] expected = s.Primal((double[])x.Clone());
            for (int i = 0; i < s.Inputs; i++)
            {
                double[] xDot = new double[s.Inputs];
                xDot[i] = 1;
                double[] yDot = new double[s.Outputs];
                double[] y = s.Forward((double[])x.Clone(), xDot, yDot);
                AssertPrimal(s, expected, y, $"{name}Forward at {GradientAssert.Format(x)}");
                for (int j = 0; j < s.Outputs; j++)
                {
                    Estimate fd = FiniteDifference.Partial(p => s.Primal(p)[j], x, i, s.Precision);
                    GradientAssert.Close(fd, yDot[j], Tolerance.FiniteDifference(s.Precision), $"{name}Forward ∂y{j}/∂x{i} at {GradientAssert.Format(x)}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference_and_adds_into_the_bars(string name) => AssertAdjointMatchesDifferences(Subjects[name]);

    /// <summary>One row of J per output by the adjoint (added into bars that start non-zero), against central differences.</summary>
    internal static void AssertAdjointMatchesDifferences(Subject s)
    {
        var name = s.Name;
        foreach (double[] x in s.Points)
        {
            double[] expected = s.Primal((double[])x.Clone());
            for (int j = 0; j < s.Outputs; j++)
            {
                double[] yBar = new double[s.Outputs];
                yBar[j] = 1;
                double[] xBar = Enumerable.Repeat(Preset, s.Inputs).ToArray();
                double[] y = s.Adjoint((double[])x.Clone(), yBar, xBar);
                AssertPrimal(s, expected, y, $"{name}Adjoint at {GradientAssert.Format(x)}");
                for (int i = 0; i < s.Inputs; i++)
                {
                    Estimate fd = FiniteDifference.Partial(p => s.Primal(p)[j], x, i, s.Precision);
                    GradientAssert.Close(fd, xBar[i] - Preset, Tolerance.FiniteDifference(s.Precision), $"{name}Adjoint ∂y{j}/∂x{i} at {GradientAssert.Format(x)}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_adjoint_satisfy_the_dot_product_identity(string name) => AssertDotProductIdentity(Subjects[name]);

    /// <summary>⟨w, J·v⟩ from the forward method equals ⟨Jᵀw, v⟩ from the adjoint, for random v and w.</summary>
    internal static void AssertDotProductIdentity(Subject s)
    {
        var name = s.Name;
        var random = new Random(name.Length * 7919 + 17);
        foreach (double[] x in s.Points)
        {
            double[] v = Enumerable.Range(0, s.Inputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            double[] w = Enumerable.Range(0, s.Outputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            if (s.Precision == Precision.Float)
            {
                v = v.Select(e => (double)(float)e).ToArray();
                w = w.Select(e => (double)(float)e).ToArray();
            }
            double[] yDot = new double[s.Outputs];
            s.Forward((double[])x.Clone(), v, yDot);
            double[] xBar = new double[s.Inputs];
            s.Adjoint((double[])x.Clone(), w, xBar);
            double left = w.Zip(yDot, (a, b) => a * b).Sum();
            double right = v.Zip(xBar, (a, b) => a * b).Sum();
            double scale = w.Zip(yDot, (a, b) => Math.Abs(a * b)).Sum() + v.Zip(xBar, (a, b) => Math.Abs(a * b)).Sum();
            double relative = s.Precision == Precision.Double ? 1e-12 : 1e-5;
            GradientAssert.Close(right, left, new Tolerance(0, relative * scale + 1e-300), $"{name}: ⟨w, J·v⟩ vs ⟨Jᵀw, v⟩ at {GradientAssert.Format(x)}");
        }
    }

    private static void AssertPrimal(Subject s, double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            if (s.Precision == Precision.Float)
                GradientAssert.PrimalEqual((float)expected[j], (float)actual[j], $"{what}, output {j}");
            else
                GradientAssert.PrimalEqual(expected[j], actual[j], $"{what}, output {j}");
        }
    }

    // ---------------------------------------------------------------- Hessian-vector products

    private delegate double Hvp1(double x, double xDot, ref double xBar, ref double xBarDot, double resultBar, double resultBarDot);

    private delegate double Hvp2(double x, double xDot, ref double xBar, ref double xBarDot, double y, double yDot, ref double yBar, ref double yBarDot, double resultBar, double resultBarDot);

    private static void Products1(Case.Adjoint1 adjoint, Hvp1 product, Func<double, double> f, double x, double v)
        => HessianVectorTests.AssertAgreesWithDifferences([x], [v],
            (p, g) => { double b = 0; adjoint(p[0], ref b, 1); g[0] = b; },
            (p, d, g, hv) =>
            {
                double b = 0, bd = 0;
                Assert.Equal(f(p[0]), product(p[0], d[0], ref b, ref bd, 1, 0));
                g[0] = b;
                hv[0] = bd;
            });

    private static void Products2(Case.Adjoint2 adjoint, Hvp2 product, Func<double, double, double> f, double x, double y, double vx, double vy)
        => HessianVectorTests.AssertAgreesWithDifferences([x, y], [vx, vy],
            (p, g) => { double b0 = 0, b1 = 0; adjoint(p[0], ref b0, p[1], ref b1, 1); g[0] = b0; g[1] = b1; },
            (p, d, g, hv) =>
            {
                double b0 = 0, bd0 = 0, b1 = 0, bd1 = 0;
                Assert.Equal(f(p[0], p[1]), product(p[0], d[0], ref b0, ref bd0, p[1], d[1], ref b1, ref bd1, 1, 0));
                g[0] = b0; g[1] = b1; hv[0] = bd0; hv[1] = bd1;
            });

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void Scalar_products_agree_with_differences_of_the_gradient(double x)
    {
        Products1(O.CladF3Adjoint, O.CladF3HessianVector, O.CladF3, x, 1);
        Products1(O.CladPower10Adjoint, O.CladPower10HessianVector, O.CladPower10, x, 0.6);
        Products1(O.EnzymeMySinAdjoint, O.EnzymeMySinHessianVector, O.EnzymeMySin, x, -0.8);
        Products1(O.CladConstLocalAdjoint, O.CladConstLocalHessianVector, O.CladConstLocal, x, 1);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(2.0, 0.4)]
    [InlineData(-0.6, 0.9)]
    public void Two_argument_products_agree_with_differences_of_the_gradient(double x, double y)
    {
        Products2(O.CladFn16Adjoint, O.CladFn16HessianVector, O.CladFn16, x, y, 0.3, -0.9);
        Products2(O.CladFn17Adjoint, O.CladFn17HessianVector, O.CladFn17, x, y, 0.3, -0.9);
        Products2(O.CladFn14Adjoint, O.CladFn14HessianVector, O.CladFn14, x, y, 0.3, -0.9);
        Products2(O.CladCallsFn2Adjoint, O.CladCallsFn2HessianVector, O.CladCallsFn2, x, y, 0.3, -0.9);
        Products2(O.CladCond3Adjoint, O.CladCond3HessianVector, O.CladCond3, x, y, 0.3, -0.9);
        Products2(O.CladCallChainAdjoint, O.CladCallChainHessianVector, O.CladCallChain, x, y, 0.3, -0.9);
        Products2(O.CladRepeatedAdjoint, O.CladRepeatedHessianVector, O.CladRepeated, x * 0.5, y * 0.5, 0.3, -0.9);
        Products2(O.CladBeforeAfterAdjoint, O.CladBeforeAfterHessianVector, O.CladBeforeAfter, x, y, 0.3, -0.9);
        Products2(O.EnzymeLoopsTripleAdjoint, O.EnzymeLoopsTripleHessianVector, O.EnzymeLoopsTriple, x, y, 0.3, -0.9);
        Products2(O.CladAtan2AbsAdjoint, O.CladAtan2AbsHessianVector, O.CladAtan2Abs, x, y, 0.3, -0.9);
        Products2(O.CladFn36Adjoint, O.CladFn36HessianVector, O.CladFn36, x, y, 0.3, -0.9);
    }

    [Theory]
    [InlineData(0.2, 1.5)]
    [InlineData(-1.0, 2.0)]
    public void Products_through_a_double_loop_variable_agree_with_differences(double lower, double upper)
        => Products2(O.CladLoopInitVarAdjoint, O.CladLoopInitVarHessianVector, O.CladLoopInitVar, lower, upper, 0.3, -0.9);

    [Theory]
    [InlineData(0.7, 2.0)]
    [InlineData(2.0, 0.4)]
    public void Products_through_a_loop_of_divisions_agree_with_differences(double x, double y)
        => Products2(O.EnzymeManyDivAdjoint, O.EnzymeManyDivHessianVector, O.EnzymeManyDiv, x, y, 0.3, -0.9);

    [Fact]
    public void Span_products_agree_with_differences_of_the_gradient()
    {
        foreach (double[] x in Subjects[nameof(O.GradbenchLse)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1, -0.5],
                (p, g) => O.GradbenchLseAdjoint(p, g),
                (p, v, g, hv) => O.GradbenchLseHessianVector(p, v, g, hv));

        foreach (double[] x in Subjects[nameof(O.EnzymeSumTil2)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1, -0.5],
                (p, g) => O.EnzymeSumTil2Adjoint(p, g, 5),
                (p, v, g, hv) => O.EnzymeSumTil2HessianVector(p, v, g, hv, 5));

        foreach (double[] x in Subjects[nameof(O.GradbenchKMeans)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1, -0.5, 0.7],
                (p, g) => O.GradbenchKMeansAdjoint(KMeansPoints, p, g),
                (p, v, g, hv) => O.GradbenchKMeansHessianVector(KMeansPoints, p, v, g, hv));

        foreach (double[] x in Subjects[nameof(O.GradbenchLlsq)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1],
                (p, g) => O.GradbenchLlsqAdjoint(p, g, 7),
                (p, v, g, hv) => O.GradbenchLlsqHessianVector(p, v, g, hv, 7));

        foreach (double[] x in Subjects[nameof(O.AdbenchLstm)].Points)
        {
            double[] direction = RandomPoints(1, 20, seed: 10)[0];
            HessianVectorTests.AssertAgreesWithDifferences(x, direction,
                (p, g) => O.AdbenchLstmAdjoint(p, g, LstmSequence, 2),
                (p, v, g, hv) => O.AdbenchLstmHessianVector(p, v, g, hv, LstmSequence, 2));
        }

        foreach (double[] x in Subjects[nameof(O.AdbenchGmm)].Points)
        {
            double[] direction = RandomPoints(1, 15, seed: 11)[0];
            HessianVectorTests.AssertAgreesWithDifferences(x, direction,
                (p, g) => O.AdbenchGmmAdjoint(p.AsSpan(0, 3), g.AsSpan(0, 3), p.AsSpan(3, 6), g.AsSpan(3, 6), p.AsSpan(9, 6), g.AsSpan(9, 6), GmmData),
                (p, v, g, hv) => O.AdbenchGmmHessianVector(
                    p.AsSpan(0, 3), v.AsSpan(0, 3), g.AsSpan(0, 3), hv.AsSpan(0, 3),
                    p.AsSpan(3, 6), v.AsSpan(3, 6), g.AsSpan(3, 6), hv.AsSpan(3, 6),
                    p.AsSpan(9, 6), v.AsSpan(9, 6), g.AsSpan(9, 6), hv.AsSpan(9, 6), GmmData));
        }

        foreach (double[] x in Subjects[nameof(O.CladLogGaus)].Points)
        {
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1, -0.5, 0.4, 0.2, -0.3],
                (p, g) =>
                {
                    double nBar = 0, sBar = 0;
                    O.CladLogGausAdjoint(p.AsSpan(0, 3), g.AsSpan(0, 3), p.AsSpan(3, 3), g.AsSpan(3, 3), p[6], ref nBar, p[7], ref sBar);
                    g[6] = nBar;
                    g[7] = sBar;
                },
                (p, v, g, hv) =>
                {
                    double nBar = 0, nBarDot = 0, sBar = 0, sBarDot = 0;
                    O.CladLogGausHessianVector(p.AsSpan(0, 3), v.AsSpan(0, 3), g.AsSpan(0, 3), hv.AsSpan(0, 3), p.AsSpan(3, 3), v.AsSpan(3, 3), g.AsSpan(3, 3), hv.AsSpan(3, 3),
                        p[6], v[6], ref nBar, ref nBarDot, p[7], v[7], ref sBar, ref sBarDot);
                    g[6] = nBar;
                    g[7] = sBar;
                    hv[6] = nBarDot;
                    hv[7] = sBarDot;
                });
        }
    }

    /// <summary>Weights for the outputs: the products are those of ⟨w, y(x)⟩, whose gradient is the adjoint with yBar = w.</summary>
    private static double[] OutputWeights(int m) => Enumerable.Range(0, m).Select(k => 0.3 + 0.2 * Math.Sin(k + 1.0)).ToArray();

    [Fact]
    public void Products_of_methods_writing_outputs_agree_with_differences_of_the_gradient()
    {
        double[] w4 = OutputWeights(4);
        foreach (double[] x in Subjects[nameof(O.CladJacobianCompound)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1],
                (p, g) => O.CladJacobianCompoundAdjoint(p, g, new double[4], w4),
                (p, v, g, hv) => O.CladJacobianCompoundHessianVector(p, v, g, hv, new double[4], new double[4], w4, new double[4]));

        double[] w10 = OutputWeights(10);
        foreach (double[] x in Subjects[nameof(O.GradbenchOde)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9],
                (p, g) => O.GradbenchOdeAdjoint(p[0], ref g[0], p[1], ref g[1], p[2], ref g[2], 5, new double[10], w10),
                (p, v, g, hv) => O.GradbenchOdeHessianVector(p[0], v[0], ref g[0], ref hv[0], p[1], v[1], ref g[1], ref hv[1], p[2], v[2], ref g[2], ref hv[2], 5,
                    new double[10], new double[10], w10, new double[10]));

        double[] w2 = OutputWeights(2);
        foreach (double[] x in Subjects[nameof(O.AdbenchBaReprojection)].Points)
        {
            double[] direction = RandomPoints(1, 15, seed: 12)[0];
            HessianVectorTests.AssertAgreesWithDifferences(x, direction,
                (p, g) => O.AdbenchBaReprojectionAdjoint(p.AsSpan(0, 11), g.AsSpan(0, 11), p.AsSpan(11, 3), g.AsSpan(11, 3), p[14], ref g[14], BaFeature, new double[2], w2),
                (p, v, g, hv) => O.AdbenchBaReprojectionHessianVector(p.AsSpan(0, 11), v.AsSpan(0, 11), g.AsSpan(0, 11), hv.AsSpan(0, 11), p.AsSpan(11, 3), v.AsSpan(11, 3), g.AsSpan(11, 3), hv.AsSpan(11, 3),
                    p[14], v[14], ref g[14], ref hv[14], BaFeature, new double[2], new double[2], w2, new double[2]));
        }

        double[] w6 = OutputWeights(6);
        foreach (double[] x in Subjects[nameof(O.EnzymeRwrLoop)].Points)
            HessianVectorTests.AssertAgreesWithDifferences(x, [0.3, -0.2, 0.9, 0.1, -0.5, 0.7],
                (p, g) => O.EnzymeRwrLoopAdjoint(p, g, 2, new double[6], w6, 0.5),
                (p, v, g, hv) => O.EnzymeRwrLoopHessianVector(p, v, g, hv, 2, new double[6], new double[6], w6, new double[6], 0.5, 0));
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(1.5, 0.4)]
    public void Float_products_agree_with_differences_of_the_float_gradient(double x, double y)
    {
        const float vx = 0.6f, vy = -0.8f, h = 1e-2f;
        float xb = 0, xbd = 0, yb = 0, ybd = 0;
        O.CladFloatMixHessianVector((float)x, vx, ref xb, ref xbd, (float)y, vy, ref yb, ref ybd);
        (float X, float Y) Gradient(float px, float py)
        {
            float gx = 0, gy = 0;
            O.CladFloatMixAdjoint(px, ref gx, py, ref gy);
            return (gx, gy);
        }
        var up = Gradient((float)x + h * vx, (float)y + h * vy);
        var down = Gradient((float)x - h * vx, (float)y - h * vy);
        double dx = (up.X - down.X) / (2.0 * h), dy = (up.Y - down.Y) / (2.0 * h);
        GradientAssert.Close(dx, xbd, new Tolerance(2e-2, 2e-3), "(H·v)x");
        GradientAssert.Close(dy, ybd, new Tolerance(2e-2, 2e-3), "(H·v)y");
    }

    [Theory]
    [InlineData(nameof(O.CladJacobianCompound))]
    [InlineData(nameof(O.CladJacobianF1))]
    [InlineData(nameof(O.GradbenchOde))]
    public void Jacobians_by_forward_and_by_reverse_sweeps_agree_with_finite_differences(string name)
    {
        Subject s = Subjects[name];
        TangentFunction<double> forward = (x, xDot, y, yDot) =>
        {
            double[] dot = new double[s.Outputs];
            s.Forward(x.ToArray(), xDot.ToArray(), dot).CopyTo(y);
            dot.CopyTo(yDot);
        };
        AdjointFunction<double> adjoint = (x, xBar, y, yBar) =>
        {
            double[] bar = xBar.ToArray();
            s.Adjoint(x.ToArray(), yBar.ToArray(), bar).CopyTo(y);
            bar.CopyTo(xBar);
        };
        foreach (double[] x in s.Points)
        {
            double[] byForward = new double[s.Outputs * s.Inputs], byReverse = new double[s.Outputs * s.Inputs];
            Assert.Equal(JacobianSweep.Forward, Jacobian.Compute(forward, adjoint, x, new double[s.Outputs], byForward, JacobianSweep.Forward));
            Assert.Equal(JacobianSweep.Reverse, Jacobian.Compute(forward, adjoint, x, new double[s.Outputs], byReverse, JacobianSweep.Reverse));
            for (int i = 0; i < s.Outputs; i++)
                for (int j = 0; j < s.Inputs; j++)
                {
                    int row = i;
                    Estimate fd = FiniteDifference.Partial(p => s.Primal(p)[row], x, j);
                    GradientAssert.Close(fd, byForward[i * s.Inputs + j], Tolerance.DoubleFiniteDifference, $"{name} J[{i},{j}] by forward sweeps");
                    GradientAssert.Close(byForward[i * s.Inputs + j], byReverse[i * s.Inputs + j], Tolerance.DoubleClosedForm, $"{name} J[{i},{j}] reverse vs forward");
                }
        }
    }

    /// <summary>Every method of the table whose parameters are all double, found by reflection with its generated adjoint and product.</summary>
    public static TheoryData<string> ScalarParameterNames => new(typeof(O).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.GetCustomAttributes(typeof(DifferentiableAttribute), false).Length > 0 && m.ReturnType == typeof(double)
            && m.GetParameters().Length > 0 && m.GetParameters().All(p => p.ParameterType == typeof(double) && p.GetCustomAttributes(typeof(NoDiffAttribute), false).Length == 0))
        .Select(m => m.Name).Distinct());

    [Theory]
    [MemberData(nameof(ScalarParameterNames))]
    public void Products_of_every_scalar_method_agree_with_differences_of_the_gradient(string name)
    {
        MethodInfo primal = typeof(O).GetMethods().Single(m => m.Name == name && m.GetCustomAttributes(typeof(DifferentiableAttribute), false).Length > 0);
        MethodInfo adjoint = typeof(O).GetMethod(name + "Adjoint")!;
        MethodInfo product = typeof(O).GetMethod(name + "HessianVector")!;
        int n = primal.GetParameters().Length;
        double[][] points = Subjects.TryGetValue(name, out Subject? subject) ? subject.Points.ToArray() : RandomPoints(2, n, seed: name.Length, lo: 0.3, hi: 1.2);
        double[] direction = Enumerable.Range(0, n).Select(i => 0.4 - 0.3 * i).ToArray();
        foreach (double[] x in points)
        {
            HessianVectorTests.AssertAgreesWithDifferences(x, direction,
                (p, g) =>
                {
                    object[] arguments = new object[2 * n + 1];
                    for (int i = 0; i < n; i++)
                    {
                        arguments[2 * i] = p[i];
                        arguments[2 * i + 1] = 0.0;
                    }
                    arguments[2 * n] = 1.0;
                    adjoint.Invoke(null, arguments);
                    for (int i = 0; i < n; i++)
                        g[i] = (double)arguments[2 * i + 1];
                },
                (p, v, g, hv) =>
                {
                    object[] arguments = new object[4 * n + 2];
                    for (int i = 0; i < n; i++)
                    {
                        arguments[4 * i] = p[i];
                        arguments[4 * i + 1] = v[i];
                        arguments[4 * i + 2] = 0.0;
                        arguments[4 * i + 3] = 0.0;
                    }
                    arguments[4 * n] = 1.0;
                    arguments[4 * n + 1] = 0.0;
                    object? value = product.Invoke(null, arguments);
                    Assert.Equal(primal.Invoke(null, p.Cast<object>().ToArray()), value);
                    for (int i = 0; i < n; i++)
                    {
                        g[i] = (double)arguments[4 * i + 2];
                        hv[i] = (double)arguments[4 * i + 3];
                    }
                });
        }
    }

    [Fact]
    public void The_values_the_original_tests_assert_are_reproduced()
    {
        // Enzyme taylorlog.c: d/dx Σ_{i ≤ 10000} xⁱ at ½ is 4.
        double xBar = 0;
        O.EnzymeTaylorLogAdjoint(0.5, ref xBar, 10000);
        Assert.Equal(4.0, xBar, 1e-7);

        // Enzyme manymax.c: with a[3] = 102 the maximum is a[3], and the start (3.14) gets nothing; starting from 102 it gets 1.
        double[] a = [1, 2, 3, 102, 5], aBar = new double[5];
        double startBar = 0;
        O.EnzymeManyMaxAdjoint(a, aBar, 5, 3.14, ref startBar);
        Assert.Equal([0, 0, 0, 1, 0], aBar);
        Assert.Equal(0, startBar);
        a = [1, 2, 3, 4, 5];
        aBar = new double[5];
        O.EnzymeManyMaxAdjoint(a, aBar, 5, 102, ref startBar);
        Assert.Equal([0, 0, 0, 0, 0], aBar);
        Assert.Equal(1, startBar);

        // Enzyme mycos.c: the second derivative of my_sin is −my_sin, up to the series' last term −x¹¹/11! (its second derivative is not in the series)
        // (2.4e-7 at 1.23; checked on the product with v = 1).
        double b = 0, bDot = 0;
        O.EnzymeMySinHessianVector(1.23, 1, ref b, ref bDot);
        Assert.Equal(-(O.EnzymeMySin(1.23) + Math.Pow(1.23, 11) / O.Factorial(11)), bDot, 1e-12);

        // Enzyme sumtil.c at (1, 2, 3, 4, 5): ret passes 15 at the fourth element, after its first addition.
        double[] vecBar = new double[5];
        O.EnzymeSumTilAdjoint([1, 2, 3, 4, 5], vecBar, 5);
        Assert.Equal([2, 2, 2, 1, 0], vecBar);

        // Clad Loops.C: f1 = x³, f2 = x⁹, f3 = x², f_const_local = 3x² + 3x.
        Assert.Equal(3 * 1.5 * 1.5, Derivative(O.CladF1Adjoint, 1.5), 1e-12);
        Assert.Equal(9 * Math.Pow(1.5, 8), Derivative(O.CladF2Adjoint, 1.5), 1e-9);
        Assert.Equal(2 * 1.5, Derivative(O.CladF3Adjoint, 1.5), 1e-12);
        Assert.Equal(6 * 1.5 + 3, Derivative(O.CladConstLocalAdjoint, 1.5), 1e-12);
    }

    private static double Derivative(Case.Adjoint1 adjoint, double x)
    {
        double bar = 0;
        adjoint(x, ref bar, 1);
        return bar;
    }

    /// <summary>
    /// The Hessian-vector product of a branch on an output element its loop overwrites: y = ½x² (+ x where x² &gt; 1),
    /// so ∇⟨w, y⟩ = w·(x + [x² &gt; 1]) and H·v = w·v, in closed form.
    /// </summary>
    [Fact]
    public void A_flag_from_an_output_keeps_its_branch_in_the_Hessian_vector_product()
    {
        double[] x = [2.0, 0.5, -0.7, 1.4], v = [0.3, -1.0, 2.0, 0.5], w = [1.0, -2.0, 0.5, 3.0];
        double[] xBar = new double[4], xBarDot = new double[4], y = new double[4], yDot = new double[4];
        O.FlagFromOutputHessianVector(x, v, xBar, xBarDot, y, yDot, w, new double[4]);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(w[i] * (x[i] + (x[i] * x[i] > 1 ? 1 : 0)), xBar[i], 12);
            Assert.Equal(w[i] * v[i], xBarDot[i], 12);
            Assert.Equal(x[i] * v[i] + (x[i] * x[i] > 1 ? v[i] : 0), yDot[i], 12);
        }
    }
}
