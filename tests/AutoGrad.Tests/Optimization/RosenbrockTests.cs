using System;
using System.Linq;
using AutoGrad.Optimization;
using Xunit;
using Xunit.Abstractions;
using static AutoGrad.Tests.Optimization.OptimizationFunctions;

namespace AutoGrad.Tests.Optimization;

/// <summary>
/// Rosenbrock in 2, 10 and 100 dimensions, written once as a [Differentiable] method over a
/// ReadOnlySpan: its generated gradient against the closed form and central finite differences,
/// then L-BFGS, Newton-CG (on the generated Hessian-vector products) and Adam driven by it, judged by the known minimum (all ones) and the
/// closed-form gradient at the point they stop — not by what the optimizers report about themselves.
/// </summary>
public class RosenbrockTests(ITestOutputHelper output)
{
    public static TheoryData<int> Dimensions => new(2, 10, 100);

    /// <summary>Each dimension with both of <see cref="Start"/>'s starting points.</summary>
    public static TheoryData<int, int> Starts
    {
        get
        {
            var starts = new TheoryData<int, int>();
            foreach (int n in new[] { 2, 10, 100 })
            {
                starts.Add(n, 0);
                starts.Add(n, 1);
            }

            return starts;
        }
    }

    /// <summary>Σ 100(x[i+1] − x[i]²)² + (1 − x[i])², written out again here.</summary>
    private static double ClosedFormValue(ReadOnlySpan<double> x)
    {
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
            f += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        return f;
    }

    /// <summary>∂f/∂x_i = −400x_i(x_{i+1} − x_i²) − 2(1 − x_i) (i &lt; n−1) + 200(x_i − x_{i−1}²) (i &gt; 0).</summary>
    private static double[] ClosedFormGradient(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (i < n - 1)
                g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
            if (i > 0)
                g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]);
        }

        return g;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(value => value * value));

    /// <summary>Deterministic points spread over [−2, 2]ⁿ.</summary>
    private static double[] Point(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 4 * random.NextDouble() - 2).ToArray();
    }

    /// <summary>Starts in the valley's basin of the global minimum (Rosenbrock has a second, local one near x_0 = −1 for n ≥ 4).</summary>
    private static double[] Start(int n, int variant) => variant switch
    {
        0 => n == 2 ? [-1.2, 1] : new double[n],
        _ => Enumerable.Range(0, n).Select(i => 1 + 0.4 * Math.Sin(3.0 * i + 1)).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void The_generated_gradient_matches_the_closed_form_and_finite_differences(int n)
    {
        for (int seed = 1; seed <= 3; seed++)
        {
            double[] x = Point(n, seed), gradient = new double[n];
            double value = RosenbrockAdjoint(x, gradient);
            Assert.Equal(ClosedFormValue(x), value, 1e-12 * Math.Max(1, Math.Abs(value)));

            double[] expected = ClosedFormGradient(x);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(expected[i] - gradient[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])),
                    $"n = {n}, seed {seed}: ∂f/∂x{i} = {gradient[i]:R}, closed form {expected[i]:R}");

                double h = 1e-6 * Math.Max(1, Math.Abs(x[i]));
                double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
                plus[i] += h;
                minus[i] -= h;
                double difference = (Rosenbrock(plus) - Rosenbrock(minus)) / (plus[i] - minus[i]);
                Assert.True(Math.Abs(difference - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(gradient[i])),
                    $"n = {n}, seed {seed}: ∂f/∂x{i} = {gradient[i]:R}, central difference {difference:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void Lbfgs_reaches_the_minimum_at_all_ones(int n, int variant)
    {
        double[] x = Start(n, variant);
        var result = Lbfgs.Minimize((p, g) => RosenbrockAdjoint(p, g), x, new LbfgsOptions { GradientTolerance = 1e-9, FunctionTolerance = 0 });
        AssertAtTheMinimum(n, variant, x, result);
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void Newton_cg_on_generated_hessian_vector_products_reaches_the_minimum_at_all_ones(int n, int variant)
    {
        double[] x = Start(n, variant);
        var result = NewtonCg.Minimize((p, g) => RosenbrockAdjoint(p, g), (p, v, g, hv) => RosenbrockHessianVector(p, v, g, hv), x,
            new NewtonCgOptions { GradientTolerance = 1e-9 });
        AssertAtTheMinimum(n, variant, x, result);
    }

    /// <summary>Converged at all ones, judged by the closed-form gradient and value there.</summary>
    private void AssertAtTheMinimum(int n, int variant, double[] x, OptimizationResult result)
    {
        double[] gradient = ClosedFormGradient(x);
        output.WriteLine($"n = {n}, start {variant}: {result}; closed-form ‖∇f‖ = {Norm(gradient):E3}");

        Assert.True(result.Converged, result.ToString());
        Assert.All(x, value => Assert.Equal(1, value, 1e-7));
        Assert.True(Norm(gradient) < 1e-8, $"closed-form gradient norm {Norm(gradient)} at the end");
        Assert.True(ClosedFormValue(x) < 1e-16, $"f = {ClosedFormValue(x)}");
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void Adam_reduces_the_loss_by_a_factor_of_ten_thousand(int n, int variant)
    {
        double[] x = Start(n, variant);
        double initial = ClosedFormValue(x);
        var result = OptimizerTests.AdamWithStepDecay((p, g) => RosenbrockAdjoint(p, g), x);
        double final = ClosedFormValue(x);
        output.WriteLine($"n = {n}, start {variant}: {initial:G6} → {final:E3} ({result})");

        Assert.True(initial / final >= 1e4, $"from {initial} to {final}");
        Assert.True(Math.Abs(result.Value - final) <= 1e-12 * final, $"reported {result.Value:R}, closed form {final:R}");
    }
}
