using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>
/// Layers chained through an intermediate span: a void [Differentiable] method writes an output span of
/// its caller, and a later call (or loop) reads it. The reverse sweep must let the later readers add
/// into the span's cotangent before the adjoint of the write that produced it reads it; that write
/// spends it. All share one signature: inputs (w1, b1, w2, b2, x), outputs (hidden, output).
/// </summary>
public static partial class ChainedLayers
{
    /// <summary>output[j] = tanh(b[j] + Σ_i w[j·n + i]·x[i]), n = x.Length: a dense layer, every span active.</summary>
    [Differentiable]
    public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> b, ReadOnlySpan<double> x, Span<double> output)
    {
        int n = x.Length;
        for (int j = 0; j < output.Length; j++)
        {
            double s = b[j];
            for (int i = 0; i < n; i++)
            {
                s += w[j * n + i] * x[i];
            }

            output[j] = Math.Tanh(s);
        }
    }

    /// <summary>Two layers through the output span <c>hidden</c>, passed (a Span) for the second call's ReadOnlySpan input.</summary>
    [Differentiable]
    public static void TwoLayers(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
    }

    /// <summary>As <see cref="TwoLayers"/>, with the conversion to ReadOnlySpan written out.</summary>
    [Differentiable]
    public static void TwoLayersCast(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, (ReadOnlySpan<double>)hidden, output);
    }

    /// <summary>The first layer written inline (element writes into <c>hidden</c>), the second a call that reads it.</summary>
    [Differentiable]
    public static void InlineFirstLayer(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        int n = x.Length;
        for (int j = 0; j < hidden.Length; j++)
        {
            double s = b1[j];
            for (int i = 0; i < n; i++)
            {
                s += w1[j * n + i] * x[i];
            }

            hidden[j] = Math.Tanh(s);
        }

        Dense(w2, b2, hidden, output);
    }

    /// <summary>
    /// Three layers through slices of <c>hidden</c> (2h long, h = b1.Length): the middle call reads
    /// hidden[..h] and writes hidden[h..]; w2 and b2 hold layers 2 (h×h) and 3 (m×h) one after the other.
    /// </summary>
    [Differentiable]
    public static void ThreeLayers(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        int h = b1.Length;
        Dense(w1, b1, x, hidden.Slice(0, h));
        Dense(w2.Slice(0, h * h), b2.Slice(0, h), hidden.Slice(0, h), hidden.Slice(h, h));
        Dense(w2.Slice(h * h, output.Length * h), b2.Slice(h, output.Length), hidden[h..], output);
    }

    /// <summary>One hidden layer read by two later calls: each writes half of the output (w2, b2 split by rows).</summary>
    [Differentiable]
    public static void TwoHeads(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        int h = hidden.Length;
        int k = output.Length / 2;
        Dense(w1, b1, x, hidden);
        Dense(w2.Slice(0, k * h), b2.Slice(0, k), hidden, output.Slice(0, k));
        Dense(w2[(k * h)..], b2[k..], hidden, output[k..]);
    }

    /// <summary>
    /// A recurrence through slices of <c>hidden</c> (steps + 1 blocks of h = b1.Length): block 0 from x,
    /// block t + 1 from block t by the h×h layer at the front of w2, the output from the last block by the rest.
    /// </summary>
    [Differentiable]
    public static void Recurrent(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        int h = b1.Length;
        int steps = hidden.Length / h - 1;
        Dense(w1, b1, x, hidden.Slice(0, h));
        for (int t = 0; t < steps; t++)
        {
            Dense(w2.Slice(0, h * h), b2.Slice(0, h), hidden.Slice(t * h, h), hidden.Slice((t + 1) * h, h));
        }

        Dense(w2[(h * h)..], b2[h..], hidden.Slice(steps * h, h), output);
    }

    /// <summary>
    /// hidden is read by the second layer, then overwritten by a third call and scaled in place: what
    /// the caller sees in hidden is the last write, and the second layer's adjoint needs what it read.
    /// </summary>
    [Differentiable]
    public static void HiddenRewrittenAfterRead(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
        Dense(w1, b1, x.Slice(0, x.Length), hidden);
        hidden[0] = hidden[0] * output[0];
    }

    /// <summary>½·Σ (output_k − ¼)² of <see cref="TwoLayers"/> written out: a scalar loss over the chained layers.</summary>
    [Differentiable]
    public static double TwoLayerLoss(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
        double loss = 0.0;
        for (int k = 0; k < output.Length; k++)
        {
            double r = output[k] - 0.25;
            loss += 0.5 * r * r;
        }

        return loss;
    }

    /// <summary>The same loss over a call of <see cref="TwoLayers"/>: its dependence summary must let w1, b1 and x reach its output.</summary>
    [Differentiable]
    public static double LossOfTwoLayers(ReadOnlySpan<double> w1, ReadOnlySpan<double> b1, ReadOnlySpan<double> w2, ReadOnlySpan<double> b2, ReadOnlySpan<double> x, Span<double> hidden, Span<double> output)
    {
        TwoLayers(w1, b1, w2, b2, x, hidden, output);
        double loss = 0.0;
        for (int k = 0; k < output.Length; k++)
        {
            double r = output[k] - 0.25;
            loss += 0.5 * r * r;
        }

        return loss;
    }
}

/// <summary><see cref="ChainedLayers"/> in float.</summary>
public static partial class FloatChainedLayers
{
    /// <summary>output[j] = tanh(b[j] + Σ_i w[j·n + i]·x[i]), n = x.Length: a dense layer, every span active.</summary>
    [Differentiable]
    public static void Dense(ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<float> x, Span<float> output)
    {
        int n = x.Length;
        for (int j = 0; j < output.Length; j++)
        {
            float s = b[j];
            for (int i = 0; i < n; i++)
            {
                s += w[j * n + i] * x[i];
            }

            output[j] = MathF.Tanh(s);
        }
    }

    /// <summary>Two layers through the output span <c>hidden</c>, passed (a Span) for the second call's ReadOnlySpan input.</summary>
    [Differentiable]
    public static void TwoLayers(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
    }

    /// <summary>As <see cref="TwoLayers"/>, with the conversion to ReadOnlySpan written out.</summary>
    [Differentiable]
    public static void TwoLayersCast(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, (ReadOnlySpan<float>)hidden, output);
    }

    /// <summary>The first layer written inline (element writes into <c>hidden</c>), the second a call that reads it.</summary>
    [Differentiable]
    public static void InlineFirstLayer(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        int n = x.Length;
        for (int j = 0; j < hidden.Length; j++)
        {
            float s = b1[j];
            for (int i = 0; i < n; i++)
            {
                s += w1[j * n + i] * x[i];
            }

            hidden[j] = MathF.Tanh(s);
        }

        Dense(w2, b2, hidden, output);
    }

    /// <summary>
    /// Three layers through slices of <c>hidden</c> (2h long, h = b1.Length): the middle call reads
    /// hidden[..h] and writes hidden[h..]; w2 and b2 hold layers 2 (h×h) and 3 (m×h) one after the other.
    /// </summary>
    [Differentiable]
    public static void ThreeLayers(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        int h = b1.Length;
        Dense(w1, b1, x, hidden.Slice(0, h));
        Dense(w2.Slice(0, h * h), b2.Slice(0, h), hidden.Slice(0, h), hidden.Slice(h, h));
        Dense(w2.Slice(h * h, output.Length * h), b2.Slice(h, output.Length), hidden[h..], output);
    }

    /// <summary>One hidden layer read by two later calls: each writes half of the output (w2, b2 split by rows).</summary>
    [Differentiable]
    public static void TwoHeads(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        int h = hidden.Length;
        int k = output.Length / 2;
        Dense(w1, b1, x, hidden);
        Dense(w2.Slice(0, k * h), b2.Slice(0, k), hidden, output.Slice(0, k));
        Dense(w2[(k * h)..], b2[k..], hidden, output[k..]);
    }

    /// <summary>
    /// A recurrence through slices of <c>hidden</c> (steps + 1 blocks of h = b1.Length): block 0 from x,
    /// block t + 1 from block t by the h×h layer at the front of w2, the output from the last block by the rest.
    /// </summary>
    [Differentiable]
    public static void Recurrent(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        int h = b1.Length;
        int steps = hidden.Length / h - 1;
        Dense(w1, b1, x, hidden.Slice(0, h));
        for (int t = 0; t < steps; t++)
        {
            Dense(w2.Slice(0, h * h), b2.Slice(0, h), hidden.Slice(t * h, h), hidden.Slice((t + 1) * h, h));
        }

        Dense(w2[(h * h)..], b2[h..], hidden.Slice(steps * h, h), output);
    }

    /// <summary>
    /// hidden is read by the second layer, then overwritten by a third call and scaled in place: what
    /// the caller sees in hidden is the last write, and the second layer's adjoint needs what it read.
    /// </summary>
    [Differentiable]
    public static void HiddenRewrittenAfterRead(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
        Dense(w1, b1, x.Slice(0, x.Length), hidden);
        hidden[0] = hidden[0] * output[0];
    }

    /// <summary>½·Σ (output_k − ¼)² of <see cref="TwoLayers"/> written out: a scalar loss over the chained layers.</summary>
    [Differentiable]
    public static float TwoLayerLoss(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        Dense(w1, b1, x, hidden);
        Dense(w2, b2, hidden, output);
        float loss = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float r = output[k] - 0.25f;
            loss += 0.5f * r * r;
        }

        return loss;
    }

    /// <summary>The same loss over a call of <see cref="TwoLayers"/>: its dependence summary must let w1, b1 and x reach its output.</summary>
    [Differentiable]
    public static float LossOfTwoLayers(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, ReadOnlySpan<float> b2, ReadOnlySpan<float> x, Span<float> hidden, Span<float> output)
    {
        TwoLayers(w1, b1, w2, b2, x, hidden, output);
        float loss = 0f;
        for (int k = 0; k < output.Length; k++)
        {
            float r = output[k] - 0.25f;
            loss += 0.5f * r * r;
        }

        return loss;
    }
}
