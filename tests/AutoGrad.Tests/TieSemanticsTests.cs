using AutoGrad.Tests.Infrastructure;
using Xunit;
using D = AutoGrad.Tests.Functions.DoubleIntrinsics;
using F = AutoGrad.Tests.Functions.FloatIntrinsics;

namespace AutoGrad.Tests;

/// <summary>
/// The PyTorch conventions at non-differentiable points: Max/Min split a tie evenly, Abs has
/// derivative 0 at 0, Clamp passes the gradient to x when lo &lt;= x &lt;= hi and to the bound it
/// hits otherwise. These are exact values.
/// </summary>
public class TieSemanticsTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    public void Max_at_a_tie_gives_half_to_each(double v)
    {
        D.MaxForward(v, 1, v, 0, out double dx);
        D.MaxForward(v, 0, v, 1, out double dy);
        D.MaxForward(v, 1, v, 1, out double both);
        double xBar = 0, yBar = 0;
        D.MaxAdjoint(v, ref xBar, v, ref yBar);

        Assert.Equal(0.5, dx);
        Assert.Equal(0.5, dy);
        Assert.Equal(1.0, both);
        Assert.Equal(0.5, xBar);
        Assert.Equal(0.5, yBar);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    public void Min_at_a_tie_gives_half_to_each(double v)
    {
        D.MinForward(v, 1, v, 0, out double dx);
        D.MinForward(v, 0, v, 1, out double dy);
        double xBar = 0, yBar = 0;
        D.MinAdjoint(v, ref xBar, v, ref yBar);

        Assert.Equal(0.5, dx);
        Assert.Equal(0.5, dy);
        Assert.Equal(0.5, xBar);
        Assert.Equal(0.5, yBar);
    }

    [Theory]
    [InlineData(2.0f)]
    [InlineData(-1.5f)]
    public void Float_max_and_min_at_a_tie_give_half_to_each(float v)
    {
        float maxX = 0, maxY = 0, minX = 0, minY = 0;
        F.MaxAdjoint(v, ref maxX, v, ref maxY);
        F.MinAdjoint(v, ref minX, v, ref minY);
        F.MaxForward(v, 1, v, 0, out float maxDot);
        F.MinForward(v, 0, v, 1, out float minDot);

        Assert.Equal(0.5f, maxX);
        Assert.Equal(0.5f, maxY);
        Assert.Equal(0.5f, minX);
        Assert.Equal(0.5f, minY);
        Assert.Equal(0.5f, maxDot);
        Assert.Equal(0.5f, minDot);
    }

    [Theory]
    [InlineData(1.0, 2.0, 0.0, 1.0)]
    [InlineData(2.0, 1.0, 1.0, 0.0)]
    public void Max_away_from_a_tie_gives_everything_to_the_larger(double x, double y, double expectedXBar, double expectedYBar)
    {
        double xBar = 0, yBar = 0;
        D.MaxAdjoint(x, ref xBar, y, ref yBar);

        Assert.Equal(expectedXBar, xBar);
        Assert.Equal(expectedYBar, yBar);
    }

    [Fact]
    public void Abs_at_zero_has_derivative_zero()
    {
        double value = D.AbsForward(0.0, 1.0, out double dot);
        double bar = 0;
        D.AbsAdjoint(0.0, ref bar);
        F.AbsForward(0f, 1f, out float dotF);
        float barF = 0;
        F.AbsAdjoint(0f, ref barF);

        Assert.Equal(0.0, value);
        Assert.Equal(0.0, dot);
        Assert.Equal(0.0, bar);
        Assert.Equal(0f, dotF);
        Assert.Equal(0f, barF);
    }

    [Theory]
    [InlineData(0.5, 0.0, 1.0, 1.0, 0.0, 0.0)] // inside
    [InlineData(0.0, 0.0, 1.0, 1.0, 0.0, 0.0)] // x == lo: still x's
    [InlineData(1.0, 0.0, 1.0, 1.0, 0.0, 0.0)] // x == hi: still x's
    [InlineData(-3.0, 0.0, 1.0, 0.0, 1.0, 0.0)] // below: lo's
    [InlineData(4.0, 0.0, 1.0, 0.0, 0.0, 1.0)] // above: hi's
    public void Clamp_passes_the_gradient_to_x_inside_and_to_the_bound_outside(double x, double lo, double hi, double xExpected, double loExpected, double hiExpected)
    {
        double xBar = 0, loBar = 0, hiBar = 0;
        double value = D.ClampAdjoint(x, ref xBar, lo, ref loBar, hi, ref hiBar);
        D.ClampForward(x, 1, lo, 0, hi, 0, out double dx);
        D.ClampForward(x, 0, lo, 1, hi, 0, out double dlo);
        D.ClampForward(x, 0, lo, 0, hi, 1, out double dhi);

        Assert.Equal(System.Math.Clamp(x, lo, hi), value);
        Assert.Equal(xExpected, xBar);
        Assert.Equal(loExpected, loBar);
        Assert.Equal(hiExpected, hiBar);
        Assert.Equal(xExpected, dx);
        Assert.Equal(loExpected, dlo);
        Assert.Equal(hiExpected, dhi);

        float xBarF = 0, loBarF = 0, hiBarF = 0;
        F.ClampAdjoint((float)x, ref xBarF, (float)lo, ref loBarF, (float)hi, ref hiBarF);
        Assert.Equal((float)xExpected, xBarF);
        Assert.Equal((float)loExpected, loBarF);
        Assert.Equal((float)hiExpected, hiBarF);
    }

    [Fact]
    public void Ties_scale_with_result_bar()
    {
        double xBar = 0, yBar = 0;
        D.MaxAdjoint(3.0, ref xBar, 3.0, ref yBar, 4.0);

        GradientAssert.Close(2.0, xBar, Tolerance.DoubleClosedForm, "xBar");
        GradientAssert.Close(2.0, yBar, Tolerance.DoubleClosedForm, "yBar");
    }
}
