using System;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 2, two questions people ask about gradients: why ∂loss/∂w of (w·x − y)² at
/// w = 3, x = y = 2 is 16 and not 8, and why ∂/∂x of mean(3(x + 2)²) at x = 1 is 4.5 and not 9/8.
/// </summary>
public static partial class ChainRule
{
    /// <summary>Only w is active: x and y are data.</summary>
    [Differentiable]
    public static double Loss(double w, [NoDiff] double x, [NoDiff] double y)
    {
        double error = w * x - y;
        return error * error;
    }

    /// <summary>o = mean(z) with z = 3y², y = x + 2: the PyTorch tutorial's graph on a 2×2 input.</summary>
    [Differentiable]
    public static double MeanOfThreeSquares(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = x[i] + 2;
            sum += 3 * y * y;
        }

        return sum / x.Length;
    }

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("2 Chain rule");

        // dloss/dw = 2(wx − y)·x = 2·(3·2 − 2)·2 = 16: the answer's "you forgot the ·x at the end".
        double wBar = 0;
        double loss = LossAdjoint(3, ref wBar, 2, 2);
        Console.WriteLine($"    (w*x - y)^2 at w = 3, x = y = 2: loss = {loss}, dloss/dw = {wBar}");
        report.Check("∂(wx − y)²/∂w at w = 3, x = 2, y = 2", 16, wBar, Tolerance.AbsoluteOf(0));

        // o = ¼Σ3(xᵢ + 2)² at x = ones(2, 2) is 27, and ∂o/∂xᵢ = ¼·6·(xᵢ + 2) = 9/2: the 1/4 is in do/dz,
        // but dz/dy = 6y = 18, not 9/2.
        double[] x = [1, 1, 1, 1];
        double[] xBar = new double[4];
        double o = MeanOfThreeSquaresAdjoint(x, xBar);
        Console.WriteLine($"    mean(3(x + 2)^2) at x = ones(2, 2): o = {o}, do/dx = {Text.Of(xBar)}");
        report.Check("mean(3(x + 2)²) at x = ones(2, 2)", 27, o, Tolerance.AbsoluteOf(0));
        report.CheckAll("∂ mean(3(x + 2)²)/∂x at x = ones(2, 2)", [4.5, 4.5, 4.5, 4.5], xBar, Tolerance.AbsoluteOf(1e-15));
    }
}
