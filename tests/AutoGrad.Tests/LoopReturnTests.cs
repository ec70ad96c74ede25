using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using L = AutoGrad.Tests.Functions.LoopReturnFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// <c>return</c> inside loops: forward, adjoint and Hessian-vector products against closed forms and
/// central differences. Points exercise each way out of the loops (returning in the first, a middle
/// and the last iteration, and running to the end) and stay away from the surfaces where a condition flips.
/// </summary>
public class LoopReturnTests
{
    private static readonly double[][] FirstAbovePoints =
    [
        [0.5, -1.5, 2.0, 3.0, 1.0],   // returns at x1 (2.25 > 1)
        [0.5, -1.5, 2.0, 3.0, 5.0],   // returns at the last element, x3 (9 > 5)
        [0.5, -1.5, 2.0, 3.0, 10.0],  // never returns in the loop: t
        [2.0, 0.1, 0.2, 0.3, 0.5],    // returns at once
    ];

    private static readonly double[][] ProductPoints =
    [
        [1.5, 2.0, 0.8, 3.0, 2.5],    // p = 3 > 2.5 at x1
        [1.5, 2.0, 0.8, 3.0, 6.0],    // p = 7.2 > 6 at the last element
        [1.5, 2.0, 0.8, 3.0, 9.0],    // runs to the end: p·limit
        [-1.2, 0.5, 2.0, 1.5, 0.1],   // negative products first, then 1.8 > 0.1 at x3
    ];

    private static readonly double[][] BreakOrReturnPoints =
    [
        [1.5, 2.0, 0.5, 1.0, 1.0],    // s: 2.5, 6 > 4: returns at x1
        [0.5, -2.0, 3.0, 1.0, 0.7],   // breaks at x1 (< -1)
        [0.5, 0.8, 0.3, 0.6, 0.5],    // runs to the end
    ];

    public static readonly Dictionary<string, GradientCase<double>> DoubleCases = Case.ByName(
        new GradientCase<double>(
            nameof(L.FirstAbove),
            p => L.FirstAbove(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => L.FirstAboveForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => L.FirstAboveAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            FirstAbovePoints)
        {
            Gradient = FirstAboveGradient,
        },
        Case.Of(nameof(L.PowerUntil), L.PowerUntil, L.PowerUntilForward, L.PowerUntilAdjoint, 0.9, 1.5, 2.0, 3.0, 11.0, 150.0, -2.0) with
        {
            Gradient = p =>
            {
                int k = PowerUntilExponent(p[0]);
                return [k * Math.Pow(p[0], k - 1)];
            },
        },
        new GradientCase<double>(
            nameof(L.ProductUntil),
            p => L.ProductUntil(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => L.ProductUntilForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => L.ProductUntilAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            ProductPoints)
        {
            Gradient = ProductUntilGradient,
        },
        Case.Of(nameof(L.WhileReturn), L.WhileReturn, L.WhileReturnForward, L.WhileReturnAdjoint, (0.5, 0.8), (0.3, 1.5), (-0.4, 2.0), (0.1, 0.3), (0.9, 0.5)),
        new GradientCase<double>(
            nameof(L.NestedReturn),
            p => L.NestedReturn(p[0], 4),
            (p, d, out r) => L.NestedReturnForward(p[0], d[0], 4, out r),
            (p, b, rb) => L.NestedReturnAdjoint(p[0], ref b[0], 4, rb),
            [[0.3], [1.1], [2.5], [7.0], [-0.6]]),
        Case.Of(nameof(L.UntilLarge), L.UntilLarge, L.UntilLargeForward, L.UntilLargeAdjoint, 0.3, 1.1, 2.5, 7.0, 12.0),
        new GradientCase<double>(
            nameof(L.BreakOrReturn),
            p => L.BreakOrReturn(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => L.BreakOrReturnForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => L.BreakOrReturnAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            BreakOrReturnPoints),
        Case.Of(nameof(L.TwoLoops), L.TwoLoops, L.TwoLoopsForward, L.TwoLoopsAdjoint, (1, 2), (-2, 2), (0.5, 0.9), (0.1, -0.5), (0.05, 0.5)),
        new GradientCase<double>(
            nameof(L.ContinueAndReturn),
            p => L.ContinueAndReturn(p.AsSpan(0, 5), p[5]),
            (p, d, out r) => L.ContinueAndReturnForward(p.AsSpan(0, 5), d.AsSpan(0, 5), p[5], d[5], out r),
            (p, b, rb) => L.ContinueAndReturnAdjoint(p.AsSpan(0, 5), b.AsSpan(0, 5), p[5], ref b[5], rb),
            [[0.5, -1.0, 1.5, 2.0, 0.3, 0.3], [0.5, -1.0, 1.5, 2.0, 0.3, 1.1], [0.5, -1.0, 1.5, 2.0, 0.3, 2.5], [0.2, -1.0, 0.1, -0.3, 0.3, 0.5]]));

    public static readonly Dictionary<string, GradientCase<float>> FloatCases = Case.ByName(
        new GradientCase<float>(
            nameof(L.FirstAboveF),
            p => L.FirstAboveF(p.AsSpan(0, 4), p[4]),
            (p, d, out r) => L.FirstAboveFForward(p.AsSpan(0, 4), d.AsSpan(0, 4), p[4], d[4], out r),
            (p, b, rb) => L.FirstAboveFAdjoint(p.AsSpan(0, 4), b.AsSpan(0, 4), p[4], ref b[4], rb),
            FirstAbovePoints.Select(GradientAssert.FromDouble<float>))
        {
            Gradient = FirstAboveGradient,
        },
        Case.Of(nameof(L.PowerUntilF), L.PowerUntilF, L.PowerUntilFForward, L.PowerUntilFAdjoint, 0.9f, 1.5f, 2.0f, 3.0f, 11.0f, -2.0f) with
        {
            Gradient = p =>
            {
                int k = PowerUntilExponent(p[0]);
                return [k * Math.Pow(p[0], k - 1)];
            },
        },
        Case.Of(nameof(L.WhileReturnF), L.WhileReturnF, L.WhileReturnFForward, L.WhileReturnFAdjoint, (0.5f, 0.8f), (0.3f, 1.5f), (-0.4f, 2.0f), (0.1f, 0.3f)));

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> DoubleClosedFormNames => new(DoubleCases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    public static TheoryData<string> FloatClosedFormNames => new(FloatCases.Values.Where(c => c.Gradient is not null).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DoubleClosedFormNames))]
    public void Gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatClosedFormNames))]
    public void Float_gradient_matches_closed_form(string name) => GradientAssert.MatchesClosedForm(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [InlineData(0.9)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(-2.0)]
    public void PowerUntil_products_are_the_closed_form_second_derivative(double x)
    {
        const double v = 0.75;
        double xBar = 0, xBarDot = 0;
        double value = L.PowerUntilHessianVector(x, v, ref xBar, ref xBarDot);
        int k = PowerUntilExponent(x);
        Assert.Equal(L.PowerUntil(x), value);
        GradientAssert.Close(k * Math.Pow(x, k - 1), xBar, Tolerance.DoubleClosedForm, "gradient");
        GradientAssert.Close(k * (k - 1) * Math.Pow(x, k - 2) * v, xBarDot, Tolerance.DoubleClosedForm, "H·v");
    }

    [Fact]
    public void FirstAbove_products_are_the_closed_form_hessian_times_the_direction()
    {
        // At the element returned, x_i·t has ∂²/∂x_i∂t = 1 and no other second derivative.
        double[] x = [0.5, -1.5, 2.0, 3.0];
        double[] v = [0.3, -0.7, 1.1, 0.4];
        const double t = 1.0, vt = -0.6;
        var xBar = new double[4];
        var xBarDot = new double[4];
        double tBar = 0, tBarDot = 0;
        L.FirstAboveHessianVector(x, v, xBar, xBarDot, t, vt, ref tBar, ref tBarDot);
        Assert.Equal([0, t, 0, 0], xBar);
        Assert.Equal(x[1], tBar);
        Assert.Equal([0, vt, 0, 0], xBarDot);
        Assert.Equal(v[1], tBarDot);
    }

    [Theory]
    [MemberData(nameof(ProductPointIndexes))]
    public void ProductUntil_products_agree_with_differences_of_the_gradient(int point)
        => HessianVectorTests.AssertAgreesWithDifferences(ProductPoints[point], [0.4, -0.3, 0.9, 0.2, 0.5],
            (p, g) => { double limitBar = 0; L.ProductUntilAdjoint(p.AsSpan(0, 4), g.AsSpan(0, 4), p[4], ref limitBar); g[4] = limitBar; },
            (p, v, g, hv) =>
            {
                double limitBar = 0, limitBarDot = 0;
                L.ProductUntilHessianVector(p.AsSpan(0, 4), v.AsSpan(0, 4), g.AsSpan(0, 4), hv.AsSpan(0, 4), p[4], v[4], ref limitBar, ref limitBarDot);
                g[4] = limitBar;
                hv[4] = limitBarDot;
            });

    public static TheoryData<int> ProductPointIndexes => new(Enumerable.Range(0, ProductPoints.Length));

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.1)]
    [InlineData(2.5)]
    [InlineData(7.0)]
    public void NestedReturn_products_agree_with_differences_of_the_gradient(double x)
        => HessianVectorTests.AssertAgreesWithDifferences([x], [1],
            (p, g) => { double xb = 0; L.NestedReturnAdjoint(p[0], ref xb, 4); g[0] = xb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0;
                Assert.Equal(L.NestedReturn(p[0], 4), L.NestedReturnHessianVector(p[0], v[0], ref xb, ref xbd, 4));
                g[0] = xb;
                hv[0] = xbd;
            });

    [Theory]
    [InlineData(0.5, 0.8)]
    [InlineData(0.3, 1.5)]
    [InlineData(0.1, 0.3)]
    public void WhileReturn_products_agree_with_differences_of_the_gradient(double x, double y)
        => HessianVectorTests.AssertAgreesWithDifferences([x, y], [0.6, -0.8],
            (p, g) => { double xb = 0, yb = 0; L.WhileReturnAdjoint(p[0], ref xb, p[1], ref yb); g[0] = xb; g[1] = yb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0, yb = 0, ybd = 0;
                L.WhileReturnHessianVector(p[0], v[0], ref xb, ref xbd, p[1], v[1], ref yb, ref ybd);
                g[0] = xb; g[1] = yb; hv[0] = xbd; hv[1] = ybd;
            });

    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(0.5, 0.9)]
    [InlineData(0.05, 0.5)]
    public void TwoLoops_products_agree_with_differences_of_the_gradient(double x, double y)
        => HessianVectorTests.AssertAgreesWithDifferences([x, y], [-0.5, 0.7],
            (p, g) => { double xb = 0, yb = 0; L.TwoLoopsAdjoint(p[0], ref xb, p[1], ref yb); g[0] = xb; g[1] = yb; },
            (p, v, g, hv) =>
            {
                double xb = 0, xbd = 0, yb = 0, ybd = 0;
                L.TwoLoopsHessianVector(p[0], v[0], ref xb, ref xbd, p[1], v[1], ref yb, ref ybd);
                g[0] = xb; g[1] = yb; hv[0] = xbd; hv[1] = ybd;
            });

    // ---- A void method that stops writing its output ------------------------------------------

    [Theory]
    [InlineData(new[] { 0.5, 1.5, -0.7, 2.0, 1.2 }, 2)]   // stops after writing y[2]
    [InlineData(new[] { -0.5, 1.5, 0.7, 2.0, 1.2 }, 0)]   // stops at once
    [InlineData(new[] { 0.5, 1.5, 0.7, 2.0, 1.2 }, 5)]    // runs to the end, then writes y[4] = s²
    public void A_void_method_returning_from_its_loop_writes_and_differentiates_only_what_it_wrote(double[] x, int written)
    {
        const double s = 1.7, sDot = 0.3;
        const double untouched = 42.0;
        int n = x.Length;
        double[] xDot = [0.2, -0.4, 0.6, 1.0, -0.8];
        double[] yBar = [1.0, -2.0, 0.5, 3.0, 0.25];

        var expected = Enumerable.Repeat(untouched, n).ToArray();
        var expectedDot = new double[n];
        var expectedXBar = new double[n];
        double expectedSBar = 0;
        for (int i = 0; i < Math.Min(written + 1, n); i++)
        {
            expected[i] = s * x[i] * x[i];
            expectedDot[i] = sDot * x[i] * x[i] + 2 * s * x[i] * xDot[i];
        }
        for (int i = 0; i < Math.Min(written + 1, n); i++)
        {
            if (written == n && i == n - 1)
                continue;   // overwritten by s² after the loop
            expectedXBar[i] = yBar[i] * 2 * s * x[i];
            expectedSBar += yBar[i] * x[i] * x[i];
        }
        if (written == n)
        {
            expected[n - 1] = s * s;
            expectedDot[n - 1] = 2 * s * sDot;
            expectedSBar += yBar[n - 1] * 2 * s;
        }

        var y = Enumerable.Repeat(untouched, n).ToArray();
        L.ScaleUntilNegative(x, s, y);
        Assert.Equal(expected, y);

        var yForward = Enumerable.Repeat(untouched, n).ToArray();
        var yDot = Enumerable.Repeat(untouched, n).ToArray();
        L.ScaleUntilNegativeForward(x, xDot, s, sDot, yForward, yDot);
        Assert.Equal(expected, yForward);
        for (int i = 0; i < n; i++)
        {
            if (i <= written)
                GradientAssert.Close(expectedDot[i], yDot[i], Tolerance.DoubleClosedForm, $"yDot[{i}]");
        }

        var yAdjoint = Enumerable.Repeat(untouched, n).ToArray();
        var xBar = new double[n];
        double sBar = 0;
        L.ScaleUntilNegativeAdjoint(x, xBar, s, ref sBar, yAdjoint, yBar);
        Assert.Equal(expected, yAdjoint);
        for (int i = 0; i < n; i++)
            GradientAssert.Close(expectedXBar[i], xBar[i], Tolerance.DoubleClosedForm, $"xBar[{i}]");
        GradientAssert.Close(expectedSBar, sBar, Tolerance.DoubleClosedForm, "sBar");
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.2, 0.8 })]    // rows 0 and 1 complete, returns in row 2 (y[3] untouched)
    [InlineData(new[] { 0.1, 0.2, 0.15 })]   // never returns
    [InlineData(new[] { 4.0, 7.0, 0.5 })]    // returns in row 0, at j = 1
    public void A_void_method_returning_from_an_inner_loop_matches_differences_of_its_outputs(double[] x)
    {
        const int m = 4;
        const double h = 1e-6;
        for (int output = 0; output < m; output++)
        {
            var yBar = new double[m];
            yBar[output] = 1;
            var xBar = new double[x.Length];
            var y = new double[m];
            L.RowsUntilLargeAdjoint(x, xBar, y, yBar);
            var expected = new double[m];
            L.RowsUntilLarge(x, expected);
            Assert.Equal(expected, y);
            for (int input = 0; input < x.Length; input++)
            {
                double[] up = (double[])x.Clone(), down = (double[])x.Clone();
                up[input] += h;
                down[input] -= h;
                double[] yUp = new double[m], yDown = new double[m];
                L.RowsUntilLarge(up, yUp);
                L.RowsUntilLarge(down, yDown);
                double difference = (yUp[output] - yDown[output]) / (2 * h);
                GradientAssert.Close(difference, xBar[input], Tolerance.DoubleFiniteDifference, $"∂y[{output}]/∂x[{input}] (adjoint)");

                var xDot = new double[x.Length];
                xDot[input] = 1;
                double[] yForward = new double[m], yDot = new double[m];
                L.RowsUntilLargeForward(x, xDot, yForward, yDot);
                Assert.Equal(expected, yForward);
                GradientAssert.Close(difference, yDot[output], Tolerance.DoubleFiniteDifference, $"∂y[{output}]/∂x[{input}] (forward)");
            }
        }
    }

    // ---- Closed forms -------------------------------------------------------------------------

    /// <summary>The k of x^k that PowerUntil returns: the first k ≤ 10 with x^k &gt; 100, else 10.</summary>
    private static int PowerUntilExponent(double x)
    {
        double r = 1;
        for (int k = 1; k <= 10; k++)
        {
            r *= x;
            if (r > 100)
                return k;
        }
        return 10;
    }

    private static double[] FirstAboveGradient(double[] p)
    {
        double t = p[4];
        var gradient = new double[5];
        for (int i = 0; i < 4; i++)
        {
            if (p[i] * p[i] > t)
            {
                gradient[i] = t;
                gradient[4] = p[i];
                return gradient;
            }
        }
        gradient[4] = 1;
        return gradient;
    }

    private static double[] ProductUntilGradient(double[] p)
    {
        double limit = p[4];
        var gradient = new double[5];
        double product = 1;
        for (int k = 0; k < 4; k++)
        {
            product *= p[k];
            if (product > limit)
            {
                // p_k + x_k·limit with p_k = x_0…x_k.
                for (int j = 0; j <= k; j++)
                    gradient[j] = ProductWithout(p, k, j);
                gradient[k] += limit;
                gradient[4] = p[k];
                return gradient;
            }
        }
        for (int j = 0; j < 4; j++)
            gradient[j] = ProductWithout(p, 3, j) * limit;
        gradient[4] = product;
        return gradient;
    }

    /// <summary>x_0…x_last without x_skip.</summary>
    private static double ProductWithout(double[] p, int last, int skip)
    {
        double product = 1;
        for (int j = 0; j <= last; j++)
        {
            if (j != skip)
                product *= p[j];
        }
        return product;
    }
}
