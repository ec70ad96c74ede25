using System;

namespace AutoGrad.Tests.Functions;

/// <summary>One sample's loss for the batch helper's tests: (tanh(w·x) − y)².</summary>
public static partial class BatchFunctions
{
    [Differentiable]
    public static double SquaredError(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, [NoDiff] double y)
    {
        double p = 0;
        for (int j = 0; j < w.Length; j++)
            p += w[j] * x[j];
        double r = Math.Tanh(p) - y;
        return r * r;
    }
}
