using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>
/// Loops: descending and strided for loops, nested loops, a max shift found by a loop, break and
/// continue on data, while loops whose trip count depends on the active values.
/// </summary>
public static partial class SpanLoops
{
    private const int MaxIterations = 200;

    /// <summary>Σ c_i xⁱ by Horner's rule, the coefficients being data: a descending loop.</summary>
    [Differentiable]
    public static double Horner([NoDiff] ReadOnlySpan<double> coefficients, double x)
    {
        double result = 0.0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            result = result * x + coefficients[i];
        }

        return result;
    }

    /// <summary>Σ c_i xⁱ by Horner's rule, coefficients active too.</summary>
    [Differentiable]
    public static double HornerActive(ReadOnlySpan<double> coefficients, double x)
    {
        double result = 0.0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            result = result * x + coefficients[i];
        }

        return result;
    }

    /// <summary>log Σ exp(x_i), shifted by the maximum that a first loop finds.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] > max)
            {
                max = x[i];
            }
        }

        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>−log softmax(logits)[label], with the max shift; the label is an int.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(ReadOnlySpan<double> logits, int label)
    {
        double max = logits[0];
        for (int i = 1; i < logits.Length; i++)
        {
            if (logits[i] > max)
            {
                max = logits[i];
            }
        }

        double sum = 0.0;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += Math.Exp(logits[i] - max);
        }

        return Math.Log(sum) - (logits[label] - max);
    }

    /// <summary>Σ_{i&lt;j} 1 / (1 + (x_i − x_j)²): nested loops, the inner bound set by the outer index.</summary>
    [Differentiable]
    public static double PairwiseEnergy(ReadOnlySpan<double> x)
    {
        double energy = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = i + 1; j < x.Length; j++)
            {
                double d = x[i] - x[j];
                energy += 1.0 / (1.0 + d * d);
            }
        }

        return energy;
    }

    /// <summary>Σ x_i³ over i = start, start + stride, …: a constant start and step.</summary>
    [Differentiable]
    public static double StridedSumOfCubes(ReadOnlySpan<double> x, int start, int stride)
    {
        double sum = 0.0;
        for (int i = start; i < x.Length; i += stride)
        {
            sum += x[i] * x[i] * x[i];
        }

        return sum;
    }

    /// <summary>
    /// Weighted squares of the non-negative elements (continue skips the negative ones), in order, until
    /// the sum passes the limit (break); then a nonlinear map of the sum.
    /// </summary>
    [Differentiable]
    public static double SquaresUntilLimit(ReadOnlySpan<double> x, [NoDiff] double limit)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < 0.0)
            {
                continue;
            }

            sum += x[i] * x[i] * (1.0 + 0.1 * i);
            if (sum > limit)
            {
                break;
            }
        }

        return sum * Math.Exp(-0.1 * sum);
    }

    /// <summary>Adds softplus(x_i) while the total is below the threshold: a while loop over a span.</summary>
    [Differentiable]
    public static double AccumulateUntil(ReadOnlySpan<double> x, [NoDiff] double threshold)
    {
        double total = 0.0;
        int i = 0;
        while (i < x.Length && total < threshold)
        {
            total += Math.Log(1.0 + Math.Exp(x[i]));
            i++;
        }

        return total * Math.Sqrt(1.0 + i);
    }

    /// <summary>The fixed point of x = a·cos(x), iterated from 0 until the step is below 1e-12 (or a cap).</summary>
    [Differentiable]
    public static double FixedPointCos(double a)
    {
        double x = 0.0;
        int k = 0;
        while (k < MaxIterations)
        {
            double next = a * Math.Cos(x);
            double change = next - x;
            x = next;
            k++;
            if (Math.Abs(change) < 1e-12)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>√a by Newton's method from max(a, 1): the trip count depends on a.</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double r = a > 1.0 ? a : 1.0;
        double change = r;
        int k = 0;
        while (Math.Abs(change) > 1e-13 * r && k < MaxIterations)
        {
            double next = 0.5 * (r + a / r);
            change = next - r;
            r = next;
            k++;
        }

        return r;
    }

    /// <summary>Σ √x_i, each by <see cref="NewtonSqrt"/>: a while loop inside a for loop, through a call.</summary>
    [Differentiable]
    public static double SumOfSqrts(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += NewtonSqrt(x[i]);
        }

        return sum;
    }
}

/// <summary>The loops in float, written with MathF.</summary>
public static partial class FloatSpanLoops
{
    private const int MaxIterations = 200;

    [Differentiable]
    public static float Horner([NoDiff] ReadOnlySpan<float> coefficients, float x)
    {
        float result = 0f;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            result = result * x + coefficients[i];
        }

        return result;
    }

    [Differentiable]
    public static float HornerActive(ReadOnlySpan<float> coefficients, float x)
    {
        float result = 0f;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            result = result * x + coefficients[i];
        }

        return result;
    }

    [Differentiable]
    public static float LogSumExp(ReadOnlySpan<float> x)
    {
        float max = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] > max)
            {
                max = x[i];
            }
        }

        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            sum += MathF.Exp(x[i] - max);
        }

        return max + MathF.Log(sum);
    }

    [Differentiable]
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int label)
    {
        float max = logits[0];
        for (int i = 1; i < logits.Length; i++)
        {
            if (logits[i] > max)
            {
                max = logits[i];
            }
        }

        float sum = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            sum += MathF.Exp(logits[i] - max);
        }

        return MathF.Log(sum) - (logits[label] - max);
    }

    [Differentiable]
    public static float SquaresUntilLimit(ReadOnlySpan<float> x, [NoDiff] float limit)
    {
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < 0f)
            {
                continue;
            }

            sum += x[i] * x[i] * (1f + 0.1f * i);
            if (sum > limit)
            {
                break;
            }
        }

        return sum * MathF.Exp(-0.1f * sum);
    }

    /// <summary>x = a·cos(x) iterated until the step is below 1e-6 (float cannot get to 1e-12).</summary>
    [Differentiable]
    public static float FixedPointCos(float a)
    {
        float x = 0f;
        int k = 0;
        while (k < MaxIterations)
        {
            float next = a * MathF.Cos(x);
            float change = next - x;
            x = next;
            k++;
            if (MathF.Abs(change) < 1e-6f)
            {
                break;
            }
        }

        return x;
    }

    [Differentiable]
    public static float NewtonSqrt(float a)
    {
        float r = a > 1f ? a : 1f;
        float change = r;
        int k = 0;
        while (MathF.Abs(change) > 1e-6f * r && k < MaxIterations)
        {
            float next = 0.5f * (r + a / r);
            change = next - r;
            r = next;
            k++;
        }

        return r;
    }
}
