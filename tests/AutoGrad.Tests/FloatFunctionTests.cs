using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.FloatFunctions;

namespace AutoGrad.Tests;

/// <summary>A family of MathF methods, checked in float tolerance.</summary>
public class FloatFunctionTests
{
    public static readonly Dictionary<string, GradientCase<float>> Cases = Case.ByName(
        Case.Of(nameof(F.Rosenbrock), F.Rosenbrock, F.RosenbrockForward, F.RosenbrockAdjoint, (3f, 2f), (1f, 1f), (-1.5f, 2.5f), (0.3f, -0.7f)) with
        {
            Gradient = p => [-8 * p[0] * (p[1] - p[0] * p[0]) + 2 * p[0] - 2, -4 * p[0] * p[0] + 4 * p[1]],
        },
        Case.Of(nameof(F.Sigmoid), F.Sigmoid, F.SigmoidForward, F.SigmoidAdjoint, -4f, -1f, 0f, 0.5f, 3f) with
        {
            Gradient = p => [Sigmoid(p[0]) * (1 - Sigmoid(p[0]))],
        },
        Case.Of(nameof(F.SoftPlus), F.SoftPlus, F.SoftPlusForward, F.SoftPlusAdjoint, -3f, 0f, 2f, 8f, 25f) with
        {
            Gradient = p => [p[0] > 20 ? 1 : Sigmoid(p[0])],
        },
        Case.Of(nameof(F.Gaussian), F.Gaussian, F.GaussianForward, F.GaussianAdjoint, (0.5f, 0f, 1f), (-1f, 0.5f, 2f), (2f, 1.5f, 0.75f)) with
        {
            Gradient = p =>
            {
                double z = (p[0] - p[1]) / p[2], g = Math.Exp(-0.5 * z * z) / (p[2] * Math.Sqrt(2 * Math.PI));
                return [-z / p[2] * g, z / p[2] * g, g * (z * z - 1) / p[2]];
            },
        },
        Case.Of(nameof(F.Polar), F.Polar, F.PolarForward, F.PolarAdjoint, (1f, 0.5f), (2f, -1f), (0.5f, 2.5f)) with
        {
            Gradient = p => [Math.Cos(p[1]) + 2 * p[0] * Math.Sin(p[1]), -p[0] * Math.Sin(p[1]) + p[0] * p[0] * Math.Cos(p[1])],
        },
        Case.Of(nameof(F.Branchy), F.Branchy, F.BranchyForward, F.BranchyAdjoint, (2f, 1.5f), (0.5f, 1f), (0.5f, -0.5f), (-1f, -0.5f)),
        Case.Of(nameof(F.ViaDouble), F.ViaDouble, F.ViaDoubleForward, F.ViaDoubleAdjoint, -2f, 0f, 1.5f, 4f) with
        {
            Gradient = p => [0.5 * Math.Exp(0.5 * p[0]) + 1],
        },
        Case.Of(nameof(F.Calls), F.Calls, F.CallsForward, F.CallsAdjoint, (1f, 2f), (-0.5f, 0.3f), (2f, -1f)));

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

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
