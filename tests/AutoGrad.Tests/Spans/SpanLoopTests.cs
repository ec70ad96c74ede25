using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Spans.Functions.FloatSpanLoops;
using S = AutoGrad.Tests.Spans.Functions.SpanLoops;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// Loops over spans and data-dependent loops: Horner, log-sum-exp and softmax cross-entropy with the
/// max shift, nested and strided loops, break/continue, while loops whose trip count depends on the
/// active values. Points stay away from the surfaces where a condition flips.
/// </summary>
public class SpanLoopTests
{
    /// <summary>An iteration stopped at a step of 1e-12 (double) or 1e-6 (float) is that close to its limit, and so is its derivative.</summary>
    private static readonly Tolerance DoubleIterative = new(1e-9, 1e-9);
    private static readonly Tolerance FloatIterative = new(1e-4, 1e-4);

    private static readonly double[] Coefficients = [1.0, -2.0, 0.5, 3.0];            // 1 − 2x + x²/2 + 3x³
    private static readonly float[] FloatCoefficients = [1f, -2f, 0.5f, 3f];
    private static readonly double[] TieLogits = [0.5, 2.0, 2.0, -1.0, 0.0];           // two equal maxima
    private static readonly double[][] BreakPoints =
    [
        [0.5, -1.2, 1.1, 0.9, 1.3, -0.4, 2.0],   // skips x1, breaks after x4 (sum 5.121 > 3)
        [0.3, 0.2, -0.5, 0.4, -0.1, 0.6, 0.1],   // never reaches the limit (sum ≈ 0.96)
        [2.0, 1.0, -0.7, 0.5, 0.25, 1.5, -2.0],  // breaks at once (sum 4 > 3)
    ];

    private static readonly double[][] WhilePoints =
    [
        [-1.0, 0.5, -0.3, 1.2, 0.7],  // softplus total passes 2 after four terms (1.84 → 3.31)
        [-3.0, -2.0, -4.0, -2.5, -3.5], // never passes 2: runs to the end
        [3.0, 1.0, -0.5, 0.2, 0.8],   // passes 2 at the first term
    ];

    public static readonly Dictionary<string, GradientCase<double>> DoubleCases = Case.ByName(
        new GradientCase<double>(
            nameof(S.Horner),
            p => S.Horner(Coefficients, p[0]),
            (p, d, out r) => S.HornerForward(Coefficients, p[0], d[0], out r),
            (p, b, rb) => S.HornerAdjoint(Coefficients, p[0], ref b[0], rb),
            [[-1.5], [-0.3], [0.0], [0.7], [2.0]])
        {
            Gradient = p => [-2 + p[0] + 9 * p[0] * p[0]],
        },
        new GradientCase<double>(
            nameof(S.Horner) + "(no coefficients)",
            p => S.Horner([], p[0]),
            (p, d, out r) => S.HornerForward([], p[0], d[0], out r),
            (p, b, rb) => S.HornerAdjoint([], p[0], ref b[0], rb),
            [[-1.5], [0.7]])
        {
            Gradient = _ => [0.0],
        },
        new GradientCase<double>(
            nameof(S.HornerActive),
            p => S.HornerActive(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => S.HornerActiveForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => S.HornerActiveAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            [[1.0, -2.0, 0.5, 3.0, -1.5], [0.3, 0.7, -1.1, 0.4, 0.8], [-2.0, 1.0, 1.0, -0.5, 1.7]])
        {
            Gradient = p =>
            {
                double x = p[4];
                return [1, x, x * x, x * x * x, p[1] + 2 * p[2] * x + 3 * p[3] * x * x];
            },
        },
        new GradientCase<double>(
            nameof(S.LogSumExp) + "(n=1)",
            p => S.LogSumExp(p),
            (p, d, out r) => S.LogSumExpForward(p, d, out r),
            (p, b, rb) => S.LogSumExpAdjoint(p, b, rb),
            [[-0.7], [2.5]])
        {
            Gradient = _ => [1.0],
        },
        new GradientCase<double>(
            nameof(S.LogSumExp) + "(n=5)",
            p => S.LogSumExp(p),
            (p, d, out r) => S.LogSumExpForward(p, d, out r),
            (p, b, rb) => S.LogSumExpAdjoint(p, b, rb),
            [TieLogits, .. SpanData.Points<double>(41, 3, 5, -4, 4)])
        {
            Gradient = Softmax,
        },
        new GradientCase<double>(
            nameof(S.SoftmaxCrossEntropy) + "(label 2)",
            p => S.SoftmaxCrossEntropy(p, 2),
            (p, d, out r) => S.SoftmaxCrossEntropyForward(p, d, 2, out r),
            (p, b, rb) => S.SoftmaxCrossEntropyAdjoint(p, b, 2, rb),
            [TieLogits, .. SpanData.Points<double>(42, 3, 5, -4, 4)])
        {
            Gradient = p => SoftmaxMinusOneHot(p, 2),
        },
        new GradientCase<double>(
            nameof(S.SoftmaxCrossEntropy) + "(label 0)",
            p => S.SoftmaxCrossEntropy(p, 0),
            (p, d, out r) => S.SoftmaxCrossEntropyForward(p, d, 0, out r),
            (p, b, rb) => S.SoftmaxCrossEntropyAdjoint(p, b, 0, rb),
            SpanData.Points<double>(43, 3, 3, -4, 4))
        {
            Gradient = p => SoftmaxMinusOneHot(p, 0),
        },
        new GradientCase<double>(
            nameof(S.PairwiseEnergy),
            p => S.PairwiseEnergy(p),
            (p, d, out r) => S.PairwiseEnergyForward(p, d, out r),
            (p, b, rb) => S.PairwiseEnergyAdjoint(p, b, rb),
            SpanData.Points<double>(44, 3, 5))
        {
            Gradient = p => p.Select((xk, k) => p.Select((xj, j) => j == k ? 0.0 : -2 * (xk - xj) / Math.Pow(1 + (xk - xj) * (xk - xj), 2)).Sum()).ToArray(),
        },
        new GradientCase<double>(
            nameof(S.StridedSumOfCubes) + "(start 1, stride 3)",
            p => S.StridedSumOfCubes(p, 1, 3),
            (p, d, out r) => S.StridedSumOfCubesForward(p, d, 1, 3, out r),
            (p, b, rb) => S.StridedSumOfCubesAdjoint(p, b, 1, 3, rb),
            SpanData.Points<double>(45, 3, 8))
        {
            Gradient = p => p.Select((v, i) => i % 3 == 1 ? 3 * v * v : 0.0).ToArray(),
        },
        new GradientCase<double>(
            nameof(S.SquaresUntilLimit),
            p => S.SquaresUntilLimit(p, 3.0),
            (p, d, out r) => S.SquaresUntilLimitForward(p, d, 3.0, out r),
            (p, b, rb) => S.SquaresUntilLimitAdjoint(p, b, 3.0, rb),
            BreakPoints),
        new GradientCase<double>(
            nameof(S.AccumulateUntil),
            p => S.AccumulateUntil(p, 2.0),
            (p, d, out r) => S.AccumulateUntilForward(p, d, 2.0, out r),
            (p, b, rb) => S.AccumulateUntilAdjoint(p, b, 2.0, rb),
            WhilePoints),
        Case.Of(nameof(S.FixedPointCos), S.FixedPointCos, S.FixedPointCosForward, S.FixedPointCosAdjoint, -0.7, 0.3, 0.5, 0.8, 1.0) with
        {
            // x* = a·cos x*  ⇒  dx*/da = cos x* / (1 + a·sin x*).
            Gradient = p =>
            {
                double a = p[0], x = S.FixedPointCos(a);
                return [Math.Cos(x) / (1 + a * Math.Sin(x))];
            },
        },
        Case.Of(nameof(S.NewtonSqrt), S.NewtonSqrt, S.NewtonSqrtForward, S.NewtonSqrtAdjoint, 0.04, 0.5, 2.0, 9.0, 1e4) with
        {
            Gradient = p => [0.5 / Math.Sqrt(p[0])],
        },
        new GradientCase<double>(
            nameof(S.SumOfSqrts),
            p => S.SumOfSqrts(p),
            (p, d, out r) => S.SumOfSqrtsForward(p, d, out r),
            (p, b, rb) => S.SumOfSqrtsAdjoint(p, b, rb),
            SpanData.Points<double>(46, 3, 4, 0.1, 5.0))
        {
            Gradient = p => p.Select(v => 0.5 / Math.Sqrt(v)).ToArray(),
        });

    public static readonly Dictionary<string, GradientCase<float>> FloatCases = Case.ByName(
        new GradientCase<float>(
            nameof(F.Horner),
            p => F.Horner(FloatCoefficients, p[0]),
            (p, d, out r) => F.HornerForward(FloatCoefficients, p[0], d[0], out r),
            (p, b, rb) => F.HornerAdjoint(FloatCoefficients, p[0], ref b[0], rb),
            [[-1.5f], [-0.3f], [0.7f], [2.0f]])
        {
            Gradient = p => [-2 + p[0] + 9 * p[0] * p[0]],
        },
        new GradientCase<float>(
            nameof(F.HornerActive),
            p => F.HornerActive(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => F.HornerActiveForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => F.HornerActiveAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            [[1f, -2f, 0.5f, 3f, -1.5f], [0.3f, 0.7f, -1.1f, 0.4f, 0.8f]])
        {
            Gradient = p =>
            {
                double x = p[4];
                return [1, x, x * x, x * x * x, p[1] + 2 * p[2] * x + 3 * p[3] * x * x];
            },
        },
        new GradientCase<float>(
            nameof(F.LogSumExp) + "(n=5)",
            p => F.LogSumExp(p),
            (p, d, out r) => F.LogSumExpForward(p, d, out r),
            (p, b, rb) => F.LogSumExpAdjoint(p, b, rb),
            [[0.5f, 2f, 2f, -1f, 0f], .. SpanData.Points<float>(51, 3, 5, -4, 4)])
        {
            Gradient = Softmax,
        },
        new GradientCase<float>(
            nameof(F.SoftmaxCrossEntropy) + "(label 2)",
            p => F.SoftmaxCrossEntropy(p, 2),
            (p, d, out r) => F.SoftmaxCrossEntropyForward(p, d, 2, out r),
            (p, b, rb) => F.SoftmaxCrossEntropyAdjoint(p, b, 2, rb),
            [[0.5f, 2f, 2f, -1f, 0f], .. SpanData.Points<float>(52, 3, 5, -4, 4)])
        {
            Gradient = p => SoftmaxMinusOneHot(p, 2),
        },
        new GradientCase<float>(
            nameof(F.SquaresUntilLimit),
            p => F.SquaresUntilLimit(p, 3f),
            (p, d, out r) => F.SquaresUntilLimitForward(p, d, 3f, out r),
            (p, b, rb) => F.SquaresUntilLimitAdjoint(p, b, 3f, rb),
            BreakPoints.Select(GradientAssert.FromDouble<float>)),
        Case.Of(nameof(F.FixedPointCos), F.FixedPointCos, F.FixedPointCosForward, F.FixedPointCosAdjoint, -0.7f, 0.3f, 0.5f, 0.8f, 1.0f) with
        {
            Gradient = p =>
            {
                double a = p[0], x = F.FixedPointCos((float)a);
                return [Math.Cos(x) / (1 + a * Math.Sin(x))];
            },
        },
        Case.Of(nameof(F.NewtonSqrt), F.NewtonSqrt, F.NewtonSqrtForward, F.NewtonSqrtAdjoint, 0.04f, 0.5f, 2f, 9f, 1e4f) with
        {
            Gradient = p => [0.5 / Math.Sqrt(p[0])],
        });

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    public static TheoryData<string> DoubleClosedFormNames => new(DoubleCases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    public static TheoryData<string> FloatClosedFormNames => new(FloatCases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DoubleClosedFormNames))]
    public void Double_gradient_matches_closed_form(string name)
        => SpanAssert.MatchesClosedForm(DoubleCases[name], IsIteration(name) ? DoubleIterative : Tolerance.DoubleClosedForm);

    [Theory]
    [MemberData(nameof(FloatClosedFormNames))]
    public void Float_gradient_matches_closed_form(string name)
        => SpanAssert.MatchesClosedForm(FloatCases[name], IsIteration(name) ? FloatIterative : Tolerance.FloatClosedForm);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 7);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 7);

    [Fact]
    public void Log_sum_exp_of_large_logits_is_finite_and_its_gradient_is_the_softmax()
    {
        // Without the max shift exp(1000) overflows; the gradient is softmax(x) either way.
        double[] x = [1000.0, 1001.0, 999.0, 1000.5, 998.0];
        double[] expected = Softmax(x);
        double[] xBar = new double[x.Length];

        double value = S.LogSumExpAdjoint(x, xBar);
        double forwardValue = S.LogSumExpForward(x, GradientAssert.Unit<double>(x.Length, 0), out _);

        GradientAssert.Close(1001.0 + Math.Log(x.Sum(v => Math.Exp(v - 1001.0))), value, Tolerance.DoubleClosedForm, "log-sum-exp value");
        Assert.Equal(value, forwardValue);
        for (int i = 0; i < x.Length; i++)
        {
            S.LogSumExpForward(x, GradientAssert.Unit<double>(x.Length, i), out double dot);
            GradientAssert.Close(expected[i], dot, Tolerance.DoubleClosedForm, $"forward ∂/∂x[{i}]");
            GradientAssert.Close(expected[i], xBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂/∂x[{i}]");
        }
    }

    [Fact]
    public void Softmax_cross_entropy_of_large_logits_gives_softmax_minus_one_hot()
    {
        double[] logits = [1000.0, 1001.0, 999.0, 1000.5, 998.0];
        double[] expected = SoftmaxMinusOneHot(logits, 3);
        double[] logitsBar = new double[logits.Length];

        double loss = S.SoftmaxCrossEntropyAdjoint(logits, logitsBar, 3);

        GradientAssert.Close(-Math.Log(Softmax(logits)[3]), loss, Tolerance.DoubleClosedForm, "loss");
        for (int i = 0; i < logits.Length; i++)
        {
            S.SoftmaxCrossEntropyForward(logits, GradientAssert.Unit<double>(logits.Length, i), 3, out double dot);
            GradientAssert.Close(expected[i], dot, Tolerance.DoubleClosedForm, $"forward ∂/∂z[{i}]");
            GradientAssert.Close(expected[i], logitsBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂/∂z[{i}]");
        }
    }

    [Fact]
    public void Continue_and_break_leave_skipped_and_unvisited_elements_with_zero_gradient()
    {
        // Used: x0, x2, x3, x4 with weights 1, 1.2, 1.3, 1.4 (s = 5.121 > 3 after x4); x1, x5 skipped or after the break, x6 never read.
        double[] x = BreakPoints[0];
        double[] weights = [1.0, 0, 1.2, 1.3, 1.4, 0, 0];
        double s = 0.25 + 1.452 + 1.053 + 2.366;
        double dfds = (1 - 0.1 * s) * Math.Exp(-0.1 * s);
        double[] expected = x.Select((v, i) => dfds * 2 * v * weights[i]).ToArray();

        double[] xBar = new double[x.Length];
        double value = S.SquaresUntilLimitAdjoint(x, xBar, 3.0);

        GradientAssert.Close(s * Math.Exp(-0.1 * s), value, Tolerance.DoubleClosedForm, "value");
        for (int i = 0; i < x.Length; i++)
        {
            S.SquaresUntilLimitForward(x, GradientAssert.Unit<double>(x.Length, i), 3.0, out double dot);
            GradientAssert.Close(expected[i], dot, Tolerance.DoubleClosedForm, $"forward ∂/∂x[{i}]");
            GradientAssert.Close(expected[i], xBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂/∂x[{i}]");
        }

        Assert.Equal(0.0, xBar[1]);
        Assert.Equal(0.0, xBar[5]);
        Assert.Equal(0.0, xBar[6]);
    }

    [Fact]
    public void While_loop_differentiates_the_terms_it_ran()
    {
        // Four softplus terms run (total 3.305 ≥ 2 afterwards): f = total·√5, ∂f/∂x_k = √5·σ(x_k) for k < 4.
        double[] x = WhilePoints[0];
        double[] expected = x.Select((v, k) => k < 4 ? Math.Sqrt(5) / (1 + Math.Exp(-v)) : 0.0).ToArray();

        double[] xBar = new double[x.Length];
        S.AccumulateUntilAdjoint(x, xBar, 2.0);

        for (int i = 0; i < x.Length; i++)
        {
            S.AccumulateUntilForward(x, GradientAssert.Unit<double>(x.Length, i), 2.0, out double dot);
            GradientAssert.Close(expected[i], dot, Tolerance.DoubleClosedForm, $"forward ∂/∂x[{i}]");
            GradientAssert.Close(expected[i], xBar[i], Tolerance.DoubleClosedForm, $"adjoint ∂/∂x[{i}]");
        }
    }

    [Fact]
    public void Fixed_point_of_cos_at_a_1_is_the_dottie_number()
    {
        const double Dottie = 0.7390851332151607;
        double expected = Math.Cos(Dottie) / (1 + Math.Sin(Dottie));

        double value = S.FixedPointCosForward(1.0, 1.0, out double dot);
        double bar = 0;
        S.FixedPointCosAdjoint(1.0, ref bar);

        GradientAssert.Close(Dottie, value, new Tolerance(0, 1e-11), "fixed point");
        GradientAssert.Close(expected, dot, DoubleIterative, "forward dx*/da");
        GradientAssert.Close(expected, bar, DoubleIterative, "adjoint dx*/da");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.25)]
    [InlineData(1e6)]
    public void Newton_sqrt_converges_to_sqrt_and_its_derivative(double a)
    {
        double value = S.NewtonSqrtForward(a, 1.0, out double dot);
        double bar = 0;
        S.NewtonSqrtAdjoint(a, ref bar);

        GradientAssert.Close(Math.Sqrt(a), value, Tolerance.DoubleClosedForm, "√a");
        GradientAssert.Close(0.5 / Math.Sqrt(a), dot, DoubleIterative, "forward d√a/da");
        GradientAssert.Close(0.5 / Math.Sqrt(a), bar, DoubleIterative, "adjoint d√a/da");
    }

    private static bool IsIteration(string name)
        => name is nameof(S.FixedPointCos) or nameof(S.NewtonSqrt) or nameof(S.SumOfSqrts);

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static double[] SoftmaxMinusOneHot(double[] z, int label)
        => Softmax(z).Select((p, i) => i == label ? p - 1 : p).ToArray();
}
