using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>The notebook's trigonometric fit: A·sin(2πLx) + B·cos(2πMx) + C·sin(2πNx) against data.</summary>
public static partial class TrigFit
{
    /// <summary>Mean squared error of the model over the points; A, B, C active, the data and frequencies constant.</summary>
    [Differentiable]
    public static double Loss(double a, double b, double c, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> data, int l, int m, int n)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = 2.0 * Math.PI * x[i];
            double model = a * Math.Sin(l * t) + b * Math.Cos(m * t) + c * Math.Sin(n * t);
            double error = model - data[i];
            sum += error * error;
        }

        return sum / x.Length;
    }

    /// <summary>The same loss with (A, B, C) in a 3-element span, passed on element by element.</summary>
    [Differentiable]
    public static double LossOfSpan(ReadOnlySpan<double> abc, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> data, int l, int m, int n)
        => Loss(abc[0], abc[1], abc[2], x, data, l, m, n);
}
