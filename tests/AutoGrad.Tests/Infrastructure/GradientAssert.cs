using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>Assertions shared by the numerical tests.</summary>
public static class GradientAssert
{
    /// <summary>|actual - expected| &lt;= tolerance (+ noise); fails on NaN too.</summary>
    public static void Close(double expected, double actual, Tolerance tolerance, string what, double noise = 0.0)
    {
        double allowed = tolerance.Allowed(expected) + noise;
        double difference = Math.Abs(actual - expected);
        if (!(difference <= allowed))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (off by {difference:G3}, allowed {allowed:G3})");
        }
    }

    public static void Close(Estimate expected, double actual, Tolerance tolerance, string what)
        => Close(expected.Value, actual, tolerance, what + " [finite difference]", expected.Noise);

    /// <summary>
    /// The value a derivative method returns, checked beside its derivatives: the same bits as F's
    /// own, except that a vectorized reduction (AutoGrad.Simd on, Vector256 accelerated) may sum
    /// in another order — then within reassociation error. The strict contract, with SIMD off, is
    /// checked by <see cref="BitwiseEqual{T}"/> in the contract tests.
    /// </summary>
    public static void PrimalEqual<T>(T expected, T actual, string what)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        if (!(AutoGrad.Simd.IsEnabled && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated))
        {
            BitwiseEqual(expected, actual, what);
            return;
        }
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        if (double.IsNaN(e) && double.IsNaN(a))
            return;
        double relative = typeof(T) == typeof(float) ? 1e-5 : 1e-13;
        Close(e, a, new Tolerance(relative, relative), what + " (primal, vector reduction)");
    }

    /// <summary>The primal contract: same bits, including the sign of zero.</summary>
    public static void BitwiseEqual<T>(T expected, T actual, string what)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        double e = double.CreateTruncating(expected);
        double a = double.CreateTruncating(actual);
        if (BitConverter.DoubleToInt64Bits(e) != BitConverter.DoubleToInt64Bits(a))
        {
            Assert.Fail($"{what}: primal {a:R} differs from F(...) = {e:R}");
        }
    }

    public static void ForwardMatchesFiniteDifference<T>(GradientCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Assert.True(c.CheckedByFiniteDifference, $"{c.Name} is not checked by finite difference");
        foreach (T[] x in c.Points)
        {
            for (int i = 0; i < c.Arity; i++)
            {
                T value = c.Forward(Copy(x), Unit<T>(c.Arity, i), out T resultDot);
                PrimalEqual(c.Primal(Copy(x)), value, $"{c.Name}Forward at {Format(x)}");
                Close(PartialOf(c, x, i), double.CreateTruncating(resultDot), Tolerance.FiniteDifference(c.Precision), $"{c.Name}Forward d/dx{i} at {Format(x)}");
            }
        }
    }

    public static void AdjointMatchesFiniteDifference<T>(GradientCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Assert.True(c.CheckedByFiniteDifference, $"{c.Name} is not checked by finite difference");
        foreach (T[] x in c.Points)
        {
            T[] bars = new T[c.Arity];
            T value = c.Adjoint(Copy(x), bars, T.One);
            PrimalEqual(c.Primal(Copy(x)), value, $"{c.Name}Adjoint at {Format(x)}");
            for (int i = 0; i < c.Arity; i++)
            {
                Close(PartialOf(c, x, i), double.CreateTruncating(bars[i]), Tolerance.FiniteDifference(c.Precision), $"{c.Name}Adjoint bar{i} at {Format(x)}");
            }
        }
    }

    /// <summary>Both modes against the case's exact gradient.</summary>
    public static void MatchesClosedForm<T>(GradientCase<T> c)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Func<double[], double[]> gradient = c.Gradient ?? throw new InvalidOperationException($"{c.Name} has no closed form");
        Tolerance tolerance = Tolerance.ClosedForm(c.Precision);
        foreach (T[] x in c.Points)
        {
            double[] expected = gradient(ToDouble(x));
            T[] bars = new T[c.Arity];
            c.Adjoint(Copy(x), bars, T.One);
            for (int i = 0; i < c.Arity; i++)
            {
                c.Forward(Copy(x), Unit<T>(c.Arity, i), out T resultDot);
                Close(expected[i], double.CreateTruncating(resultDot), tolerance, $"{c.Name}Forward d/dx{i} at {Format(x)} [closed form]");
                Close(expected[i], double.CreateTruncating(bars[i]), tolerance, $"{c.Name}Adjoint bar{i} at {Format(x)} [closed form]");
            }
        }
    }

    public static Estimate PartialOf<T>(GradientCase<T> c, T[] x, int i)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => FiniteDifference.Partial(p => double.CreateTruncating(c.Primal(FromDouble<T>(p))), ToDouble(x), i, c.Precision);

    public static T[] Unit<T>(int arity, int i)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        T[] unit = new T[arity];
        unit[i] = T.One;
        return unit;
    }

    public static double[] ToDouble<T>(T[] x)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => x.Select(v => double.CreateTruncating(v)).ToArray();

    public static T[] FromDouble<T>(double[] x)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => x.Select(v => T.CreateTruncating(v)).ToArray();

    public static string Format<T>(T[] x)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => "(" + string.Join(", ", x.Select(v => double.CreateTruncating(v).ToString("R"))) + ")";

    private static T[] Copy<T>(T[] x) => (T[])x.Clone();
}
