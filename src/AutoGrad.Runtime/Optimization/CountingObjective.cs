using System;

namespace AutoGrad.Optimization;

/// <summary>Calls the user's objective with a cleared gradient and counts the calls; stops short at the evaluation limit.</summary>
internal sealed class CountingObjective(GradientFunction function, int maxEvaluations)
{
    public int Evaluations { get; private set; }

    public bool Exhausted => Evaluations >= maxEvaluations;

    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        Evaluations++;
        return function(x, gradient);
    }
}
