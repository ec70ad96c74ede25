using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using S = AutoGrad.Tests.Functions.SwitchFunctions;

namespace AutoGrad.Tests;

/// <summary>Switch expressions (issue 18): the arm taken is the one differentiated, in both modes and second order.</summary>
public class SwitchExpressionTests
{
    [Theory]
    [InlineData(-3.0, -1.0, 0.0)]
    [InlineData(-0.4, -0.4, 1.0)]
    [InlineData(0.7, 0.7, 1.0)]
    [InlineData(2.5, 1.0, 0.0)]
    public void Hubers_loss_has_its_closed_form_gradient_and_curvature(double r, double slope, double curvature)
    {
        double gradient = 0, product = 0;
        Assert.Equal(S.Huber(r), S.HuberHessianVector(r, 2.0, ref gradient, ref product));
        Assert.Equal(slope, gradient);
        Assert.Equal(2.0 * curvature, product);
        S.HuberForward(r, 1.0, out var tangent);
        Assert.Equal(slope, tangent);
        float gradientF = 0;
        S.HuberFAdjoint((float)r, ref gradientF);
        Assert.Equal((float)slope, gradientF);
    }

    [Theory]
    [InlineData(0.5, 1.3)]
    [InlineData(2.0, 0.8)]
    [InlineData(2.0, -0.8)]
    [InlineData(4.5, 0.3)]
    [InlineData(-1.5, 2.0)]
    public void Bands_with_and_not_and_a_guard_match_finite_differences(double x, double y)
    {
        double xBar = 0, yBar = 0;
        Assert.Equal(S.Bands(x, y), S.BandsAdjoint(x, ref xBar, y, ref yBar));
        GradientAssert.Close(FiniteDifference.Partial(p => S.Bands(p[0], p[1]), [x, y], 0), xBar, Tolerance.FiniteDifference(Precision.Double), "∂/∂x");
        GradientAssert.Close(FiniteDifference.Partial(p => S.Bands(p[0], p[1]), [x, y], 1), yBar, Tolerance.FiniteDifference(Precision.Double), "∂/∂y");
        HessianVectorTests.AssertAgreesWithDifferences([x, y], [0.6, -0.9],
            (p, g) => { double a = 0, b = 0; S.BandsAdjoint(p[0], ref a, p[1], ref b); g[0] = a; g[1] = b; },
            (p, v, g, hv) => { double a = 0, ad = 0, b = 0, bd = 0; S.BandsHessianVector(p[0], v[0], ref a, ref ad, p[1], v[1], ref b, ref bd); g[0] = a; g[1] = b; hv[0] = ad; hv[1] = bd; });
    }

    [Theory]
    [InlineData(0.5, 1.3, 1)]
    [InlineData(0.5, 0.4, 2)]
    [InlineData(1.7, 0.8, 3)]
    [InlineData(-0.6, -2.0, 0)]
    public void Is_patterns_as_conditions_match_finite_differences(double x, double y, int k)
    {
        double xBar = 0, yBar = 0;
        Assert.Equal(S.Windowed(x, y, k), S.WindowedAdjoint(x, ref xBar, y, ref yBar, k));
        GradientAssert.Close(FiniteDifference.Partial(p => S.Windowed(p[0], p[1], k), [x, y], 0), xBar, Tolerance.FiniteDifference(Precision.Double), "∂/∂x");
        GradientAssert.Close(FiniteDifference.Partial(p => S.Windowed(p[0], p[1], k), [x, y], 1), yBar, Tolerance.FiniteDifference(Precision.Double), "∂/∂y");
        S.WindowedForward(x, 0.6, y, -0.9, k, out var directional);
        GradientAssert.Close(FiniteDifference.Derivative(t => S.Windowed(x + 0.6 * t, y - 0.9 * t, k), 0.0), directional, Tolerance.FiniteDifference(Precision.Double), "forward");
        HessianVectorTests.AssertAgreesWithDifferences([x, y], [0.6, -0.9],
            (p, g) => { double a = 0, b = 0; S.WindowedAdjoint(p[0], ref a, p[1], ref b, k); g[0] = a; g[1] = b; },
            (p, v, g, hv) => { double a = 0, ad = 0, b = 0, bd = 0; S.WindowedHessianVector(p[0], v[0], ref a, ref ad, p[1], v[1], ref b, ref bd, k); g[0] = a; g[1] = b; hv[0] = ad; hv[1] = bd; });
    }

    [Theory]
    [InlineData(0, 0.8)]
    [InlineData(1, 0.8)]
    [InlineData(2, -0.3)]
    [InlineData(7, 1.4)]
    public void An_int_selector_differentiates_the_arm_it_picks(int kind, double x)
    {
        double expected = kind switch
        {
            0 => 2 * x,
            1 or 2 => kind * (1 - Math.Tanh(x) * Math.Tanh(x)),
            _ => x / Math.Sqrt(x * x + 1),
        };
        double xBar = 0;
        S.PickAdjoint(x, ref xBar, kind);
        Assert.Equal(expected, xBar, 1e-14);
        S.PickForward(x, 1.0, kind, out var xDot);
        Assert.Equal(expected, xDot, 1e-14);
    }

    [Fact]
    public void A_switch_inside_a_loop_matches_finite_differences()
    {
        double[] x = [0.5, -1.2, 2.0, -0.3, 0.9];
        var gradient = new double[x.Length];
        Assert.Equal(S.Clipped(x), S.ClippedAdjoint(x, gradient), 1e-13);
        double[] expected = [.. x.Select((v, i) => (v < 0 ? 0.1 : 1.0) + (i == 0 ? 1 : 0))];
        Assert.Equal(expected, gradient);
    }
}
