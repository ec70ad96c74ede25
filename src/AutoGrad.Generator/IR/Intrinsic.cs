namespace AutoGrad.Generator.IR;

/// <summary>The <c>Math</c>/<c>MathF</c> functions AutoGrad knows the derivatives of.</summary>
public enum Intrinsic
{
    Exp,
    Log,
    LogWithBase,
    Log10,
    Log2,
    Sqrt,
    Cbrt,
    Pow,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    CopySign,
    // Static methods of double and float (generic math), not of Math/MathF.
    ExpM1,
    LogP1,
    Hypot,
    Exp2,
    Exp10,
    Abs,
    Max,
    Min,
    Clamp,
    FusedMultiplyAdd,
    // Piecewise constant: derivative zero wherever it exists.
    Sign,
    Floor,
    Ceiling,
    Round,
    Truncate,
}

public static class IntrinsicExtensions
{
    /// <summary>The name of the <c>Math</c>/<c>MathF</c> method.</summary>
    public static string MethodName(this Intrinsic intrinsic) => intrinsic switch
    {
        Intrinsic.LogWithBase => "Log",
        _ => intrinsic.ToString(),
    };

    public static bool IsPiecewiseConstant(this Intrinsic intrinsic)
        => intrinsic is Intrinsic.Sign or Intrinsic.Floor or Intrinsic.Ceiling or Intrinsic.Round or Intrinsic.Truncate;

    /// <summary>Called on <c>double</c>/<c>float</c> (<c>double.ExpM1(x)</c>): <c>Math</c> and <c>MathF</c> do not have it.</summary>
    public static bool IsFloatingPointTypeMethod(this Intrinsic intrinsic)
        => intrinsic is Intrinsic.ExpM1 or Intrinsic.LogP1 or Intrinsic.Hypot or Intrinsic.Exp2 or Intrinsic.Exp10;

    /// <summary><c>MathF</c> has every float overload AutoGrad uses except <c>Clamp</c>, which lives on <c>Math</c>.</summary>
    public static bool HasMathFOverload(this Intrinsic intrinsic) => intrinsic is not Intrinsic.Clamp;
}
