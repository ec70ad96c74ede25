using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using U = AutoGrad.Tests.Functions.UserLoopFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// <see cref="Functions.UserLoopFunctions"/> through the same checks as the other tools' functions
/// (<see cref="OtherToolsTests"/>): forward and adjoint against central differences, and against each other.
/// </summary>
public class UserLoopTests
{
    public delegate double SpanToScalarPrimal(ReadOnlySpan<double> x);
    public delegate double SpanToScalarForward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, out double resultDot);
    public delegate double SpanToScalarAdjoint(ReadOnlySpan<double> x, Span<double> xBar, double resultBar);

    private static OtherToolsTests.Subject SpanToScalar(string name, SpanToScalarPrimal f, SpanToScalarForward forward, SpanToScalarAdjoint adjoint, double[][] points) => new()
    {
        Name = name, Inputs = points[0].Length, Outputs = 1,
        Primal = p => [f(p)],
        Forward = (p, d, yd) => [forward(p, d, out yd[0])],
        Adjoint = (p, yb, xb) => [adjoint(p, xb, yb[0])],
        Points = points,
    };

    // Away from the kinks: no two squares tie for the maximum, no element at 0 or 1, the while loop's
    // exit not at its edge.
    private static readonly double[][] Points7 = [[0.7, 1.3, -0.4, 0.9, 1.6, 0.2, 0.5], [1.1, -0.6, 0.35, 1.45, 0.8, -1.2, 0.3]];
    private static readonly double[][] Points4 = [[0.7, 1.3, -0.4, 0.9], [1.1, -0.6, 0.35, 1.45]];
    private static readonly double[][] Points4Loop = [[1.5, 1.6, -0.4, 0.9], [0.4, 2.1, 0.35, 1.45]];

    public static readonly Dictionary<string, OtherToolsTests.Subject> Subjects = new OtherToolsTests.Subject[]
    {
        SpanToScalar(nameof(U.StepTwo), U.StepTwo, U.StepTwoForward, U.StepTwoAdjoint, Points7),
        SpanToScalar(nameof(U.Doubling), U.Doubling, U.DoublingForward, U.DoublingAdjoint, Points7),
        SpanToScalar(nameof(U.TwoCounters), U.TwoCounters, U.TwoCountersForward, U.TwoCountersAdjoint, Points7),
        SpanToScalar(nameof(U.WhileTrueBreak), U.WhileTrueBreak, U.WhileTrueBreakForward, U.WhileTrueBreakAdjoint, Points7),
        SpanToScalar(nameof(U.SkipBody), U.SkipBody, U.SkipBodyForward, U.SkipBodyAdjoint, Points7),
        SpanToScalar(nameof(U.CounterBumped), U.CounterBumped, U.CounterBumpedForward, U.CounterBumpedAdjoint, Points7),
        SpanToScalar(nameof(U.Mirror), U.Mirror, U.MirrorForward, U.MirrorAdjoint, Points7),
        SpanToScalar(nameof(U.NestedBreak), U.NestedBreak, U.NestedBreakForward, U.NestedBreakAdjoint, Points7),
        SpanToScalar(nameof(U.IntFromValue), U.IntFromValue, U.IntFromValueForward, U.IntFromValueAdjoint, Points7),
        SpanToScalar(nameof(U.NestedTernary), U.NestedTernary, U.NestedTernaryForward, U.NestedTernaryAdjoint, Points7),
        SpanToScalar(nameof(U.SelfUpdate), U.SelfUpdate, U.SelfUpdateForward, U.SelfUpdateAdjoint, Points7),
        SpanToScalar(nameof(U.PowInt), U.PowInt, U.PowIntForward, U.PowIntAdjoint, Points7),
        SpanToScalar(nameof(U.MaxTie), U.MaxTie, U.MaxTieForward, U.MaxTieAdjoint, Points7),
        SpanToScalar(nameof(U.StepThreeDown), U.StepThreeDown, U.StepThreeDownForward, U.StepThreeDownAdjoint, Points7),
        SpanToScalar(nameof(U.LongInclusiveStepTwo), U.LongInclusiveStepTwo, U.LongInclusiveStepTwoForward, U.LongInclusiveStepTwoAdjoint, Points7),
        SpanToScalar(nameof(U.DownToExclusive), U.DownToExclusive, U.DownToExclusiveForward, U.DownToExclusiveAdjoint, Points7),
        SpanToScalar(nameof(U.LocalShadow), U.LocalShadow, U.LocalShadowForward, U.LocalShadowAdjoint, Points7),
        OtherToolsTests.SpanMap(nameof(U.Recur), U.Recur, U.RecurForward, U.RecurAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.TwoLoops), U.TwoLoops, U.TwoLoopsForward, U.TwoLoopsAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.PrefixInPlace), U.PrefixInPlace, U.PrefixInPlaceForward, U.PrefixInPlaceAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.WhileOnOutput), U.WhileOnOutput, U.WhileOnOutputForward, U.WhileOnOutputAdjoint, Points4Loop),
        OtherToolsTests.SpanMap(nameof(U.ReverseWrite), U.ReverseWrite, U.ReverseWriteForward, U.ReverseWriteAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.MaxAbsNormalize), U.MaxAbsNormalize, U.MaxAbsNormalizeForward, U.MaxAbsNormalizeAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.CondAccum), U.CondAccum, U.CondAccumForward, U.CondAccumAdjoint, Points4),
        OtherToolsTests.SpanMap(nameof(U.SoftmaxInPlace), U.SoftmaxInPlace, U.SoftmaxInPlaceForward, U.SoftmaxInPlaceAdjoint, Points4),
    }.ToDictionary(subject => subject.Name);

    public static TheoryData<string> Names => [.. Subjects.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_central_differences(string name) => OtherToolsTests.AssertForwardMatchesDifferences(Subjects[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_central_differences(string name) => OtherToolsTests.AssertAdjointMatchesDifferences(Subjects[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_and_adjoint_satisfy_the_dot_product_identity(string name) => OtherToolsTests.AssertDotProductIdentity(Subjects[name]);
}
