using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Functions;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using N = AutoGrad.Tests.Functions.NotebookFunctions;

namespace AutoGrad.Tests;

/// <summary>The values worked out by hand in the design notebook.</summary>
public class NotebookTests
{
    private static readonly Tolerance Exact = Tolerance.DoubleClosedForm;

    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        Case.Of(nameof(N.ZPow), N.ZPow, N.ZPowForward, N.ZPowAdjoint, (3, 7), (1.5, -2), (-0.5, 0.8), (2, 1.1), (0.25, -1.7)),
        Case.Of(nameof(N.ZProduct), N.ZProduct, N.ZProductForward, N.ZProductAdjoint, (3, 7), (1.5, -2), (-0.5, 0.8), (2, 1.1), (0.25, -1.7)),
        new GradientCase<double>(
            nameof(N.Loss),
            p => N.Loss(p[0], 2, 2),
            (p, d, out r) => N.LossForward(p[0], d[0], 2, 2, out r),
            (p, b, rb) => N.LossAdjoint(p[0], ref b[0], 2, 2, rb),
            [[3.0], [-1.0], [0.5], [10.0]]),
        Case.Of(nameof(N.Rosenbrock), N.Rosenbrock, N.RosenbrockForward, N.RosenbrockAdjoint, (3, 2), (1, 1), (0, 0), (-1.5, 2.5), (0.3, -0.7), (2.2, 4.9)),
        Case.Of(nameof(N.Sine), N.Sine, N.SineForward, N.SineAdjoint, -3, -1, 0, 0.5, 2, 6),
        Case.Of(nameof(N.Sigmoid), N.Sigmoid, N.SigmoidForward, N.SigmoidAdjoint, -6, -2, -0.5, 0, 1, 3, 6));

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void Partials_of_x_times_y_to_the_fifth_at_3_7()
    {
        foreach (var (forward, adjoint) in new (Case.Forward2, Case.Adjoint2)[] { (N.ZPowForward, N.ZPowAdjoint), (N.ZProductForward, N.ZProductAdjoint) })
        {
            forward(3, 1, 7, 0, out double dzdx);
            forward(3, 0, 7, 1, out double dzdy);
            double xBar = 0, yBar = 0;
            adjoint(3, ref xBar, 7, ref yBar, 1.0);

            GradientAssert.Close(16807, dzdx, Exact, "forward dz/dx");
            GradientAssert.Close(36015, dzdy, Exact, "forward dz/dy");
            GradientAssert.Close(16807, xBar, Exact, "adjoint dz/dx");
            GradientAssert.Close(36015, yBar, Exact, "adjoint dz/dy");
        }
    }

    [Fact]
    public void Loss_gradient_in_w_at_w3_x2_y2_is_16()
    {
        double loss = N.LossForward(3, 1, 2, 2, out double dLossDw);
        double wBar = 0;
        double lossFromAdjoint = N.LossAdjoint(3, ref wBar, 2, 2);

        Assert.Equal(16.0, loss);
        Assert.Equal(16.0, lossFromAdjoint);
        GradientAssert.Close(16, dLossDw, Exact, "forward dloss/dw");
        GradientAssert.Close(16, wBar, Exact, "adjoint dloss/dw");
    }

    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(-1.5, 2.5)]
    [InlineData(0.3, -0.7)]
    [InlineData(2.2, 4.9)]
    public void Rosenbrock_gradient_matches_the_notebook_formula(double x, double y)
    {
        double expectedX = -8 * x * (y - x * x) + 2 * x - 2;
        double expectedY = -4 * x * x + 4 * y;

        N.RosenbrockForward(x, 1, y, 0, out double dfdx);
        N.RosenbrockForward(x, 0, y, 1, out double dfdy);
        double xBar = 0, yBar = 0;
        N.RosenbrockAdjoint(x, ref xBar, y, ref yBar);

        GradientAssert.Close(expectedX, dfdx, Exact, "forward df/dx");
        GradientAssert.Close(expectedY, dfdy, Exact, "forward df/dy");
        GradientAssert.Close(expectedX, xBar, Exact, "adjoint df/dx");
        GradientAssert.Close(expectedY, yBar, Exact, "adjoint df/dy");
    }

    [Fact]
    public void Derivative_of_sine_is_cosine_at_100_points_in_0_to_2pi()
    {
        foreach (double x in Enumerable.Range(0, 100).Select(i => i * 2 * Math.PI / 99))
        {
            N.SineForward(x, 1, out double forward);
            double bar = 0;
            N.SineAdjoint(x, ref bar);

            GradientAssert.Close(Math.Cos(x), forward, Exact, $"forward sin' at {x:R}");
            GradientAssert.Close(Math.Cos(x), bar, Exact, $"adjoint sin' at {x:R}");
        }
    }

    [Theory]
    [InlineData(-6.0)]
    [InlineData(-2.0)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(6.0)]
    public void Sigmoid_derivative_is_s_times_one_minus_s(double x)
    {
        double s = N.SigmoidForward(x, 1, out double forward);
        double bar = 0;
        N.SigmoidAdjoint(x, ref bar);

        GradientAssert.Close(s * (1 - s), forward, Exact, "forward s'");
        GradientAssert.Close(s * (1 - s), bar, Exact, "adjoint s'");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);
}
