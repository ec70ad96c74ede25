using System;
using static AutoGrad.Ops;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 3, the backprop-rules notebook: for c = a·b with upstream gradient g, ∂/∂a = g·bᵀ and
/// ∂/∂b = aᵀ·g; Hadamard, add and sum pass g through elementwise; max splits it over ties. Each
/// case is the notebook's, with the values PyTorch printed.
/// </summary>
public static partial class BackpropRules
{
    /// <summary>(a·b).sum()·scale: the upstream gradient of every element of a·b is the scale.</summary>
    [Differentiable]
    public static double ScaledMatMulSum(Matrix<double> a, Matrix<double> b, [NoDiff] double scale) => scale * Sum(MatMul(a, b));

    [Differentiable]
    public static double ScaledHadamardSum(Matrix<double> a, Matrix<double> b, [NoDiff] double scale) => scale * Sum(a * b);

    [Differentiable]
    public static double ScaledAddSum(Matrix<double> a, Matrix<double> b, [NoDiff] double scale) => scale * Sum(a + b);

    /// <summary>d = (a.sum() · c).sum(): a's gradient is c.sum() everywhere, c's is a.sum().</summary>
    [Differentiable]
    public static double SumTimesMatrix(Matrix<double> a, Matrix<double> c) => Sum(Sum(a) * c);

    [Differentiable]
    public static double MaxOf(Matrix<double> a) => Max(a);

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("3 Backprop rules");
        var exact = Tolerance.AbsoluteOf(1e-14);

        // Scalar·row with upstream 3.3: ∂/∂a = 3.3·Σb = 13.2, ∂/∂b = 3.3·a = 6.6.
        var (aBar, bBar) = MatMulGradients(Matrix(new double[,] { { 2 } }), Matrix(new double[,] { { 1, 1, 1, 1 } }), 3.3);
        report.CheckAll("matmul [[2]]·[[1,1,1,1]], upstream 3.3: ∂/∂a", [13.2], aBar.Span, exact);
        report.CheckAll("matmul [[2]]·[[1,1,1,1]], upstream 3.3: ∂/∂b", [6.6, 6.6, 6.6, 6.6], bBar.Span, exact);

        var twos = Matrix(new double[,] { { 2, 2 }, { 2, 2 } });
        var column = Matrix(new double[,] { { 1 }, { 1 } });
        (aBar, bBar) = MatMulGradients(twos, column, 1);
        report.CheckAll("matmul 2s(2×2)·1s(2×1): ∂/∂a", [1, 1, 1, 1], aBar.Span, exact);
        report.CheckAll("matmul 2s(2×2)·1s(2×1): ∂/∂b", [4, 4], bBar.Span, exact);

        (aBar, bBar) = MatMulGradients(Reference.Transpose(column), twos, 1);
        report.CheckAll("matmul 1s(1×2)·2s(2×2): ∂/∂a", [4, 4], aBar.Span, exact);
        report.CheckAll("matmul 1s(1×2)·2s(2×2): ∂/∂b", [1, 1, 1, 1], bBar.Span, exact);

        (aBar, bBar) = MatMulGradients(twos, twos.Clone(), 1);
        report.CheckAll("matmul 2s(2×2)·2s(2×2): ∂/∂a and ∂/∂b", [4, 4, 4, 4, 4, 4, 4, 4], [.. aBar.Span, .. bBar.Span], exact);

        // Hadamard and add, with the notebook's a and b and (c.sum()·3).backward().
        var a = Matrix(new double[,] { { 4, 5 }, { 1, 3 }, { 9, 0 } });
        var b = Matrix(new double[,] { { 2, 2 }, { 2, 2 }, { 2, 2 } });
        aBar = new Matrix<double>(3, 2);
        bBar = new Matrix<double>(3, 2);
        ScaledHadamardSumAdjoint(a, aBar, b, bBar, 3);
        report.CheckAll("Hadamard a∘b, upstream 3: ∂/∂a = 3b", [6, 6, 6, 6, 6, 6], aBar.Span, exact);
        report.CheckAll("Hadamard a∘b, upstream 3: ∂/∂b = 3a", [12, 15, 3, 9, 27, 0], bBar.Span, exact, "3a");

        aBar = new Matrix<double>(3, 2);
        bBar = new Matrix<double>(3, 2);
        ScaledAddSumAdjoint(a, aBar, b, bBar, 3);
        report.CheckAll("add a + b, upstream 3: ∂/∂a and ∂/∂b", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], [.. aBar.Span, .. bBar.Span], exact);

        // Sum: a = 2s (3×2), c = [[1,2],[3,4],[5,6]]; d = (a.sum()·c).sum(). PyTorch: b.grad = c.sum() = 21.
        var c = Matrix(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        aBar = new Matrix<double>(3, 2);
        var cBar = new Matrix<double>(3, 2);
        SumTimesMatrixAdjoint(b, aBar, c, cBar);
        report.CheckAll("sum: ∂((Σa)·c).sum()/∂a = Σc", [21, 21, 21, 21, 21, 21], aBar.Span, exact);
        report.CheckAll("sum: ∂((Σa)·c).sum()/∂c = Σa", [12, 12, 12, 12, 12, 12], cBar.Span, exact);

        // Max over six equal values: PyTorch gives each 1/6 (0.1667).
        var maxBar = new Matrix<double>(3, 2);
        MaxOfAdjoint(b, maxBar);
        report.CheckAll("max of six tied 2s: each gets 1/6", [1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6], maxBar.Span, exact);
        Console.WriteLine($"    max of six tied 2s: gradient {Text.Of(maxBar)}");
    }

    private static (Matrix<double> ABar, Matrix<double> BBar) MatMulGradients(Matrix<double> a, Matrix<double> b, double scale)
    {
        // The adjoint adds into its bars, so they start at zero.
        var aBar = new Matrix<double>(a.Rows, a.Cols);
        var bBar = new Matrix<double>(b.Rows, b.Cols);
        ScaledMatMulSumAdjoint(a, aBar, b, bBar, scale);
        Console.WriteLine($"    ({a.ShapeText})·({b.ShapeText}), upstream {scale}: grad a = {Text.Of(aBar)}, grad b = {Text.Of(bBar)}");
        return (aBar, bBar);
    }

    private static Matrix<double> Matrix(double[,] values) => Matrix<double>.FromArray(values);
}
