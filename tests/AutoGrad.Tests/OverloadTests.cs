using System;
using Xunit;
using O = AutoGrad.Tests.Functions.OverloadFunctions;

namespace AutoGrad.Tests;

/// <summary>Overloads get their own generated derivatives, and calls between them reach the right ones: checked against closed forms.</summary>
public class OverloadTests
{
    [Fact]
    public void Overloads_by_span_element_type_each_have_their_gradient()
    {
        double[] x = [1.5, -2, 0.25];
        var xBar = new double[3];
        Assert.Equal(O.SumOfSquares(x), O.SumOfSquaresAdjoint(x, xBar));
        Assert.Equal([3.0, -4.0, 0.5], xBar);

        float[] xf = [1.5f, -2f, 0.25f];
        var xfBar = new float[3];
        Assert.Equal(O.SumOfSquares(xf), O.SumOfSquaresAdjoint(xf, xfBar));
        Assert.Equal([3.0f, -4.0f, 0.5f], xfBar);
    }

    [Theory]
    [InlineData(1.5, -0.5)]
    [InlineData(-2.0, 3.0)]
    public void Overloads_by_arity_call_each_others_derivatives(double x, double y)
    {
        // F(x, y) = x³y + y³: ∂x = 3x²y, ∂y = x³ + 3y²; ∂²/∂x² = 6xy, ∂²/∂x∂y = 3x², ∂²/∂y² = 6y.
        double xBar = 0, yBar = 0;
        Assert.Equal(O.F(x, y), O.FAdjoint(x, ref xBar, y, ref yBar));
        Assert.Equal(3 * x * x * y, xBar, 12);
        Assert.Equal(x * x * x + 3 * y * y, yBar, 12);
        O.FForward(x, 1, y, 0, out var dot);
        Assert.Equal(3 * x * x * y, dot, 12);
        xBar = yBar = 0;
        double xBarDot = 0, yBarDot = 0;
        O.FHessianVector(x, 1, ref xBar, ref xBarDot, y, 0, ref yBar, ref yBarDot);
        Assert.Equal(6 * x * y, xBarDot, 12);
        Assert.Equal(3 * x * x, yBarDot, 12);

        // F(x, n) = n·x³ + sin x, whose adjoint sits beside F(double)'s FAdjoint(x, ref xBar, resultBar).
        xBar = 0;
        O.FAdjoint(x, ref xBar, 4);
        Assert.Equal(12 * x * x + Math.Cos(x), xBar, 12);
        xBar = 0;
        O.FAdjoint(x, ref xBar, 2.0);
        Assert.Equal(2.0 * 3 * x * x, xBar, 12);
    }
}
