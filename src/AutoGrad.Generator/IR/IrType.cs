namespace AutoGrad.Generator.IR;

/// <summary>
/// The types a differentiable method computes with: scalars, the spans it reads and writes
/// (T = float or double only), and the arrays generated code keeps loop values in: one for every
/// scalar type (<see cref="IrTypeExtensions.ArrayOf"/>), as a loop may carry a value of any of them.
/// </summary>
public enum IrType
{
    Void,
    Bool,
    Int,
    Long,
    Float,
    Double,
    ReadOnlySpanOfFloat,
    ReadOnlySpanOfDouble,
    SpanOfFloat,
    SpanOfDouble,
    ArrayOfBool,
    ArrayOfInt,
    ArrayOfLong,
    ArrayOfFloat,
    ArrayOfDouble,
    Vector256OfFloat,
    Vector256OfDouble,
    /// <summary><c>AutoGrad.Matrix&lt;float&gt;</c>: a dense row-major matrix, whose shape is known only at run time.</summary>
    MatrixOfFloat,
    MatrixOfDouble,
}

public static class IrTypeExtensions
{
    /// <summary>Only floating-point values carry derivatives; integers and booleans are always constant.</summary>
    public static bool IsFloatingPoint(this IrType type) => type is IrType.Float or IrType.Double;

    public static bool IsInteger(this IrType type) => type is IrType.Int or IrType.Long;

    public static bool IsScalar(this IrType type) => type is IrType.Bool or IrType.Int or IrType.Long or IrType.Float or IrType.Double;

    public static bool IsSpan(this IrType type) => type is IrType.ReadOnlySpanOfFloat or IrType.ReadOnlySpanOfDouble or IrType.SpanOfFloat or IrType.SpanOfDouble;

    /// <summary>A writable span: an output of the method.</summary>
    public static bool IsWritableSpan(this IrType type) => type is IrType.SpanOfFloat or IrType.SpanOfDouble;

    public static bool IsMatrix(this IrType type) => type is IrType.MatrixOfFloat or IrType.MatrixOfDouble;

    public static IrType MatrixOf(this IrType element) => element == IrType.Float ? IrType.MatrixOfFloat : IrType.MatrixOfDouble;

    public static bool IsVector(this IrType type) => type is IrType.Vector256OfFloat or IrType.Vector256OfDouble;

    public static IrType VectorOf(this IrType element) => element == IrType.Float ? IrType.Vector256OfFloat : IrType.Vector256OfDouble;

    /// <summary>How many elements a Vector256 of this element type holds.</summary>
    public static int VectorCount(this IrType element) => element == IrType.Float ? 8 : 4;

    public static bool IsArray(this IrType type) => type is IrType.ArrayOfBool or IrType.ArrayOfInt or IrType.ArrayOfLong or IrType.ArrayOfFloat or IrType.ArrayOfDouble;

    /// <summary>The element type of a span or array.</summary>
    public static IrType ElementType(this IrType type) => type switch
    {
        IrType.ReadOnlySpanOfFloat or IrType.SpanOfFloat or IrType.ArrayOfFloat or IrType.Vector256OfFloat or IrType.MatrixOfFloat => IrType.Float,
        IrType.ReadOnlySpanOfDouble or IrType.SpanOfDouble or IrType.ArrayOfDouble or IrType.Vector256OfDouble or IrType.MatrixOfDouble => IrType.Double,
        IrType.ArrayOfInt => IrType.Int,
        IrType.ArrayOfLong => IrType.Long,
        IrType.ArrayOfBool => IrType.Bool,
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type, "not a span or array"),
    };

    public static IrType ReadOnlySpanOf(this IrType element) => element == IrType.Float ? IrType.ReadOnlySpanOfFloat : IrType.ReadOnlySpanOfDouble;

    public static IrType SpanOf(this IrType element) => element == IrType.Float ? IrType.SpanOfFloat : IrType.SpanOfDouble;

    public static IrType ArrayOf(this IrType element) => element switch
    {
        IrType.Float => IrType.ArrayOfFloat,
        IrType.Double => IrType.ArrayOfDouble,
        IrType.Int => IrType.ArrayOfInt,
        IrType.Long => IrType.ArrayOfLong,
        IrType.Bool => IrType.ArrayOfBool,
        _ => throw new System.ArgumentOutOfRangeException(nameof(element), element, "no array of this type"),
    };

    /// <summary>Whether a value of this type carries derivatives (a floating-point scalar, or a span of them).</summary>
    public static bool IsDifferentiable(this IrType type) => type.IsFloatingPoint() || type.IsSpan() || type.IsMatrix();

    public static string ToCSharp(this IrType type) => type switch
    {
        IrType.Void => "void",
        IrType.Bool => "bool",
        IrType.Int => "int",
        IrType.Long => "long",
        IrType.Float => "float",
        IrType.Double => "double",
        IrType.ReadOnlySpanOfFloat => "global::System.ReadOnlySpan<float>",
        IrType.ReadOnlySpanOfDouble => "global::System.ReadOnlySpan<double>",
        IrType.SpanOfFloat => "global::System.Span<float>",
        IrType.SpanOfDouble => "global::System.Span<double>",
        IrType.Vector256OfFloat => "global::System.Runtime.Intrinsics.Vector256<float>",
        IrType.Vector256OfDouble => "global::System.Runtime.Intrinsics.Vector256<double>",
        IrType.MatrixOfFloat => "global::AutoGrad.Matrix<float>",
        IrType.MatrixOfDouble => "global::AutoGrad.Matrix<double>",
        _ => type.ElementType().ToCSharp() + "[]",
    };
}
