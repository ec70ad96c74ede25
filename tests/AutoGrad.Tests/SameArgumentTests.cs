using AutoGrad.Tests.Functions;
using Xunit;
using S = AutoGrad.Tests.Functions.SameArgumentFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Max, Min and Clamp given one value twice, against closed forms and PyTorch's conventions: a tie
/// gives each argument ½ (so max(v, v) = v has derivative 1), clamp(x, min = x) passes the gradient
/// to x, and a NaN argument gets derivative 0 (docs/how-it-works.md, At the edges). The generated
/// code compares the value with itself only through !IsNaN, which is what v == v means.
/// </summary>
public class SameArgumentTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    public void Max_and_min_of_a_value_with_itself_have_derivative_one(double v)
    {
        double maxBar = 0, minBar = 0;
        Assert.Equal(v, S.MaxOfItselfAdjoint(v, ref maxBar));
        Assert.Equal(v, S.MinOfItselfAdjoint(v, ref minBar));
        S.MaxOfItselfForward(v, 1, out double maxDot);
        S.MinOfItselfForward(v, 1, out double minDot);

        Assert.Equal(1.0, maxBar);
        Assert.Equal(1.0, minBar);
        Assert.Equal(1.0, maxDot);
        Assert.Equal(1.0, minDot);
    }

    [Fact]
    public void Float_max_of_a_value_with_itself_has_derivative_one()
    {
        float bar = 0;
        S.MaxOfItselfFloatAdjoint(-0.75f, ref bar);
        S.MaxOfItselfFloatForward(-0.75f, 1, out float dot);

        Assert.Equal(1f, bar);
        Assert.Equal(1f, dot);
    }

    [Fact]
    public void Max_of_a_copy_splits_the_tie_and_sums_back()
    {
        double bar = 0;
        Assert.Equal(6.0, S.MaxOfACopyAdjoint(2.0, ref bar));
        S.MaxOfACopyForward(2.0, 1, out double dot);

        Assert.Equal(3.0, bar);
        Assert.Equal(3.0, dot);
    }

    [Fact]
    public void A_NaN_compared_with_itself_gets_derivative_zero()
    {
        double maxBar = 0, minBar = 0, copyBar = 0;
        Assert.True(double.IsNaN(S.MaxOfItselfAdjoint(double.NaN, ref maxBar)));
        Assert.True(double.IsNaN(S.MinOfItselfAdjoint(double.NaN, ref minBar)));
        Assert.True(double.IsNaN(S.MaxOfACopyAdjoint(double.NaN, ref copyBar)));
        S.MaxOfItselfForward(double.NaN, 1, out double dot);
        float floatBar = 0;
        S.MaxOfItselfFloatAdjoint(float.NaN, ref floatBar);

        Assert.Equal(0.0, maxBar);
        Assert.Equal(0.0, minBar);
        Assert.Equal(0.0, copyBar);
        Assert.Equal(0.0, dot);
        Assert.Equal(0f, floatBar);
    }

    [Theory]
    [InlineData(1.0, 2.0, 1.0, 0.0)] // inside [x, hi]: x keeps the gradient, the lower bound (x again) gets none
    [InlineData(2.0, 2.0, 1.0, 0.0)] // at hi: still inside (x > hi is not allowed: Math.Clamp throws)
    public void Clamp_below_by_itself_follows_pytorch(double x, double hi, double expectedXBar, double expectedHiBar)
    {
        double xBar = 0, hiBar = 0;
        SameArgumentFunctions.ClampBelowByItselfAdjoint(x, ref xBar, hi, ref hiBar);
        S.ClampBelowByItselfForward(x, 1, hi, 0, out double xDot);
        S.ClampBelowByItselfForward(x, 0, hi, 1, out double hiDot);

        Assert.Equal(expectedXBar, xBar);
        Assert.Equal(expectedHiBar, hiBar);
        Assert.Equal(expectedXBar, xDot);
        Assert.Equal(expectedHiBar, hiDot);
    }

    [Fact]
    public void A_folded_condition_differentiates_its_live_arm()
    {
        double aBar = 0, bBar = 0;
        Assert.Equal(9.0, S.FoldedConditionAdjoint(3.0, ref aBar, 5.0, ref bBar));
        S.FoldedConditionForward(3.0, 1, 5.0, 1, out double dot);

        Assert.Equal(6.0, aBar);
        Assert.Equal(0.0, bBar);
        Assert.Equal(6.0, dot);
    }

    [Fact]
    public void Halving_and_doubling_in_a_loop_has_derivative_one()
    {
        // Each round maps a to 2·(a/2 + 1) = a + 2.
        double bar = 0;
        Assert.Equal(7.0, S.HalvedAndDoubledAdjoint(1.0, ref bar));
        S.HalvedAndDoubledForward(1.0, 1, out double dot);

        Assert.Equal(1.0, bar);
        Assert.Equal(1.0, dot);
    }
}
