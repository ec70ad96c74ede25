using System;

namespace AutoGrad.Tests.SecondOrder;

/// <summary>
/// Functions whose Hessian-vector products the tests check: closed forms (quadratics, log-sum-exp,
/// Rosenbrock), and shapes of code the forward-over-reverse transform must see through (branches,
/// loops with data-dependent exits, intrinsics, float).
/// </summary>
public static partial class SecondOrderFunctions
{
    /// <summary>f(x, y) = (1 − x)² + 2(y − x²)², the notebook's valley, on scalars.</summary>
    [Differentiable]
    public static double Valley(double x, double y) => (1 - x) * (1 - x) + 2 * (y - x * x) * (y - x * x);

    /// <summary>xᵀA·x for an n×n row-major A: the Hessian is A + Aᵀ everywhere.</summary>
    [Differentiable]
    public static double Quadratic(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> a)
    {
        int n = x.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                sum += a[i * n + j] * x[i] * x[j];
        }
        return sum;
    }

    /// <summary>log Σ exp(x_i): the Hessian is diag(p) − p·pᵀ with p the softmax.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += Math.Exp(x[i]);
        return Math.Log(sum);
    }

    [Differentiable]
    public static float LogSumExpF(ReadOnlySpan<float> x)
    {
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += MathF.Exp(x[i]);
        return MathF.Log(sum);
    }

    /// <summary>A branch on data, a quotient, a power and a square root: smooth away from x = 0.</summary>
    [Differentiable]
    public static double Branchy(double x, double y)
    {
        double result;
        if (x > 0)
            result = Math.Sin(x * y) + Math.Exp(-x) / y;
        else
            result = Math.Pow(y, 3) * x + Math.Sqrt(1 + x * x);
        return result * Math.Tanh(y) + Math.Max(x, y) * Math.Abs(y);
    }

    /// <summary>Iterates until a threshold: the trip count depends on the data (piecewise constant), each step is smooth.</summary>
    [Differentiable]
    public static double Grow(double x, double rate)
    {
        double t = x;
        int steps = 0;
        while (t < 10 && steps < 50)
        {
            t = t * rate + 0.1 * x * x;
            steps++;
        }
        return t * t + Math.Log(rate) * x;
    }

    /// <summary>
    /// Fuzz seed 181346's shape: doubling p = ∛(x + 0.3) 32 times makes it 4.6·10⁹, so cos(p) runs through some 10⁴ periods
    /// within a difference step of 2⁻¹⁴ in x, and differences that coarse see only the smooth 2p².
    /// </summary>
    [Differentiable]
    public static double FastCosine(double x)
    {
        double p = Math.Cbrt(x + 0.3);
        for (int i = 0; i < 32; i++)
            p += p;
        return 2 * p * p + Math.Cos(p);
    }

    /// <summary>Products of the elements of a span: every pair of elements interacts.</summary>
    [Differentiable]
    public static double ProductAndSquares(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> weights)
    {
        double product = 1;
        double squares = 0;
        for (int i = 0; i < x.Length; i++)
        {
            product *= 1 + 0.1 * x[i];
            squares += weights[i] * x[i] * x[i] * x[i];
        }
        return product + squares;
    }

    /// <summary>Calls through three levels and twice into one callee: each product calls its callees' products.</summary>
    [Differentiable]
    public static double CallsChain(double x, double y) => Outer(x * y) + 3 * Inner(x - y) * Inner(y);

    [Differentiable]
    public static double Outer(double u) => Math.Exp(Middle(u) / 4);

    [Differentiable]
    public static double Middle(double u) => Inner(u) * u;

    [Differentiable]
    public static double Inner(double u) => Math.Sin(u) + 2;

    /// <summary>A callee with a [NoDiff] parameter, given a constant of the caller and a literal.</summary>
    [Differentiable]
    public static double CallsWithConstants(double x, [NoDiff] double c) => Scaled(x, c) * Scaled(c * x, 0.5) + Scaled(x * x, 2);

    [Differentiable]
    public static double Scaled(double v, [NoDiff] double scale) => scale * Math.Sin(v) * v;

    /// <summary>A void callee writing into a slice of a local output, read back and reduced.</summary>
    [Differentiable]
    public static double CallsSpanWriter(ReadOnlySpan<double> x, Span<double> work)
    {
        Softplus(x, work);
        double sum = 0;
        for (int i = 0; i < work.Length; i++)
            sum += work[i] * work[i] * x[i];
        return sum + SumOfCubes(x[1..]);
    }

    [Differentiable]
    public static void Softplus(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = Math.Log(1 + Math.Exp(x[i]));
    }

    [Differentiable]
    public static double SumOfCubes(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += x[i] * x[i] * x[i];
        return sum;
    }

    /// <summary>x passed to a [NoDiff] parameter: f = x³ in value, but the derivative sees x·x·w with w constant.</summary>
#pragma warning disable AG0101 // the derivative is meant to stop there
    [Differentiable]
    public static double StopsAtNoDiff(double x) => Weighted(x, x);
#pragma warning restore AG0101

    [Differentiable]
    public static double Weighted(double a, [NoDiff] double weight) => a * a * weight;

    /// <summary>A callee's argument is an expression in a loop (the fuzzer's seed 40: its tangent was lost).</summary>
    [Differentiable]
    public static double CallsWithAnExpressionArgument(double x, int n)
    {
        double sum = 0;
        for (int i = 0; i <= n; i++)
            sum += Scaled(Math.Atan2(x, x + 0.3), 1.25);
        return Math.Sin(x * sum);
    }
}
