namespace AutoGrad.Optimization;

/// <summary>Why an optimizer stopped.</summary>
public enum StopReason
{
    /// <summary>The gradient's Euclidean norm fell to the gradient tolerance: converged.</summary>
    GradientTolerance,

    /// <summary>The relative decrease of f in an iteration fell to the function tolerance.</summary>
    FunctionTolerance,

    /// <summary>The step became smaller than the step tolerance.</summary>
    StepTolerance,

    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,

    /// <summary>The limit on evaluations of f was reached first.</summary>
    MaxFunctionEvaluations,

    /// <summary>No step along the search direction satisfied the Wolfe conditions.</summary>
    LineSearchFailed,

    /// <summary>f or its gradient became NaN or infinite.</summary>
    NotFinite,
}

/// <summary>
/// What a minimization did. The minimizer itself is left in the span the optimizer was given,
/// so nothing of the size of the problem is allocated for the result.
/// </summary>
/// <param name="Value">f at the point left in the span.</param>
/// <param name="Iterations">Iterations (steps taken, or attempted when the last one failed).</param>
/// <param name="FunctionEvaluations">Calls of the objective (each also gives the gradient).</param>
/// <param name="GradientEvaluations">Gradients computed: equal to <paramref name="FunctionEvaluations"/> for these optimizers, which always ask for both.</param>
/// <param name="HessianVectorEvaluations">Hessian-vector products computed (Newton-CG only).</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at the point left in the span.</param>
/// <param name="Reason">Why it stopped.</param>
public sealed record OptimizationResult(
    double Value,
    int Iterations,
    int FunctionEvaluations,
    int GradientEvaluations,
    int HessianVectorEvaluations,
    double GradientNorm,
    StopReason Reason)
{
    /// <summary>True when it stopped because a tolerance was met (gradient, function or step).</summary>
    public bool Converged => Reason is StopReason.GradientTolerance or StopReason.FunctionTolerance or StopReason.StepTolerance;
}
