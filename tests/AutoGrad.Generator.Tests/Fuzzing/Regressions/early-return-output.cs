// Hand-written regression beside seed 2 (seed: 0): Forward must clear an output's tangent on every path,
// also one that returns before the output is written; it was cleared only before the first write.
using System;
using AutoGrad;

namespace Fuzz;

public static partial class EarlyReturnOutput
{
    [Differentiable]
    public static double F(ReadOnlySpan<double> x0, Span<double> o0)
    {
        if (x0[0] < 0.5)
        {
            return x0[0];
        }
        o0[0] = x0[0] * x0[0];
        return 2.0 * x0[0];
    }
}
