using System;

namespace AutoGrad.Optimization;

/// <summary>
/// A line search for a step α along a descent direction p satisfying the strong Wolfe conditions
/// <c>f(x + αp) ≤ f(x) + c₁α∇f·p</c> and <c>|∇f(x + αp)·p| ≤ c₂|∇f·p|</c>: bracketing, then
/// zooming with safeguarded cubic interpolation (Nocedal and Wright, Numerical Optimization,
/// algorithms 3.5 and 3.6).
/// </summary>
internal static class WolfeLineSearch
{
    /// <summary>What the search found: on success the accepted point and its gradient are in the trial buffers.</summary>
    public readonly record struct Outcome(bool Success, double Step, double Value);

    private const int MaxTrials = 40;

    /// <param name="objective">The objective.</param>
    /// <param name="x">The current point.</param>
    /// <param name="value">f(x).</param>
    /// <param name="slope">∇f(x)·p, negative.</param>
    /// <param name="direction">p.</param>
    /// <param name="initialStep">The first step tried.</param>
    /// <param name="trialPoint">Receives x + αp (the accepted point on success).</param>
    /// <param name="trialGradient">Receives ∇f(x + αp).</param>
    /// <param name="c1">Sufficient decrease constant.</param>
    /// <param name="c2">Curvature constant.</param>
    public static Outcome Search(
        CountingObjective objective,
        ReadOnlySpan<double> x,
        double value,
        double slope,
        ReadOnlySpan<double> direction,
        double initialStep,
        Span<double> trialPoint,
        Span<double> trialGradient,
        double c1,
        double c2)
    {
        double previousStep = 0, previousValue = value, previousSlope = slope;
        double step = initialStep;
        for (int trial = 0; trial < MaxTrials && !objective.Exhausted; trial++)
        {
            (double trialValue, double trialSlope) = Evaluate(objective, x, step, direction, trialPoint, trialGradient);
            if (!double.IsFinite(trialValue))
            {
                // Overshot into a region where f is not finite: come back towards the last good step.
                step = 0.5 * (previousStep + step);
                continue;
            }

            if (trialValue > value + c1 * step * slope || (trial > 0 && trialValue >= previousValue))
            {
                return Zoom(objective, x, value, slope, direction, trialPoint, trialGradient, c1, c2,
                    previousStep, previousValue, previousSlope, step, trialValue, trialSlope);
            }

            if (Math.Abs(trialSlope) <= -c2 * slope)
            {
                return new Outcome(true, step, trialValue);
            }

            if (trialSlope >= 0)
            {
                return Zoom(objective, x, value, slope, direction, trialPoint, trialGradient, c1, c2,
                    step, trialValue, trialSlope, previousStep, previousValue, previousSlope);
            }

            (previousStep, previousValue, previousSlope) = (step, trialValue, trialSlope);
            step *= 2;
        }

        return new Outcome(false, 0, value);
    }

    /// <summary>Narrows [lo, hi] (lo: the lower f, satisfying sufficient decrease) until a step satisfies both conditions.</summary>
    private static Outcome Zoom(
        CountingObjective objective,
        ReadOnlySpan<double> x,
        double value,
        double slope,
        ReadOnlySpan<double> direction,
        Span<double> trialPoint,
        Span<double> trialGradient,
        double c1,
        double c2,
        double lo,
        double loValue,
        double loSlope,
        double hi,
        double hiValue,
        double hiSlope)
    {
        for (int trial = 0; trial < MaxTrials && !objective.Exhausted; trial++)
        {
            double step = Interpolate(lo, loValue, loSlope, hi, hiValue, hiSlope);
            (double trialValue, double trialSlope) = Evaluate(objective, x, step, direction, trialPoint, trialGradient);
            if (!double.IsFinite(trialValue) || trialValue > value + c1 * step * slope || trialValue >= loValue)
            {
                (hi, hiValue, hiSlope) = (step, trialValue, trialSlope);
            }
            else
            {
                if (Math.Abs(trialSlope) <= -c2 * slope)
                {
                    return new Outcome(true, step, trialValue);
                }

                if (trialSlope * (hi - lo) >= 0)
                {
                    (hi, hiValue, hiSlope) = (lo, loValue, loSlope);
                }

                (lo, loValue, loSlope) = (step, trialValue, trialSlope);
            }

            if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1, Math.Abs(lo)))
            {
                break;
            }
        }

        // The interval collapsed: accept lo if it decreased f at all (it satisfies sufficient decrease).
        if (lo > 0 && loValue < value)
        {
            (double finalValue, _) = Evaluate(objective, x, lo, direction, trialPoint, trialGradient);
            return new Outcome(true, lo, finalValue);
        }

        return new Outcome(false, 0, value);
    }

    /// <summary>The minimizer of the cubic matching f and f′ at both ends, kept inside the middle 80% of the interval; else the midpoint.</summary>
    private static double Interpolate(double a, double fa, double da, double b, double fb, double db)
    {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double discriminant = d1 * d1 - da * db;
        double low = Math.Min(a, b), high = Math.Max(a, b), margin = 0.1 * (high - low);
        if (discriminant >= 0 && double.IsFinite(fb))
        {
            double d2 = Math.Sign(b - a) * Math.Sqrt(discriminant);
            double step = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
            if (double.IsFinite(step) && step >= low + margin && step <= high - margin)
            {
                return step;
            }
        }

        return 0.5 * (a + b);
    }

    private static (double Value, double Slope) Evaluate(
        CountingObjective objective, ReadOnlySpan<double> x, double step, ReadOnlySpan<double> direction, Span<double> point, Span<double> gradient)
    {
        VectorMath.Step(point, x, step, direction);
        double value = objective.Evaluate(point, gradient);
        return (value, VectorMath.Dot(gradient, direction));
    }
}
