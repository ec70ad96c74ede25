using System;
using System.Linq;
using Xunit;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>A scalar function of one vector: its generated adjoint and forward methods against central differences of the function.</summary>
public static class VectorLossChecks
{
    /// <param name="adjoint">Adds the gradient into its second argument and returns the value.</param>
    /// <param name="valueTolerance">How far the value the adjoint returns may be from the function's (a vectorized sum reassociates).</param>
    public static void GradientMatches(Func<double[], double> primal, Func<double[], double[], double> adjoint, double[] point, string name, double valueTolerance)
    {
        var gradient = new double[point.Length];
        Assert.Equal(primal(point), adjoint(point, gradient), valueTolerance);
        for (int i = 0; i < point.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(primal, point, i), gradient[i], Tolerance.FiniteDifference(Precision.Double), $"{name} ∂/∂x{i}");
    }

    /// <param name="forward">The value and the derivative along the direction.</param>
    public static void DirectionalDerivativeMatches(Func<double[], double> primal, Func<double[], double[], (double Value, double Derivative)> forward,
        double[] point, double[] direction, string name, double valueTolerance)
    {
        var (value, derivative) = forward(point, direction);
        Assert.Equal(primal(point), value, valueTolerance);
        var expected = FiniteDifference.Derivative(t => primal(point.Zip(direction, (x, d) => x + t * d).ToArray()), 0.0);
        GradientAssert.Close(expected, derivative, Tolerance.FiniteDifference(Precision.Double), name);
    }
}
