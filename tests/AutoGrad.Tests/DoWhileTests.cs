using System;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using D = AutoGrad.Tests.Functions.DoWhileFunctions;

namespace AutoGrad.Tests;

/// <summary><c>do … while</c> (issue 18) in both modes and Hessian-vector products, against closed forms and central differences.</summary>
public class DoWhileTests
{
    [Theory]
    [InlineData(0.6, 1)]
    [InlineData(1.5, 1)]
    [InlineData(3.7, 2)]
    [InlineData(100.0, 7)]
    public void Halving_divides_the_derivative_by_two_per_iteration_and_runs_once_at_least(double x, int halvings)
    {
        double xBar = 0;
        Assert.Equal(x / Math.Pow(2, halvings), D.HalveAdjoint(x, ref xBar));
        Assert.Equal(Math.Pow(2, -halvings), xBar);
        D.HalveForward(x, 1.0, out var xDot);
        Assert.Equal(Math.Pow(2, -halvings), xDot);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.0)]
    public void A_condition_false_from_the_start_still_differentiates_one_iteration(double x)
    {
        double gradient = 0, product = 0;
        Assert.Equal(x * x + 0.5 * x, D.AtLeastOnceHessianVector(x, 0.5, ref gradient, ref product));
        Assert.Equal(2 * x + 0.5, gradient, 1e-14);
        Assert.Equal(2 * 0.5, product, 1e-14);
        float gradientF = 0;
        D.AtLeastOnceFAdjoint((float)x, ref gradientF);
        Assert.Equal(2 * (float)x + 0.5f, gradientF, 1e-6f);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.09)]
    [InlineData(12345.0)]
    public void Newtons_square_root_has_the_derivative_of_the_square_root(double a)
    {
        double aBar = 0;
        Assert.Equal(Math.Sqrt(a), D.NewtonSqrtAdjoint(a, ref aBar), 1e-12 * Math.Sqrt(a));
        Assert.Equal(0.5 / Math.Sqrt(a), aBar, 1e-9 / Math.Sqrt(a));
        GradientAssert.Close(FiniteDifference.Derivative(D.NewtonSqrt, a), aBar, Tolerance.FiniteDifference(Precision.Double), "NewtonSqrt");
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(0.7, 8)]
    [InlineData(-1.9, 10)]
    public void A_series_with_continue_and_break_matches_finite_differences_in_both_modes_and_second_order(double x, int n)
    {
        double xBar = 0;
        Assert.Equal(D.Series(x, n), D.SeriesAdjoint(x, ref xBar, n));
        var expected = FiniteDifference.Derivative(v => D.Series(v, n), x);
        GradientAssert.Close(expected, xBar, Tolerance.FiniteDifference(Precision.Double), "Series adjoint");
        D.SeriesForward(x, 1.0, n, out var xDot);
        GradientAssert.Close(expected, xDot, Tolerance.FiniteDifference(Precision.Double), "Series forward");
        HessianVectorTests.AssertAgreesWithDifferences([x], [0.8],
            (p, g) => { double b = 0; D.SeriesAdjoint(p[0], ref b, n); g[0] = b; },
            (p, v, g, hv) => { double b = 0, bd = 0; D.SeriesHessianVector(p[0], v[0], ref b, ref bd, n); g[0] = b; hv[0] = bd; });
    }
}
