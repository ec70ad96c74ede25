using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using T = AutoGrad.Tests.Spans.Functions.ConstantTables;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// Constant tables (<c>static readonly</c> arrays) passed to differentiable callees, indexed and sliced:
/// both modes and Hessian-vector products against closed forms and central differences.
/// </summary>
public class ConstantTableTests
{
    private static readonly double[] Weights = [0.5, 1.5, -1.0, 2.0];

    private static double WeightsPoly(double x) => 0.5 + 1.5 * x - x * x + 2 * x * x * x;

    private static double WeightsPolyPrime(double x) => 1.5 - 2 * x + 6 * x * x;

    /// <summary>d/dx of 1 − 2x² + x⁴/2 + 3x⁶ (the Cubic table at x²).</summary>
    private static double CubicOfSquarePrime(double x) => -4 * x + 2 * x * x * x + 18 * Math.Pow(x, 5);

    private static double CubicOfSquareSecond(double x) => -4 + 6 * x * x + 90 * Math.Pow(x, 4);

    private static double WeightedSinesPrime(double x) => Weights.Select((w, i) => w * (i + 1) * Math.Cos(x * (i + 1))).Sum();

    public static readonly Dictionary<string, GradientCase<double>> DoubleCases = Case.ByName(
        Case.Of(nameof(T.PolyOfTables), T.PolyOfTables, T.PolyOfTablesForward, T.PolyOfTablesAdjoint, -1.3, -0.2, 0.0, 0.7, 1.6) with
        {
            Gradient = p => [WeightsPolyPrime(p[0]) + CubicOfSquarePrime(p[0])],
        },
        Case.Of(nameof(T.WeightedSines), T.WeightedSines, T.WeightedSinesForward, T.WeightedSinesAdjoint, -2.1, 0.3, 1.0, 2.8) with
        {
            Gradient = p => [WeightedSinesPrime(p[0])],
        },
        Case.Of(nameof(T.TableInLoop), T.TableInLoop, T.TableInLoopForward, T.TableInLoopAdjoint, -1.5, 0.4, 2.2) with
        {
            Gradient = p => [Enumerable.Range(1, 3).Sum(k => WeightsPolyPrime(p[0] / k) / k)],
        },
        new GradientCase<double>(
            nameof(T.SlicedTable),
            p => T.SlicedTable(p.AsSpan(0, 3), p[3]),
            (p, d, out r) => T.SlicedTableForward(p.AsSpan(0, 3), d.AsSpan(0, 3), p[3], d[3], out r),
            (p, b, rb) => T.SlicedTableAdjoint(p.AsSpan(0, 3), b.AsSpan(0, 3), p[3], ref b[3], rb),
            [[1.0, 2.0, -0.5, 0.7], [0.3, -1.2, 0.8, -1.4]])
        {
            Gradient = p =>
            {
                double x = p[3];
                double sliced = 1.5 - x + 2 * x * x, slicedPrime = -1 + 4 * x;
                double w = p[0] + p[1] * x + p[2] * x * x, wPrime = p[1] + 2 * p[2] * x;
                return [sliced, sliced * x, sliced * x * x, slicedPrime * w + sliced * wPrime];
            },
        });

    public static readonly Dictionary<string, GradientCase<float>> FloatCases = Case.ByName(
        Case.Of(nameof(T.PolyOfTablesF), T.PolyOfTablesF, T.PolyOfTablesFForward, T.PolyOfTablesFAdjoint, -1.3f, -0.2f, 0.7f, 1.6f) with
        {
            Gradient = p => [WeightsPolyPrime(p[0]) + CubicOfSquarePrime(p[0])],
        },
        Case.Of(nameof(T.WeightedSinesF), T.WeightedSinesF, T.WeightedSinesFForward, T.WeightedSinesFAdjoint, -2.1f, 0.3f, 1.0f, 2.8f) with
        {
            Gradient = p => [WeightedSinesPrime(p[0])],
        });

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [InlineData(-1.3)]
    [InlineData(0.7)]
    [InlineData(1.6)]
    public void Products_through_tables_are_the_closed_form_second_derivative(double x)
    {
        const double v = -0.6;
        double xBar = 0, xBarDot = 0;
        Assert.Equal(T.PolyOfTables(x), T.PolyOfTablesHessianVector(x, v, ref xBar, ref xBarDot));
        GradientAssert.Close(WeightsPolyPrime(x) + CubicOfSquarePrime(x), xBar, Tolerance.DoubleClosedForm, "gradient");
        GradientAssert.Close((-2 + 12 * x + CubicOfSquareSecond(x)) * v, xBarDot, Tolerance.DoubleClosedForm, "H·v");
    }

    [Theory]
    [InlineData(-1.5)]
    [InlineData(2.2)]
    public void Products_through_a_table_passed_in_a_loop_agree_with_differences_of_the_gradient(double x)
        => HessianVectorTests.AssertAgreesWithDifferences([x], [1],
            (p, g) => { double xb = 0; T.TableInLoopAdjoint(p[0], ref xb); g[0] = xb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0;
                T.TableInLoopHessianVector(p[0], v[0], ref xb, ref xbd);
                g[0] = xb;
                hv[0] = xbd;
            });

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    public void A_vector_loop_reading_a_table_gives_the_closed_form(int n)
    {
        var x = Enumerable.Range(0, n).Select(i => 0.25 * i - 1).ToArray();
        var xBar = new double[n];
        double value = T.TableDotAdjoint(x, xBar);
        GradientAssert.PrimalEqual(T.TableDot(x), value, "TableDotAdjoint");
        for (int i = 0; i < n; i++)
            GradientAssert.Close(2 * T.Steps[i] * x[i], xBar[i], Tolerance.DoubleClosedForm, $"xBar[{i}]");
        T.TableDotForward(x, Enumerable.Repeat(1.0, n).ToArray(), out double dot);
        GradientAssert.Close(x.Select((xi, i) => 2 * T.Steps[i] * xi).Sum(), dot, Tolerance.DoubleClosedForm, "resultDot");
    }

    [Fact]
    public void A_span_longer_than_the_table_fails_as_the_method_does()
    {
        var x = new double[T.Steps.Length + 5];
        Assert.Throws<IndexOutOfRangeException>(() => T.TableDot(x));
        Assert.Throws<IndexOutOfRangeException>(() => T.TableDotAdjoint(x, new double[x.Length]));
        Assert.Throws<IndexOutOfRangeException>(() => T.TableDotForward(x, new double[x.Length], out _));
    }

    [Fact]
    public void The_tables_are_left_as_they_were()
    {
        double xBar = 0;
        T.PolyOfTablesAdjoint(0.7, ref xBar);
        T.PolyOfTablesForward(0.7, 1, out _);
        Assert.Equal(0.5 + 1.0, T.PolyOfTables(0.0));
        Assert.Equal([1.0, -2.0, 0.5, 3.0], Functions.TableData.Cubic);
    }
}
