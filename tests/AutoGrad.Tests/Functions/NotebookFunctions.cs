using System;

namespace AutoGrad.Tests.Functions;

/// <summary>The worked examples of the design notebook.</summary>
public static partial class NotebookFunctions
{
    /// <summary>z = x·y⁵ with Math.Pow.</summary>
    [Differentiable]
    public static double ZPow(double x, double y) => x * Math.Pow(y, 5);

    /// <summary>z = x·y⁵ as a product.</summary>
    [Differentiable]
    public static double ZProduct(double x, double y) => x * y * y * y * y * y;

    /// <summary>Squared error of a one-weight linear model; only the weight is active.</summary>
    [Differentiable]
    public static double Loss(double w, [NoDiff] double x, [NoDiff] double y)
    {
        double error = w * x - y;
        return error * error;
    }

    /// <summary>f(x, y) = (1 − x)² + 2(y − x²)².</summary>
    [Differentiable]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 2 * (y - x * x) * (y - x * x);

    [Differentiable]
    public static double Sine(double x) => Math.Sin(x);

    [Differentiable]
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
