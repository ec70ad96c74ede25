using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Methods that the generator once got wrong, written the way a user would write them: found by
/// translating other AD tools' tests. Each group names the rule the generator now follows.
/// </summary>
public static partial class DefectFunctions
{
    // ------------------------------------------------ span locals holding a slice of an input or output
    // A write through a span local (span[i] = …, +=, a call writing it) uses the local: its definition
    // stays, in the forward, adjoint and Hessian-vector methods alike.

    [Differentiable]
    public static double SliceLocal(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> head = x.Slice(0, 2);
        return head[0] * head[1];
    }

    [Differentiable]
    public static double RangeLocalMiddle(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> middle = x[1..(x.Length - 1)];
        double s = 0;
        for (int i = 0; i < middle.Length; i++)
            s += middle[i] * middle[i] * x[0];
        return s;
    }

    [Differentiable]
    public static double RangeLocalFromEnd(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> inner = x[1..^1];
        return inner[0] * Math.Sin(inner[1]);
    }

    [Differentiable]
    public static double RangeLocalPrefixSuffix(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> first = x[..2];
        ReadOnlySpan<double> rest = x[2..];
        ReadOnlySpan<double> last = x[^2..];
        return first[0] * rest[0] + first[1] * last[1] * last[0];
    }

    /// <summary>A slice local passed to a differentiable callee.</summary>
    [Differentiable]
    public static double SliceLocalToCallee(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> tail = x.Slice(1, x.Length - 1);
        return x[0] * SumOfSquares(tail);
    }

    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
            s += v[i] * v[i];
        return s;
    }
}
