using System;
using System.Buffers;

namespace AutoGrad.Optimization;

/// <summary>Settings of <see cref="Lbfgs"/>; the defaults follow SciPy's L-BFGS-B.</summary>
public sealed record LbfgsOptions
{
    /// <summary>How many recent steps approximate the inverse Hessian (SciPy's <c>maxcor</c>).</summary>
    public int History { get; init; } = 10;

    /// <summary>Stop when ‖∇f‖₂ is at most this.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when an iteration decreases f by at most this, relative to max(|f|, 1) (SciPy's <c>ftol</c>); 0 turns the test off.</summary>
    public double FunctionTolerance { get; init; } = 2.220446049250313e-09;

    /// <summary>The iteration limit.</summary>
    public int MaxIterations { get; init; } = 15000;

    /// <summary>The limit on calls of the objective.</summary>
    public int MaxFunctionEvaluations { get; init; } = 15000;

    /// <summary>The line search's sufficient-decrease constant c₁.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>The line search's curvature constant c₂.</summary>
    public double Curvature { get; init; } = 0.9;
}

/// <summary>
/// Limited-memory BFGS: a quasi-Newton method that builds its inverse-Hessian approximation from
/// the last few steps and gradient changes (the two-loop recursion), with a strong-Wolfe line search.
/// </summary>
public static class Lbfgs
{
    private const int Gradient = 0, Direction = 1, TrialPoint = 2, TrialGradient = 3, FirstPair = 4;

    /// <summary>Minimizes f from the point in <paramref name="x"/>, leaving the minimizer there.</summary>
    /// <param name="objective">f and its gradient (e.g. a generated adjoint).</param>
    /// <param name="x">The starting point; the point reached on return.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    public static OptimizationResult Minimize(GradientFunction objective, Span<double> x, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new LbfgsOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.History, 1, nameof(options));

        int memory = options.History;
        using var work = new Workspace(x.Length, FirstPair + 2 * memory);
        double[] rho = ArrayPool<double>.Shared.Rent(memory);
        double[] alpha = ArrayPool<double>.Shared.Rent(memory);
        try
        {
            var counted = new CountingObjective(objective, options.MaxFunctionEvaluations);
            Span<double> gradient = work[Gradient];
            double value = counted.Evaluate(x, gradient);
            int stored = 0, newest = -1, iteration = 0;
            StopReason reason = StopReason.MaxIterations;
            for (; iteration < options.MaxIterations; iteration++)
            {
                double gradientNorm = VectorMath.Norm(gradient);
                if (counted.StopBefore(value, gradientNorm, options.GradientTolerance) is { } stop)
                {
                    reason = stop;
                    break;
                }

                Span<double> direction = work[Direction];
                TwoLoopDirection(work, gradient, direction, stored, newest, memory, rho, alpha);
                double slope = VectorMath.Dot(gradient, direction);
                if (!(slope < 0))
                {
                    // The approximation lost positive definiteness: start it again from steepest descent.
                    stored = 0;
                    VectorMath.Negate(direction, gradient);
                    slope = -gradientNorm * gradientNorm;
                }

                double initialStep = stored == 0 ? Math.Min(1, 1 / gradientNorm) : 1;
                var search = WolfeLineSearch.Search(counted, x, value, slope, direction, initialStep,
                    work[TrialPoint], work[TrialGradient], options.SufficientDecrease, options.Curvature);
                if (!search.Success)
                {
                    if (stored > 0)
                    {
                        stored = 0;
                        continue;
                    }

                    reason = counted.Exhausted ? StopReason.MaxFunctionEvaluations : StopReason.LineSearchFailed;
                    break;
                }

                // The newest pair: s = x⁺ − x, y = ∇f⁺ − ∇f, kept only if it curves upwards (sᵀy > 0).
                int slot = (newest + 1) % memory;
                Span<double> s = work[FirstPair + 2 * slot], y = work[FirstPair + 2 * slot + 1];
                for (int i = 0; i < x.Length; i++)
                {
                    s[i] = work[TrialPoint][i] - x[i];
                    y[i] = work[TrialGradient][i] - gradient[i];
                }

                double sy = VectorMath.Dot(s, y);
                if (sy > 1e-10 * VectorMath.Dot(y, y))
                {
                    rho[slot] = 1 / sy;
                    newest = slot;
                    stored = Math.Min(stored + 1, memory);
                }
                else if (stored == memory)
                {
                    stored--; // the rejected pair overwrote the oldest one
                }

                double previous = value;
                value = search.Value;
                work[TrialPoint].CopyTo(x);
                work[TrialGradient].CopyTo(gradient);
                if (previous - value <= options.FunctionTolerance * Math.Max(Math.Max(Math.Abs(previous), Math.Abs(value)), 1))
                {
                    iteration++;
                    reason = VectorMath.Norm(gradient) <= options.GradientTolerance ? StopReason.GradientTolerance : StopReason.FunctionTolerance;
                    break;
                }
            }

            return new OptimizationResult(value, iteration, counted.Evaluations, counted.Evaluations, 0, VectorMath.Norm(gradient), reason);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rho);
            ArrayPool<double>.Shared.Return(alpha);
        }
    }

    /// <summary>direction = −H·∇f, H the L-BFGS inverse-Hessian approximation of the stored pairs (steepest descent when there are none).</summary>
    private static void TwoLoopDirection(Workspace work, ReadOnlySpan<double> gradient, Span<double> direction, int stored, int newest, int memory, double[] rho, double[] alpha)
    {
        gradient.CopyTo(direction);
        if (stored == 0)
        {
            VectorMath.Negate(direction, direction);
            return;
        }

        for (int k = 0; k < stored; k++)
        {
            int slot = (newest - k + memory) % memory;
            alpha[slot] = rho[slot] * VectorMath.Dot(work[FirstPair + 2 * slot], direction);
            VectorMath.AddScaled(direction, -alpha[slot], work[FirstPair + 2 * slot + 1]);
        }

        Span<double> newestY = work[FirstPair + 2 * newest + 1];
        double scale = 1 / (rho[newest] * VectorMath.Dot(newestY, newestY));
        for (int i = 0; i < direction.Length; i++)
        {
            direction[i] *= scale;
        }

        for (int k = stored - 1; k >= 0; k--)
        {
            int slot = (newest - k + memory) % memory;
            double beta = rho[slot] * VectorMath.Dot(work[FirstPair + 2 * slot + 1], direction);
            VectorMath.AddScaled(direction, alpha[slot] - beta, work[FirstPair + 2 * slot]);
        }

        VectorMath.Negate(direction, direction);
    }
}
