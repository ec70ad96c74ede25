using System;
using AutoGrad.Tests.Matrices.Functions;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.Dense;
using static AutoGrad.Tests.Matrices.Differentiation.FiniteDifferences;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>
/// Random shapes — 1, odd sizes, sizes that are not multiples of a vector width — against central
/// finite differences (reverse mode) and the dot-product test (forward against reverse), double
/// and float; bad shapes; allocation.
/// </summary>
public class MatrixPropertyTests
{
    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 1, 5 }, { 3, 1 }, { 3, 7 }, { 4, 4 }, { 9, 5 }, { 17, 3 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Broadcasting_gradients_agree_with_finite_differences(int rows, int cols)
    {
        Matrix<double> x = M(Random(rows * 31 + cols, rows, cols)), bias = M(Random(2, 1, cols)), scale = M(Random(3, rows, 1));
        double s = 0.7;
        double F() => MatrixModels.Broadcasts(x, bias, scale, s);

        var xBar = new Matrix<double>(rows, cols);
        var biasBar = new Matrix<double>(1, cols);
        var scaleBar = new Matrix<double>(rows, 1);
        double sBar = 0;
        Assert.Equal(F(), MatrixModels.BroadcastsAdjoint(x, xBar, bias, biasBar, scale, scaleBar, s, ref sBar));
        AssertClose(Gradient(x, F), xBar, 1e-6, 1e-7, "x");
        AssertClose(Gradient(bias, F), biasBar, 1e-6, 1e-7, "row bias");
        AssertClose(Gradient(scale, F), scaleBar, 1e-6, 1e-7, "column scale");
        double h = 1e-6;
        double sFd = (MatrixModels.Broadcasts(x, bias, scale, s + h) - MatrixModels.Broadcasts(x, bias, scale, s - h)) / (2 * h);
        Assert.Equal(sFd, sBar, 1e-6 * Math.Abs(sFd) + 1e-7);

        // Forward against reverse: ⟨∇f, v⟩ for a random direction v over all inputs.
        Matrix<double> dx = M(Random(4, rows, cols)), dBias = M(Random(5, 1, cols)), dScale = M(Random(6, rows, 1));
        double ds = -0.3;
        MatrixModels.BroadcastsForward(x, dx, bias, dBias, scale, dScale, s, ds, out double dot);
        double expected = Inner(xBar, dx) + Inner(biasBar, dBias) + Inner(scaleBar, dScale) + sBar * ds;
        Assert.Equal(expected, dot, 1e-10 * (Math.Abs(expected) + 1));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Tangents_of_lone_broadcast_operands_agree_with_finite_differences(int rows, int cols)
    {
        Matrix<double> x = M(Random(rows * 13 + cols, rows, cols)), bias = M(Random(7, 1, cols)), scale = M(Random(8, rows, 1));
        Matrix<double> dBias = M(Random(10, 1, cols)), dScale = M(Random(11, rows, 1));
        MatrixModels.LoneBroadcastOperandsForward(bias, dBias, scale, dScale, x, out double dot);

        // The directional derivative by central differences along (dBias, dScale).
        double Along(double t) => MatrixModels.LoneBroadcastOperands(M(Add(ToDense(bias), ToDense(dBias), t)), M(Add(ToDense(scale), ToDense(dScale), t)), x);
        double h = 1e-5;
        double expected = (Along(h) - Along(-h)) / (2 * h);
        Assert.Equal(expected, dot, 1e-6 * (Math.Abs(expected) + 1));

        var biasBar = new Matrix<double>(1, cols);
        var scaleBar = new Matrix<double>(rows, 1);
        MatrixModels.LoneBroadcastOperandsAdjoint(bias, biasBar, scale, scaleBar, x);
        Assert.Equal(Inner(biasBar, dBias) + Inner(scaleBar, dScale), dot, 1e-10 * (Math.Abs(dot) + 1));
    }

    /// <summary>a + t·b, elementwise.</summary>
    private static double[,] Add(double[,] a, double[,] b, double t)
    {
        var sum = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                sum[i, j] += t * b[i, j];
        return sum;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Elementwise_and_axis_gradients_agree_with_finite_differences(int rows, int cols)
    {
        Matrix<double> a = M(Random(rows * 7 + cols * 3 + 1, rows, cols, -2, 2));
        var bar = new Matrix<double>(rows, cols);
        MatrixModels.ElementwiseAdjoint(a, bar);
        AssertClose(Gradient(a, () => MatrixModels.Elementwise(a)), bar, 1e-6, 1e-6, "elementwise");
        MatrixModels.ElementwiseForward(a, bar, out double dot);
        Assert.Equal(Inner(bar, bar), dot, 1e-10 * Inner(bar, bar));

        var axisBar = new Matrix<double>(rows, cols);
        MatrixModels.AxisReductionsAdjoint(a, axisBar);
        AssertClose(Gradient(a, () => MatrixModels.AxisReductions(a)), axisBar, 1e-6, 1e-6, "axis reductions");
        MatrixModels.AxisReductionsForward(a, axisBar, out double axisDot);
        Assert.Equal(Inner(axisBar, axisBar), axisDot, 1e-10 * Inner(axisBar, axisBar) + 1e-12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_gradients_agree_with_double_finite_differences(int rows, int cols)
    {
        double[,] a = Random(rows + 100 * cols, rows, cols), bias = Random(9, 1, cols);
        // The same function in double, differenced: the float gradient must match it to float accuracy.
        Matrix<double> ad = M(a), biasD = M(bias);
        double F()
        {
            double mean = 0;
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    mean += Math.Tanh(ad[i, j] + biasD[0, j]) / (1 + Math.Exp(-ad[i, j]));
            return mean / (rows * cols) + Sum(Map(MatMul(ToDense(ad), T(ToDense(ad))), v => v * v));
        }

        var aBar = new Matrix<float>(rows, cols);
        var biasBar = new Matrix<float>(1, cols);
        MatrixModels.ElementwiseFAdjoint(Dense.F(a), aBar, Dense.F(bias), biasBar);
        var expectedA = Gradient(ad, F);
        var expectedBias = Gradient(biasD, F);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                Assert.Equal(expectedA[i, j], aBar[i, j], 2e-4 * Math.Abs(expectedA[i, j]) + 2e-4);
        for (int j = 0; j < cols; j++)
            Assert.Equal(expectedBias[0, j], biasBar[0, j], 2e-4 * Math.Abs(expectedBias[0, j]) + 2e-4);
    }

    [Fact]
    public void A_partner_of_the_wrong_shape_is_refused_naming_it_before_anything_is_written()
    {
        Matrix<double> a = M(Random(1, 4, 3)), b = M(Random(2, 4, 3)), g = M(Random(3, 4, 3));
        var wrong = new Matrix<double>(3, 4);
        var bBar = new Matrix<double>(4, 3);
        var error = Assert.Throws<ArgumentException>(() => MatrixModels.AddAgainstAdjoint(a, wrong, b, bBar, g));
        Assert.Equal("aBar", error.ParamName);
        Assert.All(bBar.Span.ToArray(), value => Assert.Equal(0, value));
        Assert.Equal("aDot", Assert.Throws<ArgumentException>(() => MatrixModels.AddAgainstForward(a, wrong, b, bBar, g, out _)).ParamName);
    }

    [Fact]
    public void A_matrix_result_cotangent_of_the_wrong_shape_is_refused_naming_it()
    {
        Matrix<double> w = M(Random(1, 20, 5)), x = M(Random(2, 5, 1));
        var wBar = new Matrix<double>(20, 5);
        // A 1×1 cotangent would broadcast over the 20×1 result: it must be refused, not spread.
        var error = Assert.Throws<ArgumentException>(() => MatrixModels.LinearAdjoint(w, wBar, x, new Matrix<double>(1, 1)));
        Assert.Equal("resultBar", error.ParamName);
        Assert.All(wBar.Span.ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Shapes_that_do_not_fit_raise_argument_exceptions_naming_both()
    {
        Matrix<double> a = M(Random(1, 2, 3)), b = M(Random(2, 4, 5)), g = M(Random(3, 2, 5));
        var error = Assert.Throws<ArgumentException>(() => MatrixModels.MatMulAgainstAdjoint(a, new Matrix<double>(2, 3), b, new Matrix<double>(4, 5), g));
        Assert.Contains("2×3", error.Message);
        Assert.Contains("4×5", error.Message);
        var broadcast = Assert.Throws<ArgumentException>(() => MatrixModels.AddAgainst(a, M(Random(4, 3, 3)), M(Random(5, 2, 3))));
        Assert.Contains("2×3", broadcast.Message);
        Assert.Contains("3×3", broadcast.Message);
    }

    [Fact]
    public void Scalar_losses_allocate_nothing_in_steady_state()
    {
        Matrix<double> a = M(Random(1, 4, 3, 0, 1)), b = M(Random(2, 4, 3, 0, 1)), c = M(Membership(3, 20, 4)), d = M(Random(4, 20, 4, 0, 1)),
            e = M(Membership(5, 12, 20)), f = M(Random(6, 12, 3, 0, 20));
        var aBar = new Matrix<double>(4, 3);
        var bBar = new Matrix<double>(4, 3);
        void Run()
        {
            MatrixModels.ExpLinkLossAdjoint(a, aBar, b, bBar, c, d, e, f);
            MatrixModels.ExpLinkLossForward(a, aBar, b, bBar, c, d, e, f, out _);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double Inner(Matrix<double> a, Matrix<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a.Span[i] * b.Span[i];
        return sum;
    }

    private static double[,] ToDense(Matrix<double> m) => m.ToArray();
}
