using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using D = AutoGrad.Tests.Spans.Functions.Scans;
using F = AutoGrad.Tests.Spans.Functions.FloatScans;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// Scans (<see cref="D"/>, <see cref="F"/>) against closed forms and central differences, in double and
/// float, with the vector path on and off, for lengths around the vector widths (4 doubles, 8 floats).
/// The truths are independent of the generated code: a prefix sum's Jacobian is the lower triangle of
/// ones, so its adjoint must give x̄ᵢ = Σ_{j≥i} ȳⱼ (suffix sums) — it used to give prefix sums, its
/// reverse loop having been fused into the forward one.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class ScanTests
{
    public delegate void Primal<T>(ReadOnlySpan<T> x, Span<T> y);

    public delegate void Tangent<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> xDot, Span<T> y, Span<T> yDot);

    public delegate void Cotangent<T>(ReadOnlySpan<T> x, Span<T> xBar, Span<T> y, ReadOnlySpan<T> yBar);

    private static readonly int[] Lengths = [1, 4, 5, 9, 17];

    public static readonly Dictionary<string, VectorCase<double>> DoubleCases = Lengths.SelectMany(n => new[]
    {
        Scan<double>(nameof(D.PrefixSum), n, D.PrefixSum, D.PrefixSumForward, D.PrefixSumAdjoint, PrefixSumJacobian, -2, 2),
        Scan<double>(nameof(D.SuffixSum), n, D.SuffixSum, D.SuffixSumForward, D.SuffixSumAdjoint, SuffixSumJacobian, -2, 2),
        Scan<double>(nameof(D.PrefixProduct), n, D.PrefixProduct, D.PrefixProductForward, D.PrefixProductAdjoint, PrefixProductJacobian, 0.5, 1.5),
        Scan<double>(nameof(D.RunningMax), n, D.RunningMax, D.RunningMaxForward, D.RunningMaxAdjoint, RunningMaxJacobian, -2, 2),
        MovingAverage(n),
    }).ToDictionary(c => c.Name);

    public static readonly Dictionary<string, VectorCase<float>> FloatCases = Lengths.SelectMany(n => new[]
    {
        Scan<float>(nameof(F.PrefixSum), n, F.PrefixSum, F.PrefixSumForward, F.PrefixSumAdjoint, PrefixSumJacobian, 0.1, 1),
        Scan<float>(nameof(F.SuffixSum), n, F.SuffixSum, F.SuffixSumForward, F.SuffixSumAdjoint, SuffixSumJacobian, 0.1, 1),
        Scan<float>(nameof(F.PrefixProduct), n, F.PrefixProduct, F.PrefixProductForward, F.PrefixProductAdjoint, PrefixProductJacobian, 0.8, 1.2),
        Scan<float>(nameof(F.RunningMax), n, F.RunningMax, F.RunningMaxForward, F.RunningMaxAdjoint, RunningMaxJacobian, -2, 2),
        MovingAverageF(n),
    }).ToDictionary(c => c.Name);

    public static readonly Dictionary<string, GradientCase<double>> DoubleSums = Lengths.Select(n => new GradientCase<double>(
        $"{nameof(D.SumOfSquaredPrefixSums)}(n={n})",
        x => D.SumOfSquaredPrefixSums(x),
        (x, xDot, out resultDot) => D.SumOfSquaredPrefixSumsForward(x, xDot, out resultDot),
        (x, xBar, resultBar) => D.SumOfSquaredPrefixSumsAdjoint(x, xBar, resultBar),
        SpanData.Points<double>(300 + n, 2, n))
    {
        Gradient = SumOfSquaredPrefixSumsGradient,
    }).ToDictionary(c => c.Name);

    public static readonly Dictionary<string, GradientCase<float>> FloatSums = Lengths.Select(n => new GradientCase<float>(
        $"{nameof(F.SumOfSquaredPrefixSums)}F(n={n})",
        x => F.SumOfSquaredPrefixSums(x),
        (x, xDot, out resultDot) => F.SumOfSquaredPrefixSumsForward(x, xDot, out resultDot),
        (x, xBar, resultBar) => F.SumOfSquaredPrefixSumsAdjoint(x, xBar, resultBar),
        SpanData.Points<float>(400 + n, 2, n, 0.1, 1))
    {
        Gradient = SumOfSquaredPrefixSumsGradient,
    }).ToDictionary(c => c.Name);

    public static TheoryData<string, bool> DoubleNames => WithAndWithoutSimd(DoubleCases.Keys);

    public static TheoryData<string, bool> FloatNames => WithAndWithoutSimd(FloatCases.Keys);

    public static TheoryData<string, bool> DoubleSumNames => WithAndWithoutSimd(DoubleSums.Keys);

    public static TheoryData<string, bool> FloatSumNames => WithAndWithoutSimd(FloatSums.Keys);

    public static TheoryData<int, bool> HessianLengths => WithAndWithoutSimd(Lengths);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_jacobian_matches_closed_form(string name, bool simd) => WithSimd(simd, () => SpanAssert.MatchesClosedForm(DoubleCases[name]));

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_jacobian_matches_closed_form(string name, bool simd) => WithSimd(simd, () => SpanAssert.MatchesClosedForm(FloatCases[name]));

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_and_adjoint_match_finite_differences(string name, bool simd) => WithSimd(simd, () =>
    {
        SpanAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);
        SpanAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);
    });

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_and_adjoint_match_finite_differences(string name, bool simd) => WithSimd(simd, () =>
    {
        SpanAssert.ForwardMatchesFiniteDifference(FloatCases[name]);
        SpanAssert.AdjointMatchesFiniteDifference(FloatCases[name]);
    });

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_sum_of_output_bar_times_output_dot_equals_sum_of_input_bar_times_input_dot(string name, bool simd)
        => WithSimd(simd, () => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 7));

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_sum_of_output_bar_times_output_dot_equals_sum_of_input_bar_times_input_dot(string name, bool simd)
        => WithSimd(simd, () => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 7));

    [Theory]
    [MemberData(nameof(DoubleSumNames))]
    public void Double_running_sum_read_in_the_loop_matches_closed_form_and_finite_differences(string name, bool simd) => WithSimd(simd, () =>
    {
        GradientAssert.MatchesClosedForm(DoubleSums[name]);
        GradientAssert.ForwardMatchesFiniteDifference(DoubleSums[name]);
        GradientAssert.AdjointMatchesFiniteDifference(DoubleSums[name]);
    });

    [Theory]
    [MemberData(nameof(FloatSumNames))]
    public void Float_running_sum_read_in_the_loop_matches_closed_form_and_finite_differences(string name, bool simd) => WithSimd(simd, () =>
    {
        GradientAssert.MatchesClosedForm(FloatSums[name]);
        GradientAssert.ForwardMatchesFiniteDifference(FloatSums[name]);
        GradientAssert.AdjointMatchesFiniteDifference(FloatSums[name]);
    });

    /// <summary>The issue's numbers: ȳ = e₀ + 100·e₉ over ten elements gives x̄ = [101, 100, …, 100], not [1, …, 1, 101].</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Prefix_sum_adjoint_is_the_suffix_sum_of_the_cotangent(bool simd) => WithSimd(simd, () =>
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] y = new double[10], xBar = new double[10], yBar = new double[10];
        yBar[0] = 1;
        yBar[9] = 100;
        D.PrefixSumAdjoint(x, xBar, y, yBar);
        Assert.Equal(new double[] { 1, 3, 6, 10, 15, 21, 28, 36, 45, 55 }, y);
        Assert.Equal(new double[] { 101, 100, 100, 100, 100, 100, 100, 100, 100, 100 }, xBar);

        float[] xF = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        float[] yF = new float[10], xBarF = new float[10], yBarF = new float[10];
        yBarF[0] = 1;
        yBarF[9] = 100;
        F.PrefixSumAdjoint(xF, xBarF, yF, yBarF);
        Assert.Equal(new float[] { 101, 100, 100, 100, 100, 100, 100, 100, 100, 100 }, xBarF);

        // Walking down, the adjoint's reverse loop walks up and gives prefix sums.
        Array.Clear(xBar);
        D.SuffixSumAdjoint(x, xBar, y, yBar);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 101 }, xBar);
    });

    /// <summary>
    /// Ties in the running maximum follow PyTorch's maximum: each side of Max(m, x[i]) gets half.
    /// [1, 3, 3, 2]: y₂ = Max(3, 3) gives x₁ and x₂ half each, and y₃ = Max(y₂, 2) passes that on.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Running_max_splits_a_tie_in_half(bool simd) => WithSimd(simd, () =>
    {
        double[] x = [1, 3, 3, 2];
        double[] y = new double[4], xBar = new double[4];
        D.RunningMaxAdjoint(x, xBar, y, [0, 0, 0, 1]);
        Assert.Equal(new double[] { 1, 3, 3, 3 }, y);
        Assert.Equal(new double[] { 0, 0.5, 0.5, 0 }, xBar);

        double[] yDot = new double[4];
        D.RunningMaxForward(x, [0, 1, 0, 0], y, yDot);
        Assert.Equal(new double[] { 0, 1, 0.5, 0.5 }, yDot);

        // A longer run with repeated maxima, against the recursion the convention defines.
        double[] ties = [1, 3, 3, 2, 3, 0, 5, 5, 5, 4, 6, 6];
        SpanAssert.MatchesClosedForm(new VectorCase<double>("RunningMax(ties)", ties.Length,
            p => Run<double>(D.RunningMax, p), (p, d, out yd) => RunForward<double>(D.RunningMaxForward, p, d, out yd),
            (p, b, yb) => RunAdjoint<double>(D.RunningMaxAdjoint, p, b, yb), [ties])
        {
            Jacobian = RunningMaxJacobian,
        });
        float[] tiesF = ties.Select(v => (float)v).ToArray();
        SpanAssert.MatchesClosedForm(new VectorCase<float>("RunningMaxF(ties)", ties.Length,
            p => Run<float>(F.RunningMax, p), (p, d, out yd) => RunForward<float>(F.RunningMaxForward, p, d, out yd),
            (p, b, yb) => RunAdjoint<float>(F.RunningMaxAdjoint, p, b, yb), [tiesF])
        {
            Jacobian = RunningMaxJacobian,
        });
    });

    /// <summary>
    /// The prefix sum is linear: its Hessian-vector product gives ẏ = prefix sums of ẋ, x̄ += suffix sums
    /// of ȳ and its tangent x̄̇ += suffix sums of ȳ̇.
    /// </summary>
    [Theory]
    [MemberData(nameof(HessianLengths))]
    public void Prefix_sum_hessian_vector_is_suffix_sums_of_the_cotangent_and_its_tangent(int n, bool simd) => WithSimd(simd, () =>
    {
        double[] x = SpanData.Uniform<double>(500 + n, n), xDot = SpanData.Uniform<double>(600 + n, n);
        double[] yBar = SpanData.Uniform<double>(700 + n, n), yBarDot = SpanData.Uniform<double>(800 + n, n);
        double[] xBar = new double[n], xBarDot = new double[n], y = SpanData.Unwritten<double>(n), yDot = SpanData.Unwritten<double>(n);
        D.PrefixSumHessianVector(x, xDot, xBar, xBarDot, y, yDot, yBar, yBarDot);
        AssertClose(Prefix(x), y, Tolerance.DoubleClosedForm, "y");
        AssertClose(Prefix(xDot), yDot, Tolerance.DoubleClosedForm, "yDot");
        AssertClose(Suffix(yBar), xBar, Tolerance.DoubleClosedForm, "xBar");
        AssertClose(Suffix(yBarDot), xBarDot, Tolerance.DoubleClosedForm, "xBarDot");

        float[] xF = SpanData.Uniform<float>(500 + n, n), xDotF = SpanData.Uniform<float>(600 + n, n);
        float[] yBarF = SpanData.Uniform<float>(700 + n, n, 0.1, 1), yBarDotF = SpanData.Uniform<float>(800 + n, n, 0.1, 1);
        float[] xBarF = new float[n], xBarDotF = new float[n], yF = SpanData.Unwritten<float>(n), yDotF = SpanData.Unwritten<float>(n);
        F.PrefixSumHessianVector(xF, xDotF, xBarF, xBarDotF, yF, yDotF, yBarF, yBarDotF);
        AssertClose(Suffix(GradientAssert.ToDouble(yBarF)), xBarF, Tolerance.FloatClosedForm, "float xBar");
        AssertClose(Suffix(GradientAssert.ToDouble(yBarDotF)), xBarDotF, Tolerance.FloatClosedForm, "float xBarDot");
    });

    /// <summary>r = Σ_k S_k²: the Hessian is H_ij = 2·(n − max(i, j)), so the product along v is exact to compute.</summary>
    [Theory]
    [MemberData(nameof(HessianLengths))]
    public void Running_sum_read_in_the_loop_hessian_vector_matches_closed_form(int n, bool simd) => WithSimd(simd, () =>
    {
        double[] x = SpanData.Uniform<double>(900 + n, n), v = SpanData.Uniform<double>(1000 + n, n);
        double[] xBar = new double[n], xBarDot = new double[n];
        D.SumOfSquaredPrefixSumsHessianVector(x, v, xBar, xBarDot, 1.0, 0.0);
        AssertClose(SumOfSquaredPrefixSumsGradient(x), xBar, Tolerance.DoubleClosedForm, "xBar");
        AssertClose(SumOfSquaredPrefixSumsHessianTimes(v), xBarDot, Tolerance.DoubleClosedForm, "xBarDot");

        float[] xF = SpanData.Uniform<float>(900 + n, n, 0.1, 1), vF = SpanData.Uniform<float>(1000 + n, n, 0.1, 1);
        float[] xBarF = new float[n], xBarDotF = new float[n];
        F.SumOfSquaredPrefixSumsHessianVector(xF, vF, xBarF, xBarDotF, 1f, 0f);
        AssertClose(SumOfSquaredPrefixSumsGradient(GradientAssert.ToDouble(xF)), xBarF, Tolerance.FloatClosedForm, "float xBar");
        AssertClose(SumOfSquaredPrefixSumsHessianTimes(GradientAssert.ToDouble(vF)), xBarDotF, Tolerance.FloatClosedForm, "float xBarDot");
    });

    private static VectorCase<T> Scan<T>(string name, int n, Primal<T> primal, Tangent<T> forward, Cotangent<T> adjoint, Func<double[], double[][]> jacobian, double lo, double hi)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => new(
            $"{name}{(typeof(T) == typeof(float) ? "F" : "")}(n={n})",
            n,
            x => Run(primal, x),
            (x, xDot, out yDot) => RunForward(forward, x, xDot, out yDot),
            (x, xBar, yBar) => RunAdjoint(adjoint, x, xBar, yBar),
            SpanData.Points<T>(n * 31 + name.Length, 2, n, lo, hi))
        {
            Jacobian = jacobian,
        };

    private static T[] Run<T>(Primal<T> primal, T[] x)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] y = SpanData.Unwritten<T>(x.Length);
        primal(x, y);
        return y;
    }

    private static T[] RunForward<T>(Tangent<T> forward, T[] x, T[] xDot, out T[] yDot)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] y = SpanData.Unwritten<T>(x.Length);
        yDot = SpanData.Unwritten<T>(x.Length);
        forward(x, xDot, y, yDot);
        return y;
    }

    private static T[] RunAdjoint<T>(Cotangent<T> adjoint, T[] x, T[] xBar, T[] yBar)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] y = SpanData.Unwritten<T>(x.Length);
        adjoint(x, xBar, y, yBar);
        return y;
    }

    /// <summary>p = [x (n), a]: x uniform in [−2, 2] (float: [0.1, 1]), a in [0.1, 0.9].</summary>
    private static VectorCase<double> MovingAverage(int n)
        => new(
            $"{nameof(D.MovingAverage)}(n={n})",
            n,
            p =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                D.MovingAverage(p.AsSpan(0, n), p[n], y);
                return y;
            },
            (p, d, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                yDot = SpanData.Unwritten<double>(n);
                D.MovingAverageForward(p.AsSpan(0, n), d.AsSpan(0, n), p[n], d[n], y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                D.MovingAverageAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p[n], ref b[n], y, yBar);
                return y;
            },
            MovingAveragePoints<double>(n, -2, 2))
        {
            Jacobian = p => MovingAverageJacobian(p, n),
        };

    private static VectorCase<float> MovingAverageF(int n)
        => new(
            $"{nameof(F.MovingAverage)}F(n={n})",
            n,
            p =>
            {
                float[] y = SpanData.Unwritten<float>(n);
                F.MovingAverage(p.AsSpan(0, n), p[n], y);
                return y;
            },
            (p, d, out yDot) =>
            {
                float[] y = SpanData.Unwritten<float>(n);
                yDot = SpanData.Unwritten<float>(n);
                F.MovingAverageForward(p.AsSpan(0, n), d.AsSpan(0, n), p[n], d[n], y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                float[] y = SpanData.Unwritten<float>(n);
                F.MovingAverageAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p[n], ref b[n], y, yBar);
                return y;
            },
            MovingAveragePoints<float>(n, 0.1, 1))
        {
            Jacobian = p => MovingAverageJacobian(p, n),
        };

    private static IEnumerable<T[]> MovingAveragePoints<T>(int n, double lo, double hi)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, 2).Select(k => SpanData.Concat(SpanData.Uniform<T>(1100 + 10 * n + k, n, lo, hi), SpanData.Uniform<T>(1200 + 10 * n + k, 1, 0.1, 0.9)));

    /// <summary>∂y_j/∂x_i = 1 for i ≤ j.</summary>
    private static double[][] PrefixSumJacobian(double[] x)
        => Enumerable.Range(0, x.Length).Select(j => Enumerable.Range(0, x.Length).Select(i => i <= j ? 1.0 : 0.0).ToArray()).ToArray();

    /// <summary>∂y_j/∂x_i = 1 for i ≥ j.</summary>
    private static double[][] SuffixSumJacobian(double[] x)
        => Enumerable.Range(0, x.Length).Select(j => Enumerable.Range(0, x.Length).Select(i => i >= j ? 1.0 : 0.0).ToArray()).ToArray();

    /// <summary>∂y_j/∂x_i = Π_{k ≤ j, k ≠ i} x_k for i ≤ j.</summary>
    private static double[][] PrefixProductJacobian(double[] x)
        => Enumerable.Range(0, x.Length).Select(j => Enumerable.Range(0, x.Length)
            .Select(i => i <= j ? Enumerable.Range(0, j + 1).Where(k => k != i).Aggregate(1.0, (product, k) => product * x[k]) : 0.0).ToArray()).ToArray();

    /// <summary>
    /// Row j is the derivative D_j of m_j = Max(m_{j−1}, x_j), m_{−1} = −∞: D_{j−1} where m_{j−1} wins,
    /// e_j where x_j wins, and their mean at a tie.
    /// </summary>
    private static double[][] RunningMaxJacobian(double[] x)
    {
        int n = x.Length;
        double m = double.NegativeInfinity;
        double[] previous = new double[n];
        double[][] rows = new double[n][];
        for (int j = 0; j < n; j++)
        {
            double[] row = new double[n];
            for (int i = 0; i < n; i++)
            {
                double unit = i == j ? 1.0 : 0.0;
                row[i] = m > x[j] ? previous[i] : x[j] > m ? unit : 0.5 * (previous[i] + unit);
            }

            m = Math.Max(m, x[j]);
            rows[j] = previous = row;
        }

        return rows;
    }

    /// <summary>p = [x (n), a]: ∂y_j/∂x_i = (1 − a)·a^(j−i) for i ≤ j; ∂m_j/∂a = m_{j−1} − x_j + a·∂m_{j−1}/∂a.</summary>
    private static double[][] MovingAverageJacobian(double[] p, int n)
    {
        double a = p[n];
        double[][] rows = SpanData.Zeros(n, n + 1);
        double m = 0, dm = 0;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i <= j; i++)
            {
                rows[j][i] = (1 - a) * Math.Pow(a, j - i);
            }

            dm = m - p[j] + a * dm;
            m = a * m + (1 - a) * p[j];
            rows[j][n] = dm;
        }

        return rows;
    }

    /// <summary>∂/∂x_i Σ_k S_k² = 2·Σ_{k ≥ i} S_k.</summary>
    private static double[] SumOfSquaredPrefixSumsGradient(double[] x) => Suffix(Prefix(x)).Select(s => 2 * s).ToArray();

    /// <summary>(H·v)_i = Σ_j 2·(n − max(i, j))·v_j.</summary>
    private static double[] SumOfSquaredPrefixSumsHessianTimes(double[] v)
    {
        int n = v.Length;
        return Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => 2.0 * (n - Math.Max(i, j)) * v[j])).ToArray();
    }

    private static double[] Prefix(double[] x)
    {
        double[] sums = new double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sums[i] = s += x[i];
        }

        return sums;
    }

    private static double[] Suffix(double[] x)
    {
        double[] sums = new double[x.Length];
        double s = 0;
        for (int i = x.Length - 1; i >= 0; i--)
        {
            sums[i] = s += x[i];
        }

        return sums;
    }

    private static void AssertClose<T>(double[] expected, T[] actual, Tolerance tolerance, string what)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            GradientAssert.Close(expected[i], double.CreateTruncating(actual[i]), tolerance, $"{what}[{i}] (n={expected.Length}, simd={AutoGrad.Simd.IsEnabled})");
        }
    }

    private static TheoryData<TKey, bool> WithAndWithoutSimd<TKey>(IEnumerable<TKey> keys)
    {
        TheoryData<TKey, bool> data = new();
        foreach (TKey key in keys)
        {
            data.Add(key, true);
            data.Add(key, false);
        }

        return data;
    }

    private static void WithSimd(bool enabled, Action check)
    {
        bool saved = AutoGrad.Simd.IsEnabled;
        try
        {
            AutoGrad.Simd.IsEnabled = enabled;
            check();
        }
        finally
        {
            AutoGrad.Simd.IsEnabled = saved;
        }
    }
}
