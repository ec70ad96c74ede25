using System;
using Xunit;
using M = AutoGrad.Tests.Jacobians.VectorModels;

namespace AutoGrad.Tests.Jacobians;

/// <summary>
/// <see cref="Jacobian"/> over generated derivatives: W·x, a two-output model, a curve and matrix
/// products, each by both sweeps, against the closed form and central finite differences of the
/// methods themselves.
/// </summary>
public class JacobianTests
{
    private static readonly double[] Weights3x5 =
    [
        1, -2, 0.5, 3, 0,
        0.25, 4, -1, 2, -3,
        -0.5, 0, 6, 1, 2,
    ];

    private static readonly double[] Weights5x2 = [1, 2, -3, 0.5, 0, 4, 2.5, -1, 7, 0.125];

    /// <summary>∂y_i/∂x_j by central differences of <paramref name="f"/>, step h·max(1, |x_j|).</summary>
    private static double[] CentralDifferences(Action<double[], double[]> f, double[] x, int outputs, double h = 1e-6)
    {
        int n = x.Length;
        var jacobian = new double[outputs * n];
        double[] plus = new double[outputs], minus = new double[outputs];
        for (int j = 0; j < n; j++)
        {
            double step = h * Math.Max(1, Math.Abs(x[j]));
            double[] xp = (double[])x.Clone(), xm = (double[])x.Clone();
            xp[j] += step;
            xm[j] -= step;
            f(xp, plus);
            f(xm, minus);
            for (int i = 0; i < outputs; i++)
                jacobian[i * n + j] = (plus[i] - minus[i]) / (xp[j] - xm[j]);
        }

        return jacobian;
    }

    private static void Close(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double tolerance = absolute + relative * Math.Abs(expected[k]);
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance, $"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R}");
        }
    }

    private static JacobianSweep ApplyJacobian(double[] w, double[] x, double[] y, double[] jacobian, JacobianSweep sweep)
        => Jacobian.Compute<double>(
            (p, pDot, output, outputDot) => M.ApplyForward(p, pDot, w, output, outputDot),
            (p, pBar, output, outputBar) => M.ApplyAdjoint(p, pBar, w, output, outputBar),
            x, y, jacobian, sweep);

    [Theory]
    [InlineData(3, 5, JacobianSweep.Reverse)] // fewer outputs than inputs: one reverse sweep per output
    [InlineData(5, 2, JacobianSweep.Forward)] // fewer inputs: one forward sweep per input
    public void Jacobian_of_W_times_x_is_W_by_either_sweep(int rows, int cols, JacobianSweep chosen)
    {
        double[] w = rows == 3 ? Weights3x5 : Weights5x2;
        double[] x = new double[cols];
        for (int j = 0; j < cols; j++)
            x[j] = 0.3 * j - 0.7;

        foreach (var sweep in new[] { JacobianSweep.Auto, JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            double[] y = new double[rows], jacobian = new double[rows * cols];
            var used = ApplyJacobian(w, x, y, jacobian, sweep);
            Assert.Equal(sweep == JacobianSweep.Auto ? chosen : sweep, used);
            Close(w, jacobian, 1e-15, 1e-15, $"J({sweep})");
            Close(CentralDifferences((p, output) => M.Apply(p, w, output), x, rows), jacobian, 1e-7, 1e-8, $"J({sweep}) vs finite differences");

            // y = W·x, in closed form.
            for (int i = 0; i < rows; i++)
            {
                double expected = 0;
                for (int j = 0; j < cols; j++)
                    expected += w[i * cols + j] * x[j];
                Assert.Equal(expected, y[i], 1e-14);
            }
        }
    }

    [Theory]
    [InlineData(0.7, -1.3, 2.0)]
    [InlineData(-2.0, 0.4, -0.5)]
    public void Jacobian_of_a_two_output_model_matches_the_closed_form_and_finite_differences(double x0, double x1, double x2)
    {
        double[] x = [x0, x1, x2];
        double e = Math.Exp(x0 * x1);
        double[] expected =
        [
            Math.Sin(x1), x0 * Math.Cos(x1), 2 * x2,
            x1 * e + x2 / (x0 * x0), x0 * e, -1 / x0,
        ];
        double[] differences = CentralDifferences((p, output) => M.TwoOutputs(p, output), x, 2);

        foreach (var sweep in new[] { JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            double[] y = new double[2], jacobian = new double[6];
            var used = Jacobian.Compute<double>(M.TwoOutputsForward, M.TwoOutputsAdjoint, x, y, jacobian, sweep);
            Assert.Equal(sweep, used);
            Close(expected, jacobian, 1e-13, 1e-14, $"J({sweep})");
            Close(differences, jacobian, 1e-6, 1e-8, $"J({sweep}) vs finite differences");
            Assert.Equal(x0 * Math.Sin(x1) + x2 * x2, y[0], 1e-14);
            Assert.Equal(e - x2 / x0, y[1], 1e-13);
        }

        // Three inputs, two outputs: Auto takes the reverse sweeps.
        Assert.Equal(JacobianSweep.Reverse, Jacobian.Compute<double>(M.TwoOutputsForward, M.TwoOutputsAdjoint, x, new double[2], new double[6]));
    }

    [Fact]
    public void Jacobian_of_a_curve_takes_one_forward_sweep()
    {
        double t = 0.8;
        double[] y = new double[3], jacobian = new double[3];
        int forwardCalls = 0;
        var used = Jacobian.Compute<double>(
            (p, pDot, output, outputDot) => { forwardCalls++; M.CurveForward(p, pDot, output, outputDot); },
            (p, pBar, output, outputBar) => throw new InvalidOperationException("the reverse sweep should not run"),
            [t], y, jacobian);
        Assert.Equal(JacobianSweep.Forward, used);
        Assert.Equal(1, forwardCalls);
        Close([-Math.Sin(t), Math.Cos(t), 2 * t], jacobian, 1e-15, 1e-16, "curve");
        Close(CentralDifferences((p, output) => M.Curve(p, output), [t], 3), jacobian, 1e-8, 1e-9, "curve vs finite differences");
    }

    [Fact]
    public void Jacobian_of_a_matrix_product_is_W_on_each_column_by_either_sweep()
    {
        // W: 2×3, X: 3×2, Y = W·X: 2×2. Jacobian 4×6 over row-major elements.
        var w = new Matrix<double>([1, -2, 0.5, 3, 0.25, -1], 2, 3);
        var x = new Matrix<double>([0.5, -1, 2, 0.25, -0.75, 1.5], 3, 2);
        var expected = new double[4 * 6];
        for (int i = 0; i < 2; i++)
            for (int c = 0; c < 2; c++)
                for (int r = 0; r < 3; r++)
                    expected[(i * 2 + c) * 6 + r * 2 + c] = w[i, r];
        double[] differences = CentralDifferences((p, output) => M.Product(new Matrix<double>(p, 3, 2), w).ReadOnlySpan.CopyTo(output), x.Array, 4);

        foreach (var sweep in new[] { JacobianSweep.Auto, JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            var result = new Matrix<double>(2, 2);
            var jacobian = new Matrix<double>(4, 6);
            var used = Jacobian.Compute<double>(
                (p, pDot, out resultDot) => M.ProductForward(p, pDot, w, out resultDot),
                (p, pBar, resultBar) => M.ProductAdjoint(p, pBar, w, resultBar),
                x, result, jacobian, sweep);
            Assert.Equal(sweep == JacobianSweep.Auto ? JacobianSweep.Reverse : sweep, used);
            Close(expected, jacobian.Array, 1e-15, 1e-15, $"J({sweep})");
            Close(differences, jacobian.Array, 1e-7, 1e-8, $"J({sweep}) vs finite differences");
            Assert.Equal(1 * 0.5 + -2 * 2 + 0.5 * -0.75, result[0, 0], 1e-15);
        }
    }

    [Fact]
    public void Jacobian_of_an_elementwise_float_matrix_function_is_diagonal()
    {
        var x = new Matrix<float>([0.5f, -1f, 2f, 0.1f], 2, 2);
        foreach (var sweep in new[] { JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            var jacobian = new Matrix<float>(4, 4);
            Jacobian.Compute<float>(M.SquashForward, M.SquashAdjoint, x, new Matrix<float>(2, 2), jacobian, sweep);
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    double tanh = Math.Tanh(x.Array[i]);
                    double expected = i == j ? 2 * (1 - tanh * tanh) : 0;
                    Assert.True(Math.Abs(expected - jacobian[i, j]) <= 1e-6, $"J({sweep})[{i},{j}] = {jacobian[i, j]}, expected {expected}");
                }
            }
        }
    }

    [Fact]
    public void Wrong_shapes_are_refused_naming_the_parameter()
    {
        double[] x = [1, 2, 3];
        var error = Assert.Throws<ArgumentException>(() => Jacobian.Compute<double>(M.TwoOutputsForward, M.TwoOutputsAdjoint, x, new double[2], new double[5]));
        Assert.Equal("jacobian", error.ParamName);
        Assert.Contains("2 outputs by 3 inputs needs 6", error.Message);

        double[] shared = new double[8];
        var overlap = Assert.Throws<ArgumentException>(() => Jacobian.Compute<double>(M.TwoOutputsForward, M.TwoOutputsAdjoint, x, shared.AsSpan(4, 2), shared.AsSpan(0, 6)));
        Assert.Equal("jacobian", overlap.ParamName);

        Assert.Throws<ArgumentNullException>(() => Jacobian.ByForwardSweeps<double>(null!, x, new double[2], new double[6]));

        var w = new Matrix<double>(2, 3);
        var matrixError = Assert.Throws<ArgumentException>(() => Jacobian.Compute<double>(
            (p, pDot, out resultDot) => M.ProductForward(p, pDot, w, out resultDot),
            (p, pBar, resultBar) => M.ProductAdjoint(p, pBar, w, resultBar),
            new Matrix<double>(3, 2), new Matrix<double>(2, 2), new Matrix<double>(6, 4)));
        Assert.Equal("jacobian", matrixError.ParamName);

        var resultError = Assert.Throws<ArgumentException>(() => Jacobian.Compute<double>(
            (p, pDot, out resultDot) => M.ProductForward(p, pDot, w, out resultDot),
            (p, pBar, resultBar) => M.ProductAdjoint(p, pBar, w, resultBar),
            new Matrix<double>(3, 2), new Matrix<double>(4, 1), new Matrix<double>(4, 6), JacobianSweep.Forward));
        Assert.Equal("result", resultError.ParamName);
    }

    [Fact]
    public void Span_sweeps_allocate_nothing_once_warm()
    {
        TangentFunction<double> forward = M.TwoOutputsForward;
        AdjointFunction<double> adjoint = M.TwoOutputsAdjoint;
        double[] x = [0.7, -1.3, 2.0], y = new double[2], jacobian = new double[6];
        foreach (var sweep in new[] { JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            Jacobian.Compute(forward, adjoint, x, y, jacobian, sweep);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < 50; k++)
                Jacobian.Compute(forward, adjoint, x, y, jacobian, sweep);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
