using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Local functions as users write them (issue 18): a static helper in a loop, one that captures nothing, one over spans declared after its use.</summary>
public static partial class LocalFunctionFunctions
{
    [Differentiable]
    public static double Logistic(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y)
    {
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        double loss = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double p = Sigmoid(w[0] * x[i] + w[1]);
            loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
        }
        return loss;
    }

    [Differentiable]
    public static double Polynomial(double x, double a)
    {
        double Cube(double v)
        {
            double square = v * v;
            return square * v;
        }
        static float Half(float f) => f / 2;
        return Cube(x) + a * Cube(x - a) + Half((float)x);
    }

    /// <summary>A helper in an if's condition and inside an integer expression, where it runs once, before the statement (fuzz seed 394720).</summary>
    [Differentiable]
    public static double Branchy(double x)
    {
        static double Shifted(double v) => v * v - 1;
        double y = x * Math.Sign(Shifted(x));
        if (Shifted(x) > 0)
            y += Shifted(x) * x;
        return y;
    }

    [Differentiable]
    public static double Norm(ReadOnlySpan<double> v)
    {
        return Math.Sqrt(SumOfSquares(v)) + SumOfSquares(v[1..]);

        static double SumOfSquares(ReadOnlySpan<double> u)
        {
            double s = 0;
            foreach (var e in u)
                s += e * e;
            return s;
        }
    }
}
