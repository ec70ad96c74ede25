using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Evaluates operators on constants exactly as the compiled C# would at run time: float in float,
/// integers unchecked. Returns null where run time would differ (an integer division that throws).
/// </summary>
internal static class ConstantFolding
{
    public static Constant? Fold(BinaryOperator op, Constant a, Constant b, IrType type)
    {
        if (type == IrType.Bool)
            return FoldToBool(op, a, b);
        if (type == IrType.Double)
            return FoldDouble(op, a.Real, b.Real) is { } value ? Constant.Of(type, value) : null;
        if (type == IrType.Float)
            return FoldFloat(op, (float)a.Real, (float)b.Real) is { } value ? Constant.Of(type, value) : null;
        return FoldInteger(op, a.Integer, b.Integer, type);
    }

    public static Constant? Convert(Constant constant, IrType type)
    {
        if (type == IrType.Bool || constant.Type == IrType.Bool)
            return null;
        if (type.IsFloatingPoint())
            return constant.Type.IsInteger() ? Constant.Of(type, constant.Integer) : Constant.Of(type, constant.Real);
        if (constant.Type.IsInteger())
            return type == IrType.Int ? new Constant(type, 0, unchecked((int)constant.Integer)) : new Constant(type, 0, constant.Integer);
        // Out-of-range floating-to-integer conversions are unspecified in C#: leave them to run time.
        var truncated = System.Math.Truncate(constant.Real);
        var inRange = type == IrType.Int ? truncated is >= int.MinValue and <= int.MaxValue : truncated is >= -9.2e18 and <= 9.2e18;
        return inRange ? new Constant(type, 0, (long)truncated) : null;
    }

    private static double? FoldDouble(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.Remainder => a % b,
        _ => null,
    };

    private static float? FoldFloat(BinaryOperator op, float a, float b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.Remainder => a % b,
        _ => null,
    };

    private static Constant? FoldInteger(BinaryOperator op, long a, long b, IrType type)
    {
        if (op is BinaryOperator.Divide or BinaryOperator.Remainder && (b == 0 || b == -1))
            return null;
        long? value = op switch
        {
            BinaryOperator.Add => unchecked(a + b),
            BinaryOperator.Subtract => unchecked(a - b),
            BinaryOperator.Multiply => unchecked(a * b),
            BinaryOperator.Divide => a / b,
            BinaryOperator.Remainder => a % b,
            BinaryOperator.And => a & b,
            BinaryOperator.Or => a | b,
            BinaryOperator.ExclusiveOr => a ^ b,
            _ => null,
        };
        if (value is not { } result)
            return null;
        return new Constant(type, 0, type == IrType.Int ? unchecked((int)result) : result);
    }

    private static Constant? FoldToBool(BinaryOperator op, Constant a, Constant b)
    {
        if (a.Type == IrType.Bool)
        {
            bool x = a.Integer != 0, y = b.Integer != 0;
            bool? logical = op switch
            {
                BinaryOperator.ConditionalAnd or BinaryOperator.And => x && y,
                BinaryOperator.ConditionalOr or BinaryOperator.Or => x || y,
                BinaryOperator.ExclusiveOr => x ^ y,
                BinaryOperator.Equal => x == y,
                BinaryOperator.NotEqual => x != y,
                _ => null,
            };
            return logical is { } flag ? Constant.Bool(flag) : null;
        }
        var floating = a.Type.IsFloatingPoint();
        int comparison;
        if (floating)
        {
            // Every ordered comparison with NaN is false, and only != is true.
            if (double.IsNaN(a.Real) || double.IsNaN(b.Real))
                return Constant.Bool(op == BinaryOperator.NotEqual);
            comparison = a.Real.CompareTo(b.Real);
            if (a.Real == b.Real)
                comparison = 0;
        }
        else
        {
            comparison = a.Integer.CompareTo(b.Integer);
        }
        bool? result = op switch
        {
            BinaryOperator.Equal => comparison == 0,
            BinaryOperator.NotEqual => comparison != 0,
            BinaryOperator.Less => comparison < 0,
            BinaryOperator.LessOrEqual => comparison <= 0,
            BinaryOperator.Greater => comparison > 0,
            BinaryOperator.GreaterOrEqual => comparison >= 0,
            _ => null,
        };
        return result is { } value ? Constant.Bool(value) : null;
    }
}
