using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using D = AutoGrad.Tests.Spans.Functions.ChainedMaps;
using F = AutoGrad.Tests.Spans.Functions.FloatChainedMaps;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// One-input, one-output void callees chained through an output span (<see cref="Functions.ChainedMaps"/>),
/// in both precisions: the adjoint and the forward against central differences of the primal, and the
/// two against each other (⟨ȳ, J·ẋ⟩ = ⟨Jᵀ·ȳ, ẋ⟩). The adjoint of the second call once was removed as dead code.
/// </summary>
public class ChainedMapTests
{
    /// <summary>The length of x, hidden and output.</summary>
    private const int Length = 6;

    public delegate void MapPrimal<T>(ReadOnlySpan<T> x, Span<T> hidden, Span<T> output);

    public delegate void MapForward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> hidden, Span<T> hiddenDot, Span<T> output, Span<T> outputDot);

    public delegate void MapAdjoint<T>(ReadOnlySpan<T> x, Span<T> xBar, Span<T> hidden, ReadOnlySpan<T> hiddenBar, Span<T> output, ReadOnlySpan<T> outputBar);

    public static readonly Dictionary<string, VectorCase<double>> DoubleCases = MapCases<double>(
        (nameof(D.AverageThroughSlices), D.AverageThroughSlices, D.AverageThroughSlicesForward, D.AverageThroughSlicesAdjoint),
        (nameof(D.ScanTwice), D.ScanTwice, D.ScanTwiceForward, D.ScanTwiceAdjoint),
        (nameof(D.ScanThenAverage), D.ScanThenAverage, D.ScanThenAverageForward, D.ScanThenAverageAdjoint));

    public static readonly Dictionary<string, VectorCase<float>> FloatCases = MapCases<float>(
        (nameof(F.AverageThroughSlices), F.AverageThroughSlices, F.AverageThroughSlicesForward, F.AverageThroughSlicesAdjoint),
        (nameof(F.ScanTwice), F.ScanTwice, F.ScanTwiceForward, F.ScanTwiceAdjoint),
        (nameof(F.ScanThenAverage), F.ScanThenAverage, F.ScanThenAverageForward, F.ScanThenAverageAdjoint));

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Adjoint_matches_finite_difference(string name) => SpanAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => SpanAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Forward_matches_finite_difference(string name) => SpanAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => SpanAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 13);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 13);

    /// <summary>The symptom on its own: output's cotangent reaches x through hidden (it did not: x got hidden's alone).</summary>
    [Fact]
    public void The_output_cotangent_reaches_x()
    {
        double[] x = SpanData.Uniform<double>(41, Length, -1, 1);
        double[] xBar = new double[Length];
        double[] outputBar = new double[Length];
        outputBar[Length - 1] = 1.0;
        D.ScanTwiceAdjoint(x, xBar, new double[Length], new double[Length], new double[Length], outputBar);
        Assert.Contains(xBar, g => g != 0.0);
    }

    /// <summary>The output buffers start at zero, not NaN: the slice cases leave element 0 of hidden and output as the caller gave it.</summary>
    private static Dictionary<string, VectorCase<T>> MapCases<T>(params (string Name, MapPrimal<T> Primal, MapForward<T> Forward, MapAdjoint<T> Adjoint)[] maps)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => maps.Select((map, k) => new VectorCase<T>(
            map.Name,
            2 * Length,
            p =>
            {
                T[] hidden = new T[Length], output = new T[Length];
                map.Primal(p, hidden, output);
                return SpanData.Concat(hidden, output);
            },
            (p, d, out outputDot) =>
            {
                T[] hidden = new T[Length], output = new T[Length];
                T[] hiddenDot = new T[Length], dot = new T[Length];
                map.Forward(p, d, hidden, hiddenDot, output, dot);
                outputDot = SpanData.Concat(hiddenDot, dot);
                return SpanData.Concat(hidden, output);
            },
            (p, b, outputBar) =>
            {
                T[] hidden = new T[Length], output = new T[Length];
                map.Adjoint(p, b, hidden, outputBar.AsSpan(0, Length), output, outputBar.AsSpan(Length));
                return SpanData.Concat(hidden, output);
            },
            SpanData.Points<T>(70 + k, 2, Length, -1.0, 1.0))).ToDictionary(c => c.Name);
}
