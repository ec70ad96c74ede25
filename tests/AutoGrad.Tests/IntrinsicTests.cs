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

    private static float[] Floats(double[] points) => [.. points.Select(p => (float)p)];

    private static (float, float)[] Floats((double X, double Y)[] points)
        => [.. points.Select(p => ((float)p.X, (float)p.Y))];

    private static (float, float, float)[] Floats((double X, double Y, double Z)[] points)
        => [.. points.Select(p => ((float)p.X, (float)p.Y, (float)p.Z))];
}
