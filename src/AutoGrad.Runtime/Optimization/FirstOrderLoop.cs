using System;

namespace AutoGrad.Optimization;

/// <summary>
/// The loop the first-order methods share: evaluate, test, step. The gradient lives in work[0];
/// the rule keeps its state in the other vectors.
/// </summary>
internal static class FirstOrderLoop
{
    /// <summary>One update of x from the gradient there.</summary>
    public interface IRule
    {
        void Step(Span<double> x, ReadOnlySpan<double> gradient, Workspace work);
    }

    public static OptimizationResult Run<TRule>(CountingObjective objective, Span<double> x, Workspace work, int maxIterations, double gradientTolerance, ref TRule rule)
        where TRule : struct, IRule
    {
        Span<double> gradient = work[0];
        double value = objective.Evaluate(x, gradient);
        int iteration = 0;
        StopReason reason = StopReason.MaxIterations;
        for (; ; iteration++)
        {
            if (objective.StopBefore(value, VectorMath.Norm(gradient), gradientTolerance) is { } stop)
            {
                reason = stop;
                break;
            }

            if (iteration == maxIterations)
            {
                break;
            }

            rule.Step(x, gradient, work);
            value = objective.Evaluate(x, gradient);
        }

        return new OptimizationResult(value, iteration, objective.Evaluations, objective.Evaluations, 0, VectorMath.Norm(gradient), reason);
    }
}
