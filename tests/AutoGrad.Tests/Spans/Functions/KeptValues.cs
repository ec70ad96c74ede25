using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>A loop whose reverse sweep needs the running value of each iteration: it is kept, on the stack or in a pooled buffer.</summary>
public static partial class KeptValues
{
    [Differentiable]
    public static double Product(ReadOnlySpan<double> x)
    {
        double p = 1.0;
        for (int i = 0; i < x.Length; i++)
            p *= x[i];
        return p;
    }
}
