using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Maxima over callees, as a user writes a log-sum-exp shift or a hard assignment: only the selected
/// callee's adjoint has a nonzero cotangent. The callee's adjoint is supplied by hand and counts its
/// calls (per thread), so tests can tell which calls the generated adjoint makes.
/// </summary>
public static partial class ZeroCotangentFunctions
{
    [ThreadStatic] public static int ScoreAdjointCalls;

    /// <summary>A component's score: −(x − μ)²·e^s.</summary>
    public static double Score(double mu, double s, double x) => -(x - mu) * (x - mu) * Math.Exp(s);

    [DerivativeOf(nameof(Score))]
    public static double ScoreAdjoint(double mu, ref double muBar, double s, ref double sBar, double x, ref double xBar, double resultBar)
    {
        ScoreAdjointCalls++;
        double e = Math.Exp(s), d = x - mu;
        muBar += resultBar * 2 * d * e;
        sBar += resultBar * -d * d * e;
        xBar += resultBar * -2 * d * e;
        return -d * d * e;
    }

    /// <summary>The best component's score, by Math.Max.</summary>
    [Differentiable]
    public static double BestScore(ReadOnlySpan<double> mu, ReadOnlySpan<double> s, double x)
    {
        double best = double.NegativeInfinity;
        for (int c = 0; c < mu.Length; c++)
            best = Math.Max(best, Score(mu[c], s[c], x));
        return best;
    }

    /// <summary>The best component's score, by a comparison and an assignment.</summary>
    [Differentiable]
    public static double BestScoreByComparison(ReadOnlySpan<double> mu, ReadOnlySpan<double> s, double x)
    {
        double best = double.NegativeInfinity;
        for (int c = 0; c < mu.Length; c++)
        {
            double t = Score(mu[c], s[c], x);
            if (best < t)
                best = t;
        }
        return best;
    }

    /// <summary>The same score, differentiated by AutoGrad (so it has a Hessian-vector product).</summary>
    [Differentiable]
    public static double SmoothScore(double mu, double s, double x) => -(x - mu) * (x - mu) * Math.Exp(s);

    /// <summary>The best <see cref="SmoothScore"/>, by Math.Max.</summary>
    [Differentiable]
    public static double BestSmoothScore(ReadOnlySpan<double> mu, ReadOnlySpan<double> s, double x)
    {
        double best = double.NegativeInfinity;
        for (int c = 0; c < mu.Length; c++)
            best = Math.Max(best, SmoothScore(mu[c], s[c], x));
        return best;
    }

    /// <summary>A square root under a larger constant: √x has an infinite derivative at 0, where 1 + y is the larger.</summary>
    [Differentiable]
    public static double RootOrFloor(double x, double y) => Math.Max(Root(x), 1 + y);

    [Differentiable]
    public static double Root(double x) => Math.Sqrt(x);
}
