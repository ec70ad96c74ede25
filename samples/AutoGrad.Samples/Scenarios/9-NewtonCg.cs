using System;
using AutoGrad.Optimization;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 9, "Newton-CG optimization in python, problems with Jacobian": minimize
/// f(x, y) = (1 − x)² + 2(y − x²)² from (3, 2). The question's hand-written Jacobian is what the
/// generator writes; the minimum is f(1, 1) = 0.
/// </summary>
/// <remarks>
/// Newton-CG also needs Hessian-vector products, which the generator does not write yet, so
/// this runs the gradient path: L-BFGS with the generated gradient. When they arrive, the switch
/// is two lines in <see cref="Minimize"/>: a <see cref="HessianVectorFunction"/> over the generated
/// product, passed with the same <see cref="Gradient"/> to <see cref="NewtonCg.Minimize"/>.
/// </remarks>
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

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("9 Newton-CG valley");

        // The thread's Jacobian: [−8x(y − x²) + 2x − 2, 4y − 4x²] = (172, −28) at (3, 2).
        double[] gradient = new double[2];
        double f0 = Gradient([3, 2], gradient);
        Console.WriteLine($"    f(3, 2) = {f0}, gradient = {Text.Of(gradient)}");
        report.CheckAll("gradient at (3, 2) against the thread's Jacobian", [172, -28], gradient, Tolerance.AbsoluteOf(1e-12));

        double[] point = [3, 2];
        var result = Minimize(point);
        Console.WriteLine($"    L-BFGS: {result.Reason} after {result.Iterations} iterations and {result.GradientEvaluations} gradients: (x, y) = {Text.Of(point)}, f = {result.Value:0.0e+00}");
        report.CheckAll("minimizer from (3, 2)", [1, 1], point, Tolerance.AbsoluteOf(1e-9));
        report.Check("minimum f(1, 1)", 0, result.Value, Tolerance.AbsoluteOf(1e-18));
    }

    private static OptimizationResult Minimize(Span<double> point)
    {
        // Newton-CG, once the generator writes a Hessian-vector product for F (FHessianVector; adapt
        // the lambda to its final signature), replaces the L-BFGS call:
        //     HessianVectorFunction hessianVector = (p, v, gradient, hv) => FHessianVector(p, v, gradient, hv);
        //     return NewtonCg.Minimize(Gradient, hessianVector, point, new NewtonCgOptions { GradientTolerance = 1e-10 });
        return Lbfgs.Minimize(Gradient, point, new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
    }
}
