using System;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.GuardFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Argument guards (issue 18): every generated method throws what the user's method throws, where it throws it — before
/// AutoGrad's own checks of the same arguments — and differentiates the rest as if the guard were not there.
/// </summary>
public class GuardTests
{
    /// <summary>Both throw the same exception: type, message, parameter name and (for an out-of-range argument) the value.</summary>
    private static void ThrowsAsTheOriginal(Action original, Action generated, string what)
    {
        var expected = Record.Exception(original);
        Assert.NotNull(expected);
        var actual = Record.Exception(generated);
        Assert.True(actual is not null, $"{what} did not throw {expected.GetType().Name}");
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
        Assert.Equal((expected as ArgumentOutOfRangeException)?.ActualValue, (actual as ArgumentOutOfRangeException)?.ActualValue);
    }

    [Theory]
    [InlineData(2.0, 0)]
    [InlineData(-1.0, 3)]
    public void A_guard_throws_the_users_exception_in_every_generated_method(double x, int n)
    {
        ThrowsAsTheOriginal(() => F.Root(x, n), () => F.RootForward(x, 1.0, n, out _), "Forward");
        ThrowsAsTheOriginal(() => F.Root(x, n), () => { double bar = 0; F.RootAdjoint(x, ref bar, n); }, "Adjoint");
        ThrowsAsTheOriginal(() => F.Root(x, n), () => { double bar = 0, barDot = 0; F.RootHessianVector(x, 1.0, ref bar, ref barDot, n); }, "HessianVector");
    }

    [Fact]
    public void Past_its_guards_a_method_is_differentiated_as_written()
    {
        const double x = 2.3;
        const int n = 3;
        var expected = FiniteDifference.Derivative(t => F.Root(t, n), x);
        F.RootForward(x, 1.0, n, out var tangent);
        double gradient = 0, second = 0, unused = 0;
        F.RootAdjoint(x, ref gradient, n);
        F.RootHessianVector(x, 1.0, ref unused, ref second, n);
        GradientAssert.Close(expected, tangent, Tolerance.FiniteDifference(Precision.Double), "forward");
        GradientAssert.Close(expected, gradient, Tolerance.FiniteDifference(Precision.Double), "adjoint");
        // (x^(1/n))'' = (1/n)(1/n − 1) x^(1/n − 2)
        GradientAssert.Close((1.0 / n) * (1.0 / n - 1) * Math.Pow(x, 1.0 / n - 2), second, Tolerance.ClosedForm(Precision.Double), "second derivative");
    }

    /// <summary>Lengths 3 and 2: the user's guard speaks before AutoGrad's "too short for the indexing" check of b.</summary>
    [Fact]
    public void The_users_guard_comes_before_the_generated_bounds_checks()
    {
        double[] a = [1, 2, 3], b = [4, 5];
        ThrowsAsTheOriginal(() => F.Dot(a, b), () => F.DotAdjoint(a, new double[3], b, new double[2]), "Adjoint");
        ThrowsAsTheOriginal(() => F.Dot(a, b), () => F.DotForward(a, new double[3], b, new double[2], out _), "Forward");
    }

    [Fact]
    public void A_guard_inside_a_loop_throws_at_the_element_and_passes_the_others()
    {
        double[] bad = [1.5, 2.0, -0.5, 3.0];
        ThrowsAsTheOriginal(() => F.LogSum(bad), () => F.LogSumAdjoint(bad, new double[bad.Length]), "Adjoint");
        ThrowsAsTheOriginal(() => F.LogSum(bad), () => F.LogSumForward(bad, new double[bad.Length], out _), "Forward");
        double[] good = [1.5, 2.0, 0.5, 3.0];
        VectorLossChecks.GradientMatches(p => F.LogSum(p), (p, g) => F.LogSumAdjoint(p, g), good, "LogSum", 1e-13);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Switch_sections_that_throw_are_guards(int kind)
    {
        ThrowsAsTheOriginal(() => F.Activation(0.3, kind), () => { double bar = 0; F.ActivationAdjoint(0.3, ref bar, kind); }, "Adjoint");
        ThrowsAsTheOriginal(() => F.Activation(0.3, kind), () => F.ActivationForward(0.3, 1.0, kind, out _), "Forward");
    }

    [Theory]
    [InlineData(0, 0.7)]
    [InlineData(0, -0.4)]
    [InlineData(1, 0.7)]
    public void The_sections_that_return_are_differentiated(int kind, double x)
    {
        double gradient = 0;
        Assert.Equal(F.Activation(x, kind), F.ActivationAdjoint(x, ref gradient, kind));
        GradientAssert.Close(FiniteDifference.Derivative(t => F.Activation(t, kind), x), gradient, Tolerance.FiniteDifference(Precision.Double), $"kind {kind}");
    }
}
