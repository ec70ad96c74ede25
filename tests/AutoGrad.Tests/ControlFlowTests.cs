using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using C = AutoGrad.Tests.Functions.ControlFlowFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Branches, early returns, locals, compound assignment, casts and fields: the branch taken at run
/// time is differentiated. Points exercise every branch and stay away from the switching surfaces.
/// </summary>
public class ControlFlowTests
{
    public static readonly Dictionary<string, GradientCase<double>> Cases = Case.ByName(
        Case.Of(nameof(C.Piecewise), C.Piecewise, C.PiecewiseForward, C.PiecewiseAdjoint, -2.5, -1.3, -0.4, 0.7, 1.5, 2.6, 3.4, 8.0) with
        {
            Gradient = p => [p[0] < -1 ? -2 * p[0] : p[0] < 1 ? Math.Cos(p[0]) : p[0] < 3 ? 1 / p[0] + 1 : 2],
        },
        Case.Of(nameof(C.EarlyReturn), C.EarlyReturn, C.EarlyReturnForward, C.EarlyReturnAdjoint, (-1, 1.5), (0.5, 3), (2, 1.5), (0.5, 0.8), (1.5, -2)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1], t = x * y;
                if (x <= 0) return [0, 2 * y];
                if (t > 1 && y > 2) return [y / (2 * Math.Sqrt(t)), x / (2 * Math.Sqrt(t))];
                if (t > 1) return [y / x, Math.Log(t) + 1];
                return [2 * x * y, x * x];
            },
        },
        Case.Of(nameof(C.ShadowsGeneratedNames), C.ShadowsGeneratedNames, C.ShadowsGeneratedNamesForward, C.ShadowsGeneratedNamesAdjoint,
            (0.5, 2), (-1.5, 0.3), (3, -1), (12, 1), (-0.7, -3)),
        Case.Of(nameof(C.NestedTernary), C.NestedTernary, C.NestedTernaryForward, C.NestedTernaryAdjoint, (-1, -2), (-1, 0.5), (2, 1), (0.5, 1.5)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1];
                return x < 0
                    ? (y < 0 ? [y, x] : [1, 2 * y])
                    : (y < x ? [2 * x, -1] : [Math.Exp(-y), -x * Math.Exp(-y)]);
            },
        },
        Case.Of(nameof(C.ReassignedInBranches), C.ReassignedInBranches, C.ReassignedInBranchesForward, C.ReassignedInBranchesAdjoint, (2, 1.5), (-2, 1.5), (0.5, 0.5), (-0.4, 1.2)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1], u = x * y;
                if (u > 1) return [Math.Log(u) + 2, x / y];
                if (u < -1) return [-y * y * y, -3 * x * y * y + 2 * y];
                double dfdu = 1 + 2 * u + 3 * u * u;
                return [y * dfdu, x * dfdu];
            },
        },
        Case.Of(nameof(C.CompoundAssignment), C.CompoundAssignment, C.CompoundAssignmentForward, C.CompoundAssignmentAdjoint, (1, 2), (-1, 0.5), (0.3, -1.2), (4, 3)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1], d = x + 3;
                return [0.5 * y / d - (0.5 * x * y + y * y * y) / (d * d) + 1, (0.5 * x + 3 * y * y) / d - 1];
            },
        },
        Case.Of(nameof(C.LogicalConditions), C.LogicalConditions, C.LogicalConditionsForward, C.LogicalConditionsAdjoint, (1, 2), (-2, 0.5), (0.5, -3), (0.5, -0.5), (-0.5, 0.5)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1];
                if (x > 0 && y > 0) return [y, x];
                if (x < -1 || y < -1) return [1, 2];
                if (x >= y) return [2 * x, -1];
                return [0, 3 * y * y];
            },
        },
        Case.Of(nameof(C.ThroughFloat), C.ThroughFloat, C.ThroughFloatForward, C.ThroughFloatAdjoint, (0.5, 1.5), (-1.25, 2), (3, -0.75)) with
        {
            Precision = Precision.Float,
        },
        new GradientCase<double>(
            nameof(C.IntCasts),
            p => C.IntCasts(p[0], 3),
            (p, d, out r) => C.IntCastsForward(p[0], d[0], 3, out r),
            (p, b, rb) => C.IntCastsAdjoint(p[0], ref b[0], 3, rb),
            [[-1.5], [0.3], [2.7], [5.2]])
        {
            Gradient = p => [3 + 2 * p[0] / 3],
        },
        Case.Of(nameof(C.FieldsAndConstants), C.FieldsAndConstants, C.FieldsAndConstantsForward, C.FieldsAndConstantsAdjoint, -2, 0, 0.5, 3) with
        {
            Gradient = p => [5 * p[0] + Math.Sqrt(2.0)],
        },
        Case.Of(nameof(C.ConditionalUpdate), C.ConditionalUpdate, C.ConditionalUpdateForward, C.ConditionalUpdateAdjoint, (1, 2), (0.1, 0.2), (-1, 0.5), (2, -0.5)) with
        {
            Gradient = p =>
            {
                double x = p[0], y = p[1];
                return x + y > 0.5 ? [2 * (x + y) + y, 2 * (x + y) + x] : [1 + y, 1 + x];
            },
        });

    public static TheoryData<string> Names => new(Cases.Keys);

    public static TheoryData<string> ClosedFormNames => new(Cases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ClosedFormNames))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(Cases[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(Cases[name]);
}
