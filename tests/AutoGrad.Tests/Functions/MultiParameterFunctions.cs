using System;

namespace AutoGrad.Tests.Functions;

/// <summary>Functions of three or more active parameters for the forward/adjoint dot-product test.</summary>
public static partial class MultiParameterFunctions
{
    [Differentiable]
    public static double Blend(double a, double b, double c)
        => Math.Sin(a * b) * Math.Exp(c / 3.0) + a * c - Math.Sqrt(b * b + 1.0);

    /// <summary>Branches on data, compound assignment, Max and Tanh.</summary>
    [Differentiable]
    public static double Branchy(double x, double y, double z, double w)
    {
        double r = x * y;
        if (z > w)
        {
            r += Math.Tanh(z - w) * x;
        }
        else if (z < -w)
        {
            r -= z * w;
        }
        else
        {
            r *= Math.Cos(z);
        }

        return Math.Max(r, x - y) + w * w;
    }

    /// <summary>Calls into three other classes.</summary>
    [Differentiable]
    public static double Composite(double x, double y, double z)
        => NotebookFunctions.Rosenbrock(x, y) + Callees.Cube(z) * CallFunctions.Square(x + y) + Callees.Hypot(y, z + 3.0);

    /// <summary>Active parameters interleaved with constant ones.</summary>
    [Differentiable]
    public static double WithConstants(double x, [NoDiff] double k, double y, int n, double z, bool flag)
    {
        double t = Math.Pow(x, n) + k * y;
        if (flag)
        {
            t *= Math.Atan2(y, z + 5.0);
        }
        else
        {
            t = t - Math.Exp(z) * y;
        }

        return t + x * y * z;
    }

    /// <summary>Five active parameters through a chain of locals.</summary>
    [Differentiable]
    public static double Network(double w1, double w2, double w3, double b, double x)
    {
        double h1 = Math.Tanh(w1 * x + b);
        double h2 = NotebookFunctions.Sigmoid(w2 * x - b);
        double output = w3 * h1 * h2 + Math.Abs(w1 - w2);
        return output * output;
    }
}
