namespace AutoGrad.Generator.IR;

/// <summary>The value types a differentiable method may compute with.</summary>
public enum IrType
{
    Void,
    Bool,
    Int,
    Long,
    Float,
    Double,
}

public static class IrTypeExtensions
{
    /// <summary>Only floating-point values carry derivatives; integers and booleans are always constant.</summary>
    public static bool IsFloatingPoint(this IrType type) => type is IrType.Float or IrType.Double;

    public static bool IsInteger(this IrType type) => type is IrType.Int or IrType.Long;

    public static string ToCSharp(this IrType type) => type switch
    {
        IrType.Void => "void",
        IrType.Bool => "bool",
        IrType.Int => "int",
        IrType.Long => "long",
        IrType.Float => "float",
        IrType.Double => "double",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
