using System;
using ScottPlot;
using static AutoGrad.Ops;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 5, the tensor notebook's matrix inverse by gradient descent: find R with R·M = I for
/// M = diag(1, 2, 3, 4) by descending mean((I − R·M)²), from the notebook's random start, with
/// its learning rate and its 100 steps, and compare the loss trajectory with the one it printed.
/// </summary>
public static partial class MatrixInverse
{
    /// <summary>The losses the notebook printed at steps 0, 20, 40, 60 and 80.</summary>
    private static readonly double[] NotebookLosses = [1.6650, 0.0054, 0.0005, 4.7337e-05, 4.4184e-06];

    [Differentiable]
    public static double Loss(Matrix<double> R, [NoDiff] Matrix<double> M, [NoDiff] Matrix<double> identity) => Mean(Square(identity - MatMul(R, M)));

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("5 Matrix inverse");

        var m = Matrix<double>.FromArray(new double[,] { { 1, 0, 0, 0 }, { 0, 2, 0, 0 }, { 0, 0, 3, 0 }, { 0, 0, 0, 4 } });
        var identity = Reference.Identity(4);
        // torch.rand(4, 4) with seed 314, read back to 4 digits from the R₀·M the notebook printed.
        var r = Matrix<double>.FromArray(new double[,]
        {
            { 0.7196, 0.6295, 0.6667, 0.3385 },
            { 0.8522, 0.3126, 0.5006, 0.4643 },
            { 0.0083, 0.4469, 0.8029, 0.5512 },
            { 0.3556, 0.3710, 0.6830, 0.3074 },
        });
        // lrs = log(logspace(0.2, 0.2, 100)): 100 steps of ln(10^0.2).
        double learningRate = Math.Log(Math.Pow(10, 0.2));
        const int Steps = 100;

        var losses = new double[Steps];
        var gradient = new Matrix<double>(4, 4);
        for (int step = 0; step < Steps; step++)
        {
            // The adjoint adds into the gradient, so it is cleared before each step.
            gradient.Span.Clear();
            losses[step] = LossAdjoint(r, gradient, m, identity);
            if (step % 20 == 0)
            {
                Console.WriteLine($"    step {step,3}: loss = {losses[step]:0.0000e+00}");
            }

            for (int i = 0; i < r.Length; i++)
            {
                r.Span[i] -= learningRate * gradient.Span[i];
            }
        }

        // The notebook printed tensor(1.6650), (0.0054), (0.0005), (4.7337e-05), (4.4184e-06). The first
        // three are rounded to 4 decimals (±5e-5) and R₀ to 4 digits, moving the loss by ~1e-4;
        // the last two have 5 significant digits.
        report.Check("loss at step 0, against the notebook", NotebookLosses[0], losses[0], Tolerance.AbsoluteOf(2e-4));
        report.Check("loss at step 20, against the notebook", NotebookLosses[1], losses[20], Tolerance.AbsoluteOf(5e-5));
        report.Check("loss at step 40, against the notebook", NotebookLosses[2], losses[40], Tolerance.AbsoluteOf(5e-5));
        report.Check("loss at step 60, against the notebook", NotebookLosses[3], losses[60], Tolerance.RelativeOf(1e-3));
        report.Check("loss at step 80, against the notebook", NotebookLosses[4], losses[80], Tolerance.RelativeOf(1e-3));

        // The closed form: M⁻¹ = diag(1, 1/2, 1/3, 1/4). After 100 steps the slowest entries (first
        // column, scaled by M₁₁ = 1) are within a few thousandths.
        var inverse = Matrix<double>.FromArray(new double[,] { { 1, 0, 0, 0 }, { 0, 0.5, 0, 0 }, { 0, 0, 1.0 / 3, 0 }, { 0, 0, 0, 0.25 } });
        report.CheckAll("R after 100 steps ≈ M⁻¹", inverse.Span, r.Span, Tolerance.AbsoluteOf(5e-3), "diag(1, 1/2, 1/3, 1/4)");

        if (plots.Enabled)
        {
            var plot = new Plot();
            plot.Title("Matrix inverse by gradient descent: mean((I − R·M)²)");
            plot.XLabel("step");
            plot.YLabel("loss");
            var logLosses = Array.ConvertAll(losses, Math.Log10);
            var steps = new double[Steps];
            for (int i = 0; i < Steps; i++)
            {
                steps[i] = i;
            }

            var descent = plot.Add.ScatterLine(steps, logLosses);
            descent.LegendText = "generated gradient";
            descent.LineWidth = 2;
            var notebook = plot.Add.ScatterPoints(new double[] { 0, 20, 40, 60, 80 }, Array.ConvertAll(NotebookLosses, Math.Log10));
            notebook.LegendText = "notebook (PyTorch)";
            notebook.MarkerSize = 9;
            plot.ShowLegend(Alignment.UpperRight);
            Plots.UseLogTicks(plot);
            plots.Save(plot, "matrix-inverse-loss.png");
        }
    }
}
