using System;
using AutoGrad.Tests.SecondOrder;

namespace AutoGrad.Tests.Infrastructure;

public delegate double ArrayForward(double[] x, ReadOnlySpan<double> xDot, out double resultDot);

public delegate double ArrayAdjoint(double[] x, Span<double> xBar, double resultBar);

public delegate double ArrayProduct(double[] x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot, double resultBar, double resultBarDot);

/// <summary>A scalar loss of one array and its generated methods, each checked against central differences of the loss.</summary>
public sealed record ArrayLoss(Func<double[], double> Primal, ArrayForward Forward, ArrayAdjoint Adjoint, ArrayProduct Product)
{
    public void GradientMatchesFiniteDifferences(double[] point, string name)
        => VectorLossChecks.GradientMatches(Primal, (p, g) => Adjoint(p, g, 1.0), point, name, 1e-12);

    public void ForwardModeIsTheDirectionalDerivative(double[] point, double[] direction, string name)
        => VectorLossChecks.DirectionalDerivativeMatches(Primal, (p, d) => (Forward(p, d, out var r), r), point, direction, name, 1e-12);

    public void HessianVectorProductsAgreeWithDifferencesOfTheGradient(double[] point, double[] direction)
        => HessianVectorTests.AssertAgreesWithDifferences(point, direction, (p, g) => Adjoint(p, g, 1.0), (p, v, g, hv) => Product(p, v, g, hv, 1.0, 0.0));
}
