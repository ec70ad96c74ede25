using System;
using System.Linq;
using AutoGrad.Tests.Optimization;
using Xunit;
using static AutoGrad.Tests.SecondOrder.SecondOrderFunctions;

namespace AutoGrad.Tests.SecondOrder;

/// <summary>
/// Generated Hessian-vector products (forward over reverse) against closed-form Hessians and
/// against central differences of the generated gradient along the direction.
/// </summary>
public class HessianVectorTests
{
    private static double[,] ValleyHessian(double x, double y) => new[,] { { 2 - 8 * y + 24 * x * x, -8 * x }, { -8 * x, 4.0 } };

    [Theory]
    [InlineData(3, 2, 1, 0)]
    [InlineData(3, 2, 0, 1)]
    [InlineData(0, 1, 0.3, -0.8)]
    [InlineData(-1.5, 0.7, 2, 5)]
    public void Valley_products_are_the_closed_form_hessian_times_the_direction(double x, double y, double vx, double vy)
    {
        double xBar = 0, xBarDot = 0, yBar = 0, yBarDot = 0;
        double value = ValleyHessianVector(x, vx, ref xBar, ref xBarDot, y, vy, ref yBar, ref yBarDot);

        var h = ValleyHessian(x, y);
        Assert.Equal(Valley(x, y), value);
        Assert.Equal(-2 * (1 - x) - 8 * x * (y - x * x), xBar, 12);
        Assert.Equal(4 * (y - x * x), yBar, 12);
        Assert.Equal(h[0, 0] * vx + h[0, 1] * vy, xBarDot, 11);
        Assert.Equal(h[1, 0] * vx + h[1, 1] * vy, yBarDot, 11);
    }

    [Fact]
    public void The_seed_scales_both_its_tangent_adds_the_gradient_and_everything_accumulates()
    {
        const double x = 0.6, y = -0.4, vx = 0.25, vy = -1.5;
        double xBar = 1, xBarDot = 10, yBar = 2, yBarDot = 20;
        ValleyHessianVector(x, vx, ref xBar, ref xBarDot, y, vy, ref yBar, ref yBarDot, resultBar: 3, resultBarDot: 0.5);

        var h = ValleyHessian(x, y);
        double gx = -2 * (1 - x) - 8 * x * (y - x * x), gy = 4 * (y - x * x);
        Assert.Equal(1 + 3 * gx, xBar, 12);
        Assert.Equal(2 + 3 * gy, yBar, 12);
        Assert.Equal(10 + 3 * (h[0, 0] * vx + h[0, 1] * vy) + 0.5 * gx, xBarDot, 11);
        Assert.Equal(20 + 3 * (h[1, 0] * vx + h[1, 1] * vy) + 0.5 * gy, yBarDot, 11);
    }

    [Fact]
    public void A_quadratic_form_has_the_hessian_a_plus_a_transposed()
    {
        const int n = 7;
        var random = new Random(7);
        var a = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();

        var hessian = HessianFromProducts(n, (v, g, hv) => QuadraticHessianVector(x, v, g, hv, a));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(a[i * n + j] + a[j * n + i], hessian[i, j], 13);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(100)]
    public void Rosenbrock_hessian_built_from_products_is_symmetric_and_is_the_closed_form(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 3 - 1.5).ToArray();

        var hessian = HessianFromProducts(n, (v, g, hv) => OptimizationFunctions.RosenbrockHessianVector(x, v, g, hv));
        var expected = HessianFromProducts(n, (v, _, hv) => OptimizationFunctions.RosenbrockHessianTimes(x, v, hv));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(hessian[j, i], hessian[i, j]);
                Assert.True(Math.Abs(expected[i, j] - hessian[i, j]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i, j])),
                    $"H[{i},{j}] = {hessian[i, j]:R}, closed form {expected[i, j]:R}");
            }
    }

    [Fact]
    public void Log_sum_exp_hessian_is_diag_p_minus_p_p_transposed()
    {
        double[] x = [0.3, -1.2, 2.5, 0.0, -0.7, 1.1];
        int n = x.Length;
        double total = x.Sum(Math.Exp);
        var p = x.Select(xi => Math.Exp(xi) / total).ToArray();

        var hessian = HessianFromProducts(n, (v, g, hv) => LogSumExpHessianVector(x, v, g, hv));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = (i == j ? p[i] : 0) - p[i] * p[j];
                Assert.Equal(expected, hessian[i, j], 14);
                Assert.Equal(hessian[j, i], hessian[i, j], 15);
            }
    }

    [Fact]
    public void Float_log_sum_exp_products_match_the_closed_form_to_float_precision()
    {
        float[] x = [0.3f, -1.2f, 2.5f, 0.0f, -0.7f, 1.1f, 0.4f, -2f, 1.5f];
        float[] v = [1f, -0.5f, 0.25f, 2f, 0f, -1f, 0.5f, 0.75f, -0.25f];
        var gradient = new float[x.Length];
        var product = new float[x.Length];
        LogSumExpFHessianVector(x, v, gradient, product);

        double total = x.Sum(xi => Math.Exp(xi));
        var p = x.Select(xi => Math.Exp(xi) / total).ToArray();
        double pv = p.Zip(v, (pi, vi) => pi * vi).Sum();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(p[i], gradient[i], 5);
            Assert.Equal(p[i] * v[i] - p[i] * pv, product[i], 5);
        }
    }

    [Theory]
    [InlineData(0.8, 1.3)]
    [InlineData(-0.6, 0.9)]
    [InlineData(2.1, -0.5)]
    [InlineData(-1.7, -1.1)]
    public void Products_through_a_branch_and_intrinsics_agree_with_differences_of_the_gradient(double x, double y)
    {
        double[] at = [x, y];
        AssertAgreesWithDifferences(at, [0.7, -0.4],
            (p, g) => { double xb = 0, yb = 0; BranchyAdjoint(p[0], ref xb, p[1], ref yb); g[0] = xb; g[1] = yb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0, yb = 0, ybd = 0;
                Assert.Equal(Branchy(p[0], p[1]), BranchyHessianVector(p[0], v[0], ref xb, ref xbd, p[1], v[1], ref yb, ref ybd));
                g[0] = xb; g[1] = yb; hv[0] = xbd; hv[1] = ybd;
            });
    }

    [Theory]
    [InlineData(0.5, 1.2)]
    [InlineData(1.1, 1.05)]
    [InlineData(3.0, 1.5)]
    public void Products_through_a_loop_with_a_data_dependent_exit_agree_with_differences_of_the_gradient(double x, double rate)
    {
        AssertAgreesWithDifferences([x, rate], [1, 0.3],
            (p, g) => { double xb = 0, rb = 0; GrowAdjoint(p[0], ref xb, p[1], ref rb); g[0] = xb; g[1] = rb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0, rb = 0, rbd = 0;
                GrowHessianVector(p[0], v[0], ref xb, ref xbd, p[1], v[1], ref rb, ref rbd);
                g[0] = xb; g[1] = rb; hv[0] = xbd; hv[1] = rbd;
            });
    }

    [Fact]
    public void A_cosine_turning_faster_than_a_difference_step_keeps_its_curvature_in_the_product()
    {
        const double x = 0.9637918472290039, v = 2;
        double xBar = 0, xBarDot = 0;
        FastCosineHessianVector(x, v, ref xBar, ref xBarDot);

        // ⟨v, H·v⟩ = v²·f″, p = 2³²·c(x), c = ∛(x + 0.3): f″ = (4 − cos p)·p′² + (4p − sin p)·p″, p′ = 2³²·c′, p″ = 2³²·c″.
        double scale = Math.Pow(2, 32), c = Math.Cbrt(x + 0.3), p = scale * c;
        double pDot = scale / (3 * c * c), pDotDot = -2 * scale / (9 * c * c * c * c * c);
        double expected = v * v * ((4 - Math.Cos(p)) * pDot * pDot + (4 * p - Math.Sin(p)) * pDotDot);
        double cosineShare = -v * v * Math.Cos(p) * pDot * pDot;
        Assert.True(Math.Abs(cosineShare) > 0.1 * Math.Abs(expected), $"the point must make cos(p) matter: {cosineShare} of {expected}");
        Assert.Equal(1, v * xBarDot / expected, 9);

        double Slope(double t)
        {
            double bar = 0;
            FastCosineAdjoint(x + t * v, ref bar);
            return bar * v;
        }
        double Differences(double h) => (Slope(h) - Slope(-h)) / (2 * h);
        // A step of 2⁻¹⁴ averages the cosine's 2·10⁴ periods away; one of 2⁻³⁶ (0.04 radians of p) resolves it.
        Assert.Equal(1, Differences(Math.Pow(2, -14)) / (expected - cosineShare), 3);
        Assert.Equal(1, Differences(Math.Pow(2, -36)) / expected, 3);
    }

    [Fact]
    public void Products_over_a_span_with_carried_products_agree_with_differences_of_the_gradient()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var v = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var weights = Enumerable.Range(0, 9).Select(_ => random.NextDouble()).ToArray();
        AssertAgreesWithDifferences(x, v,
            (p, g) => ProductAndSquaresAdjoint(p, g, weights),
            (p, d, g, hv) => ProductAndSquaresHessianVector(p, d, g, hv, weights));
    }

    [Theory]
    [InlineData(0.4, 1.3)]
    [InlineData(-1.1, 0.6)]
    public void Products_through_calls_call_the_callees_products_and_agree_with_differences(double x, double y)
    {
        AssertAgreesWithDifferences([x, y], [0.9, -0.3],
            (p, g) => { double xb = 0, yb = 0; CallsChainAdjoint(p[0], ref xb, p[1], ref yb); g[0] = xb; g[1] = yb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0, yb = 0, ybd = 0;
                Assert.Equal(CallsChain(p[0], p[1]), CallsChainHessianVector(p[0], v[0], ref xb, ref xbd, p[1], v[1], ref yb, ref ybd));
                g[0] = xb; g[1] = yb; hv[0] = xbd; hv[1] = ybd;
            });

        const double c = 1.7;
        AssertAgreesWithDifferences([x], [1],
            (p, g) => { double xb = 0; CallsWithConstantsAdjoint(p[0], ref xb, c); g[0] = xb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0;
                CallsWithConstantsHessianVector(p[0], v[0], ref xb, ref xbd, c);
                g[0] = xb; hv[0] = xbd;
            });
    }

    [Theory]
    [InlineData(-1.9276037216186523)]
    [InlineData(0.7)]
    public void A_callee_given_an_expression_in_a_loop_gets_its_tangent(double x)
    {
        AssertAgreesWithDifferences([x], [1],
            (p, g) => { double xb = 0; CallsWithAnExpressionArgumentAdjoint(p[0], ref xb, 4); g[0] = xb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0;
                CallsWithAnExpressionArgumentHessianVector(p[0], v[0], ref xb, ref xbd, 4);
                g[0] = xb; hv[0] = xbd;
            });
    }

    [Fact]
    public void A_no_diff_parameter_stops_second_derivatives_as_stop_gradient_does()
    {
        // f(x) = Weighted(x, x) = x³, with the weight constant to derivatives: ∇f = 2x·w = 2x², and
        // its tangent with w's stopped too (JAX: jvp of grad through stop_gradient) is 2w·v = 2x·v.
        const double x = 1.5, v = 0.75;
        double xBar = 0, xBarDot = 0;
        StopsAtNoDiffHessianVector(x, v, ref xBar, ref xBarDot);
        Assert.Equal(2 * x * x, xBar, 14);
        Assert.Equal(2 * x * v, xBarDot, 14);
    }

    [Fact]
    public void Products_through_a_void_callee_writing_an_output_agree_with_differences()
    {
        double[] x = [0.3, -1.2, 0.8, 2.0, -0.4];
        double[] v = [1, 0.5, -0.25, 0.75, -1];
        AssertAgreesWithDifferences(x, v,
            (p, g) => CallsSpanWriterAdjoint(p, g, new double[p.Length], new double[p.Length]),
            (p, d, g, hv) => CallsSpanWriterHessianVector(p, d, g, hv, new double[p.Length], new double[p.Length], new double[p.Length], new double[p.Length]));
    }

    [Fact]
    public void A_direction_of_the_wrong_length_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => LogSumExpHessianVector(new double[3], new double[2], new double[3], new double[3]));
        Assert.Equal("xDot", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => LogSumExpHessianVector(new double[3], new double[3], new double[3], new double[4]));
        Assert.Equal("xBarDot", error.ParamName);
    }

    /// <summary>Column j is H·e_j.</summary>
    internal static double[,] HessianFromProducts(int n, Action<double[], double[], double[]> product)
    {
        var hessian = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var direction = new double[n];
            direction[j] = 1;
            var gradient = new double[n];
            var column = new double[n];
            product(direction, gradient, column);
            for (int i = 0; i < n; i++)
                hessian[i, j] = column[i];
        }
        return hessian;
    }

    /// <summary>H·v against (∇f(x + hv) − ∇f(x − hv)) / 2h, and the gradient it returns against the adjoint's.</summary>
    internal static void AssertAgreesWithDifferences(double[] at, double[] direction, Action<double[], double[]> gradientOf, Action<double[], double[], double[], double[]> productOf)
    {
        int n = at.Length;
        var gradient = new double[n];
        var product = new double[n];
        productOf(at, direction, gradient, product);

        var expectedGradient = new double[n];
        gradientOf(at, expectedGradient);
        const double h = 1e-5;
        var up = new double[n];
        var down = new double[n];
        gradientOf(at.Select((x, i) => x + h * direction[i]).ToArray(), up);
        gradientOf(at.Select((x, i) => x - h * direction[i]).ToArray(), down);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expectedGradient[i], gradient[i], 12);
            double difference = (up[i] - down[i]) / (2 * h);
            Assert.True(Math.Abs(difference - product[i]) <= 1e-6 * Math.Max(1, Math.Abs(difference)),
                $"(H·v)[{i}] = {product[i]:R}, central difference {difference:R}");
        }
    }
}
