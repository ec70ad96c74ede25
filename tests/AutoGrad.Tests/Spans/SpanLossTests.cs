using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Spans.Functions.FloatSpanLosses;
using L = AutoGrad.Tests.Spans.Functions.SpanLosses;

namespace AutoGrad.Tests.Spans;

/// <summary>ReadOnlySpan inputs reduced by a loop: MSE, wᵀx, Σx², the tutorial's mean(3(x + 2)²).</summary>
public class SpanLossTests
{
    public static readonly Dictionary<string, GradientCase<double>> DoubleCases = Case.ByName(
        Mse(1, seed: 21),
        Mse(4, seed: 22),
        Mse(7, seed: 23),
        Dot(1, seed: 24),
        Dot(5, seed: 25),
        SumOfSquares(6, seed: 26),
        TutorialOut(4, seed: 27));

    public static readonly Dictionary<string, GradientCase<float>> FloatCases = Case.ByName(
        MseF(1, seed: 31),
        MseF(4, seed: 32),
        MseF(9, seed: 33),
        DotF(5, seed: 34),
        SumOfSquaresF(6, seed: 35),
        TutorialOutF(4, seed: 36));

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 2024);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 2024);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(33)]
    public void Mse_adjoint_is_minus_two_over_n_times_y_minus_pred(int n)
    {
        double[] pred = SpanData.Uniform<double>(100 + n, n, -3, 3);
        double[] y = SpanData.Uniform<double>(200 + n, n, -3, 3);
        double[] predBar = new double[n];

        double loss = L.MseAdjoint(pred, predBar, y);

        GradientAssert.Close(pred.Zip(y, (p, t) => (p - t) * (p - t)).Sum() / n, loss, Tolerance.DoubleClosedForm, "MSE value");
        for (int i = 0; i < n; i++)
        {
            GradientAssert.Close(-2.0 / n * (y[i] - pred[i]), predBar[i], Tolerance.DoubleClosedForm, $"predBar[{i}] of {n}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void Float_mse_adjoint_is_minus_two_over_n_times_y_minus_pred(int n)
    {
        float[] pred = SpanData.Uniform<float>(300 + n, n, -3, 3);
        float[] y = SpanData.Uniform<float>(400 + n, n, -3, 3);
        float[] predBar = new float[n];

        F.MseAdjoint(pred, predBar, y);

        for (int i = 0; i < n; i++)
        {
            GradientAssert.Close(-2.0 / n * ((double)y[i] - pred[i]), predBar[i], Tolerance.FloatClosedForm, $"predBar[{i}] of {n}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Dot_gradient_in_w_is_x_and_in_x_is_w(int n)
    {
        double[] w = SpanData.Uniform<double>(500 + n, n);
        double[] x = SpanData.Uniform<double>(600 + n, n);

        double[] wBar = new double[n], xBar = new double[n];
        L.DotAdjoint(w, wBar, x, xBar);

        for (int i = 0; i < n; i++)
        {
            double[] unit = GradientAssert.Unit<double>(n, i);
            L.DotForward(w, unit, x, new double[n], out double dw);
            L.DotForward(w, new double[n], x, unit, out double dx);

            GradientAssert.Close(x[i], wBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂f/∂w[{i}]");
            GradientAssert.Close(w[i], xBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂f/∂x[{i}]");
            GradientAssert.Close(x[i], dw, Tolerance.DoubleClosedForm, $"forward ∂f/∂w[{i}]");
            GradientAssert.Close(w[i], dx, Tolerance.DoubleClosedForm, $"forward ∂f/∂x[{i}]");
        }
    }

    [Fact]
    public void Tutorial_out_at_ones_2x2_is_27_with_gradient_4_5_everywhere()
    {
        double[] x = [1, 1, 1, 1];
        double[] xBar = new double[4];
        double value = L.TutorialOutAdjoint(x, xBar);

        Assert.Equal(27.0, value);
        for (int i = 0; i < 4; i++)
        {
            L.TutorialOutForward(x, GradientAssert.Unit<double>(4, i), out double dot);
            GradientAssert.Close(4.5, dot, Tolerance.DoubleClosedForm, $"forward do/dx[{i}]");
            GradientAssert.Close(4.5, xBar[i], Tolerance.DoubleClosedForm, $"adjoint do/dx[{i}]");
        }
    }

    [Fact]
    public void Float_tutorial_out_at_ones_2x2_is_27_with_gradient_4_5_everywhere()
    {
        float[] x = [1, 1, 1, 1];
        float[] xBar = new float[4];
        float value = F.TutorialOutAdjoint(x, xBar);

        Assert.Equal(27f, value);
        for (int i = 0; i < 4; i++)
        {
            F.TutorialOutForward(x, GradientAssert.Unit<float>(4, i), out float dot);
            GradientAssert.Close(4.5, dot, Tolerance.FloatClosedForm, $"forward do/dx[{i}]");
            GradientAssert.Close(4.5, xBar[i], Tolerance.FloatClosedForm, $"adjoint do/dx[{i}]");
        }
    }

    private static GradientCase<double> Mse(int n, int seed)
    {
        double[] y = SpanData.Uniform<double>(seed, n);
        return new GradientCase<double>(
            $"{nameof(L.Mse)}(n={n})",
            p => L.Mse(p, y),
            (p, d, out r) => L.MseForward(p, d, y, out r),
            (p, b, rb) => L.MseAdjoint(p, b, y, rb),
            SpanData.Points<double>(seed, 3, n))
        {
            Gradient = p => p.Select((v, i) => -2.0 / n * (y[i] - v)).ToArray(),
        };
    }

    private static GradientCase<double> Dot(int n, int seed)
        => new(
            $"{nameof(L.Dot)}(n={n})",
            p => L.Dot(p.AsSpan(0, n), p.AsSpan(n)),
            (p, d, out r) => L.DotForward(p.AsSpan(0, n), d.AsSpan(0, n), p.AsSpan(n), d.AsSpan(n), out r),
            (p, b, rb) => L.DotAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p.AsSpan(n), b.AsSpan(n), rb),
            SpanData.Points<double>(seed, 3, 2 * n))
        {
            // ∂/∂w = x, ∂/∂x = w.
            Gradient = p => [.. p.Skip(n), .. p.Take(n)],
        };

    private static GradientCase<double> SumOfSquares(int n, int seed)
        => new(
            $"{nameof(L.SumOfSquares)}(n={n})",
            p => L.SumOfSquares(p),
            (p, d, out r) => L.SumOfSquaresForward(p, d, out r),
            (p, b, rb) => L.SumOfSquaresAdjoint(p, b, rb),
            SpanData.Points<double>(seed, 3, n))
        {
            Gradient = p => p.Select(v => 2 * v).ToArray(),
        };

    private static GradientCase<double> TutorialOut(int n, int seed)
        => new(
            $"{nameof(L.TutorialOut)}(n={n})",
            p => L.TutorialOut(p),
            (p, d, out r) => L.TutorialOutForward(p, d, out r),
            (p, b, rb) => L.TutorialOutAdjoint(p, b, rb),
            [[1.0, 1.0, 1.0, 1.0], .. SpanData.Points<double>(seed, 2, n)])
        {
            Gradient = p => p.Select(v => 6 * (v + 2) / n).ToArray(),
        };

    private static GradientCase<float> MseF(int n, int seed)
    {
        float[] y = SpanData.Uniform<float>(seed, n);
        return new GradientCase<float>(
            $"{nameof(F.Mse)}(n={n})",
            p => F.Mse(p, y),
            (p, d, out r) => F.MseForward(p, d, y, out r),
            (p, b, rb) => F.MseAdjoint(p, b, y, rb),
            SpanData.Points<float>(seed, 3, n))
        {
            Gradient = p => p.Select((v, i) => -2.0 / n * (y[i] - v)).ToArray(),
        };
    }

    private static GradientCase<float> DotF(int n, int seed)
        => new(
            $"{nameof(F.Dot)}(n={n})",
            p => F.Dot(p.AsSpan(0, n), p.AsSpan(n)),
            (p, d, out r) => F.DotForward(p.AsSpan(0, n), d.AsSpan(0, n), p.AsSpan(n), d.AsSpan(n), out r),
            (p, b, rb) => F.DotAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p.AsSpan(n), b.AsSpan(n), rb),
            SpanData.Points<float>(seed, 3, 2 * n))
        {
            Gradient = p => [.. p.Skip(n), .. p.Take(n)],
        };

    private static GradientCase<float> SumOfSquaresF(int n, int seed)
        => new(
            $"{nameof(F.SumOfSquares)}(n={n})",
            p => F.SumOfSquares(p),
            (p, d, out r) => F.SumOfSquaresForward(p, d, out r),
            (p, b, rb) => F.SumOfSquaresAdjoint(p, b, rb),
            SpanData.Points<float>(seed, 3, n))
        {
            Gradient = p => p.Select(v => 2 * v).ToArray(),
        };

    private static GradientCase<float> TutorialOutF(int n, int seed)
        => new(
            $"{nameof(F.TutorialOut)}(n={n})",
            p => F.TutorialOut(p),
            (p, d, out r) => F.TutorialOutForward(p, d, out r),
            (p, b, rb) => F.TutorialOutAdjoint(p, b, rb),
            [[1f, 1f, 1f, 1f], .. SpanData.Points<float>(seed, 2, n)])
        {
            Gradient = p => p.Select(v => 6 * (v + 2) / n).ToArray(),
        };
}
