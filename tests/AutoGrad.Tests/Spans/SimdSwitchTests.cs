using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Spans.Functions.FloatSpanLosses;
using L = AutoGrad.Tests.Spans.Functions.SpanLosses;

namespace AutoGrad.Tests.Spans;

/// <summary>The tests that flip <c>AutoGrad.Simd.IsEnabled</c>, a process-wide switch: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimdSwitchCollection
{
    public const string Name = "Simd switch";
}

/// <summary>
/// With the Vector256 path on and off, the generated code gives the same gradients (1e-12 relative in
/// double) and the same primal values, for lengths around the vector widths (4 doubles, 8 floats)
/// and their multiples, and for a long span.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class SimdSwitchTests
{
    private static readonly Tolerance DoubleSame = new(1e-12, 0);
    private static readonly Tolerance FloatSame = new(1e-6, 0);

    public static TheoryData<int> Lengths => new(0, 1, 3, 4, 5, 7, 8, 9, 31, 1000);

    [Fact]
    public void Switch_is_on_by_default_unless_AUTOGRAD_DISABLE_SIMD_is_1()
        => Assert.Equal(Environment.GetEnvironmentVariable("AUTOGRAD_DISABLE_SIMD") != "1", AutoGrad.Simd.IsEnabled);

    [Fact]
    public void Switch_can_be_set_and_read_back()
    {
        bool saved = AutoGrad.Simd.IsEnabled;
        try
        {
            AutoGrad.Simd.IsEnabled = false;
            Assert.False(AutoGrad.Simd.IsEnabled);
            AutoGrad.Simd.IsEnabled = true;
            Assert.True(AutoGrad.Simd.IsEnabled);
        }
        finally
        {
            AutoGrad.Simd.IsEnabled = saved;
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Mse_gradients_do_not_depend_on_the_switch(int n)
    {
        double[] pred = SpanData.Uniform<double>(1000 + n, n, -5, 5);
        double[] y = SpanData.Uniform<double>(2000 + n, n, -5, 5);
        double[] direction = SpanData.Uniform<double>(3000 + n, n, -1, 1);

        Run Evaluate(bool simd) => WithSimd(simd, () =>
        {
            double[] bar = new double[n];
            double adjointValue = L.MseAdjoint(pred, bar, y);
            double forwardValue = L.MseForward(pred, direction, y, out double dot);
            return new Run([adjointValue, forwardValue], bar, dot);
        });

        double primal = L.Mse(pred, y);
        AssertSame(Evaluate(true), Evaluate(false), direction, primal, DoubleSame, $"Mse(n={n})");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_gradients_do_not_depend_on_the_switch(int n)
    {
        double[] w = SpanData.Uniform<double>(4000 + n, n, -5, 5);
        double[] x = SpanData.Uniform<double>(5000 + n, n, -5, 5);
        double[] wDot = SpanData.Uniform<double>(6000 + n, n, -1, 1);
        double[] xDot = SpanData.Uniform<double>(7000 + n, n, -1, 1);

        Run Evaluate(bool simd) => WithSimd(simd, () =>
        {
            double[] wBar = new double[n], xBar = new double[n];
            double adjointValue = L.DotAdjoint(w, wBar, x, xBar);
            double forwardValue = L.DotForward(w, wDot, x, xDot, out double dot);
            return new Run([adjointValue, forwardValue], [.. wBar, .. xBar], dot);
        });

        double primal = L.Dot(w, x);
        AssertSame(Evaluate(true), Evaluate(false), [.. wDot, .. xDot], primal, DoubleSame, $"Dot(n={n})");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sum_of_squares_gradients_do_not_depend_on_the_switch(int n)
    {
        double[] x = SpanData.Uniform<double>(8000 + n, n, -5, 5);
        double[] direction = SpanData.Uniform<double>(9000 + n, n, -1, 1);

        Run Evaluate(bool simd) => WithSimd(simd, () =>
        {
            double[] bar = new double[n];
            double adjointValue = L.SumOfSquaresAdjoint(x, bar);
            double forwardValue = L.SumOfSquaresForward(x, direction, out double dot);
            return new Run([adjointValue, forwardValue], bar, dot);
        });

        double primal = L.SumOfSquares(x);
        AssertSame(Evaluate(true), Evaluate(false), direction, primal, DoubleSame, $"SumOfSquares(n={n})");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_mse_and_dot_gradients_do_not_depend_on_the_switch(int n)
    {
        float[] a = SpanData.Uniform<float>(10000 + n, n, -5, 5);
        float[] b = SpanData.Uniform<float>(11000 + n, n, -5, 5);
        float[] direction = SpanData.Uniform<float>(12000 + n, n, -1, 1);

        Run Evaluate(bool simd) => WithSimd(simd, () =>
        {
            float[] mseBar = new float[n], aBar = new float[n], bBar = new float[n];
            float mse = F.MseAdjoint(a, mseBar, b);
            float dot = F.DotAdjoint(a, aBar, b, bBar);
            F.MseForward(a, direction, b, out float mseDot);
            return new Run([mse, dot], [.. mseBar.Select(v => (double)v), .. aBar.Select(v => (double)v), .. bBar.Select(v => (double)v)], mseDot);
        });

        Run on = Evaluate(true), off = Evaluate(false);
        for (int k = 0; k < on.Bars.Length; k++)
        {
            GradientAssert.Close(off.Bars[k], on.Bars[k], FloatSame, $"float bar {k} of {n}: SIMD on vs off");
        }

        AssertSameOrBothNaN(F.Mse(a, b), on.Values[0], new Tolerance(1e-5, 1e-6), $"float Mse(n={n}) primal, SIMD on");
        AssertSameOrBothNaN(F.Mse(a, b), off.Values[0], new Tolerance(0, 0), $"float Mse(n={n}) primal, SIMD off");
        AssertSameOrBothNaN(F.Dot(a, b), on.Values[1], new Tolerance(1e-5, 1e-6), $"float Dot(n={n}) primal, SIMD on");
        AssertSameOrBothNaN(F.Dot(a, b), off.Values[1], new Tolerance(0, 0), $"float Dot(n={n}) primal, SIMD off");
        double scale = Enumerable.Range(0, n).Sum(i => Math.Abs(off.Bars[i] * direction[i]));
        AssertSameOrBothNaN(off.ResultDot, on.ResultDot, new Tolerance(0, 1e-4 * scale), $"float Mse(n={n}) resultDot, SIMD on vs off");
    }

    /// <summary>
    /// Bars elementwise to the tolerance; resultDot (a reduction the vector path may reorder) to the
    /// tolerance of Σ|∂f/∂x_i · xDot_i|; the returned values equal the method's own, bit for bit,
    /// with the switch on and off (NaN for the mean of nothing).
    /// </summary>
    private static void AssertSame(Run on, Run off, double[] direction, double primal, Tolerance tolerance, string what)
    {
        Assert.Equal(off.Bars.Length, on.Bars.Length);
        for (int k = 0; k < on.Bars.Length; k++)
        {
            GradientAssert.Close(off.Bars[k], on.Bars[k], tolerance, $"{what} bar {k}: SIMD on vs off");
        }

        double scale = off.Bars.Zip(direction, (bar, d) => Math.Abs(bar * d)).Sum();
        AssertSameOrBothNaN(off.ResultDot, on.ResultDot, new Tolerance(0, tolerance.Relative * scale), $"{what} resultDot: SIMD on vs off");

        // With SIMD on a reduction may sum in another order: the value agrees to reassociation.
        foreach (double value in on.Values)
        {
            AssertSameOrBothNaN(primal, value, tolerance, $"{what} primal with SIMD on");
        }

        foreach (double value in off.Values)
        {
            AssertSameOrBothNaN(primal, value, new Tolerance(0, 0), $"{what} primal with SIMD off");
        }
    }

    private static void AssertSameOrBothNaN(double expected, double actual, Tolerance tolerance, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        GradientAssert.Close(expected, actual, tolerance, what);
    }

    private static Run WithSimd(bool enabled, Func<Run> evaluate)
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

    /// <summary>What one setting of the switch produced: the primal values returned, the bars, resultDot.</summary>
    private sealed record Run(double[] Values, double[] Bars, double ResultDot);
}
