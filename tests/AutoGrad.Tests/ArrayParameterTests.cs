using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.ArrayFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Array parameters (issue 18): an array the method only reads is an input, one it writes is an output, with the
/// partners of the span it is used as; both modes and Hessian-vector products against central differences.
/// </summary>
public class ArrayParameterTests
{
    private static readonly double[] Point = [0.4, -1.3, 2.2, 0.15, -0.6, 1.7];
    private static readonly double[] Weights = [1.5, -0.5, 2.0, 0.25, -1.0, 0.75];
    private static readonly double[] Direction = [0.3, -0.7, 1.1, 0.5, -0.2, 0.8];

    public static TheoryData<string> ScalarNames => new("SumOfSquares", "Weighted", "Calls", "Ranges");

    private static ArrayLoss Methods(string name) => name switch
    {
        "SumOfSquares" => new(F.SumOfSquares, F.SumOfSquaresForward, F.SumOfSquaresAdjoint, F.SumOfSquaresHessianVector),
        "Weighted" => new(x => F.Weighted(x, Weights), (double[] x, ReadOnlySpan<double> d, out double r) => F.WeightedForward(x, d, Weights, out r),
            (x, b, s) => F.WeightedAdjoint(x, b, Weights, s), (x, d, b, bd, s, sd) => F.WeightedHessianVector(x, d, b, bd, Weights, s, sd)),
        "Ranges" => new(F.Ranges, F.RangesForward, F.RangesAdjoint, F.RangesHessianVector),
        _ => new(F.Calls, F.CallsForward, F.CallsAdjoint, F.CallsHessianVector),
    };

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Gradient_matches_finite_differences(string name) => Methods(name).GradientMatchesFiniteDifferences(Point, name);

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Forward_mode_is_the_directional_derivative(string name) => Methods(name).ForwardModeIsTheDirectionalDerivative(Point, Direction, name);

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Hessian_vector_products_agree_with_differences_of_the_gradient(string name) => Methods(name).HessianVectorProductsAgreeWithDifferencesOfTheGradient(Point, Direction);

    /// <summary>Σ x²: gradient 2x, Hessian 2I.</summary>
    [Fact]
    public void A_sum_of_squares_over_an_array_has_the_closed_form_gradient_and_hessian()
    {
        var gradient = new double[Point.Length];
        var product = new double[Point.Length];
        F.SumOfSquaresHessianVector(Point, Direction, gradient, product);
        Assert.Equal(Point.Select(x => 2 * x), gradient);
        Assert.Equal(Direction.Select(v => 2 * v), product);
    }

    /// <summary>y = a·x + sin x, y₀ += a²: ∂yᵢ/∂xⱼ = δᵢⱼ(a + cos xᵢ), ∂yᵢ/∂a = xᵢ (+ 2a for i = 0).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_output_array_has_the_closed_form_jacobian_in_both_modes(bool throughCallee)
    {
        const double a = 0.8;
        double scale = throughCallee ? 2.0 : a;
        var y = new double[Point.Length];
        var yDot = new double[Point.Length];
        if (throughCallee)
            F.AffineTwiceForward(Point, Direction, y, yDot);
        else
            F.AffineForward(Point, Direction, a, 0.5, y, yDot);
        double aDot = throughCallee ? 0.0 : 0.5;
        for (int i = 0; i < Point.Length; i++)
        {
            double expectedY = scale * Point[i] + Math.Sin(Point[i]) + (i == 0 ? scale * scale : 0);
            double expectedDot = (scale + Math.Cos(Point[i])) * Direction[i] + aDot * (Point[i] + (i == 0 ? 2 * scale : 0));
            Assert.Equal(expectedY, y[i], 1e-12);
            Assert.Equal(expectedDot, yDot[i], 1e-12);
        }

        // The adjoint with the cotangent w: x̄ᵢ = wᵢ(a + cos xᵢ), ā = Σ wᵢxᵢ + 2a·w₀.
        var w = Weights;
        var xBar = new double[Point.Length];
        double aBar = 0;
        Array.Fill(y, double.NaN);
        if (throughCallee)
            F.AffineTwiceAdjoint(Point, xBar, y, w);
        else
            F.AffineAdjoint(Point, xBar, a, ref aBar, y, w);
        for (int i = 0; i < Point.Length; i++)
        {
            Assert.Equal(w[i] * (scale + Math.Cos(Point[i])), xBar[i], 1e-12);
            Assert.Equal(scale * Point[i] + Math.Sin(Point[i]) + (i == 0 ? scale * scale : 0), y[i], 1e-12);
        }
        if (!throughCallee)
            Assert.Equal(w.Zip(Point, (wi, xi) => wi * xi).Sum() + 2 * a * w[0], aBar, 1e-12);
    }

    /// <summary>The tangent of the adjoint of y = a·x + sin x: x̄̇ᵢ = −wᵢ sin(xᵢ)·vᵢ + wᵢ·ȧ, against differences of x̄.</summary>
    [Fact]
    public void The_tangent_of_an_output_arrays_adjoint_agrees_with_differences_of_the_adjoint()
    {
        const double a = 0.8, aDot = 0.5;
        var xBar = new double[Point.Length];
        var xBarDot = new double[Point.Length];
        double aBar = 0, aBarDot = 0;
        var y = new double[Point.Length];
        F.AffineHessianVector(Point, Direction, xBar, xBarDot, a, aDot, ref aBar, ref aBarDot, y, new double[Point.Length], Weights, new double[Point.Length]);
        for (int i = 0; i < Point.Length; i++)
        {
            int k = i;
            var expected = FiniteDifference.Derivative(t =>
            {
                var bar = new double[Point.Length];
                double ab = 0;
                F.AffineAdjoint(Moved(Point, Direction, t), bar, a + t * aDot, ref ab, new double[Point.Length], Weights);
                return bar[k];
            }, 0.0);
            GradientAssert.Close(expected, xBarDot[i], Tolerance.FiniteDifference(Precision.Double), $"x̄̇{i}");
        }
    }

    [Fact]
    public void Float_arrays_match_finite_differences_in_double()
    {
        float[] x = [0.4f, -1.3f, 2.2f, 0.15f, -0.6f];
        var gradient = new float[x.Length];
        F.FloatAdjoint(x, gradient);
        static double InDouble(double[] p) => p.Sum(v => Math.Tanh(v) * v);
        double[] at = x.Select(v => (double)v).ToArray();
        for (int i = 0; i < x.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(InDouble, at, i), gradient[i], Tolerance.FiniteDifference(Precision.Float), $"∂/∂x{i}");
        F.FloatForward(x, x.Select(_ => 1f).ToArray(), out var directional);
        GradientAssert.Close(FiniteDifference.Derivative(t => InDouble(at.Select(v => v + t).ToArray()), 0.0), directional,
            Tolerance.FiniteDifference(Precision.Float), "forward");
    }

    [Fact]
    public void A_null_array_is_refused_with_its_name()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => F.SumOfSquaresAdjoint(null!, new double[1]));
        Assert.Equal("x", exception.ParamName);
        exception = Assert.Throws<ArgumentNullException>(() => F.AffineForward(Point, Direction, 1.0, 0.0, null!, new double[Point.Length]));
        Assert.Equal("y", exception.ParamName);
    }

    [Fact]
    public void A_gradient_of_the_wrong_length_is_refused_with_its_name()
    {
        var exception = Assert.Throws<ArgumentException>(() => F.SumOfSquaresAdjoint(Point, new double[Point.Length - 1]));
        Assert.Equal("xBar", exception.ParamName);
    }

    private static double[] Moved(double[] x, double[] direction, double t) => x.Zip(direction, (xi, di) => xi + t * di).ToArray();
}
