using System;
using AutoGrad;

namespace AutoGrad.Benchmarks.Subjects;

/// <summary>
/// The methods under test, written the way a user would write them: a plain loop. AutoGrad adds
/// <c>MseForward</c>/<c>MseAdjoint</c> and <c>MseFForward</c>/<c>MseFAdjoint</c> beside them, e.g.
/// <code>
/// public static double MseAdjoint(ReadOnlySpan&lt;double&gt; pred, Span&lt;double&gt; predBar,
///                                 ReadOnlySpan&lt;double&gt; y, double resultBar = 1.0);
/// </code>
/// which returns the loss and adds <c>resultBar · ∂loss/∂pred[i]</c> into <c>predBar[i]</c>.
/// </summary>
public static partial class MseSubjects
{
    /// <summary>Mean squared error, double precision.</summary>
    [Differentiable]
    public static double Mse(ReadOnlySpan<double> pred, [NoDiff] ReadOnlySpan<double> y)
    {
        double s = 0.0;
        for (int i = 0; i < pred.Length; i++)
        {
            double d = pred[i] - y[i];
            s += d * d;
        }
        return s / pred.Length;
    }

    /// <summary>Mean squared error, single precision.</summary>
    [Differentiable]
    public static float MseF(ReadOnlySpan<float> pred, [NoDiff] ReadOnlySpan<float> y)
    {
        float s = 0.0f;
        for (int i = 0; i < pred.Length; i++)
        {
            float d = pred[i] - y[i];
            s += d * d;
        }
        return s / pred.Length;
    }
}
