using System.Globalization;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

/// <summary>
/// A pure expression of the IR. Records compare structurally, which is what lets pipeline models
/// cache and the simplifier find common subexpressions.
/// </summary>
public abstract record IrExpression(IrType Type)
{
    /// <summary>Virtual so that a node whose type follows from its operands (a slice, an element) stays right after <c>with</c>.</summary>
    public virtual IrType Type { get; init; } = Type;
}

/// <summary>A numeric or boolean literal. Integers and booleans are held in <see cref="Integer"/>, floating values in <see cref="Real"/>.</summary>
public sealed record Constant(IrType Type, double Real, long Integer) : IrExpression(Type)
{
    public static Constant Of(IrType type, double value) => type.IsFloatingPoint()
        ? new Constant(type, type == IrType.Float ? (float)value : value, 0)
        : new Constant(type, 0, (long)value);

    public static Constant Bool(bool value) => new(IrType.Bool, 0, value ? 1 : 0);

    public double Value => Type.IsFloatingPoint() ? Real : Integer;

    public bool IsZero => Value == 0;

    public bool Is(double value) => Value == value;

    // Compare the bits so that -0.0 and 0.0 (and NaNs) stay apart: folding must not merge them.
    public bool Equals(Constant? other)
        => other is not null && Type == other.Type && Integer == other.Integer
           && System.BitConverter.DoubleToInt64Bits(Real) == System.BitConverter.DoubleToInt64Bits(other.Real);

    public override int GetHashCode() => ((int)Type * 397) ^ Real.GetHashCode() ^ Integer.GetHashCode();

    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

public sealed record VariableRef(IrVariable Variable) : IrExpression(Variable.Type)
{
    public override string ToString() => Variable.ToString();
}

/// <summary>A <c>static readonly</c> field, read as a constant.</summary>
/// <param name="OfEnum">The field holds an enum, read as its underlying integer (<see cref="IrExpression.Type"/>) through a cast.</param>
public sealed record FieldRef(string ContainingType, string Name, IrType Type, bool OfEnum = false) : IrExpression(Type);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record Unary(UnaryOperator Operator, IrExpression Operand, IrType Type) : IrExpression(Type);

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    ConditionalAnd,
    ConditionalOr,
    And,
    Or,
    ExclusiveOr,
}

public sealed record Binary(BinaryOperator Operator, IrExpression Left, IrExpression Right, IrType Type) : IrExpression(Type);

public sealed record Conditional(IrExpression Condition, IrExpression WhenTrue, IrExpression WhenFalse, IrType Type) : IrExpression(Type);

public sealed record Convert(IrExpression Operand, IrType Type) : IrExpression(Type);

public sealed record IntrinsicCall(Intrinsic Function, EquatableArray<IrExpression> Arguments, IrType Type) : IrExpression(Type);

/// <summary>A matrix operation (its arguments are variables or constants); its value is a new matrix, or a scalar for reductions.</summary>
public sealed record MatrixCall(MatrixFunction Function, EquatableArray<IrExpression> Arguments, IrType Type) : IrExpression(Type);

/// <summary>
/// A call to another <c>[Differentiable]</c> method; the transforms turn it into calls of that
/// method's generated <c>Forward</c>/<c>Adjoint</c>.
/// </summary>
public sealed record DifferentiableCall(DifferentiableTarget Target, EquatableArray<IrExpression> Arguments, IrType Type) : IrExpression(Type);

/// <param name="ContainingType">Fully qualified, with <c>global::</c>.</param>
/// <param name="Id">The documentation-comment ID, which names the method uniquely across the compilation.</param>
/// <param name="ActiveParameters">Which parameters carry derivatives (get a Dot/Bar partner).</param>
/// <param name="OutputParameters">
/// Which parameters are outputs (<c>Span&lt;T&gt;</c>), written by the callee. This, not the type of the
/// argument, says whether a call writes a span: a caller's own output span (a <c>Span&lt;T&gt;</c>) may be
/// passed for a <c>ReadOnlySpan&lt;T&gt;</c> parameter, and is then only read by the call.
/// </param>
public sealed record DifferentiableTarget(string ContainingType, string Name, string Id, EquatableArray<bool> ActiveParameters, EquatableArray<bool> OutputParameters)
{
    /// <summary>Whether the callee writes the span passed for parameter <paramref name="parameter"/>.</summary>
    public bool Writes(int parameter) => OutputParameters[parameter];

    /// <summary>
    /// The method generated code calls for the callee's value alone: the callee itself, or, when it takes arrays,
    /// <c>{Name}Primal</c>, generated over the spans that generated callers hold.
    /// </summary>
    public string PrimalName { get; init; } = Name;

    /// <summary>The suffix of the primal over spans generated for a method that takes arrays.</summary>
    public const string PrimalSuffix = "Primal";

    /// <summary>The method with the generated forward contract: <c>{Name}Forward</c>, or a custom tangent's name.</summary>
    public string ForwardName { get; init; } = Name + "Forward";

    /// <summary>The method with the generated adjoint contract: <c>{Name}Adjoint</c>, or a custom adjoint's name.</summary>
    public string AdjointName { get; init; } = Name + "Adjoint";

    /// <summary>The method with the Hessian-vector product's contract (the adjoint's tangent): <c>{Name}HessianVector</c>, or a custom one's name.</summary>
    public string HessianVectorName { get; init; } = Name + "HessianVector";

    /// <summary>
    /// The callee is a plain method with a <c>[DerivativeOf]</c> adjoint (and a custom or generated
    /// tangent) rather than a <c>[Differentiable]</c> one: it has no primal IR and no derivatives beyond those two.
    /// </summary>
    public bool IsCustom { get; init; }

    /// <summary>For each parameter declared with an enum type, that type (fully qualified); empty for the others, or no entries when none is.</summary>
    public EquatableArray<string> EnumParameters { get; init; }

    /// <summary>The enum type an argument for <paramref name="parameter"/> is cast to, or null when the parameter is not an enum.</summary>
    public string? EnumTypeOf(int parameter) => parameter < EnumParameters.Count && EnumParameters[parameter].Length > 0 ? EnumParameters[parameter] : null;
}

public enum ArgumentKind
{
    Value,
    Ref,
    Out,
}

/// <param name="EnumType">Set when the argument is passed for a parameter of this enum type (fully qualified): the call casts the integer to it.</param>
public sealed record Argument(IrExpression Value, ArgumentKind Kind = ArgumentKind.Value, string? EnumType = null)
{
    /// <summary>The variable a <c>ref</c>/<c>out</c> argument writes, if any.</summary>
    public IrVariable? WrittenVariable => Kind != ArgumentKind.Value && Value is VariableRef reference ? reference.Variable : null;
}

/// <summary>
/// A call of an ordinary static method: in the user's code one whose arguments are all constant,
/// in generated code the Forward/Adjoint of another differentiable method.
/// </summary>
/// <param name="AdjointOf">Set when this is the adjoint of a differentiable callee: differentiating the call again calls the callee's Hessian-vector product.</param>
public sealed record MethodCall(string ContainingType, string Name, EquatableArray<Argument> Arguments, IrType Type, DifferentiableTarget? AdjointOf = null) : IrExpression(Type);

/// <summary><c>span[index]</c>, or an element of a generated buffer.</summary>
public sealed record ElementRead(IrVariable Collection, IrExpression Index) : IrExpression(Collection.Type.ElementType())
{
    public override IrType Type { get => Collection.Type.ElementType(); init { } }
}

/// <summary><c>span.Length</c>.</summary>
public sealed record SpanLength(IrVariable Span) : IrExpression(IrType.Int);

/// <summary><c>span.Slice(start, length)</c>; only as an argument of a call.</summary>
public sealed record Slice(IrVariable Span, IrExpression Start, IrExpression Length) : IrExpression(Span.Type)
{
    public override IrType Type { get => Span.Type; init { } }
}

/// <summary>A new zero-filled array used as a span: the tangent of a span argument that is constant where the callee's parameter is active.</summary>
public sealed record ZeroSpan(IrExpression Length, IrType Type) : IrExpression(Type);

/// <summary>A Vector256 loaded at <c>Index</c> from the start of a span bound by <see cref="BindStart"/> (the vectorizer guarantees the elements exist).</summary>
public sealed record VectorLoad(IrVariable Span, IrExpression Index) : IrExpression(Span.Type.ElementType().VectorOf());

/// <summary>A Vector256 with every element <see cref="Scalar"/>.</summary>
public sealed record Broadcast(IrExpression Scalar) : IrExpression(Scalar.Type.VectorOf());

/// <summary>The sum of a Vector256's elements.</summary>
public sealed record VectorSum(IrExpression Vector) : IrExpression(Vector.Type.ElementType());

/// <summary>The largest (or smallest) of a Vector256's elements, as Math.Max (Math.Min) would pick it.</summary>
public sealed record VectorExtremum(bool Largest, IrExpression Vector) : IrExpression(Vector.Type.ElementType());

/// <summary>Whether the vectorized path may run: Vector256 is accelerated and <c>AutoGrad.Simd.IsEnabled</c>.</summary>
public sealed record SimdEnabled() : IrExpression(IrType.Bool);
