using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using T = AutoGrad.Tests.Spans.Functions.TrigFit;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// The notebook's trigonometric fit: A·sin(2πLx) + B·cos(2πMx) + C·sin(2πNx) on x = 0, 0.01, …, 0.99
/// against data −5·sin(2π·10x) + 4·cos(2π·5x) + 2·sin(2π·3x). With L, M, N = 10, 5, 3 the three
/// sinusoids are orthogonal on the grid with mean square ½, so the loss is exactly
/// ½((A + 5)² + (B − 4)² + (C − 2)²) and its gradient (A + 5, B − 4, C − 2).
/// </summary>
public class TrigFitTests
{
    private const int L = 10, M = 5, N = 3;

    private static readonly double[] X = Enumerable.Range(0, 100).Select(k => k / 100.0).ToArray();

    private static readonly double[] Data = X
        .Select(x => -5 * Math.Sin(2 * Math.PI * 10 * x) + 4 * Math.Cos(2 * Math.PI * 5 * x) + 2 * Math.Sin(2 * Math.PI * 3 * x))
        .ToArray();

    /// <summary>Sums of 100 terms of order 10: a few ulps each.</summary>
    private static readonly Tolerance SumOfHundred = new(1e-11, 1e-11);

    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        new GradientCase<double>(
            nameof(T.Loss),
            p => T.Loss(p[0], p[1], p[2], X, Data, L, M, N),
            (p, d, out r) => T.LossForward(p[0], d[0], p[1], d[1], p[2], d[2], X, Data, L, M, N, out r),
            (p, b, rb) => T.LossAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], X, Data, L, M, N, rb),
            [[1.0, 1.0, 1.0], [-5.0, 4.0, 2.0], [-4.2, 3.1, 2.7], [0.0, 0.0, 0.0]])
        {
            Gradient = p => [p[0] + 5, p[1] - 4, p[2] - 2],
        },
        new GradientCase<double>(
            nameof(T.LossOfSpan),
            p => T.LossOfSpan(p, X, Data, L, M, N),
            (p, d, out r) => T.LossOfSpanForward(p, d, X, Data, L, M, N, out r),
            (p, b, rb) => T.LossOfSpanAdjoint(p, b, X, Data, L, M, N, rb),
            [[1.0, 1.0, 1.0], [-4.2, 3.1, 2.7]])
        {
            Gradient = p => [p[0] + 5, p[1] - 4, p[2] - 2],
        },
        new GradientCase<double>(
            nameof(T.Loss) + "(L, M, N = 9, 5, 4)",
            p => T.Loss(p[0], p[1], p[2], X, Data, 9, 5, 4),
            (p, d, out r) => T.LossForward(p[0], d[0], p[1], d[1], p[2], d[2], X, Data, 9, 5, 4, out r),
            (p, b, rb) => T.LossAdjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], X, Data, 9, 5, 4, rb),
            [[1.0, 1.0, 1.0], [-0.5, 2.0, 0.3]]));

    public static TheoryData<string> Names => new(Cases.Keys);

    public static TheoryData<string> ClosedFormNames => new(Cases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ClosedFormNames))]
    public void Gradient_matches_closed_form(string name) => SpanAssert.MatchesClosedForm(Cases[name], SumOfHundred);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_along_v_equals_v_dot_adjoint(string name) => SpanAssert.ForwardAndAdjointAgree(Cases[name], seed: 3);

    [Fact]
    public void Loss_at_1_1_1_is_23()
    {
        double a = 0, b = 0, c = 0;
        double loss = T.LossAdjoint(1, ref a, 1, ref b, 1, ref c, X, Data, L, M, N);

        GradientAssert.Close(23.0, loss, SumOfHundred, "loss at (1, 1, 1)");
        GradientAssert.Close(6.0, a, SumOfHundred, "∂/∂A");
        GradientAssert.Close(-3.0, b, SumOfHundred, "∂/∂B");
        GradientAssert.Close(-1.0, c, SumOfHundred, "∂/∂C");
    }

    [Fact]
    public void Gradient_descent_with_the_adjoint_recovers_minus_5_4_2()
    {
        // The Hessian is the identity: a step of 0.5 halves the error, 60 steps take 6 to ~5e-18.
        const double LearningRate = 0.5;
        double a = 1, b = 1, c = 1;
        double previous = double.PositiveInfinity;
        for (int step = 0; step < 60; step++)
        {
            double aBar = 0, bBar = 0, cBar = 0;
            double loss = T.LossAdjoint(a, ref aBar, b, ref bBar, c, ref cBar, X, Data, L, M, N);
            Assert.True(loss <= previous + 1e-20, $"loss rose at step {step}: {previous:R} → {loss:R}");
            previous = loss;

            a -= LearningRate * aBar;
            b -= LearningRate * bBar;
            c -= LearningRate * cBar;
        }

        Assert.InRange(a, -5 - 1e-6, -5 + 1e-6);
        Assert.InRange(b, 4 - 1e-6, 4 + 1e-6);
        Assert.InRange(c, 2 - 1e-6, 2 + 1e-6);
        Assert.True(T.Loss(a, b, c, X, Data, L, M, N) < 1e-12);
    }

    [Fact]
    public void Gradient_descent_on_the_span_parameters_recovers_minus_5_4_2()
    {
        const double LearningRate = 0.5;
        double[] abc = [1, 1, 1];
        for (int step = 0; step < 60; step++)
        {
            double[] bar = new double[3];
            T.LossOfSpanAdjoint(abc, bar, X, Data, L, M, N);
            for (int k = 0; k < 3; k++)
            {
                abc[k] -= LearningRate * bar[k];
            }
        }

        Assert.InRange(abc[0], -5 - 1e-6, -5 + 1e-6);
        Assert.InRange(abc[1], 4 - 1e-6, 4 + 1e-6);
        Assert.InRange(abc[2], 2 - 1e-6, 2 + 1e-6);
    }
}
