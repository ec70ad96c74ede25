using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.ForEachFunctions;

namespace AutoGrad.Tests;

/// <summary><c>foreach</c> over spans (issue 18) in both modes and in Hessian-vector products, against central differences and closed forms.</summary>
public class ForEachTests
{
    private static readonly double[] Point = [0.4, -1.3, 2.2, 0.15, -0.6, 1.7, 0.9];
    private static readonly double[] Weights = [1.5, -0.5, 2.0, 0.25, -1.0, 0.75, 3.0];
    private static readonly double[] Direction = [0.3, -0.7, 1.1, 0.5, -0.2, 0.8, -1.0];

    private delegate double Primal(ReadOnlySpan<double> x);

    private delegate double Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, out double resultDot);

    private delegate double Adjoint(ReadOnlySpan<double> x, Span<double> xBar, double resultBar);

    private delegate double Product(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot, double resultBar, double resultBarDot);

    public static TheoryData<string> Names => new("SumOfSquares", "Weighted", "Nested", "Product", "SumUntil", "FirstAbove");

    private static (Primal, Forward, Adjoint, Product) Methods(string name) => name switch
    {
        "SumOfSquares" => (F.SumOfSquares, F.SumOfSquaresForward, F.SumOfSquaresAdjoint, F.SumOfSquaresHessianVector),
        "Weighted" => (x => F.Weighted(x, Weights), (ReadOnlySpan<double> x, ReadOnlySpan<double> d, out double r) => F.WeightedForward(x, d, Weights, out r),
            (x, b, s) => F.WeightedAdjoint(x, b, Weights, s), (x, d, b, bd, s, sd) => F.WeightedHessianVector(x, d, b, bd, Weights, s, sd)),
        "Nested" => (F.Nested, F.NestedForward, F.NestedAdjoint, F.NestedHessianVector),
        // The bound and threshold are met inside the walk (a break after the third element, a return at the third).
        "SumUntil" => (x => F.SumUntil(x, 5.0), (ReadOnlySpan<double> x, ReadOnlySpan<double> d, out double r) => F.SumUntilForward(x, d, 5.0, out r),
            (x, b, s) => F.SumUntilAdjoint(x, b, 5.0, s), (x, d, b, bd, s, sd) => F.SumUntilHessianVector(x, d, b, bd, 5.0, s, sd)),
        "FirstAbove" => (x => F.FirstAbove(x, 2.0), (ReadOnlySpan<double> x, ReadOnlySpan<double> d, out double r) => F.FirstAboveForward(x, d, 2.0, out r),
            (x, b, s) => F.FirstAboveAdjoint(x, b, 2.0, s), (x, d, b, bd, s, sd) => F.FirstAboveHessianVector(x, d, b, bd, 2.0, s, sd)),
        _ => (F.Product, F.ProductForward, F.ProductAdjoint, F.ProductHessianVector),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_finite_differences(string name)
    {
        var (primal, _, adjoint, _) = Methods(name);
        // Equal up to the order of summation: the vector path sums a reduction's lanes separately.
        VectorLossChecks.GradientMatches(p => primal(p), (p, g) => adjoint(p, g, 1.0), Point, name, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_mode_is_the_directional_derivative(string name)
    {
        var (primal, forward, _, _) = Methods(name);
        VectorLossChecks.DirectionalDerivativeMatches(p => primal(p), (p, d) => (forward(p, d, out var r), r), Point, Direction, name, 1e-13);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hessian_vector_products_agree_with_differences_of_the_gradient(string name)
    {
        var (_, _, adjoint, product) = Methods(name);
        HessianVectorTests.AssertAgreesWithDifferences(Point, Direction,
            (p, g) => adjoint(p, g, 1.0),
            (p, v, g, hv) => product(p, v, g, hv, 1.0, 0.0));
    }

    /// <summary>Σ v²: gradient 2x, Hessian 2I.</summary>
    [Fact]
    public void A_sum_of_squares_has_the_closed_form_gradient_and_hessian()
    {
        var gradient = new double[Point.Length];
        var product = new double[Point.Length];
        F.SumOfSquaresHessianVector(Point, Direction, gradient, product);
        Assert.Equal(Point.Select(x => 2 * x), gradient);
        Assert.Equal(Direction.Select(v => 2 * v), product);
    }

    /// <summary>Elements after a break or a return get no gradient at all.</summary>
    [Fact]
    public void Elements_after_a_break_or_a_return_get_no_gradient()
    {
        var untilBreak = new double[Point.Length];
        F.SumUntilAdjoint(Point, untilBreak, 5.0);
        Assert.Equal([2 * Point[0], 2 * Point[1], 2 * Point[2], 0, 0, 0, 0], untilBreak);
        var untilReturn = new double[Point.Length];
        F.FirstAboveAdjoint(Point, untilReturn, 2.0);
        Assert.All(untilReturn[3..], gradient => Assert.Equal(0.0, gradient));
        Assert.NotEqual(0.0, untilReturn[2]);
    }

    /// <summary>The float gradient against central differences of the same function evaluated in double at the float point.</summary>
    [Fact]
    public void Float_gradient_matches_finite_differences_in_double()
    {
        float[] x = [.. Point.Select(p => (float)p)];
        var gradient = new float[x.Length];
        F.ProductFAdjoint(x, gradient);
        double[] at = [.. x.Select(v => (double)v)];
        for (int i = 0; i < x.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(p => F.Product(p), at, i), gradient[i], Tolerance.FiniteDifference(Precision.Float), $"ProductF ∂/∂x{i}");
    }
}
