using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using C = AutoGrad.Tests.Spans.Functions.SliceCalls;

namespace AutoGrad.Tests.Spans;

/// <summary>[Differentiable] methods calling others with slices: Slice(a, b), ranges, slices of output spans, aliased slices.</summary>
public class SliceCallTests
{
    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        new GradientCase<double>(
            nameof(C.WindowedEnergy),
            p => C.WindowedEnergy(p),
            (p, d, out r) => C.WindowedEnergyForward(p, d, out r),
            (p, b, rb) => C.WindowedEnergyAdjoint(p, b, rb),
            SpanData.Points<double>(81, 3, 7))
        {
            Gradient = WindowedEnergyGradient,
        },
        new GradientCase<double>(
            nameof(C.SlidingLogSumExp) + "(width 3)",
            p => C.SlidingLogSumExp(p, 3),
            (p, d, out r) => C.SlidingLogSumExpForward(p, d, 3, out r),
            (p, b, rb) => C.SlidingLogSumExpAdjoint(p, b, 3, rb),
            SpanData.Points<double>(82, 3, 6))
        {
            // Each window contributes its softmax to the elements it covers.
            Gradient = p =>
            {
                double[] g = new double[p.Length];
                for (int i = 0; i + 3 <= p.Length; i++)
                {
                    double[] e = p.Skip(i).Take(3).Select(Math.Exp).ToArray();
                    for (int k = 0; k < 3; k++)
                    {
                        g[i + k] += e[k] / e.Sum();
                    }
                }

                return g;
            },
        });

    public static readonly Dictionary<string, VectorCase<double>> VectorCases = new[]
    {
        Blocks(5, seed: 83),
        Blocks(3, seed: 84),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => new(Cases.Keys);

    public static TheoryData<string> VectorNames => new(VectorCases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(Cases[name], seed: 5);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Output_slices_jacobian_matches_closed_form(string name) => SpanAssert.MatchesClosedForm(VectorCases[name]);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Output_slices_forward_matches_finite_difference(string name) => SpanAssert.ForwardMatchesFiniteDifference(VectorCases[name]);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Output_slices_adjoint_matches_finite_difference(string name) => SpanAssert.AdjointMatchesFiniteDifference(VectorCases[name]);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Output_slices_forward_and_adjoint_agree(string name) => SpanAssert.ForwardAndAdjointAgree(VectorCases[name], seed: 5);

    [Fact]
    public void Windowed_energy_at_1_to_6()
    {
        // Dot(x[1..4], x[2..5]) = 2·3 + 3·4 + 4·5 = 38, x0·Σx[2..]² = 1·(9 + 16 + 25 + 36) = 86.
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] expected = [86, 3, 2 + 4 + 2 * 3, 3 + 5 + 2 * 4, 4 + 2 * 5, 2 * 6];
        double[] xBar = new double[6];

        double value = C.WindowedEnergyAdjoint(x, xBar);

        Assert.Equal(124.0, value);
        Assert.Equal(expected, xBar);
        for (int i = 0; i < 6; i++)
        {
            C.WindowedEnergyForward(x, GradientAssert.Unit<double>(6, i), out double dot);
            Assert.Equal(expected[i], dot);
        }
    }

    /// <summary>f = Σ_{k=0..2} x_{1+k}·x_{2+k} + x_0·Σ_{m≥2} x_m².</summary>
    private static double[] WindowedEnergyGradient(double[] x)
    {
        double[] g = new double[x.Length];
        for (int k = 0; k < 3; k++)
        {
            g[1 + k] += x[2 + k];
            g[2 + k] += x[1 + k];
        }

        for (int m = 2; m < x.Length; m++)
        {
            g[0] += x[m] * x[m];
            g[m] += 2 * x[0] * x[m];
        }

        return g;
    }

    /// <summary>y[..3] = prefix sums of x[..3]; y[3..] = tanh(x[3..]²).</summary>
    private static VectorCase<double> Blocks(int n, int seed)
        => new(
            $"{nameof(C.Blocks)}(n={n})",
            n,
            x =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                C.Blocks(x, y);
                return y;
            },
            (x, xDot, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                yDot = SpanData.Unwritten<double>(n);
                C.BlocksForward(x, xDot, y, yDot);
                return y;
            },
            (x, xBar, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                C.BlocksAdjoint(x, xBar, y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, n, -1.5, 1.5))
        {
            Jacobian = x =>
            {
                double[][] j = SpanData.Zeros(n, n);
                for (int r = 0; r < 3; r++)
                {
                    for (int i = 0; i <= r; i++)
                    {
                        j[r][i] = 1.0;
                    }
                }

                for (int r = 3; r < n; r++)
                {
                    double t = Math.Tanh(x[r] * x[r]);
                    j[r][r] = 2 * x[r] * (1 - t * t);
                }

                return j;
            },
        };
}
