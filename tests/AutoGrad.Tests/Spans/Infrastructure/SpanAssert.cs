using System;
using System.Linq;
using System.Numerics;
using AutoGrad.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Tests.Spans.Infrastructure;

/// <summary>
/// Assertions for the span subjects. Methods that return a scalar are ordinary
/// <see cref="GradientCase{T}"/>s (their active span elements are the case's inputs) and use
/// <see cref="GradientAssert"/>; methods that write output spans are <see cref="VectorCase{T}"/>s.
/// </summary>
public static class SpanAssert
{
    /// <summary>Forward with xDot = e_i gives column i of the Jacobian: each output's central difference in x_i.</summary>
    public static void ForwardMatchesFiniteDifference<T>(VectorCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        foreach (T[] x in c.Points)
        {
            T[] expected = c.Primal(Copy(x));
            for (int i = 0; i < c.Arity; i++)
            {
                T[] outputs = c.Forward(Copy(x), GradientAssert.Unit<T>(c.Arity, i), out T[] outputDot);
                OutputsBitwiseEqual(expected, outputs, $"{c.Name}Forward at {GradientAssert.Format(x)}");
                Assert.Equal(c.Outputs, outputDot.Length);
                for (int j = 0; j < c.Outputs; j++)
                {
                    GradientAssert.Close(Partial(c, x, j, i), double.CreateTruncating(outputDot[j]), Tolerance.FiniteDifference(c.Precision), $"{c.Name}Forward d(out{j})/dx{i} at {GradientAssert.Format(x)}");
                }
            }
        }
    }

    /// <summary>Adjoint with outputBar = e_j gives row j of the Jacobian: output j's central difference in each x_i.</summary>
    public static void AdjointMatchesFiniteDifference<T>(VectorCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        foreach (T[] x in c.Points)
        {
            T[] expected = c.Primal(Copy(x));
            for (int j = 0; j < c.Outputs; j++)
            {
                T[] bars = new T[c.Arity];
                T[] outputs = c.Adjoint(Copy(x), bars, GradientAssert.Unit<T>(c.Outputs, j));
                OutputsBitwiseEqual(expected, outputs, $"{c.Name}Adjoint at {GradientAssert.Format(x)}");
                for (int i = 0; i < c.Arity; i++)
                {
                    GradientAssert.Close(Partial(c, x, j, i), double.CreateTruncating(bars[i]), Tolerance.FiniteDifference(c.Precision), $"{c.Name}Adjoint d(out{j})/dx{i} at {GradientAssert.Format(x)}");
                }
            }
        }
    }

    /// <summary>Both modes against the case's exact Jacobian.</summary>
    public static void MatchesClosedForm<T>(VectorCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Func<double[], double[][]> jacobian = c.Jacobian ?? throw new InvalidOperationException($"{c.Name} has no closed form");
        Tolerance tolerance = Tolerance.ClosedForm(c.Precision);
        foreach (T[] x in c.Points)
        {
            double[][] expected = jacobian(GradientAssert.ToDouble(x));
            Assert.Equal(c.Outputs, expected.Length);
            for (int i = 0; i < c.Arity; i++)
            {
                c.Forward(Copy(x), GradientAssert.Unit<T>(c.Arity, i), out T[] outputDot);
                for (int j = 0; j < c.Outputs; j++)
                {
                    GradientAssert.Close(expected[j][i], double.CreateTruncating(outputDot[j]), tolerance, $"{c.Name}Forward d(out{j})/dx{i} at {GradientAssert.Format(x)} [closed form]");
                }
            }

            for (int j = 0; j < c.Outputs; j++)
            {
                T[] bars = new T[c.Arity];
                c.Adjoint(Copy(x), bars, GradientAssert.Unit<T>(c.Outputs, j));
                for (int i = 0; i < c.Arity; i++)
                {
                    GradientAssert.Close(expected[j][i], double.CreateTruncating(bars[i]), tolerance, $"{c.Name}Adjoint d(out{j})/dx{i} at {GradientAssert.Format(x)} [closed form]");
                }
            }
        }
    }

    /// <summary>
    /// The dot-product test: for random xDot and outputBar, Σ outputBar·outputDot = Σ xBar·xDot.
    /// The allowed error is relative to Σ_ij |outputBar_j · J_ji · xDot_i|, J from unit cotangents.
    /// </summary>
    public static void ForwardAndAdjointAgree<T>(VectorCase<T> c, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Random random = new(seed);
        double relative = c.Precision == Precision.Double ? 1e-12 : 1e-5;
        foreach (T[] x in c.Points)
        {
            T[] xDot = Enumerable.Range(0, c.Arity).Select(_ => T.CreateTruncating(2 * random.NextDouble() - 1)).ToArray();
            T[] outputBar = Enumerable.Range(0, c.Outputs).Select(_ => T.CreateTruncating(2 * random.NextDouble() - 1)).ToArray();

            c.Forward(Copy(x), Copy(xDot), out T[] outputDot);
            T[] bars = new T[c.Arity];
            c.Adjoint(Copy(x), bars, Copy(outputBar));

            double forward = Enumerable.Range(0, c.Outputs).Sum(j => double.CreateTruncating(outputBar[j]) * double.CreateTruncating(outputDot[j]));
            double adjoint = Enumerable.Range(0, c.Arity).Sum(i => double.CreateTruncating(bars[i]) * double.CreateTruncating(xDot[i]));

            double scale = 0;
            for (int j = 0; j < c.Outputs; j++)
            {
                T[] row = new T[c.Arity];
                c.Adjoint(Copy(x), row, GradientAssert.Unit<T>(c.Outputs, j));
                for (int i = 0; i < c.Arity; i++)
                {
                    scale += Math.Abs(double.CreateTruncating(outputBar[j]) * double.CreateTruncating(row[i]) * double.CreateTruncating(xDot[i]));
                }
            }

            GradientAssert.Close(adjoint, forward, new Tolerance(0, relative * scale + 1e-300), $"{c.Name}: Σ outputBar·outputDot vs Σ xBar·xDot at {GradientAssert.Format(x)}");
        }
    }

    /// <summary>The dot-product test for a scalar result: Forward along v equals v · xBar (resultBar = 1).</summary>
    public static void ForwardAndAdjointAgree<T>(GradientCase<T> c, int seed)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Random random = new(seed);
        double relative = c.Precision == Precision.Double ? 1e-12 : 1e-5;
        foreach (T[] x in c.Points)
        {
            T[] v = Enumerable.Range(0, c.Arity).Select(_ => T.CreateTruncating(2 * random.NextDouble() - 1)).ToArray();

            c.Forward(Copy(x), Copy(v), out T resultDot);
            T[] bars = new T[c.Arity];
            c.Adjoint(Copy(x), bars, T.One);

            double dot = Enumerable.Range(0, c.Arity).Sum(i => double.CreateTruncating(v[i]) * double.CreateTruncating(bars[i]));
            double scale = Enumerable.Range(0, c.Arity).Sum(i => Math.Abs(double.CreateTruncating(v[i]) * double.CreateTruncating(bars[i])));
            GradientAssert.Close(dot, double.CreateTruncating(resultDot), new Tolerance(0, relative * scale + 1e-300), $"{c.Name}: forward along v vs v·bar at {GradientAssert.Format(x)}");
        }
    }

    /// <summary>Both modes against the case's exact gradient, with a tolerance of the caller's choosing (iterations, long sums).</summary>
    public static void MatchesClosedForm<T>(GradientCase<T> c, Tolerance tolerance)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Func<double[], double[]> gradient = c.Gradient ?? throw new InvalidOperationException($"{c.Name} has no closed form");
        foreach (T[] x in c.Points)
        {
            double[] expected = gradient(GradientAssert.ToDouble(x));
            Assert.Equal(c.Arity, expected.Length);
            T[] bars = new T[c.Arity];
            c.Adjoint(Copy(x), bars, T.One);
            for (int i = 0; i < c.Arity; i++)
            {
                c.Forward(Copy(x), GradientAssert.Unit<T>(c.Arity, i), out T resultDot);
                GradientAssert.Close(expected[i], double.CreateTruncating(resultDot), tolerance, $"{c.Name}Forward d/dx{i} at {GradientAssert.Format(x)} [closed form]");
                GradientAssert.Close(expected[i], double.CreateTruncating(bars[i]), tolerance, $"{c.Name}Adjoint bar{i} at {GradientAssert.Format(x)} [closed form]");
            }
        }
    }

    /// <summary>Every output element has the same bits as the method's own (NaN included, sign of zero included).</summary>
    public static void OutputsBitwiseEqual<T>(T[] expected, T[] actual, string what)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            GradientAssert.BitwiseEqual(expected[j], actual[j], $"{what}, output {j}");
        }
    }

    public static Estimate Partial<T>(VectorCase<T> c, T[] x, int output, int input)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => FiniteDifference.Partial(p => double.CreateTruncating(c.Primal(GradientAssert.FromDouble<T>(p))[output]), GradientAssert.ToDouble(x), input, c.Precision);

    public static T[] Copy<T>(T[] x) => (T[])x.Clone();
}
