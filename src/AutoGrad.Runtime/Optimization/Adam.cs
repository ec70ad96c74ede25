using System;

namespace AutoGrad.Optimization;

/// <summary>Settings of <see cref="Adam"/>; the defaults are Kingma and Ba's (and PyTorch's).</summary>
public sealed record AdamOptions
{
    /// <summary>The step size α.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The decay β₁ of the first-moment estimate.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>The decay β₂ of the second-moment estimate.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε, added to the root of the second moment.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Stop when ‖∇f‖₂ is at most this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The iteration limit.</summary>
    public int MaxIterations { get; init; } = 10_000;
}

/// <summary>
/// Adam (Kingma and Ba, 2015): steps by bias-corrected running averages of the gradient and of its
/// square, <c>x ← x − α·m̂/(√v̂ + ε)</c>.
/// </summary>
public static class Adam
{
    /// <summary>Minimizes f from the point in <paramref name="x"/>, leaving the point reached there.</summary>
    /// <param name="objective">f and its gradient (e.g. a generated adjoint).</param>
    /// <param name="x">The starting point; the point reached on return.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    public static OptimizationResult Minimize(GradientFunction objective, Span<double> x, AdamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new AdamOptions();
        using var work = new Workspace(x.Length, 3);
        var rule = new AdamStep(options);
        return FirstOrderLoop.Run(new CountingObjective(objective, int.MaxValue), x, work, options.MaxIterations, options.GradientTolerance, ref rule);
    }

    /// <summary>First moment in work[1], second in work[2].</summary>
    private struct AdamStep(AdamOptions options) : FirstOrderLoop.IRule
    {
        private double beta1Power = 1, beta2Power = 1;

        public void Step(Span<double> x, ReadOnlySpan<double> gradient, Workspace work)
        {
            Span<double> first = work[1], second = work[2];
            beta1Power *= options.Beta1;
            beta2Power *= options.Beta2;
            for (int i = 0; i < x.Length; i++)
            {
                first[i] = options.Beta1 * first[i] + (1 - options.Beta1) * gradient[i];
                second[i] = options.Beta2 * second[i] + (1 - options.Beta2) * gradient[i] * gradient[i];
                double firstHat = first[i] / (1 - beta1Power);
                double secondHat = second[i] / (1 - beta2Power);
                x[i] -= options.LearningRate * firstHat / (Math.Sqrt(secondHat) + options.Epsilon);
            }
        }
    }
}
