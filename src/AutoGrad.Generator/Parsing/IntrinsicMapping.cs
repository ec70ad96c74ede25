using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Parsing;

/// <summary>Recognises the <c>System.Math</c>/<c>System.MathF</c> overloads AutoGrad differentiates, and the generic-math functions of <c>double</c>/<c>float</c> that <c>Math</c> lacks.</summary>
internal static class IntrinsicMapping
{
    public static Intrinsic? Resolve(IMethodSymbol method)
    {
        var onFloatingPointType = method.ContainingType?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
        if (!onFloatingPointType && method.ContainingType?.ToDisplayString() is not ("System.Math" or "System.MathF"))
            return null;
        foreach (var parameter in method.Parameters)
        {
            if (TypeMapping.Map(parameter.Type) is null)
                return null;
        }
        var arity = method.Parameters.Length;
        if (onFloatingPointType)
        {
            return (method.Name, arity) switch
            {
                ("ExpM1", 1) => Intrinsic.ExpM1,
                ("LogP1", 1) => Intrinsic.LogP1,
                ("Hypot", 2) => Intrinsic.Hypot,
                ("Exp2", 1) => Intrinsic.Exp2,
                ("Exp10", 1) => Intrinsic.Exp10,
                _ => null,
            };
        }
        return (method.Name, arity) switch
        {
            ("Exp", 1) => Intrinsic.Exp,
            ("Log", 1) => Intrinsic.Log,
            ("Log", 2) => Intrinsic.LogWithBase,
            ("Log10", 1) => Intrinsic.Log10,
            ("Log2", 1) when method.ReturnType.SpecialType != SpecialType.System_Int32 => Intrinsic.Log2,
            ("Sqrt", 1) => Intrinsic.Sqrt,
            ("Cbrt", 1) => Intrinsic.Cbrt,
            ("Pow", 2) => Intrinsic.Pow,
            ("Sin", 1) => Intrinsic.Sin,
            ("Cos", 1) => Intrinsic.Cos,
            ("Tan", 1) => Intrinsic.Tan,
            ("Asin", 1) => Intrinsic.Asin,
            ("Acos", 1) => Intrinsic.Acos,
            ("Atan", 1) => Intrinsic.Atan,
            ("Atan2", 2) => Intrinsic.Atan2,
            ("Sinh", 1) => Intrinsic.Sinh,
            ("Cosh", 1) => Intrinsic.Cosh,
            ("Tanh", 1) => Intrinsic.Tanh,
            ("Asinh", 1) => Intrinsic.Asinh,
            ("Acosh", 1) => Intrinsic.Acosh,
            ("Atanh", 1) => Intrinsic.Atanh,
            ("CopySign", 2) => Intrinsic.CopySign,
            ("Abs", 1) => Intrinsic.Abs,
            ("Max", 2) => Intrinsic.Max,
            ("Min", 2) => Intrinsic.Min,
            ("Clamp", 3) => Intrinsic.Clamp,
            ("FusedMultiplyAdd", 3) => Intrinsic.FusedMultiplyAdd,
            ("Sign", 1) => Intrinsic.Sign,
            ("Floor", 1) => Intrinsic.Floor,
            ("Ceiling", 1) => Intrinsic.Ceiling,
            ("Round", 1) => Intrinsic.Round,
            ("Round", 2) when method.Parameters[1].Type.SpecialType == SpecialType.System_Int32 => Intrinsic.Round,
            ("Truncate", 1) => Intrinsic.Truncate,
            _ => null,
        };
    }
}
