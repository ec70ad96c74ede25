using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>Input spans reduced to a scalar: the losses and inner products of the notebooks.</summary>
public static partial class SpanLosses
{
    /// <summary>mean((pred − y)²), the contract's example: only the prediction is active.</summary>
    [Differentiable]
    public static double Mse(ReadOnlySpan<double> pred, [NoDiff] ReadOnlySpan<double> y)
    {
        double sum = 0.0;
        for (int i = 0; i < pred.Length; i++)
        {
            double error = pred[i] - y[i];
            sum += error * error;
        }

        return sum / pred.Length;
    }

    /// <summary>f = wᵀx with both spans active.</summary>
    [Differentiable]
    public static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * x[i];
        }

        return sum;
    }

    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
        }

        return sum;
    }

    /// <summary>The PyTorch tutorial's o = mean(z), z = 3y², y = x + 2 (x = ones(2, 2), flattened).</summary>
    [Differentiable]
    public static double TutorialOut(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = x[i] + 2.0;
            double z = y * y * 3.0;
            sum += z;
        }

        return sum / x.Length;
    }
}

/// <summary>The same losses in float.</summary>
public static partial class FloatSpanLosses
{
    [Differentiable]
    public static float Mse(ReadOnlySpan<float> pred, [NoDiff] ReadOnlySpan<float> y)
    {
        float sum = 0f;
        for (int i = 0; i < pred.Length; i++)
        {
            float error = pred[i] - y[i];
            sum += error * error;
        }

        return sum / pred.Length;
    }

    [Differentiable]
    public static float Dot(ReadOnlySpan<float> w, ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * x[i];
        }

        return sum;
    }

    [Differentiable]
    public static float SumOfSquares(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * x[i];
        }

        return sum;
    }

    [Differentiable]
    public static float TutorialOut(ReadOnlySpan<float> x)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            float y = x[i] + 2f;
            float z = y * y * 3f;
            sum += z;
        }

        return sum / x.Length;
    }
}
