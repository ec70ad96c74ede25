using System;
using static AutoGrad.Ops;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 4, the gradients notebook: wᵀx, the Jacobian of W·x, MSE, one linear layer and two,
/// each against its closed form.
/// </summary>
public static partial class LinearLayers
{
    [Differentiable]
    public static double WTransposeX(Matrix<double> w, Matrix<double> x) => Sum(MatMul(Transpose(w), x));

    /// <summary>A matrix result: its adjoint takes the cotangent of W·x, one Jacobian row per unit cotangent.</summary>
    [Differentiable]
    public static Matrix<double> Linear(Matrix<double> W, [NoDiff] Matrix<double> x) => MatMul(W, x);

    /// <summary>mean((y − pred)²).</summary>
    [Differentiable]
    public static double MeanSquaredError(Matrix<double> prediction, [NoDiff] Matrix<double> y) => Mse(y, prediction);

    [Differentiable]
    public static double LinearMse(Matrix<double> W, [NoDiff] Matrix<double> x, [NoDiff] Matrix<double> y) => Mse(y, MatMul(W, x));

    /// <summary>mean((y − W₂·(W₁·x))²): two linear layers.</summary>
    [Differentiable]
    public static double TwoLayerMse(Matrix<double> W1, Matrix<double> W2, [NoDiff] Matrix<double> x, [NoDiff] Matrix<double> y)
    {
        Matrix<double> hidden = MatMul(W1, x);
        Matrix<double> prediction = MatMul(W2, hidden);
        return Mse(y, prediction);
    }

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("4 Linear layers");
        // Sums of a handful of products of numbers in [0, 1): a few ulps.
        var closedForm = Tolerance.AbsoluteOf(1e-14);

        // The notebook's x and w (torch.rand, seed 42, as printed to 4 digits); it printed f = 2.0232625
        // from the unrounded values: rounding each of the 10 inputs by up to 5e-5 moves f by up to ~5e-4.
        var x = Matrix<double>.FromArray(new double[,] { { 0.8823 }, { 0.9150 }, { 0.3829 }, { 0.9593 }, { 0.3904 } });
        var w = Matrix<double>.FromArray(new double[,] { { 0.6009 }, { 0.2566 }, { 0.7936 }, { 0.9408 }, { 0.1332 } });
        var wBar = new Matrix<double>(5, 1);
        var xBar = new Matrix<double>(5, 1);
        double f = WTransposeXAdjoint(w, wBar, x, xBar);
        Console.WriteLine($"    f = wᵀx = {Text.Of(f)}; df/dw = {Text.Of(wBar)}");
        report.Check("f = wᵀx at the notebook's w, x", 2.0232625, f, Tolerance.AbsoluteOf(5e-4));
        report.CheckAll("∂(wᵀx)/∂w = x", x.Span, wBar.Span, Tolerance.AbsoluteOf(0), "x");
        report.CheckAll("∂(wᵀx)/∂x = w", w.Span, xBar.Span, Tolerance.AbsoluteOf(0), "w");

        // Jacobian of y = W·x (W 20×5) with respect to W, one adjoint call per output yᵢ (unit
        // cotangent eᵢ): ∂yᵢ/∂W has xᵀ in row i and zeros elsewhere.
        const int Rows = 20, Columns = 5;
        var W = Reference.Random(1, Rows, Columns);
        var input = Reference.Random(2, Columns, 1);
        var jacobian = new double[Rows * Rows * Columns];
        var expectedJacobian = new double[Rows * Rows * Columns];
        for (int i = 0; i < Rows; i++)
        {
            var unit = new Matrix<double>(Rows, 1);
            unit[i, 0] = 1;
            var rowOfJacobian = new Matrix<double>(Rows, Columns);
            LinearAdjoint(W, rowOfJacobian, input, unit);
            rowOfJacobian.Span.CopyTo(jacobian.AsSpan(i * Rows * Columns));
            for (int j = 0; j < Columns; j++)
            {
                expectedJacobian[(i * Rows + i) * Columns + j] = input[j, 0];
            }
        }

        report.CheckAll("Jacobian ∂(Wx)/∂W, W 20×5 (20 adjoint calls)", expectedJacobian, jacobian, Tolerance.AbsoluteOf(0), "row i of ∂yᵢ/∂W = xᵀ");

        // MSE: ∂/∂pred mean((y − pred)²) = −2/n·(y − pred).
        var prediction = Reference.Random(3, Columns, 1);
        var target = Reference.Random(4, Columns, 1);
        var predictionBar = new Matrix<double>(Columns, 1);
        MeanSquaredErrorAdjoint(prediction, predictionBar, target);
        var expectedMseGradient = Reference.Zip(target, prediction, (yi, pi) => -2.0 / Columns * (yi - pi));
        report.CheckAll("∂MSE/∂pred = −2/n·(y − pred)", expectedMseGradient.Span, predictionBar.Span, closedForm, "−2/n·(y − pred)");

        // One layer: ∂/∂W mean((y − Wx)²) = (−2/n)(y − Wx)·xᵀ.
        var y = Reference.Random(5, Rows, 1);
        var WBar = new Matrix<double>(Rows, Columns);
        LinearMseAdjoint(W, WBar, input, y);
        var delta = Reference.Zip(y, Reference.MatMul(W, input), (yi, pi) => -2.0 / Rows * (yi - pi));
        var expectedW = Reference.MatMul(delta, Reference.Transpose(input));
        report.CheckAll("∂MSE(y, Wx)/∂W = (−2/n)(y − Wx)·xᵀ", expectedW.Span, WBar.Span, closedForm, "(−2/n)(y − Wx)·xᵀ");

        // Two layers, W₁ 9×5 and W₂ 7×9: δ = (−2/n)(y − W₂W₁x); ∂/∂W₂ = δ·(W₁x)ᵀ, ∂/∂W₁ = W₂ᵀδ·xᵀ.
        var W1 = Reference.Random(6, 9, 5);
        var W2 = Reference.Random(7, 7, 9);
        var y2 = Reference.Random(8, 7, 1);
        var W1Bar = new Matrix<double>(9, 5);
        var W2Bar = new Matrix<double>(7, 9);
        double loss = TwoLayerMseAdjoint(W1, W1Bar, W2, W2Bar, input, y2);
        var hidden = Reference.MatMul(W1, input);
        var delta2 = Reference.Zip(y2, Reference.MatMul(W2, hidden), (yi, pi) => -2.0 / 7 * (yi - pi));
        Console.WriteLine($"    two-layer network: MSE = {Text.Of(loss)}");
        report.CheckAll("two layers: ∂MSE/∂W₂ = δ·(W₁x)ᵀ", Reference.MatMul(delta2, Reference.Transpose(hidden)).Span, W2Bar.Span, closedForm, "δ·(W₁x)ᵀ");
        report.CheckAll("two layers: ∂MSE/∂W₁ = W₂ᵀδ·xᵀ", Reference.MatMul(Reference.MatMul(Reference.Transpose(W2), delta2), Reference.Transpose(input)).Span, W1Bar.Span, closedForm, "W₂ᵀδ·xᵀ");
    }
}
