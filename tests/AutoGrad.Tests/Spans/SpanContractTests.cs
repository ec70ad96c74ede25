using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Reflection;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Functions;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// The span contract itself: generated signatures, bars accumulated and never reset, resultBar and
/// outputBar scaling linearly, primal values and outputs bit-identical to the method's own.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class SpanContractTests
{
    /// <summary>Every double span case returning a scalar, keyed "Table.Name".</summary>
    private static readonly Dictionary<string, GradientCase<double>> Scalars = Merge(
        ("Loss", SpanLossTests.DoubleCases),
        ("Loop", SpanLoopTests.DoubleCases),
        ("Slice", SliceCallTests.Cases),
        ("TrigFit", TrigFitTests.Cases));

    private static readonly Dictionary<string, GradientCase<float>> FloatScalars = Merge(
        ("Loss", SpanLossTests.FloatCases),
        ("Loop", SpanLoopTests.FloatCases));

    /// <summary>Every double case writing output spans, keyed "Table.Name".</summary>
    private static readonly Dictionary<string, VectorCase<double>> Vectors = Merge(
        ("Output", OutputSpanTests.DoubleCases),
        ("Slice", SliceCallTests.VectorCases));

    private static readonly Dictionary<string, VectorCase<float>> FloatVectors = Merge(
        ("Output", OutputSpanTests.FloatCases));

    public static TheoryData<string> ScalarNames => new(Scalars.Keys);

    public static TheoryData<string> FloatScalarNames => new(FloatScalars.Keys);

    public static TheoryData<string> VectorNames => new(Vectors.Keys);

    public static TheoryData<string> FloatVectorNames => new(FloatVectors.Keys);

    [Theory]
    [InlineData(typeof(SpanLosses), "MseForward", "public static double MseForward(ReadOnlySpan<double> pred, ReadOnlySpan<double> predDot, ReadOnlySpan<double> y, out double resultDot)")]
    [InlineData(typeof(SpanLosses), "MseAdjoint", "public static double MseAdjoint(ReadOnlySpan<double> pred, Span<double> predBar, ReadOnlySpan<double> y, double resultBar = 1)")]
    [InlineData(typeof(OutputSpans), "PredictForward", "public static void PredictForward(ReadOnlySpan<double> w, ReadOnlySpan<double> wDot, ReadOnlySpan<double> x, Span<double> output, Span<double> outputDot)")]
    [InlineData(typeof(OutputSpans), "PredictAdjoint", "public static void PredictAdjoint(ReadOnlySpan<double> w, Span<double> wBar, ReadOnlySpan<double> x, Span<double> output, ReadOnlySpan<double> outputBar)")]
    [InlineData(typeof(FloatSpanLosses), "MseForward", "public static float MseForward(ReadOnlySpan<float> pred, ReadOnlySpan<float> predDot, ReadOnlySpan<float> y, out float resultDot)")]
    [InlineData(typeof(FloatSpanLosses), "MseAdjoint", "public static float MseAdjoint(ReadOnlySpan<float> pred, Span<float> predBar, ReadOnlySpan<float> y, float resultBar = 1)")]
    [InlineData(typeof(SpanLoops), "HornerForward", "public static double HornerForward(ReadOnlySpan<double> coefficients, double x, double xDot, out double resultDot)")]
    [InlineData(typeof(SpanLoops), "HornerAdjoint", "public static double HornerAdjoint(ReadOnlySpan<double> coefficients, double x, ref double xBar, double resultBar = 1)")]
    [InlineData(typeof(SpanLoops), "HornerActiveForward", "public static double HornerActiveForward(ReadOnlySpan<double> coefficients, ReadOnlySpan<double> coefficientsDot, double x, double xDot, out double resultDot)")]
    [InlineData(typeof(SpanLoops), "HornerActiveAdjoint", "public static double HornerActiveAdjoint(ReadOnlySpan<double> coefficients, Span<double> coefficientsBar, double x, ref double xBar, double resultBar = 1)")]
    [InlineData(typeof(SpanLoops), "SoftmaxCrossEntropyForward", "public static double SoftmaxCrossEntropyForward(ReadOnlySpan<double> logits, ReadOnlySpan<double> logitsDot, int label, out double resultDot)")]
    [InlineData(typeof(SpanLoops), "SoftmaxCrossEntropyAdjoint", "public static double SoftmaxCrossEntropyAdjoint(ReadOnlySpan<double> logits, Span<double> logitsBar, int label, double resultBar = 1)")]
    [InlineData(typeof(OutputSpans), "RecurrenceForward", "public static void RecurrenceForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, double decay, double decayDot, Span<double> h, Span<double> hDot)")]
    [InlineData(typeof(OutputSpans), "RecurrenceAdjoint", "public static void RecurrenceAdjoint(ReadOnlySpan<double> x, Span<double> xBar, double decay, ref double decayBar, Span<double> h, ReadOnlySpan<double> hBar)")]
    [InlineData(typeof(OutputSpans), "PolarToCartesianForward", "public static void PolarToCartesianForward(ReadOnlySpan<double> r, ReadOnlySpan<double> rDot, ReadOnlySpan<double> theta, ReadOnlySpan<double> thetaDot, Span<double> x, Span<double> xDot, Span<double> y, Span<double> yDot)")]
    [InlineData(typeof(OutputSpans), "PolarToCartesianAdjoint", "public static void PolarToCartesianAdjoint(ReadOnlySpan<double> r, Span<double> rBar, ReadOnlySpan<double> theta, Span<double> thetaBar, Span<double> x, ReadOnlySpan<double> xBar, Span<double> y, ReadOnlySpan<double> yBar)")]
    [InlineData(typeof(FloatOutputSpans), "PredictAdjoint", "public static void PredictAdjoint(ReadOnlySpan<float> w, Span<float> wBar, ReadOnlySpan<float> x, Span<float> output, ReadOnlySpan<float> outputBar)")]
    [InlineData(typeof(TrigFit), "LossAdjoint", "public static double LossAdjoint(double a, ref double aBar, double b, ref double bBar, double c, ref double cBar, ReadOnlySpan<double> x, ReadOnlySpan<double> data, int l, int m, int n, double resultBar = 1)")]
    public void Generated_signature_follows_the_contract(Type type, string method, string expected)
    {
        MethodInfo generated = Assert.Single(type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static), m => m.Name == method);
        Assert.Equal(expected, SignatureText.Describe(generated));
    }

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Primal_is_bit_identical_to_the_method(string name) => PrimalIsBitIdentical(Scalars[name]);

    [Theory]
    [MemberData(nameof(FloatScalarNames))]
    public void Float_primal_is_bit_identical_to_the_method(string name) => PrimalIsBitIdentical(FloatScalars[name]);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Outputs_are_bit_identical_to_the_method(string name) => OutputsAreBitIdentical(Vectors[name]);

    [Theory]
    [MemberData(nameof(FloatVectorNames))]
    public void Float_outputs_are_bit_identical_to_the_method(string name) => OutputsAreBitIdentical(FloatVectors[name]);

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Adjoint_adds_into_the_bars_it_is_given(string name)
    {
        GradientCase<double> c = Scalars[name];
        foreach (double[] x in c.Points)
        {
            double[] gradient = new double[c.Arity];
            c.Adjoint(SpanAssert.Copy(x), gradient, 1.0);
            double[] start = Start(c.Arity);

            double[] bars = SpanAssert.Copy(start);
            c.Adjoint(SpanAssert.Copy(x), bars, 1.0);
            c.Adjoint(SpanAssert.Copy(x), bars, 1.0);

            AssertAccumulated(start, gradient, bars, $"{name} at {GradientAssert.Format(x)}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_adjoint_adds_into_the_bars_it_is_given(string name)
    {
        VectorCase<double> c = Vectors[name];
        Random random = new(17);
        foreach (double[] x in c.Points)
        {
            double[] outputBar = Enumerable.Range(0, c.Outputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            double[] gradient = new double[c.Arity];
            c.Adjoint(SpanAssert.Copy(x), gradient, SpanAssert.Copy(outputBar));
            double[] start = Start(c.Arity);

            double[] bars = SpanAssert.Copy(start);
            c.Adjoint(SpanAssert.Copy(x), bars, SpanAssert.Copy(outputBar));
            c.Adjoint(SpanAssert.Copy(x), bars, SpanAssert.Copy(outputBar));

            AssertAccumulated(start, gradient, bars, $"{name} at {GradientAssert.Format(x)}");
        }
    }

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Adjoint_scales_linearly_with_result_bar(string name)
    {
        GradientCase<double> c = Scalars[name];
        foreach (double[] x in c.Points)
        {
            double[] one = new double[c.Arity];
            c.Adjoint(SpanAssert.Copy(x), one, 1.0);

            // Powers of two scale every rounding step exactly.
            foreach (double resultBar in new[] { 4.0, -1.0, 0.125 })
            {
                double[] scaled = new double[c.Arity];
                c.Adjoint(SpanAssert.Copy(x), scaled, resultBar);
                AssertScaled(one, resultBar, scaled, $"{name} with resultBar {resultBar} at {GradientAssert.Format(x)}");
            }

            double[] untouched = [.. Enumerable.Repeat(0.75, c.Arity)];
            c.Adjoint(SpanAssert.Copy(x), untouched, 0.0);
            Assert.All(untouched, bar => Assert.Equal(0.75, bar));
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Vector_adjoint_scales_linearly_with_output_bar(string name)
    {
        VectorCase<double> c = Vectors[name];
        Random random = new(23);
        foreach (double[] x in c.Points)
        {
            double[] outputBar = Enumerable.Range(0, c.Outputs).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            double[] one = new double[c.Arity];
            c.Adjoint(SpanAssert.Copy(x), one, SpanAssert.Copy(outputBar));

            foreach (double factor in new[] { 4.0, -1.0, 0.125 })
            {
                double[] scaled = new double[c.Arity];
                c.Adjoint(SpanAssert.Copy(x), scaled, outputBar.Select(v => factor * v).ToArray());
                AssertScaled(one, factor, scaled, $"{name} with outputBar × {factor} at {GradientAssert.Format(x)}");
            }

            double[] untouched = [.. Enumerable.Repeat(0.75, c.Arity)];
            c.Adjoint(SpanAssert.Copy(x), untouched, new double[c.Outputs]);
            Assert.All(untouched, bar => Assert.Equal(0.75, bar));
        }
    }

    [Fact]
    public void Adjoint_sums_gradients_of_several_terms_into_the_same_span()
    {
        // ∇(Mse(p, y1) + Mse(p, y2) + Σp²) accumulated in one predBar, against the closed form.
        double[] p = [0.5, -1.25, 2.0];
        double[] y1 = [1.0, 0.0, -1.0];
        double[] y2 = [0.25, -2.0, 3.0];
        double[] bar = new double[3];

        SpanLosses.MseAdjoint(p, bar, y1);
        SpanLosses.MseAdjoint(p, bar, y2);
        SpanLosses.SumOfSquaresAdjoint(p, bar);

        for (int i = 0; i < 3; i++)
        {
            double expected = 2.0 / 3 * (p[i] - y1[i]) + 2.0 / 3 * (p[i] - y2[i]) + 2 * p[i];
            GradientAssert.Close(expected, bar[i], Tolerance.DoubleClosedForm, $"bar[{i}]");
        }
    }

    [Fact]
    public void Adjoint_into_slices_of_one_bar_span()
    {
        // Two calls whose bars are overlapping slices of one array: each adds its part.
        double[] x = [1.0, 2.0, 3.0, 4.0];
        double[] bar = [10.0, 10.0, 10.0, 10.0];

        SpanLosses.SumOfSquaresAdjoint(x.AsSpan(0, 3), bar.AsSpan(0, 3));
        SpanLosses.SumOfSquaresAdjoint(x.AsSpan(1, 3), bar.AsSpan(1, 3));

        Assert.Equal(new[] { 12.0, 18.0, 22.0, 18.0 }, bar);
    }

    /// <summary>The strict contract holds with the vector paths off: a vectorized reduction may sum in another order.</summary>
    private static void PrimalIsBitIdentical<T>(GradientCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        bool saved = AutoGrad.Simd.IsEnabled;
        AutoGrad.Simd.IsEnabled = false;
        try
        {
            PrimalIsBitIdenticalWithScalarPaths(c);
        }
        finally
        {
            AutoGrad.Simd.IsEnabled = saved;
        }
    }

    private static void PrimalIsBitIdenticalWithScalarPaths<T>(GradientCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Random random = new(12345);
        foreach (T[] point in c.Points)
        {
            for (int k = 0; k < 10; k++)
            {
                T[] x = k == 0 ? point : Jitter(point, random);
                T expected = c.Primal(SpanAssert.Copy(x));
                T forward = c.Forward(SpanAssert.Copy(x), GradientAssert.Unit<T>(c.Arity, 0), out _);
                T adjoint = c.Adjoint(SpanAssert.Copy(x), new T[c.Arity], T.One);
                GradientAssert.BitwiseEqual(expected, forward, $"{c.Name}Forward at {GradientAssert.Format(x)}");
                GradientAssert.BitwiseEqual(expected, adjoint, $"{c.Name}Adjoint at {GradientAssert.Format(x)}");
            }
        }
    }

    /// <summary>Forward and adjoint write outputs with the method's own bits (into NaN-filled buffers, see <see cref="SpanData.Unwritten{T}"/>).</summary>
    private static void OutputsAreBitIdentical<T>(VectorCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Random random = new(12345);
        foreach (T[] point in c.Points)
        {
            for (int k = 0; k < 10; k++)
            {
                T[] x = k == 0 ? point : Jitter(point, random);
                T[] expected = c.Primal(SpanAssert.Copy(x));
                T[] forward = c.Forward(SpanAssert.Copy(x), GradientAssert.Unit<T>(c.Arity, 0), out _);
                T[] adjoint = c.Adjoint(SpanAssert.Copy(x), new T[c.Arity], GradientAssert.Unit<T>(c.Outputs, 0));
                SpanAssert.OutputsBitwiseEqual(expected, forward, $"{c.Name}Forward at {GradientAssert.Format(x)}");
                SpanAssert.OutputsBitwiseEqual(expected, adjoint, $"{c.Name}Adjoint at {GradientAssert.Format(x)}");
            }
        }
    }

    /// <summary>Within 0.1% of the point: close enough that no loop or branch changes its course at the chosen points.</summary>
    private static T[] Jitter<T>(T[] point, Random random)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => point.Select(v => T.CreateTruncating(double.CreateTruncating(v) * (1 + 1e-3 * (2 * random.NextDouble() - 1)))).ToArray();

    private static double[] Start(int arity) => Enumerable.Range(0, arity).Select(i => 0.25 - 1.75 * i).ToArray();

    private static void AssertAccumulated(double[] start, double[] gradient, double[] bars, string what)
    {
        for (int i = 0; i < start.Length; i++)
        {
            double expected = start[i] + 2 * gradient[i];
            Tolerance tolerance = new(1e-12, 1e-12 * (Math.Abs(start[i]) + Math.Abs(gradient[i])));
            GradientAssert.Close(expected, bars[i], tolerance, $"{what}: bar{i} after two calls from {start[i]}");
        }
    }

    private static void AssertScaled(double[] one, double factor, double[] scaled, string what)
    {
        for (int i = 0; i < one.Length; i++)
        {
            GradientAssert.Close(factor * one[i], scaled[i], new Tolerance(1e-12, 1e-12 * Math.Abs(factor)), $"{what}: bar{i}");
        }
    }

    private static Dictionary<string, TCase> Merge<TCase>(params (string Table, Dictionary<string, TCase> Cases)[] tables)
        => tables.SelectMany(t => t.Cases.Select(e => (Key: t.Table + "." + e.Key, Case: e.Value))).ToDictionary(e => e.Key, e => e.Case);
}
