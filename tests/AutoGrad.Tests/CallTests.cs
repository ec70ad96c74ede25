using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using C = AutoGrad.Tests.Functions.CallFunctions;
using K = AutoGrad.Tests.Functions.Callees;

namespace AutoGrad.Tests;

/// <summary>Calls to [Differentiable] methods (same class, other class, chains) and to ordinary helpers.</summary>
public class CallTests
{
    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        Case.Of(nameof(C.CallsSameClass), C.CallsSameClass, C.CallsSameClassForward, C.CallsSameClassAdjoint, (1, 2), (-0.5, 0.3), (2.5, -1)) with
        {
            Gradient = p => [2 * p[0] + 6 * (p[0] - p[1]), -6 * (p[0] - p[1])],
        },
        Case.Of(nameof(C.CallsOtherClass), C.CallsOtherClass, C.CallsOtherClassForward, C.CallsOtherClassAdjoint, (1, 2), (-0.5, 0.3), (2.5, -1)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1], h = Math.Sqrt(x * x + y * y);
                return [3 * x * x * y + x / h, x * x * x + y / h];
            },
        },
        Case.Of(nameof(C.PassesActiveToNoDiff), C.PassesActiveToNoDiff, C.PassesActiveToNoDiffForward, C.PassesActiveToNoDiffAdjoint, (1, 2), (-0.5, 0.3), (2.5, -1)) with
        {
            // y only reaches the callee's [NoDiff] parameter: no derivative flows back to it.
            Gradient = p => [p[1] + 1, 0],
            CheckedByFiniteDifference = false,
        },
        Case.Of(nameof(C.ChainOfThree), C.ChainOfThree, C.ChainOfThreeForward, C.ChainOfThreeAdjoint, -2, -0.3, 0.8, 2.4) with
        {
            Gradient = p =>
            {
                double x = p[0], middle = (Math.Sin(x) + 2) * x;
                return [Math.Exp(middle / 4) * (Math.Cos(x) * x + Math.Sin(x) + 2) / 4 + 1];
            },
        },
        new GradientCase<double>(
            nameof(C.CallsHelper),
            p => C.CallsHelper(p[0], 4),
            (p, d, out r) => C.CallsHelperForward(p[0], d[0], 4, out r),
            (p, b, rb) => C.CallsHelperAdjoint(p[0], ref b[0], 4, rb),
            [[-1.5], [0.3], [2.0]])
        {
            Gradient = p => [p[0] / 2],
        },
        new GradientCase<double>(
            nameof(C.CallsHelperWithNoDiff),
            p => C.CallsHelperWithNoDiff(p[0], 1.5),
            (p, d, out r) => C.CallsHelperWithNoDiffForward(p[0], d[0], 1.5, out r),
            (p, b, rb) => C.CallsHelperWithNoDiffAdjoint(p[0], ref b[0], 1.5, rb),
            [[-1.5], [0.3], [2.0]])
        {
            Gradient = p => [1.5 * 1.5 + 1],
        },
        Case.Of(nameof(C.CallsWithConstants), C.CallsWithConstants, C.CallsWithConstantsForward, C.CallsWithConstantsAdjoint, (1, 2), (-0.5, 0.3), (2.5, -1)) with
        {
            Gradient = p => [3 * p[0] * p[0] - 2 * p[1], -2 * p[0]],
        },
        Case.Of(nameof(C.PassesToIgnoredParameter), C.PassesToIgnoredParameter, C.PassesToIgnoredParameterForward, C.PassesToIgnoredParameterAdjoint, -1.5, 0.0, 0.3, 2.0) with
        {
            Gradient = p => [1 + 2 * p[0]],
        },
        Case.Of(nameof(K.Outer), K.Outer, K.OuterForward, K.OuterAdjoint, -2, -0.3, 0.8, 2.4),
        Case.Of(nameof(K.Hypot), K.Hypot, K.HypotForward, K.HypotAdjoint, (3, 4), (-1, 0.5), (0.2, -2)));

    public static TheoryData<string> ClosedFormNames => new(Cases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    public static TheoryData<string> FiniteDifferenceNames => new(Cases.Values.Where(c => c.CheckedByFiniteDifference).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ClosedFormNames))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(Cases[name]);

    [Theory]
    [MemberData(nameof(FiniteDifferenceNames))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(FiniteDifferenceNames))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);

    [Fact]
    public void NoDiff_callee_parameter_receiving_an_active_value_contributes_nothing()
    {
        // Seeding only y: the sole path from y to the result runs through the [NoDiff] parameter.
        C.PassesActiveToNoDiffForward(1.5, 0, 2.0, 1, out double dy);
        double xBar = 0, yBar = 0;
        C.PassesActiveToNoDiffAdjoint(1.5, ref xBar, 2.0, ref yBar);

        Assert.Equal(0.0, dy);
        Assert.Equal(0.0, yBar);
        Assert.Equal(3.0, xBar);
    }
}
