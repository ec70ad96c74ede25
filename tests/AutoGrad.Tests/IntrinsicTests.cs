using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using D = AutoGrad.Tests.Functions.DoubleIntrinsics;
using F = AutoGrad.Tests.Functions.FloatIntrinsics;

namespace AutoGrad.Tests;

/// <summary>
/// Every supported Math/MathF intrinsic against a central finite difference, in both modes, at five
/// or more points inside its domain and away from kinks, ties and jumps; two- and three-argument
/// intrinsics with respect to each argument.
/// </summary>
public class IntrinsicTests
{
    // Points shared by the double and float tables.
    private static readonly double[] Everywhere = [-2.5, -0.7, 0.4, 1.9, 5.0];
    private static readonly double[] Positive = [0.1, 0.5, 1.3, 4.0, 25.0];
    private static readonly double[] InsideUnit = [-0.9, -0.4, 0.0, 0.35, 0.8];
    private static readonly double[] Moderate = [-2.0, -0.5, 0.25, 1.1, 2.5];
    private static readonly double[] OffIntegers = [-2.3, -0.7, 0.2, 1.3, 3.6];
    private static readonly (double, double)[] LogBases = [(0.5, 2.0), (3.0, 10.0), (7.0, 0.5), (1.5, 3.0), (20.0, 1.7)];
    private static readonly (double, double)[] Powers = [(1.5, 2.0), (2.0, 0.5), (0.7, -1.3), (3.0, 2.2), (1.1, 3.5)];
    private static readonly (double, double)[] Angles = [(1.0, 1.0), (-0.5, 2.0), (0.3, -1.2), (-2.0, -0.7), (1.5, 0.2)];
    private static readonly (double, double)[] Unequal = [(1.0, 2.0), (3.0, -1.0), (-0.5, -0.2), (2.5, 2.4), (0.0, 0.1)];
    private static readonly double[] AboveOne = [1.05, 1.5, 2.0, 4.0, 12.0];
    private static readonly double[] AboveMinusOne = [-0.9, -0.3, 0.0, 1.7, 30.0];
    private static readonly (double, double)[] Signs = [(1.5, 2.0), (1.5, -2.0), (-0.7, 0.3), (-0.7, -0.3), (3.0, -4.0)];
    private static readonly (double, double)[] Legs = [(3.0, 4.0), (-1.0, 0.5), (0.2, -2.0), (-1.5, -1.5), (0.0, 1.0)];
    private static readonly (double, double, double)[] Triples = [(1.5, -2.0, 0.3), (0.2, 0.7, -1.0), (3.0, 4.0, 5.0), (-1.1, 0.6, 2.0), (0.5, 0.5, 0.5)];

    /// <summary>Inside (x gets the gradient), below lo (lo gets it) and above hi (hi gets it).</summary>
    private static readonly (double, double, double)[] ClampPoints = [(0.5, 0.0, 1.0), (-0.3, -1.0, 2.0), (1.2, 1.0, 1.5), (-2.0, -1.0, 1.0), (0.1, 0.4, 0.9), (3.0, 0.0, 2.0)];

    public static readonly Dictionary<string, GradientCase<double>> DoubleCases = Case.ByName(
        Case.Of(nameof(D.Exp), D.Exp, D.ExpForward, D.ExpAdjoint, [-2.0, -0.5, 0.3, 1.7, 3.0]),
        Case.Of(nameof(D.Log), D.Log, D.LogForward, D.LogAdjoint, Positive),
        Case.Of(nameof(D.LogBase), D.LogBase, D.LogBaseForward, D.LogBaseAdjoint, LogBases),
        Case.Of(nameof(D.Log10), D.Log10, D.Log10Forward, D.Log10Adjoint, Positive),
        Case.Of(nameof(D.Log2), D.Log2, D.Log2Forward, D.Log2Adjoint, Positive),
        Case.Of(nameof(D.Sqrt), D.Sqrt, D.SqrtForward, D.SqrtAdjoint, [0.04, 0.5, 2.0, 9.0, 100.0]),
        Case.Of(nameof(D.Cbrt), D.Cbrt, D.CbrtForward, D.CbrtAdjoint, [-8.0, -0.3, 0.2, 1.5, 27.0]),
        Case.Of(nameof(D.Pow), D.Pow, D.PowForward, D.PowAdjoint, Powers),
        Case.Of(nameof(D.Sin), D.Sin, D.SinForward, D.SinAdjoint, Everywhere),
        Case.Of(nameof(D.Cos), D.Cos, D.CosForward, D.CosAdjoint, Everywhere),
        Case.Of(nameof(D.Tan), D.Tan, D.TanForward, D.TanAdjoint, [-1.2, -0.4, 0.1, 0.9, 1.3]),
        Case.Of(nameof(D.Asin), D.Asin, D.AsinForward, D.AsinAdjoint, InsideUnit),
        Case.Of(nameof(D.Acos), D.Acos, D.AcosForward, D.AcosAdjoint, InsideUnit),
        Case.Of(nameof(D.Atan), D.Atan, D.AtanForward, D.AtanAdjoint, [-3.0, -0.6, 0.2, 1.0, 4.0]),
        Case.Of(nameof(D.Atan2), D.Atan2, D.Atan2Forward, D.Atan2Adjoint, Angles),
        Case.Of(nameof(D.Sinh), D.Sinh, D.SinhForward, D.SinhAdjoint, Moderate),
        Case.Of(nameof(D.Cosh), D.Cosh, D.CoshForward, D.CoshAdjoint, Moderate),
        Case.Of(nameof(D.Tanh), D.Tanh, D.TanhForward, D.TanhAdjoint, Moderate),
        Case.Of(nameof(D.Asinh), D.Asinh, D.AsinhForward, D.AsinhAdjoint, Moderate),
        Case.Of(nameof(D.Acosh), D.Acosh, D.AcoshForward, D.AcoshAdjoint, AboveOne),
        Case.Of(nameof(D.Atanh), D.Atanh, D.AtanhForward, D.AtanhAdjoint, InsideUnit),
        Case.Of(nameof(D.CopySign), D.CopySign, D.CopySignForward, D.CopySignAdjoint, Signs),
        Case.Of(nameof(D.ExpM1), D.ExpM1, D.ExpM1Forward, D.ExpM1Adjoint, Moderate),
        Case.Of(nameof(D.LogP1), D.LogP1, D.LogP1Forward, D.LogP1Adjoint, AboveMinusOne),
        Case.Of(nameof(D.Hypot), D.Hypot, D.HypotForward, D.HypotAdjoint, Legs),
        Case.Of(nameof(D.Exp2), D.Exp2, D.Exp2Forward, D.Exp2Adjoint, Moderate),
        Case.Of(nameof(D.Exp10), D.Exp10, D.Exp10Forward, D.Exp10Adjoint, Moderate),
        Case.Of(nameof(D.Abs), D.Abs, D.AbsForward, D.AbsAdjoint, [-3.0, -0.2, 0.1, 0.7, 5.0]),
        Case.Of(nameof(D.Max), D.Max, D.MaxForward, D.MaxAdjoint, Unequal),
        Case.Of(nameof(D.Min), D.Min, D.MinForward, D.MinAdjoint, Unequal),
        Case.Of(nameof(D.Clamp), D.Clamp, D.ClampForward, D.ClampAdjoint, ClampPoints),
        Case.Of(nameof(D.FusedMultiplyAdd), D.FusedMultiplyAdd, D.FusedMultiplyAddForward, D.FusedMultiplyAddAdjoint, Triples),
        Case.Of(nameof(D.Sign), D.Sign, D.SignForward, D.SignAdjoint, OffIntegers),
        Case.Of(nameof(D.Floor), D.Floor, D.FloorForward, D.FloorAdjoint, OffIntegers),
        Case.Of(nameof(D.Ceiling), D.Ceiling, D.CeilingForward, D.CeilingAdjoint, OffIntegers),
        Case.Of(nameof(D.Round), D.Round, D.RoundForward, D.RoundAdjoint, OffIntegers),
        Case.Of(nameof(D.Truncate), D.Truncate, D.TruncateForward, D.TruncateAdjoint, OffIntegers));

    public static readonly Dictionary<string, GradientCase<float>> FloatCases = Case.ByName(
        Case.Of(nameof(F.Exp), F.Exp, F.ExpForward, F.ExpAdjoint, Floats([-2.0, -0.5, 0.3, 1.7, 3.0])),
        Case.Of(nameof(F.Log), F.Log, F.LogForward, F.LogAdjoint, Floats(Positive)),
        Case.Of(nameof(F.LogBase), F.LogBase, F.LogBaseForward, F.LogBaseAdjoint, Floats(LogBases)),
        Case.Of(nameof(F.Log10), F.Log10, F.Log10Forward, F.Log10Adjoint, Floats(Positive)),
        Case.Of(nameof(F.Log2), F.Log2, F.Log2Forward, F.Log2Adjoint, Floats(Positive)),
        Case.Of(nameof(F.Sqrt), F.Sqrt, F.SqrtForward, F.SqrtAdjoint, Floats([0.04, 0.5, 2.0, 9.0, 100.0])),
        Case.Of(nameof(F.Cbrt), F.Cbrt, F.CbrtForward, F.CbrtAdjoint, Floats([-8.0, -0.3, 0.2, 1.5, 27.0])),
        Case.Of(nameof(F.Pow), F.Pow, F.PowForward, F.PowAdjoint, Floats(Powers)),
        Case.Of(nameof(F.Sin), F.Sin, F.SinForward, F.SinAdjoint, Floats(Everywhere)),
        Case.Of(nameof(F.Cos), F.Cos, F.CosForward, F.CosAdjoint, Floats(Everywhere)),
        Case.Of(nameof(F.Tan), F.Tan, F.TanForward, F.TanAdjoint, Floats([-1.2, -0.4, 0.1, 0.9, 1.3])),
        Case.Of(nameof(F.Asin), F.Asin, F.AsinForward, F.AsinAdjoint, Floats(InsideUnit)),
        Case.Of(nameof(F.Acos), F.Acos, F.AcosForward, F.AcosAdjoint, Floats(InsideUnit)),
        Case.Of(nameof(F.Atan), F.Atan, F.AtanForward, F.AtanAdjoint, Floats([-3.0, -0.6, 0.2, 1.0, 4.0])),
        Case.Of(nameof(F.Atan2), F.Atan2, F.Atan2Forward, F.Atan2Adjoint, Floats(Angles)),
        Case.Of(nameof(F.Sinh), F.Sinh, F.SinhForward, F.SinhAdjoint, Floats(Moderate)),
        Case.Of(nameof(F.Cosh), F.Cosh, F.CoshForward, F.CoshAdjoint, Floats(Moderate)),
        Case.Of(nameof(F.Tanh), F.Tanh, F.TanhForward, F.TanhAdjoint, Floats(Moderate)),
        Case.Of(nameof(F.Asinh), F.Asinh, F.AsinhForward, F.AsinhAdjoint, Floats(Moderate)),
        Case.Of(nameof(F.Acosh), F.Acosh, F.AcoshForward, F.AcoshAdjoint, Floats(AboveOne)),
        Case.Of(nameof(F.Atanh), F.Atanh, F.AtanhForward, F.AtanhAdjoint, Floats(InsideUnit)),
        Case.Of(nameof(F.CopySign), F.CopySign, F.CopySignForward, F.CopySignAdjoint, Floats(Signs)),
        Case.Of(nameof(F.ExpM1), F.ExpM1, F.ExpM1Forward, F.ExpM1Adjoint, Floats(Moderate)),
        Case.Of(nameof(F.LogP1), F.LogP1, F.LogP1Forward, F.LogP1Adjoint, Floats(AboveMinusOne)),
        Case.Of(nameof(F.Hypot), F.Hypot, F.HypotForward, F.HypotAdjoint, Floats(Legs)),
        Case.Of(nameof(F.Exp2), F.Exp2, F.Exp2Forward, F.Exp2Adjoint, Floats(Moderate)),
        Case.Of(nameof(F.Exp10), F.Exp10, F.Exp10Forward, F.Exp10Adjoint, Floats(Moderate)),
        Case.Of(nameof(F.Abs), F.Abs, F.AbsForward, F.AbsAdjoint, Floats([-3.0, -0.2, 0.1, 0.7, 5.0])),
        Case.Of(nameof(F.Max), F.Max, F.MaxForward, F.MaxAdjoint, Floats(Unequal)),
        Case.Of(nameof(F.Min), F.Min, F.MinForward, F.MinAdjoint, Floats(Unequal)),
        Case.Of(nameof(F.Clamp), F.Clamp, F.ClampForward, F.ClampAdjoint, Floats(ClampPoints)),
        Case.Of(nameof(F.FusedMultiplyAdd), F.FusedMultiplyAdd, F.FusedMultiplyAddForward, F.FusedMultiplyAddAdjoint, Floats(Triples)),
        Case.Of(nameof(F.Sign), F.Sign, F.SignForward, F.SignAdjoint, Floats(OffIntegers)),
        Case.Of(nameof(F.Floor), F.Floor, F.FloorForward, F.FloorAdjoint, Floats(OffIntegers)),
        Case.Of(nameof(F.Ceiling), F.Ceiling, F.CeilingForward, F.CeilingAdjoint, Floats(OffIntegers)),
        Case.Of(nameof(F.Round), F.Round, F.RoundForward, F.RoundAdjoint, Floats(OffIntegers)),
        Case.Of(nameof(F.Truncate), F.Truncate, F.TruncateForward, F.TruncateAdjoint, Floats(OffIntegers)));

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => GradientAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => GradientAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    /// <summary>Sign, Floor, Ceiling, Round, Truncate contribute exactly nothing: d/dx (x² + step(x)) = 2x.</summary>
    [Theory]
    [InlineData(nameof(D.Sign))]
    [InlineData(nameof(D.Floor))]
    [InlineData(nameof(D.Ceiling))]
    [InlineData(nameof(D.Round))]
    [InlineData(nameof(D.Truncate))]
    public void Step_functions_have_zero_derivative(string name)
    {
        foreach (double x in OffIntegers)
        {
            DoubleCases[name].Forward([x], [1.0], out double forward);
            double[] bar = [0.0];
            DoubleCases[name].Adjoint([x], bar, 1.0);
            Assert.Equal(2 * x, forward);
            Assert.Equal(2 * x, bar[0]);

            float xf = (float)x;
            FloatCases[name].Forward([xf], [1f], out float forwardF);
            float[] barF = [0f];
            FloatCases[name].Adjoint([xf], barF, 1f);
            Assert.Equal(2 * xf, forwardF);
            Assert.Equal(2 * xf, barF[0]);
        }
    }

    /// <summary>
    /// The Hessian-vector products of the inverse hyperbolic and generic-math functions (issue 18) against their
    /// closed-form second derivatives: the product applies each rule to the rule's own output.
    /// </summary>
    [Theory]
    [InlineData(nameof(D.Asinh), 0.7)]
    [InlineData(nameof(D.Asinh), -2.0)]
    [InlineData(nameof(D.Acosh), 1.5)]
    [InlineData(nameof(D.Acosh), 6.0)]
    [InlineData(nameof(D.Atanh), 0.4)]
    [InlineData(nameof(D.Atanh), -0.85)]
    [InlineData(nameof(D.CopySign), 1.3)]
    [InlineData(nameof(D.CopySign), -0.6)]
    [InlineData(nameof(D.ExpM1), -1.2)]
    [InlineData(nameof(D.ExpM1), 2.5)]
    [InlineData(nameof(D.LogP1), -0.5)]
    [InlineData(nameof(D.LogP1), 3.0)]
    [InlineData(nameof(D.Exp2), -1.5)]
    [InlineData(nameof(D.Exp2), 3.25)]
    [InlineData(nameof(D.Exp10), -0.75)]
    [InlineData(nameof(D.Exp10), 1.4)]
    public void Second_derivatives_of_the_inverse_hyperbolic_and_generic_math_functions_are_their_closed_forms(string name, double x)
    {
        (double First, double Second) expected = name switch
        {
            nameof(D.Asinh) => (1 / Math.Sqrt(x * x + 1), -x / Math.Pow(x * x + 1, 1.5)),
            nameof(D.Acosh) => (1 / Math.Sqrt(x * x - 1), -x / Math.Pow(x * x - 1, 1.5)),
            nameof(D.Atanh) => (1 / (1 - x * x), 2 * x / ((1 - x * x) * (1 - x * x))),
            nameof(D.CopySign) => (Math.Sign(x) * 1.0, 0.0),
            nameof(D.ExpM1) => (Math.Exp(x), Math.Exp(x)),
            nameof(D.LogP1) => (1 / (1 + x), -1 / ((1 + x) * (1 + x))),
            nameof(D.Exp2) => (Math.Pow(2, x) * Math.Log(2), Math.Pow(2, x) * Math.Log(2) * Math.Log(2)),
            _ => (Math.Pow(10, x) * Math.Log(10), Math.Pow(10, x) * Math.Log(10) * Math.Log(10)),
        };
        const double Direction = 0.75;
        double gradient = 0, product = 0, signGradient = 0, signProduct = 0;
        double value = name switch
        {
            nameof(D.Asinh) => D.AsinhHessianVector(x, Direction, ref gradient, ref product),
            nameof(D.Acosh) => D.AcoshHessianVector(x, Direction, ref gradient, ref product),
            nameof(D.Atanh) => D.AtanhHessianVector(x, Direction, ref gradient, ref product),
            nameof(D.CopySign) => D.CopySignHessianVector(x, Direction, ref gradient, ref product, 1.0, 0.0, ref signGradient, ref signProduct),
            nameof(D.ExpM1) => D.ExpM1HessianVector(x, Direction, ref gradient, ref product),
            nameof(D.LogP1) => D.LogP1HessianVector(x, Direction, ref gradient, ref product),
            nameof(D.Exp2) => D.Exp2HessianVector(x, Direction, ref gradient, ref product),
            _ => D.Exp10HessianVector(x, Direction, ref gradient, ref product),
        };
        double[] point = name == nameof(D.CopySign) ? [x, 1.0] : [x];
        Assert.Equal(DoubleCases[name].Primal(point), value);
        Assert.Equal(0.0, signGradient + signProduct);
        Assert.Equal(expected.First, gradient, 1e-12 * Math.Max(1, Math.Abs(expected.First)));
        Assert.Equal(expected.Second * Direction, product, 1e-12 * Math.Max(1, Math.Abs(expected.Second)));
    }

    /// <summary>hypot(a, b) = r: its Hessian is [[b², −ab], [−ab, a²]] / r³.</summary>
    [Theory]
    [InlineData(3.0, 4.0, 0.5, -1.0)]
    [InlineData(-1.2, 0.7, 1.0, 1.0)]
    public void The_hessian_of_hypot_is_the_closed_form(double a, double b, double va, double vb)
    {
        double r = Math.Sqrt(a * a + b * b);
        double ab = 0, abDot = 0, bb = 0, bbDot = 0;
        Assert.Equal(double.Hypot(a, b), D.HypotHessianVector(a, va, ref ab, ref abDot, b, vb, ref bb, ref bbDot));
        Assert.Equal(a / r, ab, 1e-14);
        Assert.Equal(b / r, bb, 1e-14);
        Assert.Equal((b * b * va - a * b * vb) / (r * r * r), abDot, 1e-14);
        Assert.Equal((-a * b * va + a * a * vb) / (r * r * r), bbDot, 1e-14);
    }

    private static float[] Floats(double[] points) => [.. points.Select(p => (float)p)];

    private static (float, float)[] Floats((double X, double Y)[] points)
        => [.. points.Select(p => ((float)p.X, (float)p.Y))];

    private static (float, float, float)[] Floats((double X, double Y, double Z)[] points)
        => [.. points.Select(p => ((float)p.X, (float)p.Y, (float)p.Z))];
}
