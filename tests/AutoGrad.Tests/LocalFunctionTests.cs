using System;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.LocalFunctionFunctions;

namespace AutoGrad.Tests;

/// <summary>Local functions (issue 18), inlined where they are called: both modes and Hessian-vector products against central differences.</summary>
public class LocalFunctionTests
{
    private static readonly double[] X = [0.5, -1.2, 2.0, 0.3, -0.7];
    private static readonly double[] Y = [1, 0, 1, 1, 0];

    [Fact]
    public void A_static_helper_in_a_loop_is_differentiated_with_the_loss()
    {
        double[] w = [0.8, -0.3], direction = [0.4, 1.1];
        VectorLossChecks.GradientMatches(p => F.Logistic(p, X, Y), (p, g) => F.LogisticAdjoint(p, g, X, Y), w, "Logistic", 1e-13);
        VectorLossChecks.DirectionalDerivativeMatches(p => F.Logistic(p, X, Y), (p, d) => (F.LogisticForward(p, d, X, Y, out var r), r), w, direction, "Logistic", 1e-13);
        HessianVectorTests.AssertAgreesWithDifferences(w, direction,
            (p, g) => F.LogisticAdjoint(p, g, X, Y),
            (p, v, g, hv) => F.LogisticHessianVector(p, v, g, hv, X, Y));
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.1, 0.4)]
    public void Helpers_that_capture_nothing_and_convert_to_float_are_differentiated(double x, double a)
    {
        double xBar = 0, aBar = 0;
        Assert.Equal(F.Polynomial(x, a), F.PolynomialAdjoint(x, ref xBar, a, ref aBar));
        // x³ + a(x − a)³ + (float)x / 2
        double d = x - a;
        GradientAssert.Close(3 * x * x + 3 * a * d * d + 0.5, xBar, Tolerance.ClosedForm(Precision.Float), "∂/∂x");
        GradientAssert.Close(d * d * d - 3 * a * d * d, aBar, Tolerance.ClosedForm(Precision.Double), "∂/∂a");
        F.PolynomialForward(x, 1.0, a, 0.0, out var tangent);
        GradientAssert.Close(xBar, tangent, Tolerance.ClosedForm(Precision.Double), "forward");
    }

    /// <summary>y = x·sign(x² − 1), plus (x² − 1)·x where x² &gt; 1: y′ = sign(x² − 1) (+ 3x² − 1).</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.7)]
    [InlineData(2.2)]
    public void Helpers_in_an_if_condition_and_an_integer_expression_are_differentiated(double x)
    {
        double shifted = x * x - 1;
        double expected = Math.Sign(shifted) + (shifted > 0 ? 3 * x * x - 1 : 0);
        double xBar = 0;
        Assert.Equal(F.Branchy(x), F.BranchyAdjoint(x, ref xBar));
        GradientAssert.Close(expected, xBar, Tolerance.ClosedForm(Precision.Double), "adjoint");
        F.BranchyForward(x, 1.0, out var tangent);
        GradientAssert.Close(expected, tangent, Tolerance.ClosedForm(Precision.Double), "forward");
    }

    [Fact]
    public void A_helper_over_spans_declared_after_its_use_is_called_on_a_slice()
    {
        double[] v = [0.4, -1.3, 2.2, 0.15], direction = [0.3, -0.7, 1.1, 0.5];
        VectorLossChecks.GradientMatches(p => F.Norm(p), (p, g) => F.NormAdjoint(p, g), v, "Norm", 1e-13);
        VectorLossChecks.DirectionalDerivativeMatches(p => F.Norm(p), (p, d) => (F.NormForward(p, d, out var r), r), v, direction, "Norm", 1e-13);
        HessianVectorTests.AssertAgreesWithDifferences(v, direction, (p, g) => F.NormAdjoint(p, g), (p, d, g, hv) => F.NormHessianVector(p, d, g, hv));
    }
}
