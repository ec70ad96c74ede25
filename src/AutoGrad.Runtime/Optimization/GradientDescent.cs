using System;

namespace AutoGrad.Optimization;

/// <summary>Settings of <see cref="GradientDescent"/>.</summary>
public sealed record GradientDescentOptions
{
    /// <summary>The step size η.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The momentum μ (0 for plain gradient descent; 0.9 is a common choice).</summary>
    public double Momentum { get; init; }

    /// <summary>Stop when ‖∇f‖₂ is at most this.</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    /// <summary>The iteration limit.</summary>
    public int MaxIterations { get; init; } = 10_000;
}

/// <summary>
/// Gradient descent with (heavy-ball) momentum: <c>v ← μv − η∇f(x)</c>, <c>x ← x + v</c>; with μ = 0,
/// plain gradient descent <c>x ← x − η∇f(x)</c>.
/// </summary>
public static class GradientDescent
{
    /// <summary>Minimizes f from the point in <paramref name="x"/>, leaving the point reached there.</summary>
    /// <param name="objective">f and its gradient (e.g. a generated adjoint).</param>
    /// <param name="x">The starting point; the point reached on return.</param>
    /// <param name="options">Settings; the defaults when null.</param>
    public static OptimizationResult Minimize(GradientFunction objective, Span<double> x, GradientDescentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new GradientDescentOptions();
        using var work = new Workspace(x.Length, 2);
        var rule = new MomentumStep(options);
        return FirstOrderLoop.Run(new CountingObjective(objective, int.MaxValue), x, work, options.MaxIterations, options.GradientTolerance, ref rule);
    }

    /// <summary>Velocity in work[1].</summary>
    private readonly struct MomentumStep(GradientDescentOptions options) : FirstOrderLoop.IRule
    {
        public void Step(Span<double> x, ReadOnlySpan<double> gradient, Workspace work)
        {
            Span<double> velocity = work[1];
            for (int i = 0; i < x.Length; i++)
            {
                velocity[i] = options.Momentum * velocity[i] - options.LearningRate * gradient[i];
                x[i] += velocity[i];
            }
        }
    }
}
