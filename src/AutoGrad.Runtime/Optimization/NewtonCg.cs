using System;

namespace AutoGrad.Optimization;

/// <summary>Settings of <see cref="NewtonCg"/>; the defaults follow SciPy's <c>minimize(method='Newton-CG')</c>.</summary>
public sealed record NewtonCgOptions
{
    /// <summary>Stop when ‖∇f‖₂ is at most this.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>The iteration limit; null for 200 per variable, as SciPy.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>The limit on conjugate-gradient steps per iteration; null for 20 per variable, as SciPy.</summary>
    public int? MaxConjugateGradientSteps { get; init; }

    /// <summary>The limit on calls of the objective.</summary>
    public int MaxFunctionEvaluations { get; init; } = 100_000;

    /// <summary>The line search's sufficient-decrease constant c₁.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>The line search's curvature constant c₂.</summary>
    public double Curvature { get; init; } = 0.9;
}

/// <summary>
/// Truncated Newton: each iteration solves ∇²f·p = −∇f approximately by conjugate gradients on
/// Hessian-vector products (never forming the Hessian), stopping early at negative curvature or
/// once the residual is below min(½, √‖∇f‖)·‖∇f‖ (superlinear convergence), then takes a
/// strong-Wolfe line search step along p.
/// </summary>
public static class NewtonCg
{
    private const int Gradient = 0, Step = 1, Residual = 2, Search = 3, Product = 4, ScratchGradient = 5, TrialPoint = 6, TrialGradient = 7, Vectors = 8;

    /// <summary>Minimizes f from the point in <paramref name="x"/>, leaving the minimizer there.</summary>
    /// <param name="objective">f and its gradient, for the line search.</param>
    /// <param name="hessianVector">f, its gradient and ∇²f·v (e.g. a generated Hessian-vector product).</param>
    /// <param name="x">The starting point; the point reached on return.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    public static OptimizationResult Minimize(GradientFunction objective, HessianVectorFunction hessianVector, Span<double> x, NewtonCgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(hessianVector);
        options ??= new NewtonCgOptions();
        int n = x.Length;
        int maxIterations = options.MaxIterations ?? 200 * Math.Max(n, 1);
        int maxSteps = options.MaxConjugateGradientSteps ?? 20 * Math.Max(n, 1);

        using var work = new Workspace(n, Vectors);
        var counted = new CountingObjective(objective, options.MaxFunctionEvaluations);
        Span<double> gradient = work[Gradient];
        double value = counted.Evaluate(x, gradient);
        int products = 0, iteration = 0;
        StopReason reason = StopReason.MaxIterations;
        for (; iteration < maxIterations; iteration++)
        {
            double gradientNorm = VectorMath.Norm(gradient);
            if (counted.StopBefore(value, gradientNorm, options.GradientTolerance) is { } stop)
            {
                reason = stop;
                break;
            }

            Span<double> step = work[Step];
            products += SolveNewtonSystem(hessianVector, x, work, gradient, gradientNorm, maxSteps);
            double slope = VectorMath.Dot(gradient, step);
            if (!(slope < 0))
            {
                VectorMath.Negate(step, gradient);
                slope = -gradientNorm * gradientNorm;
            }

            var search = WolfeLineSearch.Search(counted, x, value, slope, step, 1,
                work[TrialPoint], work[TrialGradient], options.SufficientDecrease, options.Curvature);
            if (!search.Success)
            {
                reason = counted.Exhausted ? StopReason.MaxFunctionEvaluations : StopReason.LineSearchFailed;
                break;
            }

            value = search.Value;
            work[TrialPoint].CopyTo(x);
            work[TrialGradient].CopyTo(gradient);
        }

        return new OptimizationResult(value, iteration, counted.Evaluations, counted.Evaluations, products, VectorMath.Norm(gradient), reason);
    }

    /// <summary>Conjugate gradients on ∇²f·p = −∇f into work[Step]; returns the Hessian-vector products used.</summary>
    private static int SolveNewtonSystem(HessianVectorFunction hessianVector, ReadOnlySpan<double> x, Workspace work, ReadOnlySpan<double> gradient, double gradientNorm, int maxSteps)
    {
        Span<double> step = work[Step], residual = work[Residual], search = work[Search], product = work[Product];
        step.Clear();
        gradient.CopyTo(residual);            // r = ∇²f·p + ∇f at p = 0
        VectorMath.Negate(search, gradient);  // d = −r
        double residualSquared = VectorMath.Dot(residual, residual);
        double tolerance = Math.Min(0.5, Math.Sqrt(gradientNorm)) * gradientNorm;
        int products = 0;
        for (int k = 0; k < maxSteps; k++)
        {
            if (Math.Sqrt(residualSquared) <= tolerance)
            {
                break;
            }

            work[ScratchGradient].Clear();
            product.Clear();
            hessianVector(x, search, work[ScratchGradient], product);
            products++;
            double curvature = VectorMath.Dot(search, product);
            if (curvature >= 0 && curvature <= 3 * double.Epsilon)
            {
                break;
            }

            if (curvature < 0)
            {
                // Negative curvature: keep the progress made; on the first step go down the gradient,
                // scaled as SciPy does (|∇f|² / |curvature|).
                if (k == 0)
                {
                    for (int i = 0; i < step.Length; i++)
                    {
                        step[i] = residualSquared / -curvature * search[i];
                    }
                }

                break;
            }

            double alpha = residualSquared / curvature;
            VectorMath.AddScaled(step, alpha, search);
            VectorMath.AddScaled(residual, alpha, product);
            double next = VectorMath.Dot(residual, residual);
            double beta = next / residualSquared;
            for (int i = 0; i < search.Length; i++)
            {
                search[i] = -residual[i] + beta * search[i];
            }

            residualSquared = next;
        }

        return products;
    }
}
