using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Loops whose iterations only add into sums (issue 17: their adjoint runs them once, each iteration computing its values
/// and then its reverse sweep), and near misses that must keep both sweeps: a sum the code after the loop needs the value
/// of, a scan, a running maximum, a second loop reading the first one's sum, a loop bounded by an earlier loop's count. The fitting
/// losses are written as a user writes them: views of the data, a callee per point, a linear tail after the loop.
/// </summary>
public static partial class OneSweepFunctions
{
    [Differentiable]
    public static double Residual(double a, double w) => Math.Tanh(w * a) - 0.5 * a;

    /// <summary>Least squares: the sum halved, nothing after the loop needs its value.</summary>
    [Differentiable]
    public static double Squares(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = w * x[i] * x[i] - Math.Cos(x[i]);
            s += r * r;
        }
        return s / 2;
    }

    /// <summary>A mean, shifted and scaled after the loop by statements that read it (they move after the reverse sweep).</summary>
    [Differentiable]
    public static double ShiftedMean(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        int count = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(w * x[i]) * x[i];
            count += 1;
        }
        double mean = s / x.Length;
        double shifted = 3 * mean - w + count;
        return shifted + w * w;
    }

    /// <summary>Pairs of the data as views, a callee per pair, and a sum of products: gmm's shape in small.</summary>
    [Differentiable]
    public static double PairedCalls(ReadOnlySpan<double> x, double w)
    {
        int pairs = x.Length / 2;
        double s = 0;
        double t = 0;
        for (int i = 0; i < pairs; i++)
        {
            ReadOnlySpan<double> pair = x.Slice(2 * i, 2);
            double r = Residual(pair[0], w) * pair[1];
            s += r * r;
            t += i % 2 == 0 ? Residual(pair[1], w) : -pair[0];
        }
        return s - 0.25 * t;
    }

    /// <summary>Two sums the last statement combines, each loop independent of the other.</summary>
    [Differentiable]
    public static double TwoSums(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += Math.Sin(w * x[i]);
        double q = 0;
        for (int i = 0; i < x.Length; i++)
            q += x[i] * x[i] * w;
        return s - 2 * q;
    }

    /// <summary>The log of the sum: its reverse sweep needs the sum's value first, so the loop runs twice.</summary>
    [Differentiable]
    public static double LogOfSum(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += Math.Exp(w * x[i]);
        return Math.Log(s);
    }

    /// <summary>The square of the sum after the loop: its derivative needs the sum's value, so the loop runs twice.</summary>
    [Differentiable]
    public static double SquaredSum(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += Math.Exp(w * x[i]);
        double m = s * 0.5;
        return m * m;
    }

    /// <summary>A scratch buffer written in every iteration: memory the iterations share, so the loop runs twice.</summary>
    [Differentiable]
    public static double ScratchPerIteration(ReadOnlySpan<double> x, double w)
    {
        Span<double> pair = stackalloc double[2];
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            pair[0] = x[i] * w;
            pair[1] = pair[0] * pair[0];
            s += pair[1];
        }
        return s;
    }

    /// <summary>A scan: each iteration reads the running sum.</summary>
    [Differentiable]
    public static double Scan(ReadOnlySpan<double> x, double w)
    {
        double running = 0, s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            running += w * x[i];
            s += running * running;
        }
        return s;
    }

    /// <summary>A running maximum beside a sum.</summary>
    [Differentiable]
    public static double MaxPlusSum(ReadOnlySpan<double> x, double w)
    {
        double peak = double.NegativeInfinity, s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            peak = Math.Max(peak, w * x[i]);
            s += x[i] * w;
        }
        return peak + s;
    }

    /// <summary>The second loop reads the first one's sum in every iteration; its own sum needs only itself.</summary>
    [Differentiable]
    public static double SumThenWeighted(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += x[i] * w;
        double t = 0;
        for (int i = 0; i < x.Length; i++)
            t += Math.Sin(s * x[i]);
        return t + s;
    }

    /// <summary>One accumulator through two loops: the second starts from what the first added up, so only the second runs once.</summary>
    [Differentiable]
    public static double OneSumTwoLoops(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += Math.Sin(w * x[i]);
        for (int i = 0; i < x.Length; i++)
            s += x[i] * x[i] * w;
        return s;
    }

    /// <summary>A loop bounded by an integer sum of an earlier loop.</summary>
    [Differentiable]
    public static double CountedBound(ReadOnlySpan<double> x, double w)
    {
        int positive = 0;
        for (int i = 0; i < x.Length; i++)
            positive += x[i] > 0 ? 1 : 0;
        double s = 0;
        for (int i = 0; i < positive; i++)
            s += w * x[i] * x[i];
        return s;
    }
}
