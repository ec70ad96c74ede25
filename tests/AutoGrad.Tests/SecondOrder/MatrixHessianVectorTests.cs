using System;
using System.Linq;
using AutoGrad.Tests.Matrices.Functions;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.Dense;

namespace AutoGrad.Tests.SecondOrder;

/// <summary>
/// Hessian-vector products of matrix methods — the forward transform applied to adjoints made of
/// GEMMs, broadcasts and reductions — against a closed form and differences of the gradient.
/// </summary>
public class MatrixHessianVectorTests
{
    private delegate void Gradient(Matrix<double>[] at, Matrix<double>[] gradient);

    private delegate void Product(Matrix<double>[] at, Matrix<double>[] direction, Matrix<double>[] gradient, Matrix<double>[] product);

    [Fact]
    public void Linear_mse_products_are_two_over_n_times_v_x_x_transposed()
    {
        var w = Random(1, 5, 4);
        var x = Random(2, 4, 3);
        var y = Random(3, 5, 3);
        var v = Random(4, 5, 4);
        var gradient = new Matrix<double>(5, 4);
        var product = new Matrix<double>(5, 4);
        MatrixModels.LinearMseHessianVector(M(w), M(v), gradient, product, M(x), M(y));

        var expected = Map(MatMul(MatMul(v, x), T(x)), value => 2.0 / 15 * value);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(expected[i, j], product[i, j], 14);
    }

    [Fact]
    public void Exp_link_products_agree_with_differences_of_the_gradient()
    {
        Matrix<double> C = M(Membership(3, 20, 4)), D = M(Random(4, 20, 4, 0, 1)), E = M(Membership(5, 12, 20)), F = M(Random(6, 12, 3, 0, 20));
        AssertAgreesWithDifferences([M(Random(1, 4, 3, 0, 1)), M(Random(2, 4, 3, 0, 1))],
            (p, g) => MatrixModels.ExpLinkLossAdjoint(p[0], g[0], p[1], g[1], C, D, E, F),
            (p, v, g, hv) => MatrixModels.ExpLinkLossHessianVector(p[0], v[0], g[0], hv[0], p[1], v[1], g[1], hv[1], C, D, E, F));
    }

    [Fact]
    public void Network_products_agree_with_differences_of_the_gradient()
    {
        Matrix<double> x = M(Random(7, 5, 6)), y = M(Random(8, 3, 6));
        AssertAgreesWithDifferences([M(Random(9, 4, 5)), M(Random(10, 3, 4))],
            (p, g) => MatrixModels.TwoLayerMseAdjoint(p[0], g[0], p[1], g[1], x, y),
            (p, v, g, hv) => MatrixModels.TwoLayerMseHessianVector(p[0], v[0], g[0], hv[0], p[1], v[1], g[1], hv[1], x, y));

        Matrix<double> X = M(new double[,] { { 0, 0, 1 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 1 } }), labels = M(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        AssertAgreesWithDifferences([M(Random(11, 3, 4)), M(Random(12, 4, 1))],
            (p, g) => MatrixModels.SigmoidNetLossAdjoint(p[0], g[0], p[1], g[1], X, labels),
            (p, v, g, hv) => MatrixModels.SigmoidNetLossHessianVector(p[0], v[0], g[0], hv[0], p[1], v[1], g[1], hv[1], X, labels));

        Matrix<double> input = M(Random(13, 3, 5)), target = M(Random(14, 2, 5, 0, 1));
        AssertAgreesWithDifferences([M(Random(15, 2, 3)), M(Random(16, 2, 1))],
            (p, g) => MatrixModels.ModelLossAdjoint(p[0], g[0], p[1], g[1], input, target),
            (p, v, g, hv) => MatrixModels.ModelLossHessianVector(p[0], v[0], g[0], hv[0], p[1], v[1], g[1], hv[1], input, target));
    }

    [Fact]
    public void Products_through_broadcasts_and_elementwise_functions_agree_with_differences_of_the_gradient()
    {
        const double s = 0.7;
        AssertAgreesWithDifferences([M(Random(17, 3, 5)), M(Random(18, 1, 5)), M(Random(19, 3, 1))],
            (p, g) => { double sBar = 0; MatrixModels.BroadcastsAdjoint(p[0], g[0], p[1], g[1], p[2], g[2], s, ref sBar); },
            (p, v, g, hv) =>
            {
                double sBar = 0, sBarDot = 0;
                MatrixModels.BroadcastsHessianVector(p[0], v[0], g[0], hv[0], p[1], v[1], g[1], hv[1], p[2], v[2], g[2], hv[2], s, 0, ref sBar, ref sBarDot);
            });

        // Away from 0, where Relu and Abs have their kinks.
        var away = Map(Random(20, 4, 3), value => value + Math.Sign(value) * 0.2);
        AssertAgreesWithDifferences([M(away)],
            (p, g) => MatrixModels.ElementwiseAdjoint(p[0], g[0]),
            (p, v, g, hv) => MatrixModels.ElementwiseHessianVector(p[0], v[0], g[0], hv[0]));
    }

    [Fact]
    public void A_direction_of_the_wrong_shape_is_refused_naming_it()
    {
        var a = new Matrix<double>(2, 3);
        var error = Assert.Throws<ArgumentException>(() => MatrixModels.ElementwiseHessianVector(a, new Matrix<double>(3, 2), new Matrix<double>(2, 3), new Matrix<double>(2, 3)));
        Assert.Equal("aDot", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => MatrixModels.ElementwiseHessianVector(a, new Matrix<double>(2, 3), new Matrix<double>(2, 3), new Matrix<double>(1, 3)));
        Assert.Equal("aBarDot", error.ParamName);
    }

    /// <summary>H·v against (∇f(x + hv) − ∇f(x − hv)) / 2h over all the matrices at once, for a random direction.</summary>
    private static void AssertAgreesWithDifferences(Matrix<double>[] at, Gradient gradientOf, Product productOf)
    {
        var direction = at.Select((m, index) => M(Random(100 + index, m.Rows, m.Cols))).ToArray();
        Matrix<double>[] Zeros() => at.Select(m => new Matrix<double>(m.Rows, m.Cols)).ToArray();
        Matrix<double>[] Moved(double step) => at.Select((m, index) =>
        {
            var moved = new Matrix<double>(m.Rows, m.Cols);
            for (int e = 0; e < moved.Span.Length; e++)
                moved.Span[e] = m.Span[e] + step * direction[index].Span[e];
            return moved;
        }).ToArray();

        var gradient = Zeros();
        var product = Zeros();
        productOf(at, direction, gradient, product);
        var expectedGradient = Zeros();
        gradientOf(at, expectedGradient);
        const double h = 1e-5;
        var up = Zeros();
        var down = Zeros();
        gradientOf(Moved(h), up);
        gradientOf(Moved(-h), down);
        for (int m = 0; m < at.Length; m++)
            for (int e = 0; e < at[m].Span.Length; e++)
            {
                Assert.Equal(expectedGradient[m].Span[e], gradient[m].Span[e], 1e-12 * Math.Max(1, Math.Abs(expectedGradient[m].Span[e])));
                double difference = (up[m].Span[e] - down[m].Span[e]) / (2 * h);
                Assert.True(Math.Abs(difference - product[m].Span[e]) <= 1e-6 * Math.Max(1, Math.Abs(difference)),
                    $"parameter {m}, element {e}: H·v = {product[m].Span[e]:R}, central difference {difference:R}");
            }
    }
}
