using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>
/// Sums whose order of addition shows in the result, so a test can tell which path ran: the
/// vector path adds each lane on its own and the lanes at the end, the scalar loop one element
/// after another. <c>a · Σ x[i]</c> puts a reduction in the primal, in the forward sweep
/// (<c>Σ aDot · x[i]</c>) and in the reverse sweep (<c>aBar += resultBar · x[i]</c>).
/// </summary>
public static partial class VectorPathProbes
{
    [Differentiable]
    public static double ScaledSum(double a, [NoDiff] ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += a * x[i];
        }

        return sum;
    }

    [Differentiable]
    public static float ScaledSumF(float a, [NoDiff] ReadOnlySpan<float> x)
    {
        float sum = 0.0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += a * x[i];
        }

        return sum;
    }
}
