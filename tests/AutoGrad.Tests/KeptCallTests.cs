using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.KeptCallFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// A callee's value kept per iteration for the reverse sweep (issue 17): the gradient, the forward derivative and the
/// Hessian-vector product of each loop against central differences.
/// </summary>
public class KeptCallTests
{
    private static (SpanAndWeightChecks.Primal, SpanAndWeightChecks.Adjoint, SpanAndWeightChecks.Forward, SpanAndWeightChecks.Product) Methods(string name) => name switch
    {
        "PeakAndEnergy" => (F.PeakAndEnergy, F.PeakAndEnergyAdjoint, F.PeakAndEnergyForward, F.PeakAndEnergyHessianVector),
        "BranchProduct" => (F.BranchProduct, F.BranchProductAdjoint, F.BranchProductForward, F.BranchProductHessianVector),
        "UntilLarge" => (F.UntilLarge, F.UntilLargeAdjoint, F.UntilLargeForward, F.UntilLargeHessianVector),
        "Nested" => (F.Nested, F.NestedAdjoint, F.NestedForward, F.NestedHessianVector),
        _ => (F.Smoothed, F.SmoothedAdjoint, F.SmoothedForward, F.SmoothedHessianVector),
    };

    [Theory]
    [InlineData("PeakAndEnergy")]
    [InlineData("BranchProduct")]
    [InlineData("UntilLarge")]
    [InlineData("Nested")]
    [InlineData("Smoothed")]
    public void Kept_call_values_give_the_gradient_of_central_differences(string name)
        => SpanAndWeightChecks.AllModesMatch(name, Methods(name), [0.7, -0.4, 1.3, 0.2, -1.1, 0.9], 0.8, [0.3, -0.5, 0.2, 0.9, -0.1, 0.4, -0.6], 1e-12);

    [Fact]
    public void A_kept_float_call_has_the_gradient_of_the_method_in_double()
    {
        float[] x = [0.7f, -0.4f, 1.3f, 0.2f, -1.1f, 0.9f];
        const float w = 0.8f;
        var xBar = new float[x.Length];
        float wBar = 0;
        F.PeakAndEnergyFAdjoint(x, xBar, w, ref wBar);
        double[] packed = [.. x.Select(v => (double)v), w];
        double Objective(double[] p) => F.PeakAndEnergy(p.AsSpan(0, x.Length), p[^1]);
        float[] gradient = [.. xBar, wBar];
        for (int i = 0; i < packed.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(Objective, packed, i), gradient[i], Tolerance.FiniteDifference(Precision.Float), $"∂/∂p{i}");
    }
}
