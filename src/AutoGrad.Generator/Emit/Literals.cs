using System.Globalization;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>Constants as C# literals: invariant culture, round-trip precision, the type's suffix.</summary>
internal static class Literals
{
    public static string Format(Constant constant) => constant.Type switch
    {
        IrType.Bool => constant.Integer != 0 ? "true" : "false",
        IrType.Int => constant.Integer.ToString(CultureInfo.InvariantCulture),
        IrType.Long => constant.Integer.ToString(CultureInfo.InvariantCulture) + "L",
        IrType.Float => FormatFloat((float)constant.Real),
        _ => FormatDouble(constant.Real),
    };

    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (value == 0 && double.IsNegativeInfinity(1 / value))
            return "-0.0";
        return text.IndexOfAny(['.', 'E']) >= 0 ? text : text + ".0";
    }

    private static string FormatFloat(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        if (value == 0 && float.IsNegativeInfinity(1 / value))
            return "-0f";
        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    public static bool IsNegative(Constant constant)
        => constant.Type.IsFloatingPoint() ? constant.Real < 0 || (constant.Real == 0 && double.IsNegativeInfinity(1 / constant.Real)) : constant.Integer < 0;
}
