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

public static partial class DefectFunctions
{
    // ------------------------------------------------ long values carried across loop iterations
    // Every scalar type the IR allows (bool, int, long, float, double) can be kept for the reverse sweep.

    /// <summary>s = Σ x·3·2^i for i &lt; 4 = 45x; big is a long doubled every iteration.</summary>
    [Differentiable]
    public static double LongCarried(double x)
    {
        long big = 3;
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            s += x * big;
            big = big * 2;
        }
        return s;
    }

    /// <summary>A long carried by a while loop whose exit depends on it, mixed with doubles in nonlinear terms.</summary>
    [Differentiable]
    public static double LongCarriedWhile(double x, double y)
    {
        long k = 1;
        double s = 0;
        while (k < 100)
        {
            s += Math.Sin(x * k) / k + y * y * (k % 3);
            k = k * 3 + 1;
        }
        return s;
    }

    /// <summary>A long loop counter and a long accumulated from it, both in double arithmetic.</summary>
    [Differentiable]
    public static double LongCounter(double x, double y)
    {
        long total = 0;
        double p = 1;
        for (long i = 1; i <= 5; i++)
        {
            total += i * i;
            p = p * x + y / total;
        }
        return p * (double)total;
    }
}

public static partial class DefectFunctions
{
    // ------------------------------------------------ indexes guarded by &&, || and ?:
    // Only element reads evaluated on every path through a loop body are checked before the loop; one the
    // left operand of && or ||, or the condition of ?:, may guard is left to the runtime's own check.

    [Differentiable]
    public static double ShortCircuitGuard(ReadOnlySpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            if (i < x.Length && x[i] > 0)
                s += x[i] * x[i];
        return s;
    }

    [Differentiable]
    public static double OrGuardContinue(ReadOnlySpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            if (i >= x.Length || x[i] <= 0)
                continue;
            s += Math.Sin(x[i]) * x[i];
        }
        return s;
    }

    [Differentiable]
    public static double ConditionalGuard(ReadOnlySpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += (i < x.Length ? x[i] * x[i] : 0) + (i >= x.Length ? 1.0 : Math.Exp(x[i]));
        return s;
    }

    /// <summary>The guard does not protect the read: with n &gt; x.Length this throws, and so must its derivatives.</summary>
    [Differentiable]
    public static double UnprotectedGuard(ReadOnlySpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            if (i < n && x[i] > 0)
                s += x[i] * x[i];
        return s;
    }

    // A fixed index read inside a loop that may not run (fuzzer seeds 60080, 70556): the up-front bounds
    // check must hold only when every loop around the access runs, not only those its index names.

    /// <summary>A running maximum into y[0], over a loop bounded by y's length: nothing is read when y is empty.</summary>
    [Differentiable]
    public static void MaxIntoFirst(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            if (x[i] > y[0])
                y[0] = x[i];
        }
    }

    /// <summary>x[0] read in an inner loop that runs only when n &gt; 0.</summary>
    [Differentiable]
    public static double FirstInInnerLoop(ReadOnlySpan<double> x, int n)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < n; j++)
                s += x[0] * x[0] + i;
        }
        return s;
    }

    /// <summary>x·((1 − big) + (big + 2)): the factor is 0 in double when big dwarfs 1 and 2, so the method is 0 near there (fuzz seed 408548).</summary>
    [Differentiable]
    public static double CancellingFactor(double x, [NoDiff] double big) => x * ((1.0 - big) + (big + 2.0));
}
