using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using C = AutoGrad.Tests.Functions.CustomDerivativeCallers;
using F = AutoGrad.Tests.Functions.IterativeFunctions;

namespace AutoGrad.Tests.CustomDerivatives;

/// <summary>
/// [DerivativeOf]: generated derivatives of callers use the hand-written adjoints and tangents
/// (and the tangent AutoGrad derives from an adjoint), checked against closed forms and central
/// finite differences of the callers themselves.
/// </summary>
public class CustomDerivativeTests
{
    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        Case.Of(nameof(C.Hypotenuse), C.Hypotenuse, C.HypotenuseForward, C.HypotenuseAdjoint, (3, 4), (-1, 0.5), (0.2, -2), (1e-3, 7)) with
        {
            Gradient = p =>
            {
                double h = Math.Sqrt(p[0] * p[0] + p[1] * p[1]);
                return [2 * p[0] / h + 1, 2 * p[1] / h];
            },
        },
        new GradientCase<double>(
            nameof(C.RootsInALoop),
            p => C.RootsInALoop(p[0], 5),
            (p, d, out r) => C.RootsInALoopForward(p[0], d[0], 5, out r),
            (p, b, rb) => C.RootsInALoopAdjoint(p[0], ref b[0], 5, rb),
            [[0.25], [2.0], [9.5], [-1.0]])
        {
            // d/dx Σ √(k x) = Σ √k / (2√x) for x > 0; 1 otherwise.
            Gradient = p => [p[0] <= 0 ? 1 : Enumerable.Range(1, 5).Sum(k => Math.Sqrt(k)) / (2 * Math.Sqrt(p[0]))],
        },
        new GradientCase<double>(
            nameof(C.ScaledNorm),
            p => C.ScaledNorm(p.AsSpan(0, 3), p[3]),
            (p, d, out r) => C.ScaledNormForward(p.AsSpan(0, 3), d.AsSpan(0, 3), p[3], d[3], out r),
            (p, b, rb) => C.ScaledNormAdjoint(p.AsSpan(0, 3), b.AsSpan(0, 3), p[3], ref b[3], rb),
            [[1, 2, 3, 0.5], [-0.3, 0.1, 4, -2], [0, 0, 0, 1.5]])
        {
            Gradient = p =>
            {
                double r = Math.Sqrt(1 + p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
                return [p[3] * p[0] / r, p[3] * p[1] / r, p[3] * p[2] / r, r];
            },
        },
        Case.Of(nameof(C.CubeRootOfProduct), C.CubeRootOfProduct, C.CubeRootOfProductForward, C.CubeRootOfProductAdjoint, (2, 4), (-1.5, 0.5), (3, -0.7)) with
        {
            Gradient = p =>
            {
                double r = Math.Cbrt(p[0] * p[1]);
                return [p[1] / (3 * r * r), p[0] / (3 * r * r) + 2 * p[1]];
            },
        });

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);

    [Fact]
    public void The_callers_derivatives_call_the_custom_adjoint_and_tangent()
    {
        F.SqrtAdjointCalls = 0;
        double aBar = 0, bBar = 0;
        C.HypotenuseAdjoint(3, ref aBar, 4, ref bBar);
        Assert.Equal(1, F.SqrtAdjointCalls);

        // Forward mode without a custom tangent goes through the tangent derived from the adjoint: one adjoint call.
        C.HypotenuseForward(3, 1, 4, 0, out _);
        Assert.Equal(2, F.SqrtAdjointCalls);

        F.CbrtTangentCalls = 0;
        C.CubeRootOfProductForward(2, 1, 4, 0, out _);
        Assert.Equal(1, F.CbrtTangentCalls);
    }

    [Fact]
    public void The_tangent_derived_from_an_adjoint_is_the_gradient_times_the_tangents()
    {
        // d√x = dx / (2√x), in closed form; NewtonSqrtForward is generated from NewtonSqrtAdjoint.
        double value = F.NewtonSqrtForward(6.25, 3, out double dot);
        Assert.Equal(2.5, value, 1e-15);
        Assert.Equal(3 / (2 * 2.5), dot, 1e-15);

        // d√(1 + |v|²) = v·dv / r, with r = √(1 + 1 + 4 + 4) = √10.
        double[] v = [1, 2, -2], dv = [0.5, -1, 3];
        F.RootSumSquaresForward(v, dv, 1.0, out double normDot);
        Assert.Equal((0.5 - 2 - 6) / Math.Sqrt(10), normDot, 1e-14);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(-1.5, 0.5)]
    public void A_callers_Hessian_vector_product_calls_the_custom_one(double x, double y)
    {
        // f = ∛(xy) + y², u = xy, r = ∛u: f_xx = y²·r″, f_xy = r′ + u·r″, f_yy = x²·r″ + 2, r′ = 1/(3r²), r″ = −2/(9r⁵).
        double u = x * y, r = Math.Cbrt(u);
        double slope = 1 / (3 * r * r), curvature = -2 / (9 * Math.Pow(r, 5));
        double fxx = y * y * curvature, fxy = slope + u * curvature, fyy = x * x * curvature + 2;
        const double vx = 0.6, vy = -1.3;

        double xBar = 0, xBarDot = 0, yBar = 0, yBarDot = 0;
        C.CubeRootOfProductHessianVector(x, vx, ref xBar, ref xBarDot, y, vy, ref yBar, ref yBarDot);
        Assert.Equal(y * slope, xBar, 1e-12);
        Assert.Equal(x * slope + 2 * y, yBar, 1e-12);
        Assert.Equal(fxx * vx + fxy * vy, xBarDot, 1e-11);
        Assert.Equal(fxy * vx + fyy * vy, yBarDot, 1e-11);
    }

    [Fact]
    public void Without_a_custom_Hessian_vector_product_the_one_added_says_what_to_supply()
    {
        double xBar = 0, xBarDot = 0;
        var error = Assert.Throws<NotSupportedException>(() => F.NewtonSqrtHessianVector(4, 1, ref xBar, ref xBarDot));
        Assert.Contains("[DerivativeOf(nameof(NewtonSqrt), Kind = DerivativeKind.HessianVector)]", error.Message);
    }

    [Fact]
    public void The_derived_tangent_checks_its_partner_lengths_and_allocates_nothing_when_warm()
    {
        double[] v = [1, 2, 3];
        var error = Assert.Throws<ArgumentException>(() => F.RootSumSquaresForward(v, new double[2], 1.0, out _));
        Assert.Equal("vDot", error.ParamName);

        double[] dv = [1, 0, 0], w = [0.5, -0.5, 2];
        C.ScaledNormForward(w, dv, 2.0, 1.0, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            C.ScaledNormForward(w, dv, 2.0, 1.0, out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
