using System;

namespace AutoGrad.Optimization;

/// <summary>Calls the user's objective with a cleared gradient and counts the calls; stops short at the evaluation limit.</summary>
internal sealed class CountingObjective(GradientFunction function, int maxEvaluations)
{
    public int Evaluations { get; private set; }

    public bool Exhausted => Evaluations >= maxEvaluations;

    /// <summary>Why to stop before the next iteration, if at all: a non-finite value, convergence, or no evaluations left.</summary>
    public StopReason? StopBefore(double value, double gradientNorm, double gradientTolerance)
    {
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return StopReason.NotFinite;
        if (gradientNorm <= gradientTolerance)
            return StopReason.GradientTolerance;
        return Exhausted ? StopReason.MaxFunctionEvaluations : null;
    }

    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        Evaluations++;
        return function(x, gradient);
    }
}
