using System;
using System.Linq;
using AutoGrad.Tests.SecondOrder;
using Xunit;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>
/// A method of a span and a weight, <c>F(ReadOnlySpan&lt;double&gt; x, double w)</c>, with its generated adjoint, forward and
/// Hessian-vector methods: each against central differences of the method, at one point and along one direction.
/// </summary>
public static class SpanAndWeightChecks
{
    public delegate double Primal(ReadOnlySpan<double> x, double w);

    public delegate double Adjoint(ReadOnlySpan<double> x, Span<double> xBar, double w, ref double wBar, double resultBar = 1.0);

    public delegate double Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, double w, double wDot, out double resultDot);

    public delegate double Product(ReadOnlySpan<double> x, ReadOnlySpan<double> xDot, Span<double> xBar, Span<double> xBarDot,
        double w, double wDot, ref double wBar, ref double wBarDot, double resultBar = 1.0, double resultBarDot = 0.0);

    /// <param name="direction">One entry per element of <paramref name="x"/>, then one for the weight.</param>
    /// <param name="valueTolerance">How far the adjoint's value may be from the method's (a vectorized sum reassociates).</param>
    public static void AllModesMatch(string name, (Primal Primal, Adjoint Adjoint, Forward Forward, Product Product) methods,
        double[] x, double w, double[] direction, double valueTolerance)
    {
        var (primal, adjoint, forward, product) = methods;
        double[] packed = [.. x, w];
        double Objective(double[] p) => primal(p.AsSpan(0, x.Length), p[^1]);
        var tolerance = Tolerance.FiniteDifference(Precision.Double);

        var xBar = new double[x.Length];
        double wBar = 0;
        Assert.Equal(primal(x, w), adjoint(x, xBar, w, ref wBar), valueTolerance);
        double[] gradient = [.. xBar, wBar];
        for (int i = 0; i < packed.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(Objective, packed, i), gradient[i], tolerance, $"{name} ∂/∂p{i}");

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
}
