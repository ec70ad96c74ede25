using System;
using AutoGrad.Optimization;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 9, "Newton-CG optimization in python, problems with Jacobian": minimize
/// f(x, y) = (1 − x)² + 2(y − x²)² from (3, 2) with SciPy's method, Newton-CG. The question's
/// hand-written Jacobian is what the generator writes as <c>FAdjoint</c>, and the Hessian-vector
/// products Newton-CG needs are <c>FHessianVector</c> (forward over reverse); the minimum is f(1, 1) = 0.
/// </summary>
public static partial class NewtonCgValley
{
    [Differentiable]
    public static double F(ReadOnlySpan<double> p)
    {
        double x = p[0], y = p[1];
        return (1 - x) * (1 - x) + 2 * (y - x * x) * (y - x * x);
    }

    /// <summary>f and its gradient, as the optimizers take them: the generated adjoint, as it is (they clear the gradient first).</summary>
    private static readonly GradientFunction Gradient = (p, gradient) => FAdjoint(p, gradient);

    /// <summary>f, its gradient and the Hessian times v: the generated product, as it is.</summary>
    private static readonly HessianVectorFunction HessianVector = (p, v, gradient, hv) => FHessianVector(p, v, gradient, hv);

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("9 Newton-CG valley");

        // The thread's Jacobian: [−8x(y − x²) + 2x − 2, 4y − 4x²] = (172, −28) at (3, 2).
        double[] gradient = new double[2];
        double f0 = Gradient([3, 2], gradient);
        Console.WriteLine($"    f(3, 2) = {f0}, gradient = {Text.Of(gradient)}");
        report.CheckAll("gradient at (3, 2) against the thread's Jacobian", [172, -28], gradient, Tolerance.AbsoluteOf(1e-12));

        // The Hessian [[2 − 8y + 24x², −8x], [−8x, 4]] = [[202, −24], [−24, 4]] at (3, 2), a column per product.
        double[] column = new double[2];
        HessianVector([3, 2], [1, 0], new double[2], column);
        report.CheckAll("H·(1, 0) at (3, 2) against the closed-form Hessian", [202, -24], column, Tolerance.AbsoluteOf(1e-12));
        column = new double[2];
        HessianVector([3, 2], [0, 1], new double[2], column);
        report.CheckAll("H·(0, 1) at (3, 2) against the closed-form Hessian", [-24, 4], column, Tolerance.AbsoluteOf(1e-12));

        double[] point = [3, 2];
        var newton = NewtonCg.Minimize(Gradient, HessianVector, point, new NewtonCgOptions { GradientTolerance = 1e-10 });
        Console.WriteLine($"    Newton-CG: {newton.Reason} after {newton.Iterations} iterations, {newton.GradientEvaluations} gradients and {newton.HessianVectorEvaluations} Hessian-vector products: (x, y) = {Text.Of(point)}, f = {newton.Value:0.0e+00}");
        report.CheckAll("Newton-CG minimizer from (3, 2)", [1, 1], point, Tolerance.AbsoluteOf(1e-9));
        report.Check("minimum f(1, 1)", 0, newton.Value, Tolerance.AbsoluteOf(1e-18));

        // The gradient path for comparison: L-BFGS needs more gradients for the same tolerance.
        double[] quasiNewtonPoint = [3, 2];
        var quasiNewton = Lbfgs.Minimize(Gradient, quasiNewtonPoint, new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
        Console.WriteLine($"    L-BFGS:    {quasiNewton.Reason} after {quasiNewton.Iterations} iterations and {quasiNewton.GradientEvaluations} gradients: (x, y) = {Text.Of(quasiNewtonPoint)}");
        report.CheckBelow("Newton-CG's gradient evaluations, below L-BFGS's", quasiNewton.GradientEvaluations, newton.GradientEvaluations);
    }
}
