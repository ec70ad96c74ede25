using System;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>A finite-difference derivative and a bound on the round-off error it carries.</summary>
public readonly record struct Estimate(double Value, double Noise);

/// <summary>
/// Central differences of the primal methods: the independent truth the generated derivatives are
/// checked against. The step is relative to |x| (1e-6 in double, 1e-3 in float); for float the
/// abscissae are rounded to float and the difference is taken in double with the step actually used.
/// </summary>
public static class FiniteDifference
{
    private const double DoubleEpsilon = 2.220446049250313e-16; // 2^-52
    private const double FloatEpsilon = 1.1920928955078125e-7;  // 2^-23

    public static double RelativeStep(Precision precision) => precision == Precision.Double ? 1e-6 : 1e-3;

    public static Estimate Derivative(Func<double, double> f, double x, Precision precision = Precision.Double)
    {
        double h = RelativeStep(precision) * Math.Max(1.0, Math.Abs(x));
        double xPlus = Round(x + h, precision);
        double xMinus = Round(x - h, precision);
        double fPlus = f(xPlus);
        double fMinus = f(xMinus);
        double step = xPlus - xMinus;

        // Each function value may be off by a few ulps; that error is divided by the step.
        double epsilon = precision == Precision.Double ? DoubleEpsilon : FloatEpsilon;
        double noise = 4.0 * epsilon * (Math.Abs(fPlus) + Math.Abs(fMinus)) / step;
        return new Estimate((fPlus - fMinus) / step, noise);
    }

    /// <summary>∂f/∂x_i at x; the other coordinates stay fixed.</summary>
    public static Estimate Partial(Func<double[], double> f, double[] x, int i, Precision precision = Precision.Double)
        => Derivative(
            t =>
            {
                double[] moved = (double[])x.Clone();
                moved[i] = t;
                return f(moved);
            },
            x[i],
            precision);

    private static double Round(double value, Precision precision)
        => precision == Precision.Double ? value : (float)value;
}
