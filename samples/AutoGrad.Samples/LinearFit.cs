using System;
using System.Linq;

namespace AutoGrad.Samples;

/// <summary>(c) Fitting w in (w·x − y)² by gradient descent; only w is active.</summary>
public static partial class LinearFit
{
    private static readonly (double X, double Y)[] Data = [(0.5, 1.35), (1.0, 2.45), (1.5, 3.95), (2.0, 4.9), (3.0, 7.55)];

    [Differentiable]
    public static double Loss(double w, [NoDiff] double x, [NoDiff] double y)
    {
        double error = w * x - y;
        return error * error;
    }

    public static void Run(Report report)
    {
        Console.WriteLine("(c) Fitting w in (w*x - y)^2");

        // The notebook's single sample: at w = 3, x = 2, y = 2 the gradient is 2(wx - y)x = 16.
        double single = 0;
        LossAdjoint(3, ref single, 2, 2);
        report.Check("dloss/dw at w = 3, x = 2, y = 2", 16, single, 1e-12);

        // Mean loss over the data set: every sample's adjoint adds into the same wBar, and
        // resultBar = 1/N makes that sum the gradient of the mean.
        double w = 0;
        const double LearningRate = 0.1;
        for (int step = 0; step <= 60; step++)
        {
            double wBar = 0, loss = 0;
            foreach (var (x, y) in Data)
            {
                loss += LossAdjoint(w, ref wBar, x, y, resultBar: 1.0 / Data.Length) / Data.Length;
            }

            if (step % 10 == 0)
            {
                Console.WriteLine($"    step {step,3}: w = {w,12:F9}   mean loss = {loss:0.0000e+00}");
            }

            w -= LearningRate * wBar;
        }

        // Least squares in closed form: w* = Σxy / Σx².
        double best = Data.Sum(d => d.X * d.Y) / Data.Sum(d => d.X * d.X);
        Console.WriteLine($"    fitted w = {w:R}, least squares w* = {best:R}");
        Console.WriteLine();
        report.Check("fitted w against least squares", best, w, 1e-9);
    }
}
