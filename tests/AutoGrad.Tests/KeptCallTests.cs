using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.KeptCallFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// A callee's value kept per iteration for the reverse sweep (issue 17): the gradient, the forward derivative and the
/// Hessian-vector product of each loop against central differences.
/// </summary>
public class KeptCallTests
{
    private delegate double Primal(ReadOnlySpan<double> x, double w);
    private delegate double Adjoint(ReadOnlySpan<double> x, Span<double> xBar, double w, ref double wBar, double resultBar = 1.0);
    private delegate double Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, double w, double wDot, out double resultDot);
    private delegate double Product(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot,
        double w, double wDot, ref double wBar, ref double wBarDot, double resultBar = 1.0, double resultBarDot = 0.0);

    private static (Primal, Adjoint, Forward, Product) Methods(string name) => name switch
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
    {
        var (primal, adjoint, forward, product) = Methods(name);
        double[] x = [0.7, -0.4, 1.3, 0.2, -1.1, 0.9];
        const double w = 0.8;
        double[] packed = [.. x, w];
        double Objective(double[] p) => primal(p.AsSpan(0, x.Length), p[^1]);
        var tolerance = Tolerance.FiniteDifference(Precision.Double);

        var xBar = new double[x.Length];
        double wBar = 0;
        Assert.Equal(primal(x, w), adjoint(x, xBar, w, ref wBar), 1e-12);
        double[] gradient = [.. xBar, wBar];
        for (int i = 0; i < packed.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(Objective, packed, i), gradient[i], tolerance, $"{name} ∂/∂p{i}");

        double[] direction = [0.3, -0.5, 0.2, 0.9, -0.1, 0.4, -0.6];
        forward(x, direction.AsSpan(0, x.Length), w, direction[^1], out var directional);
        GradientAssert.Close(FiniteDifference.Derivative(t => Objective([.. packed.Zip(direction, (p, d) => p + t * d)]), 0.0), directional, tolerance, $"{name} forward");

        HessianVectorTests.AssertAgreesWithDifferences(packed, direction,
            (p, g) => { double wb = 0; adjoint(p.AsSpan(0, x.Length), g.AsSpan(0, x.Length), p[^1], ref wb); g[^1] += wb; },
            (p, d, g, hv) =>
            {
                double wb = 0, wbd = 0;
                product(p.AsSpan(0, x.Length), d.AsSpan(0, x.Length), g.AsSpan(0, x.Length), hv.AsSpan(0, x.Length), p[^1], d[^1], ref wb, ref wbd);
                g[^1] += wb;
                hv[^1] += wbd;
            });
    }

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
