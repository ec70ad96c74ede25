using AutoGrad.Tests.Functions;
using Xunit;
using D = AutoGrad.Tests.Functions.DoubleIntrinsics;

namespace AutoGrad.Tests;

/// <summary>
/// Derivatives at the edges of the functions' domains, as docs/how-it-works.md states them: IEEE
/// arithmetic of the derivative rules, which is what PyTorch's autograd computes too (the PyTorch
/// value is in each comment). Exact values, no tolerance.
/// </summary>
public class EdgeCaseTests
{

    [Fact]
    public void Sqrt_at_zero_has_an_infinite_derivative()
    {
        // torch.sqrt(0.) backward: 1/(2·0) = inf.
        double xBar = 0;
        Assert.Equal(0.0, D.SqrtAdjoint(0.0, ref xBar));
        Assert.Equal(double.PositiveInfinity, xBar);
        D.SqrtForward(0.0, 1.0, out double dot);
        Assert.Equal(double.PositiveInfinity, dot);
        // A zero direction through an infinite partial: 0·∞ = NaN, as torch.func.jvp gives.
        D.SqrtForward(0.0, 0.0, out double zeroDirection);
        Assert.True(double.IsNaN(zeroDirection));
    }

    [Fact]
    public void Sqrt_of_a_negative_number_is_NaN_with_a_NaN_derivative()
    {
        // torch.sqrt(-1.) = nan, gradient nan.
        double xBar = 0;
        Assert.True(double.IsNaN(D.SqrtAdjoint(-1.0, ref xBar)));
        Assert.True(double.IsNaN(xBar));
    }

    [Fact]
    public void Log_at_zero_has_derivative_one_over_x()
    {
        // torch.log(0.) = -inf with gradient 1/0 = inf; at -0.0 the gradient is 1/(-0) = -inf;
        // at -1 the value is nan but the gradient is 1/x = -1 (PyTorch does not mask it either).
        double bar = 0;
        Assert.Equal(double.NegativeInfinity, D.LogAdjoint(0.0, ref bar));
        Assert.Equal(double.PositiveInfinity, bar);
        bar = 0;
        D.LogAdjoint(-0.0, ref bar);
        Assert.Equal(double.NegativeInfinity, bar);
        bar = 0;
        Assert.True(double.IsNaN(D.LogAdjoint(-1.0, ref bar)));
        Assert.Equal(-1.0, bar);
    }

    [Theory]
    [InlineData(2.0, 0.0)]                       // 2·0¹ = 0
    [InlineData(1.0, 1.0)]                       // 1·0⁰ = 1
    [InlineData(0.5, double.PositiveInfinity)]   // 0.5·0^-0.5 = inf
    [InlineData(3.0, 0.0)]
    public void Pow_with_a_zero_base_differentiates_the_base_by_p_times_x_to_the_p_minus_one(double p, double expected)
    {
        // torch.pow(0., p) backward w.r.t. the base: p·0^(p−1), the same values.
        double bar = 0;
        EdgeFunctions.PowConstantAdjoint(0.0, ref bar, p);
        Assert.Equal(expected, bar);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void Pow_with_a_zero_base_gives_the_exponent_zero_when_it_is_not_negative(double p)
    {
        // PyTorch masks the exponent's gradient y·ln x (= 0·(−inf) = nan) to 0 where x = 0 and p >= 0.
        double xBar = 0, pBar = 0;
        D.PowAdjoint(0.0, ref xBar, p, ref pBar);
        Assert.Equal(0.0, pBar);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void Pow_with_a_zero_exponent_gives_the_base_zero_everywhere_even_at_zero(double x)
    {
        // torch.pow(x, 0.) backward w.r.t. the base: masked to 0 where the exponent is 0 (x⁰ is constant);
        // unmasked, p·x^(p−1) at x = 0 would be 0·0⁻¹ = 0·∞ = NaN. Clad gives 0 too.
        double bar = 0;
        Assert.Equal(1.0, EdgeFunctions.PowConstantAdjoint(x, ref bar, 0.0));
        Assert.Equal(0.0, bar);
        EdgeFunctions.PowConstantForward(x, 1.0, 0.0, out var dot);
        Assert.Equal(0.0, dot);
        double xBar = 0, pBar = 0;
        D.PowAdjoint(x, ref xBar, 0.0, ref pBar);
        Assert.Equal(0.0, xBar);
        // The exponent's gradient is untouched: x⁰·ln x (0 at x = 0 by the convention above, NaN below 0).
        Assert.Equal(x == 0 ? 0.0 : System.Math.Log(x), pBar);
    }

    [Fact]
    public void Pow_at_a_zero_base_has_the_second_derivatives_PyTorchs_double_backward_gives()
    {
        // torch.autograd.grad of the gradient of x**p at x = 0 (create_graph=True): its backward formula
        // where(p == 0, 0, p·x^(p−1)) is differentiated as written, masks included.
        // p = 0: everything is masked, so the Hessian is 0 (unmasked: NaN).
        double xBar = 0, xBarDot = 0, pBar = 0, pBarDot = 0;
        D.PowHessianVector(0.0, 1.0, ref xBar, ref xBarDot, 0.0, 1.0, ref pBar, ref pBarDot);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (xBar, pBar, xBarDot, pBarDot));
        // p = 1: ∂²/∂x² = p·(where(p − 1 == 0, 0, (p − 1)·x^(p−2))) = 0 (unmasked: 1·0·0⁻¹ = NaN) …
        xBar = xBarDot = pBar = pBarDot = 0;
        D.PowHessianVector(0.0, 1.0, ref xBar, ref xBarDot, 1.0, 0.0, ref pBar, ref pBarDot);
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (xBar, pBar, xBarDot, pBarDot));
        // … and ∂²/∂p∂x = x^(p−1) + p·(x^(p−1)·ln x masked at x = 0) = 0⁰ = 1, while ∂²/∂x∂p, through the
        // exponent's masked gradient, is 0: PyTorch's masks make this Hessian unsymmetric, and so do AutoGrad's.
        xBar = xBarDot = pBar = pBarDot = 0;
        D.PowHessianVector(0.0, 0.0, ref xBar, ref xBarDot, 1.0, 1.0, ref pBar, ref pBarDot);
        Assert.Equal((1.0, 0.0, 1.0, 0.0), (xBar, pBar, xBarDot, pBarDot));
    }

    [Fact]
    public void Pow_at_a_zero_base_and_exponent_two_has_second_derivative_two()
    {
        // Away from the masked exponents the second derivative is p·(p−1)·x^(p−2): 2·1·0⁰ = 2.
        double xBar = 0, xBarDot = 0;
        EdgeFunctions.PowConstantHessianVector(0.0, 1.0, ref xBar, ref xBarDot, 2.0);
        Assert.Equal(0.0, xBar);
        Assert.Equal(2.0, xBarDot);
    }

    [Fact]
    public void Pow_with_a_zero_base_and_a_negative_exponent_gives_the_exponent_minus_infinity()
    {
        // y·ln x = inf·(−inf) = −inf, not masked (PyTorch: the same).
        double xBar = 0, pBar = 0;
        Assert.Equal(double.PositiveInfinity, D.PowAdjoint(0.0, ref xBar, -1.0, ref pBar));
        Assert.Equal(double.NegativeInfinity, pBar);
        Assert.Equal(double.NegativeInfinity, xBar);   // −1·0⁻² = −inf
    }

    [Fact]
    public void Abs_at_zero_and_Max_at_a_tie_follow_PyTorch()
    {
        // torch.abs backward at 0: sgn(0) = 0; torch.maximum at a tie: half to each.
        double bar = 0;
        D.AbsAdjoint(0.0, ref bar);
        Assert.Equal(0.0, bar);
        double xBar = 0, yBar = 0;
        D.MaxAdjoint(1.5, ref xBar, 1.5, ref yBar);
        Assert.Equal(0.5, xBar);
        Assert.Equal(0.5, yBar);
    }

    [Fact]
    public void Exp_overflows_to_infinity_and_so_does_its_derivative()
    {
        // exp(710) = inf, its gradient exp(x) = inf; exp(x²) at 30: the same through the chain rule
        // (inf·60 = inf); a zero cotangent gives 0·inf = NaN, as torch.autograd.grad with grad_outputs 0.
        double bar = 0;
        Assert.Equal(double.PositiveInfinity, D.ExpAdjoint(710.0, ref bar));
        Assert.Equal(double.PositiveInfinity, bar);
        bar = 0;
        EdgeFunctions.ExpSquaredAdjoint(30.0, ref bar);
        Assert.Equal(double.PositiveInfinity, bar);
        bar = 0;
        EdgeFunctions.ExpSquaredAdjoint(30.0, ref bar, 0.0);
        Assert.True(double.IsNaN(bar));
        bar = 0;
        EdgeFunctions.ExpSquaredAdjoint(-30.0, ref bar);
        Assert.Equal(double.NegativeInfinity, bar);
    }

    /// <summary>A constant zero factor is folded away in derivative code: 0, where PyTorch's 0·inf gives NaN.</summary>
    [Fact]
    public void A_constant_zero_factor_gives_derivative_zero_even_where_the_other_factor_overflows()
    {
        double bar = 0;
        Assert.True(double.IsNaN(EdgeFunctions.ExpTimesZeroAdjoint(710.0, ref bar)));   // inf·0 in the value, as IEEE
        Assert.Equal(0.0, bar);
    }

    [Fact]
    public void NaN_and_infinity_flow_through_arithmetic()
    {
        double bar = 0;
        Assert.True(double.IsNaN(EdgeFunctions.SquareAdjoint(double.NaN, ref bar)));
        Assert.True(double.IsNaN(bar));
        bar = 0;
        EdgeFunctions.SquareAdjoint(double.PositiveInfinity, ref bar);
        Assert.Equal(double.PositiveInfinity, bar);
        EdgeFunctions.SquareForward(double.NegativeInfinity, 1.0, out double dot);
        Assert.Equal(double.NegativeInfinity, dot);
    }

    /// <summary>
    /// Where AutoGrad's piecewise rules differ from PyTorch: with a NaN argument every comparison is
    /// false, so Abs, Max and Min give the derivative 0 (PyTorch: Abs gives sgn(NaN)·ȳ = NaN, maximum
    /// and minimum give ȳ to both arguments). The value itself is NaN, so no finite result hides it.
    /// </summary>
    [Fact]
    public void A_NaN_argument_of_Abs_or_Max_gets_derivative_zero()
    {
        double bar = 0;
        Assert.True(double.IsNaN(D.AbsAdjoint(double.NaN, ref bar)));
        Assert.Equal(0.0, bar);
        double xBar = 0, yBar = 0;
        Assert.True(double.IsNaN(D.MaxAdjoint(double.NaN, ref xBar, 1.0, ref yBar)));
        Assert.Equal(0.0, xBar);
        Assert.Equal(0.0, yBar);
    }
}
