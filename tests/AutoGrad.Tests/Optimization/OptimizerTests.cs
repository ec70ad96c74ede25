using System;
using System.Linq;
using AutoGrad.Optimization;
using Xunit;
using Xunit.Abstractions;
using static AutoGrad.Tests.Optimization.OptimizationFunctions;

namespace AutoGrad.Tests.Optimization;

/// <summary>
/// The runtime's optimizers on problems with known minima, driven by generated adjoints and, for
/// Newton-CG, generated Hessian-vector products (forward over reverse).
/// </summary>
public class OptimizerTests(ITestOutputHelper output)
{
    private static readonly GradientFunction Valley = (x, g) => NotebookValleyAdjoint(x, g);
    private static readonly HessianVectorFunction ValleyHessian = (x, v, g, hv) => NotebookValleyHessianVector(x, v, g, hv);

    private static readonly GradientFunction Rosen = (x, g) => RosenbrockAdjoint(x, g);
    private static readonly HessianVectorFunction RosenHessian = (x, v, g, hv) => RosenbrockHessianVector(x, v, g, hv);

    [Fact]
    public void Newton_cg_beats_lbfgs_beats_gradient_descent_on_the_notebook_valley_from_3_2()
    {
        double[] newton = [3, 2], quasiNewton = [3, 2], descent = [3, 2];
        var newtonResult = NewtonCg.Minimize(Valley, ValleyHessian, newton, new NewtonCgOptions { GradientTolerance = 1e-10 });
        var lbfgsResult = Lbfgs.Minimize(Valley, quasiNewton, new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
        var descentResult = GradientDescent.Minimize(Valley, descent, new GradientDescentOptions { LearningRate = 0.004, GradientTolerance = 1e-10, MaxIterations = 1_000_000 });

        output.WriteLine($"Newton-CG: {newtonResult}");
        output.WriteLine($"L-BFGS:    {lbfgsResult}");
        output.WriteLine($"GD:        {descentResult}");

        foreach (var (point, result) in new[] { (newton, newtonResult), (quasiNewton, lbfgsResult), (descent, descentResult) })
        {
            Assert.Equal(StopReason.GradientTolerance, result.Reason);
            Assert.True(result.GradientNorm < 1e-10, $"gradient norm {result.GradientNorm}");
            Assert.Equal(1, point[0], 1e-9);
            Assert.Equal(1, point[1], 1e-9);
            Assert.Equal(NotebookValley(point), result.Value);
        }

        Assert.True(newtonResult.GradientEvaluations < lbfgsResult.GradientEvaluations,
            $"Newton-CG {newtonResult.GradientEvaluations} vs L-BFGS {lbfgsResult.GradientEvaluations} gradient evaluations");
        Assert.True(lbfgsResult.GradientEvaluations < descentResult.GradientEvaluations,
            $"L-BFGS {lbfgsResult.GradientEvaluations} vs GD {descentResult.GradientEvaluations} gradient evaluations");
    }

    [Fact]
    public void Newton_cg_handles_negative_curvature()
    {
        // At (0, 1) f_xx = 2 − 8 = −6: the Hessian is indefinite.
        double[] x = [0, 1];
        var result = NewtonCg.Minimize(Valley, ValleyHessian, x, new NewtonCgOptions { GradientTolerance = 1e-10 });
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(1, x[0], 1e-9);
        Assert.Equal(1, x[1], 1e-9);
    }

    public static TheoryData<int> Dimensions => new(2, 10, 100);

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void Lbfgs_and_newton_cg_reach_the_minimum_of_rosenbrock(int n)
    {
        double[] quasiNewton = StartingPoint(n), newton = StartingPoint(n);
        var lbfgs = Lbfgs.Minimize(Rosen, quasiNewton, new LbfgsOptions { GradientTolerance = 1e-9, FunctionTolerance = 0 });
        var newtonCg = NewtonCg.Minimize(Rosen, RosenHessian, newton, new NewtonCgOptions { GradientTolerance = 1e-9 });
        output.WriteLine($"n = {n}: L-BFGS {lbfgs}; Newton-CG {newtonCg}");

        Assert.Equal(StopReason.GradientTolerance, lbfgs.Reason);
        Assert.Equal(StopReason.GradientTolerance, newtonCg.Reason);
        Assert.All(quasiNewton, value => Assert.Equal(1, value, 1e-7));
        Assert.All(newton, value => Assert.Equal(1, value, 1e-7));
        Assert.True(newtonCg.HessianVectorEvaluations > 0);
    }

    [Theory]
    [MemberData(nameof(Dimensions))]
    public void Adam_reduces_rosenbrock_by_four_orders_of_magnitude(int n)
    {
        double[] x = StartingPoint(n);
        double initial = Rosenbrock(x);
        var result = AdamWithStepDecay(Rosen, x);
        output.WriteLine($"n = {n}: {initial} → {result}");
        Assert.True(initial / result.Value >= 1e4, $"from {initial} to {result.Value}");
        Assert.Equal(Rosenbrock(x), result.Value);
    }

    [Fact]
    public void Momentum_speeds_gradient_descent_up()
    {
        double[] plain = [3, 2], heavy = [3, 2];
        var options = new GradientDescentOptions { LearningRate = 0.004, GradientTolerance = 1e-8, MaxIterations = 1_000_000 };
        var plainResult = GradientDescent.Minimize(Valley, plain, options);
        var heavyResult = GradientDescent.Minimize(Valley, heavy, options with { Momentum = 0.9 });
        Assert.True(heavyResult.Converged && plainResult.Converged);
        Assert.True(heavyResult.Iterations < plainResult.Iterations / 5, $"{heavyResult.Iterations} vs {plainResult.Iterations}");
        Assert.Equal(1, heavy[0], 1e-7);
    }

    [Fact]
    public void Newton_cg_solves_a_quadratic_to_its_closed_form_minimum()
    {
        // f = ½ Σ a_i x_i² − b_i x_i: minimum x_i = b_i / a_i, Hessian diag(a).
        double[] a = [1, 2, 3, 4, 5], b = [5, -4, 3, -2, 1];
        GradientFunction quadratic = (x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                f += 0.5 * a[i] * x[i] * x[i] - b[i] * x[i];
                g[i] = a[i] * x[i] - b[i];
            }

            return f;
        };
        HessianVectorFunction hessian = (x, v, g, hv) =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                hv[i] = a[i] * v[i];
            }

            return quadratic(x, g);
        };

        double[] x = new double[5];
        var result = NewtonCg.Minimize(quadratic, hessian, x, new NewtonCgOptions { GradientTolerance = 1e-12 });
        Assert.Equal(StopReason.GradientTolerance, result.Reason);
        // CG is exact on an n-dimensional quadratic in n steps, so no iteration needs more products.
        Assert.True(result.HessianVectorEvaluations <= 5 * result.Iterations, result.ToString());
        Assert.Equal(b.Zip(a, (bi, ai) => bi / ai).ToArray(), x, (expected, actual) => Math.Abs(expected - actual) < 1e-12);
    }

    [Fact]
    public void Stop_reasons_say_why()
    {
        double[] x = [3, 2];
        var limited = Lbfgs.Minimize(Valley, x, new LbfgsOptions { MaxIterations = 2 });
        Assert.Equal(StopReason.MaxIterations, limited.Reason);
        Assert.Equal(2, limited.Iterations);
        Assert.False(limited.Converged);

        double[] y = [1, 2];
        var notFinite = GradientDescent.Minimize((p, g) => double.NaN, y);
        Assert.Equal(StopReason.NotFinite, notFinite.Reason);

        // A gradient with the wrong sign points uphill: no step decreases f.
        double[] z = [1, 2];
        var wrong = Lbfgs.Minimize((p, g) =>
        {
            g[0] = -2 * p[0];
            g[1] = -2 * p[1];
            return p[0] * p[0] + p[1] * p[1];
        }, z);
        Assert.Equal(StopReason.LineSearchFailed, wrong.Reason);
    }

    [Fact]
    public void Gradients_are_cleared_before_each_call_so_adjoints_can_accumulate()
    {
        // The adjoint adds into g: were g not cleared, gradients would pile up and the result would be wrong.
        double[] x = [3, 2];
        var result = Lbfgs.Minimize(Valley, x, new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
        Assert.True(result.Converged);
        Assert.Equal(1, x[0], 1e-9);
    }

    [Fact]
    public void Iterations_allocate_nothing()
    {
        static long Allocated(Action run)
        {
            run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        double[] x = new double[100];
        GradientFunction rosen = Rosen;
        HessianVectorFunction hessian = RosenHessian;
        long Run(int iterations, Func<double[], OptimizationResult> minimize) => Allocated(() =>
        {
            Array.Fill(x, 0.5);
            minimize(x);
        });

        foreach (var (name, minimize) in new (string, Func<int, Func<double[], OptimizationResult>>)[]
        {
            ("GD", k => p => GradientDescent.Minimize(rosen, p, new GradientDescentOptions { LearningRate = 1e-4, GradientTolerance = 0, MaxIterations = k })),
            ("Adam", k => p => Adam.Minimize(rosen, p, new AdamOptions { GradientTolerance = 0, MaxIterations = k })),
            ("L-BFGS", k => p => Lbfgs.Minimize(rosen, p, new LbfgsOptions { GradientTolerance = 0, FunctionTolerance = 0, MaxIterations = k })),
            ("Newton-CG", k => p => NewtonCg.Minimize(rosen, hessian, p, new NewtonCgOptions { GradientTolerance = 0, MaxIterations = k })),
        })
        {
            var few = minimize(3);
            var many = minimize(30);
            long fewBytes = Run(3, few), manyBytes = Run(30, many);
            output.WriteLine($"{name}: {fewBytes} B for 3 iterations, {manyBytes} B for 30");
            Assert.Equal(fewBytes, manyBytes);
        }
    }

    /// <summary>The classic start (−1.2, 1) in two dimensions; zeros otherwise, from where the global minimum is the one reached.</summary>
    private static double[] StartingPoint(int n) => n == 2 ? [-1.2, 1] : new double[n];

    /// <summary>
    /// 50,000 steps at α = 0.01, then 10,000 at 0.001. At a fixed α Adam ends circling the minimum, and where it stops
    /// on that circle is decided by rounding: at n = 100, adding one ulp to one component of every gradient moved the
    /// final value anywhere from 3e-4 to 3e-2 (the threshold below is 1e-2). The smaller step settles it, so the
    /// test speaks of Adam, not of the last bit of the gradient.
    /// </summary>
    internal static OptimizationResult AdamWithStepDecay(GradientFunction objective, double[] x)
    {
        Adam.Minimize(objective, x, new AdamOptions { LearningRate = 0.01, MaxIterations = 50_000 });
        return Adam.Minimize(objective, x, new AdamOptions { LearningRate = 0.001, MaxIterations = 10_000 });
    }
}
