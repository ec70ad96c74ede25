using System;

namespace AutoGrad.Tests.Optimization;

/// <summary>
/// Test problems with closed-form minima, written for the generator: the optimizers take their
/// generated adjoints as gradients and their generated Hessian-vector products. The closed-form
/// products, by hand, are what the generated ones are checked against.
/// </summary>
public static partial class OptimizationFunctions
{
    /// <summary>The notebook's f(x, y) = (1 − x)² + 2(y − x²)², minimum 0 at (1, 1).</summary>
    [Differentiable]
    public static double NotebookValley(ReadOnlySpan<double> p)
    {
        double x = p[0];
        double y = p[1];
        double a = 1 - x;
        double b = y - x * x;
        return a * a + 2 * b * b;
    }

    /// <summary>∇²f·v of <see cref="NotebookValley"/>: f_xx = 2 − 8y + 24x², f_xy = −8x, f_yy = 4.</summary>
    public static void NotebookValleyHessianTimes(ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> hv)
    {
        double x = p[0], y = p[1];
        hv[0] = (2 - 8 * y + 24 * x * x) * v[0] - 8 * x * v[1];
        hv[1] = -8 * x * v[0] + 4 * v[1];
    }

    /// <summary>Σ 100(x[i+1] − x[i]²)² + (1 − x[i])², minimum 0 at (1, …, 1).</summary>
    [Differentiable]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }

        return sum;
    }

    /// <summary>∇²f·v of <see cref="Rosenbrock"/>: tridiagonal, H_ii = 1200x_i² − 400x_{i+1} + 2 (i &lt; n−1) + 200 (i &gt; 0), H_i,i+1 = −400x_i.</summary>
    public static void RosenbrockHessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double diagonal = 0, sum = 0;
            if (i < n - 1)
            {
                diagonal += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                sum += -400 * x[i] * v[i + 1];
            }

            if (i > 0)
            {
                diagonal += 200;
                sum += -400 * x[i - 1] * v[i - 1];
            }

            hv[i] = diagonal * v[i] + sum;
        }
    }
}
