using System;
using static AutoGrad.Ops;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 7, Andrew Trask's backprop snippet: a 3-4-1 sigmoid network learning XOR (the third
/// input is a bias) by gradient descent with α = 0.5 for 60,000 steps. The snippet writes the
/// gradient of ½Σ(ŷ − y)² by hand (layer_2_delta, layer_1_delta); here it is generated.
/// </summary>
public static partial class SigmoidNetwork
{
    [Differentiable]
    public static Matrix<double> Predict(Matrix<double> synapse0, Matrix<double> synapse1, [NoDiff] Matrix<double> X)
    {
        Matrix<double> layer1 = Sigmoid(MatMul(X, synapse0));
        return Sigmoid(MatMul(layer1, synapse1));
    }

    /// <summary>The call of <see cref="Predict"/> is differentiated through (the generator inlines it).</summary>
    [Differentiable]
    public static double Loss(Matrix<double> synapse0, Matrix<double> synapse1, [NoDiff] Matrix<double> X, [NoDiff] Matrix<double> y)
        => 0.5 * SumOfSquares(Predict(synapse0, synapse1, X) - y);

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("7 Sigmoid network");

        var X = Matrix<double>.FromArray(new double[,] { { 0, 0, 1 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 1 } });
        var y = Matrix<double>.FromArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        const double Alpha = 0.5;
        const int Steps = 60_000;
        // synapse = 2·random − 1, as in the snippet.
        var synapse0 = Reference.Random(seed: 1, rows: 3, cols: 4, low: -1, high: 1);
        var synapse1 = Reference.Random(seed: 2, rows: 4, cols: 1, low: -1, high: 1);

        // The snippet's first update, by its own formulas, for comparison with the generated one.
        var (expected0, expected1) = SnippetStep(synapse0, synapse1, X, y, Alpha);

        var gradient0 = new Matrix<double>(3, 4);
        var gradient1 = new Matrix<double>(4, 1);
        double Step()
        {
            // The adjoint adds into the gradients, so they are cleared before each step.
            gradient0.Span.Clear();
            gradient1.Span.Clear();
            double loss = LossAdjoint(synapse0, gradient0, synapse1, gradient1, X, y);
            for (int i = 0; i < synapse0.Length; i++)
            {
                synapse0.Span[i] -= Alpha * gradient0.Span[i];
            }

            for (int i = 0; i < synapse1.Length; i++)
            {
                synapse1.Span[i] -= Alpha * gradient1.Span[i];
            }

            return loss;
        }

        double loss = Step();
        report.CheckAll("first step equals the snippet's update of synapse_0", expected0.Span, synapse0.Span, Tolerance.AbsoluteOf(1e-14), "the snippet's synapse_0");
        report.CheckAll("first step equals the snippet's update of synapse_1", expected1.Span, synapse1.Span, Tolerance.AbsoluteOf(1e-14), "the snippet's synapse_1");

        var progress = new Progress("training", Steps);
        for (int step = 1; step < Steps; step++)
        {
            progress.Report(step, () => $"½Σ(ŷ − y)² = {loss:0.000e+00}");
            loss = Step();
        }

        progress.Report(Steps, () => $"½Σ(ŷ − y)² = {loss:0.000e+00}");
        var prediction = Predict(synapse0, synapse1, X);
        Console.WriteLine($"    predictions after training: {Text.Of(prediction.Span)} for XOR targets (0, 1, 1, 0)");
        // Trained to ½Σ(ŷ − y)² ≈ 5e-5, each prediction is within 0.01 of its target; 0.02 asks for XOR learned, not for these digits.
        report.CheckAll("XOR predictions after 60,000 steps", y.Span, prediction.Span, Tolerance.AbsoluteOf(0.02));
    }

    /// <summary>The snippet's hand-written backprop: layer_2_delta = (ŷ − y)·ŷ(1 − ŷ), layer_1_delta = layer_2_delta·synapse_1ᵀ ∘ l₁(1 − l₁).</summary>
    private static (Matrix<double> Synapse0, Matrix<double> Synapse1) SnippetStep(Matrix<double> synapse0, Matrix<double> synapse1, Matrix<double> X, Matrix<double> y, double alpha)
    {
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var layer1 = Reference.Map(Reference.MatMul(X, synapse0), Sigmoid);
        var layer2 = Reference.Map(Reference.MatMul(layer1, synapse1), Sigmoid);
        var layer2Delta = Reference.Zip(Reference.Zip(layer2, y, (p, t) => p - t), layer2, (d, p) => d * p * (1 - p));
        var layer1Delta = Reference.Zip(Reference.MatMul(layer2Delta, Reference.Transpose(synapse1)), layer1, (d, p) => d * p * (1 - p));
        var next1 = Reference.Zip(synapse1, Reference.MatMul(Reference.Transpose(layer1), layer2Delta), (w, g) => w - alpha * g);
        var next0 = Reference.Zip(synapse0, Reference.MatMul(Reference.Transpose(X), layer1Delta), (w, g) => w - alpha * g);
        return (next0, next1);
    }
}
