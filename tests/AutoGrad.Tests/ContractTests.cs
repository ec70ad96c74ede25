using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using AutoGrad.Tests.Functions;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using K = AutoGrad.Tests.Functions.ContractFunctions;

namespace AutoGrad.Tests;

/// <summary>The generated API itself: signatures, accumulation, resultBar, bit-identical primal, constant parameters.</summary>
public class ContractTests
{
    /// <summary>Every double and float case of the other test classes, keyed "Table.Name".</summary>
    private static readonly Dictionary<string, GradientCase<double>> Doubles = Merge(
        ("Notebook", NotebookTests.Cases),
        ("Intrinsic", IntrinsicTests.DoubleCases),
        ("ControlFlow", ControlFlowTests.Cases),
        ("Call", CallTests.Cases),
        ("MultiParameter", DotProductTests.Cases));

    private static readonly Dictionary<string, GradientCase<float>> Floats = Merge(
        ("Intrinsic", IntrinsicTests.FloatCases),
        ("FloatFunction", FloatFunctionTests.Cases));

    public static TheoryData<string> DoubleNames => new(Doubles.Keys);

    public static TheoryData<string> FloatNames => new(Floats.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_primal_is_bit_identical_to_the_method(string name) => PrimalIsBitIdentical(Doubles[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_primal_is_bit_identical_to_the_method(string name) => PrimalIsBitIdentical(Floats[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Adjoint_adds_into_the_bars_it_is_given(string name)
    {
        GradientCase<double> c = Doubles[name];
        foreach (double[] x in c.Points)
        {
            double[] gradient = new double[c.Arity];
            c.Adjoint(x, gradient, 1.0);
            double[] start = Enumerable.Range(0, c.Arity).Select(i => 0.25 - 1.75 * i).ToArray();

            double[] bars = (double[])start.Clone();
            c.Adjoint(x, bars, 1.0);
            c.Adjoint(x, bars, 1.0);

            for (int i = 0; i < c.Arity; i++)
            {
                double expected = start[i] + 2 * gradient[i];
                Tolerance tolerance = new(1e-12, 1e-12 * (Math.Abs(start[i]) + Math.Abs(gradient[i])));
                GradientAssert.Close(expected, bars[i], tolerance, $"{name} bar{i} after two calls at {GradientAssert.Format(x)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Adjoint_scales_linearly_with_result_bar(string name)
    {
        GradientCase<double> c = Doubles[name];
        foreach (double[] x in c.Points)
        {
            double[] one = new double[c.Arity];
            c.Adjoint(x, one, 1.0);

            // Powers of two scale every rounding step exactly, so this holds even where the method computes in float.
            foreach (double resultBar in new[] { 4.0, -1.0, 0.125 })
            {
                double[] scaled = new double[c.Arity];
                c.Adjoint(x, scaled, resultBar);
                for (int i = 0; i < c.Arity; i++)
                {
                    GradientAssert.Close(resultBar * one[i], scaled[i], new Tolerance(1e-12, 1e-12 * Math.Abs(resultBar)), $"{name} bar{i} with resultBar {resultBar} at {GradientAssert.Format(x)}");
                }
            }

            double[] untouched = [.. Enumerable.Repeat(0.75, c.Arity)];
            c.Adjoint(x, untouched, 0.0);
            Assert.All(untouched, bar => Assert.Equal(0.75, bar));
        }
    }

    [Theory]
    [InlineData(typeof(NotebookFunctions), "LossForward", "public static double LossForward(double w, double wDot, double x, double y, out double resultDot)")]
    [InlineData(typeof(NotebookFunctions), "LossAdjoint", "public static double LossAdjoint(double w, ref double wBar, double x, double y, double resultBar = 1)")]
    [InlineData(typeof(K), "MixedForward", "public static double MixedForward(double a, double aDot, double c, int n, double b, double bDot, long m, bool flag, out double resultDot)")]
    [InlineData(typeof(K), "MixedAdjoint", "public static double MixedAdjoint(double a, ref double aBar, double c, int n, double b, ref double bBar, long m, bool flag, double resultBar = 1)")]
    [InlineData(typeof(K), "MixedPrecisionForward", "public static double MixedPrecisionForward(double x, double xDot, float y, float yDot, out double resultDot)")]
    [InlineData(typeof(K), "MixedPrecisionAdjoint", "public static double MixedPrecisionAdjoint(double x, ref double xBar, float y, ref float yBar, double resultBar = 1)")]
    [InlineData(typeof(K), "FloatMixedForward", "public static float FloatMixedForward(float x, float xDot, float c, int n, out float resultDot)")]
    [InlineData(typeof(K), "FloatMixedAdjoint", "public static float FloatMixedAdjoint(float x, ref float xBar, float c, int n, float resultBar = 1)")]
    [InlineData(typeof(K), "InternalSquareForward", "internal static double InternalSquareForward(double x, double xDot, out double resultDot)")]
    [InlineData(typeof(K), "InternalSquareAdjoint", "internal static double InternalSquareAdjoint(double x, ref double xBar, double resultBar = 1)")]
    [InlineData(typeof(K), "PrivateCubeForward", "private static double PrivateCubeForward(double x, double xDot, out double resultDot)")]
    [InlineData(typeof(K), "PrivateCubeAdjoint", "private static double PrivateCubeAdjoint(double x, ref double xBar, double resultBar = 1)")]
    [InlineData(typeof(Callees), "ScaleByForward", "public static double ScaleByForward(double x, double xDot, double s, out double resultDot)")]
    [InlineData(typeof(Callees), "ScaleByAdjoint", "public static double ScaleByAdjoint(double x, ref double xBar, double s, double resultBar = 1)")]
    public void Generated_signature_follows_the_contract(Type type, string method, string expected)
    {
        MethodInfo[] found = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == method)
            .ToArray();

        MethodInfo generated = Assert.Single(found);
        Assert.Equal(expected, SignatureText.Describe(generated));
    }

    [Theory]
    [InlineData(-1.5, 3)]
    [InlineData(-1.5, 2)]
    [InlineData(0.5, 5)]
    [InlineData(2.0, 0)]
    [InlineData(2.0, 1)]
    [InlineData(-2.0, -2)]
    [InlineData(1.7, -3)]
    public void Int_exponent_is_a_constant(double x, int n)
    {
        double expected = n * Math.Pow(x, n - 1);

        double value = K.PowNForward(x, 1, n, out double dot);
        double bar = 0;
        K.PowNAdjoint(x, ref bar, n);

        Assert.Equal(Math.Pow(x, n), value);
        GradientAssert.Close(expected, dot, Tolerance.DoubleClosedForm, "forward");
        GradientAssert.Close(expected, bar, Tolerance.DoubleClosedForm, "adjoint");
    }

    [Theory]
    [InlineData(1.5, -3L)]
    [InlineData(-0.5, 0L)]
    [InlineData(2.0, 7L)]
    [InlineData(0.25, 1L << 40)]
    public void Long_factor_is_a_constant(double x, long k)
    {
        K.ScaledByLongForward(x, 1, k, out double dot);
        double bar = 0;
        K.ScaledByLongAdjoint(x, ref bar, k);

        Assert.Equal((double)k, dot);
        Assert.Equal((double)k, bar);
    }

    [Theory]
    [InlineData(1.5, true, 3.0)]
    [InlineData(1.5, false, 3.0)]
    [InlineData(-4.0, true, -8.0)]
    [InlineData(-4.0, false, 3.0)]
    public void Bool_flag_chooses_the_branch(double x, bool square, double expected)
    {
        K.ChooseForward(x, 1, square, out double dot);
        double bar = 0;
        K.ChooseAdjoint(x, ref bar, square);

        Assert.Equal(expected, dot);
        Assert.Equal(expected, bar);
    }

    [Theory]
    [InlineData(1.5, 0.5, 3, -2.0, 4L, true)]
    [InlineData(1.5, 0.5, 3, -2.0, 4L, false)]
    [InlineData(-0.7, 2.0, -1, 0.3, -2L, true)]
    [InlineData(-0.7, 2.0, -1, 0.3, -2L, false)]
    public void Constant_parameters_pass_through_and_get_no_partner(double a, double c, int n, double b, long m, bool flag)
    {
        double[] expected = flag ? [b * c, a * c] : [2 * a * m, -1];

        double value = K.MixedForward(a, 1, c, n, b, 0, m, flag, out double da);
        K.MixedForward(a, 0, c, n, b, 1, m, flag, out double db);
        double aBar = 0, bBar = 0;
        K.MixedAdjoint(a, ref aBar, c, n, b, ref bBar, m, flag);

        Assert.Equal(K.Mixed(a, c, n, b, m, flag), value);
        GradientAssert.Close(expected[0], da, Tolerance.DoubleClosedForm, "forward d/da");
        GradientAssert.Close(expected[1], db, Tolerance.DoubleClosedForm, "forward d/db");
        GradientAssert.Close(expected[0], aBar, Tolerance.DoubleClosedForm, "adjoint d/da");
        GradientAssert.Close(expected[1], bBar, Tolerance.DoubleClosedForm, "adjoint d/db");
    }

    [Theory]
    [InlineData(1.5, 0.5f)]
    [InlineData(-2.0, 3.25f)]
    [InlineData(0.1, -1.5f)]
    public void Float_and_double_parameters_get_partners_of_their_own_type(double x, float y)
    {
        double value = K.MixedPrecisionForward(x, 1, y, 0, out double dx);
        K.MixedPrecisionForward(x, 0, y, 1, out double dy);
        double xBar = 0;
        float yBar = 0;
        K.MixedPrecisionAdjoint(x, ref xBar, y, ref yBar);

        Assert.Equal(K.MixedPrecision(x, y), value);
        GradientAssert.Close(y, dx, Tolerance.DoubleClosedForm, "forward d/dx");
        GradientAssert.Close(y, xBar, Tolerance.DoubleClosedForm, "adjoint d/dx");
        GradientAssert.Close(x + 2.0 * y, dy, Tolerance.FloatClosedForm, "forward d/dy");
        GradientAssert.Close(x + 2.0 * y, yBar, Tolerance.FloatClosedForm, "adjoint d/dy");
    }

    [Theory]
    [InlineData(1.5f, 2f, 3)]
    [InlineData(-0.25f, 0.5f, -1)]
    public void Float_method_with_constants(float x, float c, int n)
    {
        float value = K.FloatMixedForward(x, 1, c, n, out float dot);
        float bar = 0;
        K.FloatMixedAdjoint(x, ref bar, c, n);

        Assert.Equal(K.FloatMixed(x, c, n), value);
        GradientAssert.Close(2.0 * x * c, dot, Tolerance.FloatClosedForm, "forward");
        GradientAssert.Close(2.0 * x * c, bar, Tolerance.FloatClosedForm, "adjoint");
    }

    [Fact]
    public void Internal_and_private_methods_are_differentiated_too()
    {
        K.InternalSquareForward(3.0, 1.0, out double dot);
        double bar = 0;
        K.InternalSquareAdjoint(3.0, ref bar);
        Assert.Equal(6.0, dot);
        Assert.Equal(6.0, bar);

        MethodInfo? privateForward = typeof(K).GetMethod("PrivateCubeForward", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(privateForward);
        object?[] arguments = [2.0, 1.0, null];
        Assert.Equal(8.0, privateForward.Invoke(null, arguments));
        Assert.Equal(12.0, arguments[2]);
        Assert.Equal(8.0, K.CallPrivateCube(2.0));
    }

    /// <summary>Forward and adjoint return F's own value, bit for bit, at each point and at jittered copies of it.</summary>
    private static void PrimalIsBitIdentical<T>(GradientCase<T> c)
        where T : struct, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        Random random = new(12345);
        foreach (T[] point in c.Points)
        {
            for (int k = 0; k < 20; k++)
            {
                T[] x = k == 0
                    ? point
                    : point.Select(v => T.CreateTruncating(double.CreateTruncating(v) * (1 + 0.05 * (2 * random.NextDouble() - 1)) + 0.01 * (2 * random.NextDouble() - 1))).ToArray();
                T expected = c.Primal((T[])x.Clone());
                T forward = c.Forward((T[])x.Clone(), GradientAssert.Unit<T>(c.Arity, 0), out _);
                T adjoint = c.Adjoint((T[])x.Clone(), new T[c.Arity], T.One);
                GradientAssert.BitwiseEqual(expected, forward, $"{c.Name}Forward at {GradientAssert.Format(x)}");
                GradientAssert.BitwiseEqual(expected, adjoint, $"{c.Name}Adjoint at {GradientAssert.Format(x)}");
            }
        }
    }

    private static Dictionary<string, GradientCase<T>> Merge<T>(params (string Table, Dictionary<string, GradientCase<T>> Cases)[] tables)
        where T : struct, System.Numerics.IBinaryFloatingPointIeee754<T>
        => tables.SelectMany(t => t.Cases.Values.Select(c => (Key: t.Table + "." + c.Name, Case: c))).ToDictionary(e => e.Key, e => e.Case);
}
