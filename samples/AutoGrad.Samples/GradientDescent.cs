using System;

namespace AutoGrad.Samples;

/// <summary>(b) Gradient descent on f(x, y) = (1 − x)² + 2(y − x²)² from (3, 2), using the generated adjoint.</summary>
public static partial class GradientDescent
{
    private const double LearningRate = 0.005;
    private const int Steps = 10_000;
    private const int PrintEvery = 1_000;

    [Differentiable]
    public static double F(double x, double y) => (1 - x) * (1 - x) + 2 * (y - x * x) * (y - x * x);

    public static void Run(Report report)
    {
        Console.WriteLine("(b) Gradient descent on f(x, y) = (1 - x)^2 + 2(y - x^2)^2 from (3, 2)");
        double x = 3, y = 2;
        for (int step = 0; step <= Steps; step++)
        {
            // The adjoint adds into the bars, so they start from zero at every step.
            double xBar = 0, yBar = 0;
            double f = FAdjoint(x, ref xBar, y, ref yBar);
            if (step % PrintEvery == 0)
            {
                Console.WriteLine($"    step {step,6}: (x, y) = ({x,10:F7}, {y,10:F7})   f = {f:0.000e+00}   |grad| = {Math.Sqrt(xBar * xBar + yBar * yBar):0.000e+00}");
            }

            if (step < Steps)
            {
                x -= LearningRate * xBar;
                y -= LearningRate * yBar;
            }
        }

        Console.WriteLine($"    final point: ({x:R}, {y:R})");
        Console.WriteLine();
        report.Check("descent on f from (3, 2): final x", 1.0, x, 1e-6);
        report.Check("descent on f from (3, 2): final y", 1.0, y, 1e-6);
    }
}
