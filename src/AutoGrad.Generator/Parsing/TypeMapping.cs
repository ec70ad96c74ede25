using System;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Parsing;

internal static class TypeMapping
{
    public const string DifferentiableAttribute = "AutoGrad.DifferentiableAttribute";
    public const string NoDiffAttribute = "AutoGrad.NoDiffAttribute";

    public static IrType? Map(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => IrType.Double,
        SpecialType.System_Single => IrType.Float,
        SpecialType.System_Int32 => IrType.Int,
        SpecialType.System_Int64 => IrType.Long,
        SpecialType.System_Boolean => IrType.Bool,
        _ => MapEnum(type) ?? MapSpan(type),
    };

    /// <summary>
    /// An enum is the integer it is stored as: <c>int</c> for the underlying types that fit one, <c>long</c> for
    /// <c>uint</c> and <c>long</c> (<c>ulong</c> is refused, as it has no signed type to hold it).
    /// Parameters keep their enum type in the generated signatures (<see cref="EnumName"/>).
    /// </summary>
    private static IrType? MapEnum(ITypeSymbol? type) => type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType.SpecialType: var underlying }
        ? underlying switch
        {
            SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 => IrType.Int,
            SpecialType.System_UInt32 or SpecialType.System_Int64 => IrType.Long,
            _ => null,
        }
        : null;

    /// <summary>The fully qualified name of an enum type (with <c>global::</c>), or null for any other type.</summary>
    public static string? EnumName(ITypeSymbol? type)
        => type is { TypeKind: TypeKind.Enum } ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;

    /// <summary><c>ReadOnlySpan&lt;T&gt;</c> and <c>Span&lt;T&gt;</c> of float or double, and <c>AutoGrad.Matrix&lt;T&gt;</c>.</summary>
    private static IrType? MapSpan(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            return null;
        var ns = named.ContainingNamespace?.ToDisplayString();
        if (ns == "AutoGrad" && named.Name == "Matrix")
        {
            return named.TypeArguments[0].SpecialType switch
            {
                SpecialType.System_Double => IrType.MatrixOfDouble,
                SpecialType.System_Single => IrType.MatrixOfFloat,
                _ => null,
            };
        }
        if (ns != "System")
            return null;
        var element = named.TypeArguments[0].SpecialType switch
        {
            SpecialType.System_Double => IrType.Double,
            SpecialType.System_Single => IrType.Float,
            _ => (IrType?)null,
        };
        return (named.Name, element) switch
        {
            ("ReadOnlySpan", { } e) => e.ReadOnlySpanOf(),
            ("Span", { } e) => e.SpanOf(),
            _ => null,
        };
    }

    /// <summary>A parameter's type; a <c>T[]</c> is the span it is used as (<see cref="ArrayParameters"/>).</summary>
    public static IrType? Map(IParameterSymbol parameter, Compilation compilation)
        => ArrayParameters.SpanTypeOf(parameter, compilation) ?? Map(parameter.Type);

    /// <summary>A parameter carries derivatives when it is floating-point (a scalar, a span or an array of them) and not marked <c>[NoDiff]</c>.</summary>
    public static bool IsActive(IParameterSymbol parameter)
        => (Map(parameter.Type)?.IsDifferentiable() == true || ArrayParameters.ElementOf(parameter.Type) is not null) && !HasAttribute(parameter, NoDiffAttribute);

    public static bool HasAttribute(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
                return true;
        }
        return false;
    }

    /// <summary>The type C#'s binary numeric promotion gives two operands.</summary>
    public static IrType Promote(IrType left, IrType right)
    {
        if (left == IrType.Double || right == IrType.Double)
            return IrType.Double;
        if (left == IrType.Float || right == IrType.Float)
            return IrType.Float;
        if (left == IrType.Long || right == IrType.Long)
            return IrType.Long;
        return left;
    }

    public static Constant? Constant(object? value, IrType type)
    {
        if (type == IrType.Bool)
            return value is bool flag ? IR.Constant.Bool(flag) : null;
        return value switch
        {
            double or float or int or long or short or byte or sbyte or ushort or uint or char => IR.Constant.Of(type, System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) with
            {
                Integer = type.IsInteger() ? System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            },
            _ => null,
        };
    }
}
