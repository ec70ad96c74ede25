using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.SwitchStatementFunctions;

namespace AutoGrad.Tests;

/// <summary>Switch statements (issue 18): the section taken is the one differentiated, in both modes and in Hessian-vector products, against central differences.</summary>
public class SwitchStatementTests
{
    /// <summary>Each mode of <c>Piecewise</c> and each region of <c>Relational</c> (with x = 0, excluded by the guard).</summary>
    public static TheoryData<string, int, double> Points => new()
    {
        { "Piecewise", 0, 0.7 }, { "Piecewise", 1, 0.7 }, { "Piecewise", 2, -1.3 }, { "Piecewise", 7, 0.4 },
        { "Relational", 0, -2.5 }, { "Relational", 0, 0.6 }, { "Relational", 0, -0.3 }, { "Relational", 0, 1.8 },
    };

    private static (Func<double, double> Primal, Func<double, (double, double)> Forward, Func<double, (double, double)> Adjoint, Func<double, double, double> Product) Methods(string name, int mode) => name switch
    {
        "Piecewise" => (x => F.Piecewise(x, mode),
            x => (F.PiecewiseForward(x, 1.0, mode, out var d), d),
            x => { double b = 0; var r = F.PiecewiseAdjoint(x, ref b, mode); return (r, b); },
            (x, v) => { double b = 0, bd = 0; F.PiecewiseHessianVector(x, v, ref b, ref bd, mode); return bd; }),
        _ => (F.Relational,
            x => (F.RelationalForward(x, 1.0, out var d), d),
            x => { double b = 0; var r = F.RelationalAdjoint(x, ref b); return (r, b); },
            (x, v) => { double b = 0, bd = 0; F.RelationalHessianVector(x, v, ref b, ref bd); return bd; }),
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Both_modes_match_finite_differences(string name, int mode, double x)
    {
        var (primal, forward, adjoint, _) = Methods(name, mode);
        var expected = FiniteDifference.Derivative(primal, x);
        var (value, tangent) = forward(x);
        var (adjointValue, gradient) = adjoint(x);
        Assert.Equal(primal(x), value);
        Assert.Equal(primal(x), adjointValue);
        GradientAssert.Close(expected, tangent, Tolerance.FiniteDifference(Precision.Double), $"{name}({mode}) forward");
        GradientAssert.Close(expected, gradient, Tolerance.FiniteDifference(Precision.Double), $"{name}({mode}) adjoint");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Second_derivatives_match_differences_of_the_gradient(string name, int mode, double x)
    {
        var (_, _, adjoint, product) = Methods(name, mode);
        var expected = FiniteDifference.Derivative(t => adjoint(t).Item2, x);
        GradientAssert.Close(expected, product(x, 1.0), Tolerance.FiniteDifference(Precision.Double), $"{name}({mode}) second derivative");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_switch_in_a_loop_with_continue_matches_finite_differences(int skip)
    {
        double[] v = [0.4, -1.3, 2.2, 0.15, -0.6, 1.7, 0.9];
        double[] direction = [0.3, -0.7, 1.1, 0.5, -0.2, 0.8, -1.0];
        var gradient = new double[v.Length];
        Assert.Equal(F.InLoop(v, skip), F.InLoopAdjoint(v, gradient, skip), 1e-13);
        for (int i = 0; i < v.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(p => F.InLoop(p, skip), v, i), gradient[i], Tolerance.FiniteDifference(Precision.Double), $"∂/∂v{i}");
        F.InLoopForward(v, direction, skip, out var directional);
        var expected = FiniteDifference.Derivative(t => F.InLoop(v.Zip(direction, (a, d) => a + t * d).ToArray(), skip), 0.0);
        GradientAssert.Close(expected, directional, Tolerance.FiniteDifference(Precision.Double), "forward");
        HessianVectorTests.AssertAgreesWithDifferences(v, direction,
            (p, g) => F.InLoopAdjoint(p, g, skip),
            (p, d, g, hv) => F.InLoopHessianVector(p, d, g, hv, skip));
    }

    [Theory]
    [InlineData(0.8f, true)]
    [InlineData(0.8f, false)]
    [InlineData(-1.4f, false)]
    public void A_switch_on_a_bool_takes_its_section_in_float(float x, bool negate)
    {
        float gradient = 0;
        F.FlagAdjoint(x, ref gradient, negate);
        double expected = negate ? -2.0 * x : Math.Tanh(x) + x * (1 - Math.Tanh(x) * Math.Tanh(x));
        GradientAssert.Close(expected, gradient, Tolerance.ClosedForm(Precision.Float), "d/dx");
    }
}
