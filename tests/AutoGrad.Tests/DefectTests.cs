using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using D = AutoGrad.Tests.Functions.DefectFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Methods the generator once got wrong (see <see cref="Functions.DefectFunctions"/>): the forward
/// method and the adjoint against central differences of the primal, the returned values against the
/// primal's, and the Hessian-vector product against differences of the adjoint.
/// </summary>
public class DefectTests
{
    private const double Preset = 0.25;

    internal delegate double SpanPrimal(ReadOnlySpan<double> x);

    internal delegate double SpanForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, out double resultDot);

    internal delegate double SpanAdjoint(ReadOnlySpan<double> x, Span<double> xBar, double resultBar);

    internal delegate double SpanProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot, double resultBar, double resultBarDot);

    /// <summary>Every partial by the forward method and by the adjoint (added into bars that start non-zero), and H·v.</summary>
    internal static void AssertDerivatives(SpanPrimal f, SpanForward forward, SpanAdjoint adjoint, SpanProduct product, double[] x, double[] v)
    {
        double expected = f(x);
        for (int i = 0; i < x.Length; i++)
        {
            double[] xDot = new double[x.Length];
            xDot[i] = 1;
            GradientAssert.PrimalEqual(expected, forward(x, xDot, out double dot), $"forward value at {GradientAssert.Format(x)}");
            Estimate fd = FiniteDifference.Partial(p => f(p), x, i);
            GradientAssert.Close(fd, dot, Tolerance.DoubleFiniteDifference, $"forward ∂/∂x{i} at {GradientAssert.Format(x)}");
        }

        double[] xBar = Enumerable.Repeat(Preset, x.Length).ToArray();
        GradientAssert.PrimalEqual(expected, adjoint(x, xBar, 1), $"adjoint value at {GradientAssert.Format(x)}");
        for (int i = 0; i < x.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(p => f(p), x, i), xBar[i] - Preset, Tolerance.DoubleFiniteDifference, $"adjoint ∂/∂x{i} at {GradientAssert.Format(x)}");

        HessianVectorTests.AssertAgreesWithDifferences(x, v,
            (p, g) => adjoint(p, g, 1),
            (p, d, g, hv) => GradientAssert.PrimalEqual(f(p), product(p, d, g, hv, 1, 0), $"Hessian-vector value at {GradientAssert.Format(p)}"));
    }

    // ---------------------------------------------------------------- span locals holding slices

    public static TheoryData<double[]> SpanPoints => new()
    {
        new[] { 0.7, -1.3, 2.1, 0.4, -0.6 },
        new[] { -0.2, 0.9, 1.4, -1.1, 0.3, 0.8 },
    };

    private static double[] Direction(int n) => Enumerable.Range(0, n).Select(k => 0.3 + 0.4 * Math.Sin(2.0 * k + 1)).ToArray();

    [Theory]
    [MemberData(nameof(SpanPoints))]
    public void Slice_locals_of_an_input_are_differentiated_in_every_mode(double[] x)
    {
        AssertDerivatives(D.SliceLocal, D.SliceLocalForward, D.SliceLocalAdjoint, D.SliceLocalHessianVector, x, Direction(x.Length));
        AssertDerivatives(D.RangeLocalMiddle, D.RangeLocalMiddleForward, D.RangeLocalMiddleAdjoint, D.RangeLocalMiddleHessianVector, x, Direction(x.Length));
        AssertDerivatives(D.RangeLocalFromEnd, D.RangeLocalFromEndForward, D.RangeLocalFromEndAdjoint, D.RangeLocalFromEndHessianVector, x, Direction(x.Length));
        AssertDerivatives(D.RangeLocalPrefixSuffix, D.RangeLocalPrefixSuffixForward, D.RangeLocalPrefixSuffixAdjoint, D.RangeLocalPrefixSuffixHessianVector, x, Direction(x.Length));
        AssertDerivatives(D.SliceLocalToCallee, D.SliceLocalToCalleeForward, D.SliceLocalToCalleeAdjoint, D.SliceLocalToCalleeHessianVector, x, Direction(x.Length));
    }

    // ---------------------------------------------------------------- long values carried across iterations

    private delegate double Forward1(double x, double xDot, out double resultDot);

    private delegate double Adjoint1(double x, ref double xBar, double resultBar);

    private delegate double Product1(double x, double xDot, ref double xBar, ref double xBarDot, double resultBar, double resultBarDot);

    private delegate double Forward2(double x, double xDot, double y, double yDot, out double resultDot);

    private delegate double Adjoint2(double x, ref double xBar, double y, ref double yBar, double resultBar);

    private delegate double Product2(double x, double xDot, ref double xBar, ref double xBarDot, double y, double yDot, ref double yBar, ref double yBarDot, double resultBar, double resultBarDot);

    /// <summary>A scalar function of scalars seen as one of a span, for <see cref="AssertDerivatives"/>.</summary>
    private static void AssertDerivatives1(Func<double, double> f, Forward1 forward, Adjoint1 adjoint, Product1 product, double x)
        => AssertDerivatives(
            p => f(p[0]),
            (ReadOnlySpan<double> p, ReadOnlySpan<double> d, out double dot) => forward(p[0], d[0], out dot),
            (p, b, bar) => adjoint(p[0], ref b[0], bar),
            (p, d, b, bd, bar, barDot) => product(p[0], d[0], ref b[0], ref bd[0], bar, barDot),
            [x], [0.7]);

    private static void AssertDerivatives2(Func<double, double, double> f, Forward2 forward, Adjoint2 adjoint, Product2 product, double x, double y)
        => AssertDerivatives(
            p => f(p[0], p[1]),
            (ReadOnlySpan<double> p, ReadOnlySpan<double> d, out double dot) => forward(p[0], d[0], p[1], d[1], out dot),
            (p, b, bar) => adjoint(p[0], ref b[0], p[1], ref b[1], bar),
            (p, d, b, bd, bar, barDot) => product(p[0], d[0], ref b[0], ref bd[0], p[1], d[1], ref b[1], ref bd[1], bar, barDot),
            [x, y], [0.7, -0.4]);

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void Long_values_carried_across_loop_iterations_are_kept_for_the_reverse_sweep(double x, double y)
    {
        Assert.Equal(45 * x, D.LongCarried(x), 12);
        AssertDerivatives1(D.LongCarried, D.LongCarriedForward, D.LongCarriedAdjoint, D.LongCarriedHessianVector, x);
        AssertDerivatives2(D.LongCarriedWhile, D.LongCarriedWhileForward, D.LongCarriedWhileAdjoint, D.LongCarriedWhileHessianVector, x, y);
        AssertDerivatives2(D.LongCounter, D.LongCounterForward, D.LongCounterAdjoint, D.LongCounterHessianVector, x, y);
    }

    // ---------------------------------------------------------------- indexes guarded by &&, || and ?:

    internal delegate double GuardedPrimal(ReadOnlySpan<double> x, int n);

    internal delegate double GuardedForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, int n, out double resultDot);

    internal delegate double GuardedAdjoint(ReadOnlySpan<double> x, Span<double> xBar, int n, double resultBar);

    internal delegate double GuardedProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot, int n, double resultBar, double resultBarDot);

    private static void AssertGuarded(GuardedPrimal f, GuardedForward forward, GuardedAdjoint adjoint, GuardedProduct product, double[] x, int n)
        => AssertDerivatives(
            p => f(p, n),
            (ReadOnlySpan<double> p, ReadOnlySpan<double> d, out double dot) => forward(p, d, n, out dot),
            (p, b, bar) => adjoint(p, b, n, bar),
            (p, d, b, bd, bar, barDot) => product(p, d, b, bd, n, bar, barDot),
            x, Direction(x.Length));

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(0)]
    public void Indexes_guarded_by_short_circuits_and_conditionals_are_not_checked_up_front(int n)
    {
        double[] x = [0.7, -1.3, 2.1];
        Assert.Equal(x.Take(n).Where(e => e > 0).Sum(e => e * e), D.ShortCircuitGuard(x, n), 12);
        AssertGuarded(D.ShortCircuitGuard, D.ShortCircuitGuardForward, D.ShortCircuitGuardAdjoint, D.ShortCircuitGuardHessianVector, x, n);
        AssertGuarded(D.OrGuardContinue, D.OrGuardContinueForward, D.OrGuardContinueAdjoint, D.OrGuardContinueHessianVector, x, n);
        AssertGuarded(D.ConditionalGuard, D.ConditionalGuardForward, D.ConditionalGuardAdjoint, D.ConditionalGuardHessianVector, x, n);
    }

    [Fact]
    public void A_read_the_guard_does_not_protect_still_throws_in_every_mode()
    {
        double[] x = [0.7, -1.3, 2.1];
        double[] v = Direction(3);
        Assert.Throws<IndexOutOfRangeException>(() => D.UnprotectedGuard(x, 5));
        Assert.ThrowsAny<Exception>(() => D.UnprotectedGuardForward(x, v, 5, out _));
        Assert.ThrowsAny<Exception>(() => D.UnprotectedGuardAdjoint(x, new double[3], 5));
        Assert.ThrowsAny<Exception>(() => D.UnprotectedGuardHessianVector(x, v, new double[3], new double[3], 5));
        AssertGuarded(D.UnprotectedGuard, D.UnprotectedGuardForward, D.UnprotectedGuardAdjoint, D.UnprotectedGuardHessianVector, x, 3);
    }

    [Fact]
    public void A_fixed_index_in_a_loop_that_does_not_run_is_not_checked_up_front()
    {
        // Empty y: the loop never runs, nothing is read; the generated methods must not throw either.
        ReadOnlySpan<double> none = [];
        D.MaxIntoFirst([0.5], []);
        D.MaxIntoFirstForward([0.5], [1.0], [], []);
        D.MaxIntoFirstAdjoint([0.5], new double[1], [], none);
        Assert.Equal(0, D.FirstInInnerLoop([], 0));
        Assert.Equal(0, D.FirstInInnerLoopForward([], [], 0, out var dot));
        Assert.Equal(0, dot);
        Assert.Equal(0, D.FirstInInnerLoopAdjoint([], [], 0));

        // Non-empty: y[0] ends as the largest x[i] above its start, whose derivative is that x's.
        double[] x = [0.5, 2.0, 1.0], xDot = [0.1, 0.2, 0.3], y = [0.0, 0.0, 0.0], yDot = new double[3];
        D.MaxIntoFirstForward(x, xDot, y, yDot);
        Assert.Equal([2.0, 0.0, 0.0], y);
        Assert.Equal(0.2, yDot[0], 12);
        double[] xBar = new double[3];
        D.MaxIntoFirstAdjoint(x, xBar, new double[3], [1.0, 0.0, 0.0]);
        Assert.Equal([0.0, 1.0, 0.0], xBar);
        // And a still-missing element still throws, as the original does.
        Assert.Throws<IndexOutOfRangeException>(() => D.FirstInInnerLoop([], 2));
        Assert.ThrowsAny<Exception>(() => D.FirstInInnerLoopForward([], [], 2, out _));
    }

    /// <summary>
    /// A partial derivative is a primal value, with the bits the method computes it with: regrouped as 1 + 2 it would be 3,
    /// while the method, whose factor rounds to 0, is constant there (central differences: 0). Small big: the closed form 3.
    /// </summary>
    [Theory]
    [InlineData(1e20, 0.0)]
    [InlineData(5.0, 3.0)]
    public void A_factor_whose_terms_cancel_in_floating_point_keeps_its_value_in_the_derivative(double big, double expected)
    {
        double xBar = 0;
        D.CancellingFactorAdjoint(0.7, ref xBar, big);
        Assert.Equal(expected, xBar);
        D.CancellingFactorForward(0.7, 1.0, big, out var tangent);
        Assert.Equal(expected, tangent);
        GradientAssert.Close(FiniteDifference.Derivative(x => D.CancellingFactor(x, big), 0.7), xBar, Tolerance.FiniteDifference(Precision.Double), "∂/∂x");
    }
}
