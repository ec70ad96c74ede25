using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Loops as a user writes them, one line each, without regard for what the generator likes: steps of
/// two and doubling counters, two counters, while(true) with break, a counter bumped in the body,
/// mirrored indexes, an index computed from a value, nested ternaries, locals named like generated
/// ones; and outputs read back across loops (recurrences through an output, in-place prefix sums,
/// backwards overwrites, a normalization by a maximum found in the same loop, an in-place softmax).
/// </summary>
public static partial class UserLoopFunctions
{
    [Differentiable] public static double StepTwo(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i += 2) s += x[i] * x[i]; return s; }
    [Differentiable] public static double Doubling(ReadOnlySpan<double> x) { double s = 1; for (int i = 1; i < x.Length; i *= 2) s *= 1 + x[i]; return s; }
    [Differentiable] public static double TwoCounters(ReadOnlySpan<double> x) { double s = 0; for (int i = 0, j = x.Length - 1; i < j; i++, j--) s += x[i] * x[j]; return s; }
    [Differentiable] public static double WhileTrueBreak(ReadOnlySpan<double> x) { double s = x[0]; int k = 0; while (true) { s = Math.Sin(s) + x[k % x.Length]; k++; if (k >= 7) break; } return s; }
    [Differentiable] public static double SkipBody(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) { if (x[i] < 0) continue; s += Math.Sqrt(x[i]) * s + x[i]; } return s; }
    [Differentiable] public static double CounterBumped(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) { s += x[i]; if (x[i] > 1) i++; } return s; }
    [Differentiable] public static double Mirror(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * x[x.Length - 1 - i]; return s; }
    [Differentiable] public static double NestedBreak(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) { for (int j = 0; j < x.Length; j++) { if (j > i) break; s += x[i] * x[j]; } } return s; }
    [Differentiable] public static double IntFromValue(ReadOnlySpan<double> x) { int k = (int)Math.Floor(Math.Abs(x[0]) * 2) % x.Length; return x[k] * x[0]; }
    [Differentiable] public static double NestedTernary(ReadOnlySpan<double> x) { double a = x[0], b = x[1]; return a > b ? (a > 0 ? a * b : -a) : (b > 1 ? Math.Log(b) : b * b); }
    [Differentiable] public static double SelfUpdate(ReadOnlySpan<double> x) { double v = x[0]; for (int i = 0; i < 3; i++) { v = v * v - x[1]; v = Math.Tanh(v); } return v; }
    [Differentiable] public static double PowInt(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) s += Math.Pow(x[i], i); return s; }
    [Differentiable] public static double MaxTie(ReadOnlySpan<double> x) { double m = double.MinValue; for (int i = 0; i < x.Length; i++) m = Math.Max(m, x[i] * x[i]); return m; }
    // Counted loops the reverse sweep walks backwards over their own range, keeping a product per iteration.
    [Differentiable] public static double StepThreeDown(ReadOnlySpan<double> x) { double p = 1; for (int i = x.Length - 1; i >= 0; i -= 3) p = p * (1 + x[i] * p); return p; }
    [Differentiable] public static double LongInclusiveStepTwo(ReadOnlySpan<double> x) { double p = 1; for (long i = 1; i <= x.Length - 1; i += 2) p = p * Math.Sin(x[(int)i]) + x[0]; return p; }
    [Differentiable] public static double DownToExclusive(ReadOnlySpan<double> x) { double p = x[0]; for (int i = x.Length - 1; i > 0; i--) { if (x[i] < 0) continue; p = p * x[i] + 0.5; } return p; }
    [Differentiable] public static double LocalShadow(ReadOnlySpan<double> x) { double sum = 0; double value = 1; for (int i = 0; i < x.Length; i++) { double result = x[i] * value; sum += result; value = result + 0.5; } return sum; }

    [Differentiable] public static void Recur(ReadOnlySpan<double> x, Span<double> y)
    { y[0] = x[0]; for (int i = 1; i < y.Length; i++) y[i] = y[i - 1] * x[i] + Math.Sin(y[i - 1]); }
    [Differentiable] public static void TwoLoops(ReadOnlySpan<double> x, Span<double> y)
    { for (int i = 0; i < y.Length; i++) y[i] = x[i] + 1; for (int i = 0; i < y.Length; i++) y[i] = y[i] * y[i] * x[i]; }
    [Differentiable] public static void PrefixInPlace(ReadOnlySpan<double> x, Span<double> y)
    { for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i]; for (int i = 1; i < y.Length; i++) y[i] += y[i - 1]; }
    [Differentiable] public static void WhileOnOutput(ReadOnlySpan<double> x, Span<double> y)
    { y[0] = x[0]; int k = 0; while (k < 5 && y[0] < 10) { y[0] = y[0] * x[1] + 1; k++; } for (int i = 1; i < y.Length; i++) y[i] = x[i] * y[0]; }
    [Differentiable] public static void ReverseWrite(ReadOnlySpan<double> x, Span<double> y)
    { for (int i = 0; i < y.Length; i++) y[i] = x[i]; for (int i = y.Length - 2; i >= 0; i--) y[i] = y[i] * y[i + 1]; }
    [Differentiable] public static void MaxAbsNormalize(ReadOnlySpan<double> x, Span<double> y)
    { double m = 0; for (int i = 0; i < x.Length; i++) { y[i] = x[i] * 2; if (Math.Abs(y[i]) > m) m = Math.Abs(y[i]); } for (int i = 0; i < y.Length; i++) y[i] = y[i] / m; }
    [Differentiable] public static void CondAccum(ReadOnlySpan<double> x, Span<double> y)
    { for (int i = 0; i < y.Length; i++) { y[i] = x[i]; } for (int i = 0; i < y.Length; i++) { if (y[i] > 0) y[i] += x[0] * y[i]; else y[i] -= x[1]; } }
    [Differentiable] public static void SoftmaxInPlace(ReadOnlySpan<double> x, Span<double> y)
    { double mx = x[0]; for (int i = 1; i < x.Length; i++) mx = Math.Max(mx, x[i]); double s = 0; for (int i = 0; i < y.Length; i++) { y[i] = Math.Exp(x[i] - mx); s += y[i]; } for (int i = 0; i < y.Length; i++) y[i] /= s; }
}
