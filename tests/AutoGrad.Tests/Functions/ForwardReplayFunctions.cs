using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Loops whose reverse iterations commute (issue 17: their reverse loop runs in the loop's own order, replaying what the
/// iterations carry that is not active — a running power, a stride, a flag — instead of keeping it per iteration), and
/// near misses that must run backwards: an active product, Horner's rule (an active recurrence), an active value of the
/// last iteration read after the loop, an expensive inactive recurrence (kept by cost). Written as a user writes them.
/// </summary>
public static partial class ForwardReplayFunctions
{
    [Differentiable]
    public static double Residual(double a, double w) => Math.Tanh(w * a) - 0.5 * a;

    /// <summary>gradbench's llsq in small: a polynomial fit at fixed sample points, the powers a running product.</summary>
    [Differentiable]
    public static double PolynomialFit(ReadOnlySpan<double> x, double w)
    {
        const int samples = 7;
        double sum = 0;
        for (int i = 0; i < samples; i++)
        {
            double t = -1 + i * 2.0 / (samples - 1);
            double power = 1;
            double fit = 0;
            for (int j = 0; j < x.Length; j++)
            {
                fit += x[j] * power;
                power *= t;
            }
            double r = Math.Sign(t) * w - fit;
            sum += r * r;
        }
        return sum / 2;
    }

    /// <summary>A geometric weight at the top level: straight-line arithmetic, whose reverse keeps the weight for the vector path.</summary>
    [Differentiable]
    public static double DecayingSquares(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        double decay = 1;
        for (int j = 0; j < x.Length; j++)
        {
            s += x[j] * x[j] * decay * w;
            decay *= 0.9;
        }
        return s * s;
    }

    /// <summary>A geometric weight and a stride that wraps around the span: two inactive recurrences, counted down.</summary>
    [Differentiable]
    public static double StridedDecay(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        double scale = 1;
        int k = 0;
        for (int j = x.Length - 1; j >= 0; j -= 2)
        {
            s += Math.Sin(w * x[k]) * scale + x[j] * x[j];
            scale *= 0.75;
            k = (k + 3) % x.Length;
        }
        return s;
    }

    /// <summary>A branch decided by an inactive recurrence, and a running maximum of it that the sum then reads.</summary>
    [Differentiable]
    public static double Switched(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        double level = 0.1;
        double highest = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double term;
            if (level > 0.5)
                term = x[j] * w * highest;
            else
                term = Math.Exp(x[j] * w);
            s += term;
            highest = Math.Max(highest, level);
            level = level * 1.7 - 0.05;
        }
        return s;
    }

    /// <summary>Recurrences at two levels: the outer loop's decay and the inner loop's power, with a callee per term.</summary>
    [Differentiable]
    public static double NestedDecay(ReadOnlySpan<double> x, double w)
    {
        double total = 0;
        double decay = 1;
        for (int i = 0; i < 3; i++)
        {
            double power = 1;
            double inner = 0;
            for (int j = 0; j < x.Length; j++)
            {
                inner += Residual(x[j], w) * power;
                power *= 0.5 + 0.1 * i;
            }
            total += decay * inner * inner;
            decay *= 0.8;
        }
        return total;
    }

    /// <summary>An active product: each iteration's cotangent depends on the iterations after it, so the reverse runs backwards.</summary>
    [Differentiable]
    public static double Product(ReadOnlySpan<double> x, double w)
    {
        double p = 1;
        double power = 1;
        for (int j = 0; j < x.Length; j++)
        {
            p *= 1 + 0.1 * x[j] * power;
            power *= w;
        }
        return p;
    }

    /// <summary>Horner's rule in the weight: an active recurrence.</summary>
    [Differentiable]
    public static double Horner(ReadOnlySpan<double> x, double w)
    {
        double acc = 0;
        for (int j = x.Length - 1; j >= 0; j--)
            acc = acc * w + x[j];
        return acc;
    }

    /// <summary>The last iteration's term, read after the loop: its cotangent belongs to that iteration alone.</summary>
    [Differentiable]
    public static double LastTerm(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        double last = 0;
        double power = 1;
        for (int j = 0; j < x.Length; j++)
        {
            last = x[j] * power * w;
            s += last;
            power *= 0.9;
        }
        return s + last * last;
    }

    /// <summary>An inactive recurrence through an exponential: cheaper kept than replayed.</summary>
    [Differentiable]
    public static double ExpensiveRecurrence(ReadOnlySpan<double> x, double w)
    {
        double s = 0;
        double q = 0.5;
        for (int j = 0; j < x.Length; j++)
        {
            s += x[j] * w * q;
            q = Math.Exp(-q);
        }
        return s;
    }

    /// <summary>An output written at the iteration's own index from a running power, and a sum of the outputs after.</summary>
    [Differentiable]
    public static double PowersInto(ReadOnlySpan<double> x, double w, Span<double> y)
    {
        double power = 1;
        for (int j = 0; j < x.Length; j++)
        {
            y[j] = x[j] * w * power;
            power *= 0.6;
        }
        double s = 0;
        for (int j = 0; j < y.Length; j++)
            s += y[j] * y[j];
        return s;
    }
}
