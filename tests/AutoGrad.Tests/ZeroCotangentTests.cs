using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using Z = AutoGrad.Tests.Functions.ZeroCotangentFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// A callee whose value a maximum did not select gets a zero cotangent: its adjoint is not called
/// (issue 17, "no work for zero cotangents"), and the gradient is the selected callee's alone.
/// </summary>
public class ZeroCotangentTests
{
    private static readonly double[] Mu = [0.3, -1.2, 2.0, 0.9];
    private static readonly double[] S = [0.1, -0.4, 0.7, 0.2];

    /// <summary>The gradient of the largest score −(x − μ_c)²·e^{s_c}: only component c moves it.</summary>
    private static (int Best, double[] MuBar, double[] SBar, double XBar) ClosedForm(double x)
    {
        var best = 0;
        for (var c = 1; c < Mu.Length; c++)
        {
            if (Z.Score(Mu[c], S[c], x) > Z.Score(Mu[best], S[best], x))
                best = c;
        }
        double e = Math.Exp(S[best]), d = x - Mu[best];
        var muBar = new double[Mu.Length];
        var sBar = new double[S.Length];
        muBar[best] = 2 * d * e;
        sBar[best] = -d * d * e;
        return (best, muBar, sBar, -2 * d * e);
    }

    /// <summary>
    /// How many iterations of the forward pass replace the running maximum (Math.Max also on a tie). Only those
    /// pass a cotangent that is not a literal zero; a later larger term takes it back at run time, which the
    /// generated code does not try to see, so this many adjoint calls remain — about ln K for K terms in random order.
    /// </summary>
    private static int Replacements(double x)
    {
        var (best, count) = (double.NegativeInfinity, 0);
        foreach (var c in Enumerable.Range(0, Mu.Length))
        {
            var t = Z.Score(Mu[c], S[c], x);
            if (t >= best)
                (best, count) = (t, count + 1);
        }
        return count;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-14);
    }

    /// <summary>At 0.25 the first term stays the largest (one call of four); at 3.1 the third replaces it (two).</summary>
    public static TheoryData<double> Points => [0.25, -1.0, 1.7, 3.1];

    [Fact]
    public void The_points_leave_most_terms_unselected()
        => Assert.True(Replacements(0.25) == 1 && Replacements(3.1) == 2, "the data no longer shows calls being skipped");

    [Theory]
    [MemberData(nameof(Points))]
    public void Math_Max_over_callees_calls_only_the_selected_callees_adjoint(double x)
    {
        var (_, muBarExpected, sBarExpected, xBarExpected) = ClosedForm(x);
        double[] muBar = new double[Mu.Length], sBar = new double[S.Length];
        double xBar = 0;
        Z.ScoreAdjointCalls = 0;
        var value = Z.BestScoreAdjoint(Mu, muBar, S, sBar, x, ref xBar);
        Assert.Equal(Replacements(x), Z.ScoreAdjointCalls);
        Assert.Equal(Z.BestScore(Mu, S, x), value);
        AssertClose(muBarExpected, muBar);
        AssertClose(sBarExpected, sBar);
        Assert.Equal(xBarExpected, xBar, 1e-14);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void A_comparison_and_assignment_calls_only_the_selected_callees_adjoint(double x)
    {
        var (_, muBarExpected, sBarExpected, xBarExpected) = ClosedForm(x);
        double[] muBar = new double[Mu.Length], sBar = new double[S.Length];
        double xBar = 0;
        Z.ScoreAdjointCalls = 0;
        Z.BestScoreByComparisonAdjoint(Mu, muBar, S, sBar, x, ref xBar);
        Assert.Equal(Replacements(x), Z.ScoreAdjointCalls);
        AssertClose(muBarExpected, muBar);
        AssertClose(sBarExpected, sBar);
        Assert.Equal(xBarExpected, xBar, 1e-14);
    }

    /// <summary>Two components tie for the largest score: Math.Max splits the cotangent, so both adjoints run, each with half.</summary>
    [Fact]
    public void A_tie_calls_both_tied_callees_adjoints_with_half_the_cotangent()
    {
        double[] mu = [1.0, 3.0, -2.0], s = [0.0, 0.0, 0.5];
        const double x = 2.0;   // (x − 1)² = (x − 3)² = 1: components 0 and 1 tie at −1
        double[] muBar = new double[3], sBar = new double[3];
        double xBar = 0;
        Z.ScoreAdjointCalls = 0;
        Z.BestScoreAdjoint(mu, muBar, s, sBar, x, ref xBar);
        Assert.Equal(2, Z.ScoreAdjointCalls);
        AssertClose([0.5 * 2 * (x - 1), 0.5 * 2 * (x - 3), 0], muBar);
        AssertClose([-0.5, -0.5, 0], sBar);
        Assert.Equal(0.5 * -2 * (x - 1) + 0.5 * -2 * (x - 3), xBar, 1e-14);
    }

    /// <summary>
    /// With a callee AutoGrad differentiates, the gradient agrees with central differences of the primal, and
    /// the Hessian-vector product (which differentiates the guarded calls) with central differences of the gradient.
    /// </summary>
    [Theory]
    [MemberData(nameof(Points))]
    public void The_gradient_and_Hessian_vector_product_match_central_differences(double x)
    {
        double[] Gradient(double[] p)
        {
            double[] muBar = new double[Mu.Length], sBar = new double[S.Length];
            double xBar = 0;
            Z.BestSmoothScoreAdjoint(p.AsSpan(0, 4), muBar, p.AsSpan(4, 4), sBar, p[8], ref xBar);
            return [.. muBar, .. sBar, xBar];
        }
        double[] point = [.. Mu, .. S, x];
        var gradient = Gradient(point);
        for (var i = 0; i < point.Length; i++)
        {
            var estimate = FiniteDifference.Partial(p => Z.BestSmoothScore(p.AsSpan(0, 4), p.AsSpan(4, 4), p[8]), point, i);
            Assert.Equal(estimate.Value, gradient[i], 1e-7 * (1 + Math.Abs(estimate.Value)) + 10 * estimate.Noise);
        }

        double[] direction = [0.3, -0.2, 0.5, 0.1, -0.7, 0.4, 0.2, -0.1, 0.6];
        double[] muBarH = new double[4], sBarH = new double[4], muBarDot = new double[4], sBarDot = new double[4];
        double xBarH = 0, xBarDot = 0;
        Z.BestSmoothScoreHessianVector(Mu, direction.AsSpan(0, 4), muBarH, muBarDot, S, direction.AsSpan(4, 4), sBarH, sBarDot, x, direction[8], ref xBarH, ref xBarDot, 1.0, 0.0);
        double[] product = [.. muBarDot, .. sBarDot, xBarDot];
        const double h = 1e-6;
        double[] plus = new double[9], minus = new double[9];
        for (var i = 0; i < 9; i++)
        {
            plus[i] = point[i] + h * direction[i];
            minus[i] = point[i] - h * direction[i];
        }
        var (gradientPlus, gradientMinus) = (Gradient(plus), Gradient(minus));
        for (var i = 0; i < 9; i++)
            Assert.Equal((gradientPlus[i] - gradientMinus[i]) / (2 * h), product[i], 1e-6 * (1 + Math.Abs(product[i])));
    }

    /// <summary>
    /// max(√x, 1 + y) at x = 0: the function is 1 + y near the point, so ∂/∂x = 0. √x's derivative is
    /// infinite there; its adjoint is not called, so no 0·∞ = NaN reaches x̄ (PyTorch and JAX give NaN).
    /// </summary>
    [Fact]
    public void An_unselected_callee_with_an_infinite_derivative_leaves_the_gradient_finite()
    {
        double xBar = 0, yBar = 0;
        var value = Z.RootOrFloorAdjoint(0.0, ref xBar, 0.0, ref yBar);
        Assert.Equal(1.0, value);
        Assert.Equal(0.0, xBar);
        Assert.Equal(1.0, yBar);
    }
}
