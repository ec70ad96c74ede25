using System;
using System.Runtime.Intrinsics;
using AutoGrad.Tests.Spans.Functions;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using L = AutoGrad.Tests.Spans.Functions.SpanLosses;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// That the vector path runs when it should, and only then: the SIMD-on/off tests would also pass
/// if the guard were always false. The probe data make each path's order of summation visible:
/// one lane holds a large value and its negation, which cancel exactly, while the scalar loop
/// adds the small elements to the large value first, where they round away.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class VectorPathTests
{
    /// <summary>[1e16, 1, 1, 1, −1e16, 1, 1, 1]: 1e16 + 1 rounds back to 1e16 (its ulp is 2).</summary>
    private static readonly double[] DoubleProbe = [1e16, 1, 1, 1, -1e16, 1, 1, 1];

    /// <summary>The same in 8 float lanes: [1e8, 1 ×7, −1e8, 1 ×7] (the ulp of 1e8 in float is 8).</summary>
    private static readonly float[] FloatProbe = [1e8f, 1, 1, 1, 1, 1, 1, 1, -1e8f, 1, 1, 1, 1, 1, 1, 1];

    private static bool VectorPathExpected => Vector256.IsHardwareAccelerated;

    [Fact]
    public void Double_sums_take_four_lanes_with_simd_on_and_go_element_by_element_with_it_off()
    {
        // Lanes: 1e16 − 1e16, 1 + 1, 1 + 1, 1 + 1 → 6 (the exact sum). In order: 1e16 absorbs the ones → 3.
        double lanes = 6, inOrder = Sequential(DoubleProbe), inReverse = Sequential(DoubleProbe, reverse: true);
        Assert.Equal(3, inOrder);

        Probe on = WithSimd(true, () => EvaluateDouble(DoubleProbe));
        Probe off = WithSimd(false, () => EvaluateDouble(DoubleProbe));

        Assert.Equal(inOrder, VectorPathProbes.ScaledSum(1, DoubleProbe));
        Assert.Equal(new Probe(inOrder, inOrder, off.AdjointBar), off);
        Assert.True(off.AdjointBar == inOrder || off.AdjointBar == inReverse, $"scalar reverse sweep summed to {off.AdjointBar}");
        double expectedOn = VectorPathExpected ? lanes : inOrder;
        Assert.Equal(new Probe(expectedOn, expectedOn, VectorPathExpected ? lanes : off.AdjointBar), on);
    }

    [Fact]
    public void Float_sums_take_eight_lanes_with_simd_on()
    {
        // Lanes: 1e8 − 1e8, then 1 + 1 in each of the other seven → 14. In order → 7.
        float lanes = 14, inOrder = 7;
        Assert.Equal(inOrder, VectorPathProbes.ScaledSumF(1, FloatProbe));

        float Forward() => VectorPathProbes.ScaledSumFForward(1, 1, FloatProbe, out float dot) + dot;
        float Adjoint()
        {
            float bar = 0;
            VectorPathProbes.ScaledSumFAdjoint(1, ref bar, FloatProbe);
            return bar;
        }

        float expectedOn = VectorPathExpected ? lanes : inOrder;
        Assert.Equal(2 * expectedOn, WithSimd(true, Forward));
        Assert.Equal(2 * inOrder, WithSimd(false, Forward));
        Assert.Equal(expectedOn, WithSimd(true, Adjoint));
        Assert.NotEqual(lanes, WithSimd(false, Adjoint));
    }

    /// <summary>
    /// Elementwise derivatives are fused the same way on both paths (a multiply-add in one rounding),
    /// so apart from reordered sums the paths agree bit for bit, not merely to a tolerance.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(1000)]
    public void Elementwise_gradients_are_bit_identical_on_both_paths(int n)
    {
        double[] pred = SpanData.Uniform<double>(100 + n, n, -5, 5);
        double[] y = SpanData.Uniform<double>(200 + n, n, -5, 5);
        double[] initial = SpanData.Uniform<double>(300 + n, n, -1, 1);

        double[] Gradient()
        {
            double[] bar = (double[])initial.Clone();
            L.MseAdjoint(pred, bar, y, resultBar: 0.1);
            return bar;
        }

        Assert.Equal(WithSimd(false, Gradient), WithSimd(true, Gradient));
    }

    private static Probe EvaluateDouble(double[] x)
    {
        double forwardValue = VectorPathProbes.ScaledSumForward(1, 1, x, out double forwardDot);
        Assert.Equal(forwardValue, forwardDot); // a = aDot = 1: the tangent sums the same terms
        double bar = 0;
        double adjointValue = VectorPathProbes.ScaledSumAdjoint(1, ref bar, x);
        return new Probe(forwardValue, adjointValue, bar);
    }

    private static double Sequential(double[] x, bool reverse = false)
    {
        double sum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            sum += x[reverse ? x.Length - 1 - k : k];
        }

        return sum;
    }

    private static T WithSimd<T>(bool enabled, Func<T> evaluate)
    {
        bool saved = AutoGrad.Simd.IsEnabled;
        try
        {
            AutoGrad.Simd.IsEnabled = enabled;
            return evaluate();
        }
        finally
        {
            AutoGrad.Simd.IsEnabled = saved;
        }
    }

    /// <summary>The primal value Forward and Adjoint returned, and the gradient the adjoint accumulated.</summary>
    private sealed record Probe(double ForwardValue, double AdjointValue, double AdjointBar);
}
