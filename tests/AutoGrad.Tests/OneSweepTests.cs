using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.OneSweepFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Loops run once in the adjoint when their iterations only add into sums (issue 17), and the near misses that keep both
/// sweeps: the value each adjoint returns is the method's own (up to a vectorized sum's order), and the gradient, the
/// forward derivative and the Hessian-vector product agree with central differences. (Which loops run in one sweep: the generator's OneSweepTests.)
/// </summary>
public class OneSweepTests
{
    private static (SpanAndWeightChecks.Primal, SpanAndWeightChecks.Adjoint, SpanAndWeightChecks.Forward, SpanAndWeightChecks.Product) Methods(string name) => name switch
    {
        "Squares" => (F.Squares, F.SquaresAdjoint, F.SquaresForward, F.SquaresHessianVector),
        "ShiftedMean" => (F.ShiftedMean, F.ShiftedMeanAdjoint, F.ShiftedMeanForward, F.ShiftedMeanHessianVector),
        "PairedCalls" => (F.PairedCalls, F.PairedCallsAdjoint, F.PairedCallsForward, F.PairedCallsHessianVector),
        "TwoSums" => (F.TwoSums, F.TwoSumsAdjoint, F.TwoSumsForward, F.TwoSumsHessianVector),
        "LogOfSum" => (F.LogOfSum, F.LogOfSumAdjoint, F.LogOfSumForward, F.LogOfSumHessianVector),
        "SquaredSum" => (F.SquaredSum, F.SquaredSumAdjoint, F.SquaredSumForward, F.SquaredSumHessianVector),
        "Scan" => (F.Scan, F.ScanAdjoint, F.ScanForward, F.ScanHessianVector),
        "MaxPlusSum" => (F.MaxPlusSum, F.MaxPlusSumAdjoint, F.MaxPlusSumForward, F.MaxPlusSumHessianVector),
        "SumThenWeighted" => (F.SumThenWeighted, F.SumThenWeightedAdjoint, F.SumThenWeightedForward, F.SumThenWeightedHessianVector),
        "OneSumTwoLoops" => (F.OneSumTwoLoops, F.OneSumTwoLoopsAdjoint, F.OneSumTwoLoopsForward, F.OneSumTwoLoopsHessianVector),
        "ScratchPerIteration" => (F.ScratchPerIteration, F.ScratchPerIterationAdjoint, F.ScratchPerIterationForward, F.ScratchPerIterationHessianVector),
        _ => (F.CountedBound, F.CountedBoundAdjoint, F.CountedBoundForward, F.CountedBoundHessianVector),
    };

    [Theory]
    [InlineData("Squares")]
    [InlineData("ShiftedMean")]
    [InlineData("PairedCalls")]
    [InlineData("TwoSums")]
    [InlineData("LogOfSum")]
    [InlineData("SquaredSum")]
    [InlineData("Scan")]
    [InlineData("MaxPlusSum")]
    [InlineData("SumThenWeighted")]
    [InlineData("OneSumTwoLoops")]
    [InlineData("ScratchPerIteration")]
    [InlineData("CountedBound")]
    public void Each_adjoint_returns_the_methods_value_and_its_gradient(string name)
    {
        double[] x = [0.7, -0.4, 1.3, 0.2, -1.1, 0.9, 0.35, -0.8];
        // The sums are taken in the method's order of iterations; only a vectorized loop adds in another (README, "Reverse mode").
        var value = Methods(name).Item1(x, 0.8);
        SpanAndWeightChecks.AllModesMatch(name, Methods(name), x, 0.8, [0.3, -0.5, 0.2, 0.9, -0.1, 0.4, 0.6, -0.2, -0.6], 4e-16 * Math.Abs(value) * x.Length);
    }

    [Fact]
    public void An_empty_input_gives_the_methods_value_and_no_gradient()
    {
        var xBar = Array.Empty<double>();
        double wBar = 0;
        Assert.Equal(F.TwoSums([], 0.5), F.TwoSumsAdjoint([], xBar, 0.5, ref wBar));
        Assert.Equal(F.Squares([], 0.5), F.SquaresAdjoint([], xBar, 0.5, ref wBar));
        Assert.Equal(0.0, wBar);
    }

    [Fact]
    public void The_cotangent_scales_the_gradient_of_a_one_sweep_loop()
    {
        double[] x = [0.7, -0.4, 1.3, 0.2];
        var once = new double[x.Length];
        var thrice = new double[x.Length];
        double wOnce = 0, wThrice = 0;
        F.PairedCallsAdjoint(x, once, 0.8, ref wOnce);
        F.PairedCallsAdjoint(x, thrice, 0.8, ref wThrice, resultBar: 3.0);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(3 * once[i], thrice[i], 1e-12);
        Assert.Equal(3 * wOnce, wThrice, 1e-12);
    }
}
