using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using D = AutoGrad.Tests.Spans.Functions.ChainedLayers;
using F = AutoGrad.Tests.Spans.Functions.FloatChainedLayers;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// Layers chained through an intermediate output span (<see cref="Functions.ChainedLayers"/>), in both
/// precisions: the adjoint against central differences of the primal, the forward against them too,
/// the two against each other (⟨ȳ, J·ẋ⟩ = ⟨Jᵀ·ȳ, ẋ⟩), and the Hessian-vector product against central
/// differences of the gradient. The adjoint once gave the first layer (w1, b1, x) a gradient of exactly 0:
/// the cotangent of <c>hidden</c> was cleared after the second call's adjoint, which had only added to it.
/// </summary>
public class ChainedLayerTests
{
    /// <summary>The length of x.</summary>
    private const int Width = 3;

    /// <summary>The width of a hidden layer (b1's length); a hidden span may hold several.</summary>
    private const int Layer = 4;

    public static readonly Dictionary<string, VectorCase<double>> DoubleCases = NetCases<double>(
        (nameof(D.TwoLayers), Net.TwoLayers, D.TwoLayers, D.TwoLayersForward, D.TwoLayersAdjoint),
        (nameof(D.TwoLayersCast), Net.TwoLayers, D.TwoLayersCast, D.TwoLayersCastForward, D.TwoLayersCastAdjoint),
        (nameof(D.InlineFirstLayer), Net.TwoLayers, D.InlineFirstLayer, D.InlineFirstLayerForward, D.InlineFirstLayerAdjoint),
        (nameof(D.ThreeLayers), Net.ThreeLayers, D.ThreeLayers, D.ThreeLayersForward, D.ThreeLayersAdjoint),
        (nameof(D.TwoHeads), Net.TwoHeads, D.TwoHeads, D.TwoHeadsForward, D.TwoHeadsAdjoint),
        (nameof(D.Recurrent), Net.Recurrent, D.Recurrent, D.RecurrentForward, D.RecurrentAdjoint),
        (nameof(D.HiddenRewrittenAfterRead), Net.TwoLayers, D.HiddenRewrittenAfterRead, D.HiddenRewrittenAfterReadForward, D.HiddenRewrittenAfterReadAdjoint));

    public static readonly Dictionary<string, VectorCase<float>> FloatCases = NetCases<float>(
        (nameof(F.TwoLayers), Net.TwoLayers, F.TwoLayers, F.TwoLayersForward, F.TwoLayersAdjoint),
        (nameof(F.TwoLayersCast), Net.TwoLayers, F.TwoLayersCast, F.TwoLayersCastForward, F.TwoLayersCastAdjoint),
        (nameof(F.InlineFirstLayer), Net.TwoLayers, F.InlineFirstLayer, F.InlineFirstLayerForward, F.InlineFirstLayerAdjoint),
        (nameof(F.ThreeLayers), Net.ThreeLayers, F.ThreeLayers, F.ThreeLayersForward, F.ThreeLayersAdjoint),
        (nameof(F.TwoHeads), Net.TwoHeads, F.TwoHeads, F.TwoHeadsForward, F.TwoHeadsAdjoint),
        (nameof(F.Recurrent), Net.Recurrent, F.Recurrent, F.RecurrentForward, F.RecurrentAdjoint),
        (nameof(F.HiddenRewrittenAfterRead), Net.TwoLayers, F.HiddenRewrittenAfterRead, F.HiddenRewrittenAfterReadForward, F.HiddenRewrittenAfterReadAdjoint));

    public static readonly Dictionary<string, GradientCase<double>> DoubleLosses = LossCases<double>(
        (nameof(D.TwoLayerLoss), D.TwoLayerLoss, D.TwoLayerLossForward, D.TwoLayerLossAdjoint),
        (nameof(D.LossOfTwoLayers), D.LossOfTwoLayers, D.LossOfTwoLayersForward, D.LossOfTwoLayersAdjoint));

    public static readonly Dictionary<string, GradientCase<float>> FloatLosses = LossCases<float>(
        (nameof(F.TwoLayerLoss), F.TwoLayerLoss, F.TwoLayerLossForward, F.TwoLayerLossAdjoint),
        (nameof(F.LossOfTwoLayers), F.LossOfTwoLayers, F.LossOfTwoLayersForward, F.LossOfTwoLayersAdjoint));

    private static readonly Dictionary<string, (Net Layout, NetAdjoint<double> Adjoint, NetHessianVector<double> Product)> DoubleProducts = new()
    {
        [nameof(D.TwoLayers)] = (Net.TwoLayers, D.TwoLayersAdjoint, D.TwoLayersHessianVector),
        [nameof(D.TwoLayersCast)] = (Net.TwoLayers, D.TwoLayersCastAdjoint, D.TwoLayersCastHessianVector),
        [nameof(D.InlineFirstLayer)] = (Net.TwoLayers, D.InlineFirstLayerAdjoint, D.InlineFirstLayerHessianVector),
        [nameof(D.ThreeLayers)] = (Net.ThreeLayers, D.ThreeLayersAdjoint, D.ThreeLayersHessianVector),
        [nameof(D.TwoHeads)] = (Net.TwoHeads, D.TwoHeadsAdjoint, D.TwoHeadsHessianVector),
        [nameof(D.Recurrent)] = (Net.Recurrent, D.RecurrentAdjoint, D.RecurrentHessianVector),
        [nameof(D.HiddenRewrittenAfterRead)] = (Net.TwoLayers, D.HiddenRewrittenAfterReadAdjoint, D.HiddenRewrittenAfterReadHessianVector),
    };

    private static readonly Dictionary<string, (Net Layout, NetAdjoint<float> Adjoint, NetHessianVector<float> Product)> FloatProducts = new()
    {
        [nameof(F.TwoLayers)] = (Net.TwoLayers, F.TwoLayersAdjoint, F.TwoLayersHessianVector),
        [nameof(F.TwoLayersCast)] = (Net.TwoLayers, F.TwoLayersCastAdjoint, F.TwoLayersCastHessianVector),
        [nameof(F.InlineFirstLayer)] = (Net.TwoLayers, F.InlineFirstLayerAdjoint, F.InlineFirstLayerHessianVector),
        [nameof(F.ThreeLayers)] = (Net.ThreeLayers, F.ThreeLayersAdjoint, F.ThreeLayersHessianVector),
        [nameof(F.TwoHeads)] = (Net.TwoHeads, F.TwoHeadsAdjoint, F.TwoHeadsHessianVector),
        [nameof(F.Recurrent)] = (Net.Recurrent, F.RecurrentAdjoint, F.RecurrentHessianVector),
        [nameof(F.HiddenRewrittenAfterRead)] = (Net.TwoLayers, F.HiddenRewrittenAfterReadAdjoint, F.HiddenRewrittenAfterReadHessianVector),
    };

    private static readonly Dictionary<string, (LossAdjoint<double> Adjoint, LossHessianVector<double> Product)> DoubleLossProducts = new()
    {
        [nameof(D.TwoLayerLoss)] = (D.TwoLayerLossAdjoint, D.TwoLayerLossHessianVector),
        [nameof(D.LossOfTwoLayers)] = (D.LossOfTwoLayersAdjoint, D.LossOfTwoLayersHessianVector),
    };

    private static readonly Dictionary<string, (LossAdjoint<float> Adjoint, LossHessianVector<float> Product)> FloatLossProducts = new()
    {
        [nameof(F.TwoLayerLoss)] = (F.TwoLayerLossAdjoint, F.TwoLayerLossHessianVector),
        [nameof(F.LossOfTwoLayers)] = (F.LossOfTwoLayersAdjoint, F.LossOfTwoLayersHessianVector),
    };

    public delegate void NetPrimal<T>(ReadOnlySpan<T> w1, ReadOnlySpan<T> b1, ReadOnlySpan<T> w2, ReadOnlySpan<T> b2, ReadOnlySpan<T> x, Span<T> hidden, Span<T> output);

    public delegate void NetForward<T>(
        ReadOnlySpan<T> w1, ReadOnlySpan<T> w1Dot, ReadOnlySpan<T> b1, ReadOnlySpan<T> b1Dot, ReadOnlySpan<T> w2, ReadOnlySpan<T> w2Dot,
        ReadOnlySpan<T> b2, ReadOnlySpan<T> b2Dot, ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> hidden, Span<T> hiddenDot, Span<T> output, Span<T> outputDot);

    public delegate void NetAdjoint<T>(
        ReadOnlySpan<T> w1, Span<T> w1Bar, ReadOnlySpan<T> b1, Span<T> b1Bar, ReadOnlySpan<T> w2, Span<T> w2Bar,
        ReadOnlySpan<T> b2, Span<T> b2Bar, ReadOnlySpan<T> x, Span<T> xBar, Span<T> hidden, ReadOnlySpan<T> hiddenBar, Span<T> output, ReadOnlySpan<T> outputBar);

    public delegate void NetHessianVector<T>(
        ReadOnlySpan<T> w1, ReadOnlySpan<T> w1Dot, Span<T> w1Bar, Span<T> w1BarDot, ReadOnlySpan<T> b1, ReadOnlySpan<T> b1Dot, Span<T> b1Bar, Span<T> b1BarDot,
        ReadOnlySpan<T> w2, ReadOnlySpan<T> w2Dot, Span<T> w2Bar, Span<T> w2BarDot, ReadOnlySpan<T> b2, ReadOnlySpan<T> b2Dot, Span<T> b2Bar, Span<T> b2BarDot,
        ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> xBar, Span<T> xBarDot,
        Span<T> hidden, Span<T> hiddenDot, ReadOnlySpan<T> hiddenBar, ReadOnlySpan<T> hiddenBarDot, Span<T> output, Span<T> outputDot, ReadOnlySpan<T> outputBar, ReadOnlySpan<T> outputBarDot);

    public delegate T LossPrimal<T>(ReadOnlySpan<T> w1, ReadOnlySpan<T> b1, ReadOnlySpan<T> w2, ReadOnlySpan<T> b2, ReadOnlySpan<T> x, Span<T> hidden, Span<T> output);

    public delegate T LossForward<T>(
        ReadOnlySpan<T> w1, ReadOnlySpan<T> w1Dot, ReadOnlySpan<T> b1, ReadOnlySpan<T> b1Dot, ReadOnlySpan<T> w2, ReadOnlySpan<T> w2Dot,
        ReadOnlySpan<T> b2, ReadOnlySpan<T> b2Dot, ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> hidden, Span<T> hiddenDot, Span<T> output, Span<T> outputDot, out T resultDot);

    public delegate T LossAdjoint<T>(
        ReadOnlySpan<T> w1, Span<T> w1Bar, ReadOnlySpan<T> b1, Span<T> b1Bar, ReadOnlySpan<T> w2, Span<T> w2Bar,
        ReadOnlySpan<T> b2, Span<T> b2Bar, ReadOnlySpan<T> x, Span<T> xBar, Span<T> hidden, ReadOnlySpan<T> hiddenBar, Span<T> output, ReadOnlySpan<T> outputBar, T resultBar);

    public delegate T LossHessianVector<T>(
        ReadOnlySpan<T> w1, ReadOnlySpan<T> w1Dot, Span<T> w1Bar, Span<T> w1BarDot, ReadOnlySpan<T> b1, ReadOnlySpan<T> b1Dot, Span<T> b1Bar, Span<T> b1BarDot,
        ReadOnlySpan<T> w2, ReadOnlySpan<T> w2Dot, Span<T> w2Bar, Span<T> w2BarDot, ReadOnlySpan<T> b2, ReadOnlySpan<T> b2Dot, Span<T> b2Bar, Span<T> b2BarDot,
        ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> xBar, Span<T> xBarDot,
        Span<T> hidden, Span<T> hiddenDot, ReadOnlySpan<T> hiddenBar, ReadOnlySpan<T> hiddenBarDot, Span<T> output, Span<T> outputDot, ReadOnlySpan<T> outputBar, ReadOnlySpan<T> outputBarDot,
        T resultBar, T resultBarDot);

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    public static TheoryData<string> DoubleLossNames => new(DoubleLosses.Keys);

    public static TheoryData<string> FloatLossNames => new(FloatLosses.Keys);

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
    public void Forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 11);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 11);

    [Theory]
    [MemberData(nameof(DoubleLossNames))]
    public void Loss_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleLosses[name]);

    [Theory]
    [MemberData(nameof(FloatLossNames))]
    public void Float_loss_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatLosses[name]);

    [Theory]
    [MemberData(nameof(DoubleLossNames))]
    public void Loss_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleLosses[name]);

    [Theory]
    [MemberData(nameof(FloatLossNames))]
    public void Float_loss_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatLosses[name]);

    [Theory]
    [MemberData(nameof(DoubleLossNames))]
    public void Loss_forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleLosses[name], seed: 12);

    [Theory]
    [MemberData(nameof(FloatLossNames))]
    public void Float_loss_forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(FloatLosses[name], seed: 12);

    /// <summary>H·v of ⟨ȳ, f(x)⟩ for a fixed cotangent ȳ of (hidden, output), against central differences of the generated gradient.</summary>
    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Hessian_vector_product_matches_differences_of_the_gradient(string name)
    {
        var (layout, adjoint, product) = DoubleProducts[name];
        ProductMatchesDifferences(layout, WithCotangent(layout, adjoint, seed: 21), WithCotangent(layout, product, seed: 21), step: 1e-5, relative: 1e-6, seed: 22);
    }

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_hessian_vector_product_matches_differences_of_the_gradient(string name)
    {
        var (layout, adjoint, product) = FloatProducts[name];
        ProductMatchesDifferences(layout, WithCotangent(layout, adjoint, seed: 21), WithCotangent(layout, product, seed: 21), step: 1e-2, relative: 5e-3, seed: 22);
    }

    [Theory]
    [MemberData(nameof(DoubleLossNames))]
    public void Loss_hessian_vector_product_matches_differences_of_the_gradient(string name)
    {
        var (adjoint, product) = DoubleLossProducts[name];
        ProductMatchesDifferences(Net.TwoLayers, OfLoss(Net.TwoLayers, adjoint), OfLoss(Net.TwoLayers, product), step: 1e-5, relative: 1e-6, seed: 23);
    }

    [Theory]
    [MemberData(nameof(FloatLossNames))]
    public void Float_loss_hessian_vector_product_matches_differences_of_the_gradient(string name)
    {
        var (adjoint, product) = FloatLossProducts[name];
        ProductMatchesDifferences(Net.TwoLayers, OfLoss(Net.TwoLayers, adjoint), OfLoss(Net.TwoLayers, product), step: 1e-2, relative: 5e-3, seed: 23);
    }

    /// <summary>The first layer's gradient is not zero: the symptom, stated on its own.</summary>
    [Fact]
    public void The_first_layer_gets_a_gradient()
    {
        Net layout = Net.TwoLayers;
        double[] p = SpanData.Uniform<double>(31, layout.Arity, -1, 1);
        double[] bars = new double[layout.Arity];
        double[] outputBar = [1.0, -0.5];
        D.TwoLayersAdjoint(
            layout.Part(p, 0), layout.Part(bars.AsSpan(), 0), layout.Part(p, 1), layout.Part(bars.AsSpan(), 1), layout.Part(p, 2), layout.Part(bars.AsSpan(), 2),
            layout.Part(p, 3), layout.Part(bars.AsSpan(), 3), layout.Part(p, 4), layout.Part(bars.AsSpan(), 4),
            new double[layout.Hidden], new double[layout.Hidden], new double[layout.Output], outputBar);

        Assert.Contains(layout.Part(bars.AsSpan(), 0).ToArray(), g => g != 0.0);
        Assert.Contains(layout.Part(bars.AsSpan(), 1).ToArray(), g => g != 0.0);
        Assert.Contains(layout.Part(bars.AsSpan(), 4).ToArray(), g => g != 0.0);
    }

    /// <summary>
    /// The sizes of one network: inputs (w1, b1, w2, b2, x) concatenated in that order, outputs (hidden, output)
    /// of lengths <paramref name="Hidden"/> and <paramref name="Output"/>.
    /// </summary>
    public sealed record Net(int W2, int B2, int Hidden, int Output)
    {
        /// <summary>Two layers: h = 4, m = 2.</summary>
        public static readonly Net TwoLayers = new(2 * Layer, 2, Layer, 2);

        /// <summary>Layers 2 (h×h) and 3 (m×h) in w2, b2; hidden holds both hidden layers.</summary>
        public static readonly Net ThreeLayers = new(Layer * Layer + 2 * Layer, Layer + 2, 2 * Layer, 2);

        /// <summary>Two heads of two outputs each.</summary>
        public static readonly Net TwoHeads = new(4 * Layer, 4, Layer, 4);

        /// <summary>Two recurrent steps (three hidden blocks), then the output layer.</summary>
        public static readonly Net Recurrent = new(Layer * Layer + 2 * Layer, Layer + 2, 3 * Layer, 2);

        public int[] Sizes => [Layer * Width, Layer, W2, B2, Width];

        public int Arity => Sizes.Sum();

        public int Offset(int part) => Sizes.Take(part).Sum();

        public ReadOnlySpan<T> Part<T>(T[] all, int part) => all.AsSpan(Offset(part), Sizes[part]);

        public Span<T> Part<T>(Span<T> all, int part) => all.Slice(Offset(part), Sizes[part]);
    }

    private static Dictionary<string, VectorCase<T>> NetCases<T>(params (string Name, Net Layout, NetPrimal<T> Primal, NetForward<T> Forward, NetAdjoint<T> Adjoint)[] nets)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => nets.Select((net, k) => NetCase(net.Name, net.Layout, net.Primal, net.Forward, net.Adjoint, seed: 90 + k)).ToDictionary(c => c.Name);

    private static VectorCase<T> NetCase<T>(string name, Net l, NetPrimal<T> primal, NetForward<T> forward, NetAdjoint<T> adjoint, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => new(
            name,
            l.Hidden + l.Output,
            p =>
            {
                T[] hidden = SpanData.Unwritten<T>(l.Hidden), output = SpanData.Unwritten<T>(l.Output);
                primal(l.Part(p, 0), l.Part(p, 1), l.Part(p, 2), l.Part(p, 3), l.Part(p, 4), hidden, output);
                return SpanData.Concat(hidden, output);
            },
            (p, d, out outputDot) =>
            {
                T[] hidden = SpanData.Unwritten<T>(l.Hidden), output = SpanData.Unwritten<T>(l.Output);
                T[] hiddenDot = SpanData.Unwritten<T>(l.Hidden), dot = SpanData.Unwritten<T>(l.Output);
                forward(l.Part(p, 0), l.Part(d, 0), l.Part(p, 1), l.Part(d, 1), l.Part(p, 2), l.Part(d, 2), l.Part(p, 3), l.Part(d, 3), l.Part(p, 4), l.Part(d, 4), hidden, hiddenDot, output, dot);
                outputDot = SpanData.Concat(hiddenDot, dot);
                return SpanData.Concat(hidden, output);
            },
            (p, b, outputBar) =>
            {
                T[] hidden = SpanData.Unwritten<T>(l.Hidden), output = SpanData.Unwritten<T>(l.Output);
                adjoint(l.Part(p, 0), l.Part(b.AsSpan(), 0), l.Part(p, 1), l.Part(b.AsSpan(), 1), l.Part(p, 2), l.Part(b.AsSpan(), 2), l.Part(p, 3), l.Part(b.AsSpan(), 3),
                    l.Part(p, 4), l.Part(b.AsSpan(), 4), hidden, outputBar.AsSpan(0, l.Hidden), output, outputBar.AsSpan(l.Hidden));
                return SpanData.Concat(hidden, output);
            },
            SpanData.Points<T>(seed, 2, l.Arity, -1.0, 1.0));

    private static Dictionary<string, GradientCase<T>> LossCases<T>(params (string Name, LossPrimal<T> Primal, LossForward<T> Forward, LossAdjoint<T> Adjoint)[] losses)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Net l = Net.TwoLayers;
        return losses.Select((loss, k) => new GradientCase<T>(
            loss.Name,
            p => loss.Primal(l.Part(p, 0), l.Part(p, 1), l.Part(p, 2), l.Part(p, 3), l.Part(p, 4), SpanData.Unwritten<T>(l.Hidden), SpanData.Unwritten<T>(l.Output)),
            (p, d, out resultDot) => loss.Forward(l.Part(p, 0), l.Part(d, 0), l.Part(p, 1), l.Part(d, 1), l.Part(p, 2), l.Part(d, 2), l.Part(p, 3), l.Part(d, 3), l.Part(p, 4), l.Part(d, 4),
                SpanData.Unwritten<T>(l.Hidden), SpanData.Unwritten<T>(l.Hidden), SpanData.Unwritten<T>(l.Output), SpanData.Unwritten<T>(l.Output), out resultDot),
            (p, b, resultBar) => loss.Adjoint(l.Part(p, 0), l.Part(b.AsSpan(), 0), l.Part(p, 1), l.Part(b.AsSpan(), 1), l.Part(p, 2), l.Part(b.AsSpan(), 2), l.Part(p, 3), l.Part(b.AsSpan(), 3),
                l.Part(p, 4), l.Part(b.AsSpan(), 4), SpanData.Unwritten<T>(l.Hidden), new T[l.Hidden], SpanData.Unwritten<T>(l.Output), new T[l.Output], resultBar),
            SpanData.Points<T>(95 + k, 2, l.Arity, -1.0, 1.0))).ToDictionary(c => c.Name);
    }

    /// <summary>The gradient of ⟨ȳ, f(x)⟩, ȳ a seeded cotangent of (hidden, output).</summary>
    private static Action<T[], T[]> WithCotangent<T>(Net l, NetAdjoint<T> adjoint, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] cotangent = SpanData.Uniform<T>(seed, l.Hidden + l.Output, -1, 1);
        return (p, g) => adjoint(l.Part(p, 0), l.Part(g.AsSpan(), 0), l.Part(p, 1), l.Part(g.AsSpan(), 1), l.Part(p, 2), l.Part(g.AsSpan(), 2), l.Part(p, 3), l.Part(g.AsSpan(), 3),
            l.Part(p, 4), l.Part(g.AsSpan(), 4), new T[l.Hidden], cotangent.AsSpan(0, l.Hidden), new T[l.Output], cotangent.AsSpan(l.Hidden));
    }

    /// <summary>Its Hessian-vector product along v (the cotangent held fixed: its tangent is zero).</summary>
    private static Action<T[], T[], T[], T[]> WithCotangent<T>(Net l, NetHessianVector<T> product, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] cotangent = SpanData.Uniform<T>(seed, l.Hidden + l.Output, -1, 1);
        return (p, v, g, hv) => product(
            l.Part(p, 0), l.Part(v, 0), l.Part(g.AsSpan(), 0), l.Part(hv.AsSpan(), 0), l.Part(p, 1), l.Part(v, 1), l.Part(g.AsSpan(), 1), l.Part(hv.AsSpan(), 1),
            l.Part(p, 2), l.Part(v, 2), l.Part(g.AsSpan(), 2), l.Part(hv.AsSpan(), 2), l.Part(p, 3), l.Part(v, 3), l.Part(g.AsSpan(), 3), l.Part(hv.AsSpan(), 3),
            l.Part(p, 4), l.Part(v, 4), l.Part(g.AsSpan(), 4), l.Part(hv.AsSpan(), 4),
            new T[l.Hidden], new T[l.Hidden], cotangent.AsSpan(0, l.Hidden), new T[l.Hidden], new T[l.Output], new T[l.Output], cotangent.AsSpan(l.Hidden), new T[l.Output]);
    }

    private static Action<T[], T[]> OfLoss<T>(Net l, LossAdjoint<T> adjoint)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => (p, g) => adjoint(l.Part(p, 0), l.Part(g.AsSpan(), 0), l.Part(p, 1), l.Part(g.AsSpan(), 1), l.Part(p, 2), l.Part(g.AsSpan(), 2), l.Part(p, 3), l.Part(g.AsSpan(), 3),
            l.Part(p, 4), l.Part(g.AsSpan(), 4), new T[l.Hidden], new T[l.Hidden], new T[l.Output], new T[l.Output], T.One);

    private static Action<T[], T[], T[], T[]> OfLoss<T>(Net l, LossHessianVector<T> product)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => (p, v, g, hv) => product(
            l.Part(p, 0), l.Part(v, 0), l.Part(g.AsSpan(), 0), l.Part(hv.AsSpan(), 0), l.Part(p, 1), l.Part(v, 1), l.Part(g.AsSpan(), 1), l.Part(hv.AsSpan(), 1),
            l.Part(p, 2), l.Part(v, 2), l.Part(g.AsSpan(), 2), l.Part(hv.AsSpan(), 2), l.Part(p, 3), l.Part(v, 3), l.Part(g.AsSpan(), 3), l.Part(hv.AsSpan(), 3),
            l.Part(p, 4), l.Part(v, 4), l.Part(g.AsSpan(), 4), l.Part(hv.AsSpan(), 4),
            new T[l.Hidden], new T[l.Hidden], new T[l.Hidden], new T[l.Hidden], new T[l.Output], new T[l.Output], new T[l.Output], new T[l.Output], T.One, T.Zero);

    /// <summary>
    /// H·v against (∇(x + εv) − ∇(x − εv)) / 2ε, differences of the generated gradient (itself checked
    /// against differences of the primal above), and the gradient the product returns against the adjoint's.
    /// </summary>
    private static void ProductMatchesDifferences<T>(Net l, Action<T[], T[]> gradientOf, Action<T[], T[], T[], T[]> productOf, double step, double relative, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] at = SpanData.Uniform<T>(seed, l.Arity, -1, 1);
        T[] direction = SpanData.Uniform<T>(seed + 1, l.Arity, -1, 1);
        T[] gradient = new T[l.Arity], product = new T[l.Arity];
        productOf(at, direction, gradient, product);

        T[] expected = new T[l.Arity], up = new T[l.Arity], down = new T[l.Arity];
        gradientOf(at, expected);
        T[] atUp = at.Select((x, i) => x + T.CreateTruncating(step) * direction[i]).ToArray();
        T[] atDown = at.Select((x, i) => x - T.CreateTruncating(step) * direction[i]).ToArray();
        gradientOf(atUp, up);
        gradientOf(atDown, down);
        for (int i = 0; i < l.Arity; i++)
        {
            GradientAssert.Close(double.CreateTruncating(expected[i]), double.CreateTruncating(gradient[i]), new Tolerance(relative * 1e-3, relative * 1e-3), $"gradient {i} from the product");
            double difference = (double.CreateTruncating(up[i]) - double.CreateTruncating(down[i])) / (2 * step);
            Assert.True(Math.Abs(difference - double.CreateTruncating(product[i])) <= relative * Math.Max(1, Math.Abs(difference)),
                $"(H·v)[{i}] = {product[i]}, central difference {difference:R}");
        }
    }
}
