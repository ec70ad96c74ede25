using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// One subject per supported System.Math intrinsic. The methods are named after the intrinsic on
/// purpose: the generated code must not confuse them with Math's members. The step functions are
/// added to x² so that the result stays active (their own derivative is zero).
/// </summary>
public static partial class DoubleIntrinsics
{
    [Differentiable] public static double Exp(double x) => Math.Exp(x);
    [Differentiable] public static double Log(double x) => Math.Log(x);
    [Differentiable] public static double LogBase(double x, double b) => Math.Log(x, b);
    [Differentiable] public static double Log10(double x) => Math.Log10(x);
    [Differentiable] public static double Log2(double x) => Math.Log2(x);
    [Differentiable] public static double Sqrt(double x) => Math.Sqrt(x);
    [Differentiable] public static double Cbrt(double x) => Math.Cbrt(x);
    [Differentiable] public static double Pow(double x, double y) => Math.Pow(x, y);
    [Differentiable] public static double Sin(double x) => Math.Sin(x);
    [Differentiable] public static double Cos(double x) => Math.Cos(x);
    [Differentiable] public static double Tan(double x) => Math.Tan(x);
    [Differentiable] public static double Asin(double x) => Math.Asin(x);
    [Differentiable] public static double Acos(double x) => Math.Acos(x);
    [Differentiable] public static double Atan(double x) => Math.Atan(x);
    [Differentiable] public static double Atan2(double y, double x) => Math.Atan2(y, x);
    [Differentiable] public static double Sinh(double x) => Math.Sinh(x);
    [Differentiable] public static double Cosh(double x) => Math.Cosh(x);
    [Differentiable] public static double Tanh(double x) => Math.Tanh(x);
    [Differentiable] public static double Asinh(double x) => Math.Asinh(x);
    [Differentiable] public static double Acosh(double x) => Math.Acosh(x);
    [Differentiable] public static double Atanh(double x) => Math.Atanh(x);
    [Differentiable] public static double CopySign(double x, double sign) => Math.CopySign(x, sign);
    [Differentiable] public static double ExpM1(double x) => double.ExpM1(x);
    [Differentiable] public static double LogP1(double x) => double.LogP1(x);
    [Differentiable] public static double Hypot(double x, double y) => double.Hypot(x, y);
    [Differentiable] public static double Exp2(double x) => double.Exp2(x);
    [Differentiable] public static double Exp10(double x) => double.Exp10(x);
    [Differentiable] public static double Abs(double x) => Math.Abs(x);
    [Differentiable] public static double Max(double x, double y) => Math.Max(x, y);
    [Differentiable] public static double Min(double x, double y) => Math.Min(x, y);
    [Differentiable] public static double Clamp(double x, double lo, double hi) => Math.Clamp(x, lo, hi);
    [Differentiable] public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
    [Differentiable] public static double Sign(double x) => x * x + Math.Sign(x);
    [Differentiable] public static double Floor(double x) => x * x + Math.Floor(x);
    [Differentiable] public static double Ceiling(double x) => x * x + Math.Ceiling(x);
    [Differentiable] public static double Round(double x) => x * x + Math.Round(x);
    [Differentiable] public static double Truncate(double x) => x * x + Math.Truncate(x);
}

/// <summary>The same intrinsics through System.MathF (Clamp through Math.Clamp(float, float, float): MathF has none).</summary>
public static partial class FloatIntrinsics
{
    [Differentiable] public static float Exp(float x) => MathF.Exp(x);
    [Differentiable] public static float Log(float x) => MathF.Log(x);
    [Differentiable] public static float LogBase(float x, float b) => MathF.Log(x, b);
    [Differentiable] public static float Log10(float x) => MathF.Log10(x);
    [Differentiable] public static float Log2(float x) => MathF.Log2(x);
    [Differentiable] public static float Sqrt(float x) => MathF.Sqrt(x);
    [Differentiable] public static float Cbrt(float x) => MathF.Cbrt(x);
    [Differentiable] public static float Pow(float x, float y) => MathF.Pow(x, y);
    [Differentiable] public static float Sin(float x) => MathF.Sin(x);
    [Differentiable] public static float Cos(float x) => MathF.Cos(x);
    [Differentiable] public static float Tan(float x) => MathF.Tan(x);
    [Differentiable] public static float Asin(float x) => MathF.Asin(x);
    [Differentiable] public static float Acos(float x) => MathF.Acos(x);
    [Differentiable] public static float Atan(float x) => MathF.Atan(x);
    [Differentiable] public static float Atan2(float y, float x) => MathF.Atan2(y, x);
    [Differentiable] public static float Sinh(float x) => MathF.Sinh(x);
    [Differentiable] public static float Cosh(float x) => MathF.Cosh(x);
    [Differentiable] public static float Tanh(float x) => MathF.Tanh(x);
    [Differentiable] public static float Asinh(float x) => MathF.Asinh(x);
    [Differentiable] public static float Acosh(float x) => MathF.Acosh(x);
    [Differentiable] public static float Atanh(float x) => MathF.Atanh(x);
    [Differentiable] public static float CopySign(float x, float sign) => MathF.CopySign(x, sign);
    [Differentiable] public static float ExpM1(float x) => float.ExpM1(x);
    [Differentiable] public static float LogP1(float x) => float.LogP1(x);
    [Differentiable] public static float Hypot(float x, float y) => float.Hypot(x, y);
    [Differentiable] public static float Exp2(float x) => float.Exp2(x);
    [Differentiable] public static float Exp10(float x) => float.Exp10(x);
    [Differentiable] public static float Abs(float x) => MathF.Abs(x);
    [Differentiable] public static float Max(float x, float y) => MathF.Max(x, y);
    [Differentiable] public static float Min(float x, float y) => MathF.Min(x, y);
    [Differentiable] public static float Clamp(float x, float lo, float hi) => Math.Clamp(x, lo, hi);
    [Differentiable] public static float FusedMultiplyAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
    [Differentiable] public static float Sign(float x) => x * x + MathF.Sign(x);
    [Differentiable] public static float Floor(float x) => x * x + MathF.Floor(x);
    [Differentiable] public static float Ceiling(float x) => x * x + MathF.Ceiling(x);
    [Differentiable] public static float Round(float x) => x * x + MathF.Round(x);
    [Differentiable] public static float Truncate(float x) => x * x + MathF.Truncate(x);
}
