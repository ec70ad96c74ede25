using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Emit;

/// <summary>Prints IR expressions as C#, with only the parentheses C#'s precedence requires.</summary>
/// <param name="enumParameters">Parameters declared with an enum type (to that type), which the IR reads as their underlying integer: read through a cast.</param>
internal sealed class ExpressionWriter(NameAllocator names, System.Func<IrVariable, string> outTarget, Spellings spellings, IReadOnlyDictionary<IrVariable, string>? enumParameters = null)
{
    private enum Precedence
    {
        Conditional,
        ConditionalOr,
        ConditionalAnd,
        Or,
        ExclusiveOr,
        And,
        Equality,
        Relational,
        Additive,
        Multiplicative,
        Unary,
        Primary,
    }

    public string Write(IrExpression expression) => Write(expression, Precedence.Conditional);

    /// <summary>Parenthesised unless primary: for a receiver (<c>(a + b).StoreUnsafe(…)</c>) or a cast's operand.</summary>
    /// <summary>An operand of a chain of <c>&amp;&amp;</c>, parenthesized where it binds more loosely.</summary>
    public string WriteConjunct(IrExpression expression) => Write(expression, Precedence.ConditionalAnd);

    public string Write(IrExpression expression, bool primary) => Write(expression, primary ? Precedence.Primary : Precedence.Conditional);

    private string Write(IrExpression expression, Precedence required)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var (text, precedence) = Format(expression);
        return precedence < required ? "(" + text + ")" : text;
    }

    private (string Text, Precedence Precedence) Format(IrExpression expression)
    {
        switch (expression)
        {
            case Constant constant:
                return (Literals.Format(constant), Literals.IsNegative(constant) ? Precedence.Unary : Precedence.Primary);
            case VariableRef reference when enumParameters?.ContainsKey(reference.Variable) == true:
                return ($"({spellings.Type(reference.Type)}){names[reference.Variable]}", Precedence.Unary);
            case VariableRef reference:
                return (names[reference.Variable], Precedence.Primary);
            case FieldRef { OfEnum: true } field:
                return ($"({spellings.Type(field.Type)}){Qualify(field.ContainingType)}{field.Name}", Precedence.Unary);
            case FieldRef field:
                // A constant table is bound to a span local of its own name, which would hide the field: always qualify it.
                return ((field.Type.IsSpan() ? field.ContainingType + "." : Qualify(field.ContainingType)) + field.Name, Precedence.Primary);
            case Unary unary:
                var operand = Write(unary.Operand, Precedence.Unary);
                var symbol = unary.Operator == UnaryOperator.Negate ? "-" : "!";
                // "- -x" and "-(-1.0)": keep a unary minus from touching another.
                if (operand.StartsWith("-", System.StringComparison.Ordinal) && symbol == "-")
                    operand = "(" + operand + ")";
                return (symbol + operand, Precedence.Unary);
            case Binary binary:
                var precedence = PrecedenceOf(binary.Operator);
                // Left-associative: the right operand needs strictly higher precedence.
                var left = Write(binary.Left, precedence);
                var right = Write(binary.Right, precedence + 1);
                return ($"{left} {SymbolOf(binary.Operator)} {right}", precedence);
            case Conditional conditional:
                return ($"{Write(conditional.Condition, Precedence.ConditionalOr)} ? {Write(conditional.WhenTrue, Precedence.ConditionalOr)} : {Write(conditional.WhenFalse, Precedence.Conditional)}",
                    Precedence.Conditional);
            case Convert convert:
                return ($"({spellings.Type(convert.Type)}){Write(convert.Operand, Precedence.Unary)}", Precedence.Unary);
            case IntrinsicCall call:
                return ($"{MathClass(call)}.{call.Function.MethodName()}({string.Join(", ", call.Arguments.Select(Write))})", Precedence.Primary);
            case MatrixCall call:
                return ($"{spellings[FileAlias.MatrixFunctions]}.{call.Function}({string.Join(", ", call.Arguments.Select(Write))})", Precedence.Primary);
            case DifferentiableCall call:
                return ($"{Qualify(call.Target.ContainingType)}{call.Target.PrimalName}({string.Join(", ", call.Arguments.Select((argument, i) => WriteArgument(new Argument(argument, EnumType: call.Target.EnumTypeOf(i)))))})", Precedence.Primary);
            case MethodCall call:
                return ($"{Qualify(call.ContainingType)}{call.Name}({string.Join(", ", call.Arguments.Select(WriteArgument))})", Precedence.Primary);
            case ElementRead read:
                // Generated buffers are declared nullable and rented on first store.
                var collection = names[read.Collection] + (read.Collection.Type.IsArray() ? "!" : "");
                return ($"{collection}[{Write(read.Index)}]", Precedence.Primary);
            case SpanLength length:
                return ($"{names[length.Span]}.Length", Precedence.Primary);
            case VectorLoad load:
                return ($"{spellings[FileAlias.Vector256]}.LoadUnsafe(ref {names[load.Span]}, (nuint){Write(load.Index, Precedence.Unary)})", Precedence.Primary);
            case Broadcast broadcast:
                return ($"{spellings[FileAlias.Vector256]}.Create({Write(broadcast.Scalar)})", Precedence.Primary);
            case VectorSum sum:
                return ($"{spellings[FileAlias.Vector256]}.Sum({Write(sum.Vector)})", Precedence.Primary);
            case VectorExtremum extremum:
                return ($"global::AutoGrad.Internal.VectorReductions.{(extremum.Largest ? "Max" : "Min")}({Write(extremum.Vector)})", Precedence.Primary);
            case SimdEnabled:
                return ($"{spellings[FileAlias.Vector256]}.IsHardwareAccelerated && {spellings[FileAlias.Simd]}.IsEnabled", Precedence.ConditionalAnd);
            case ZeroSpan zero:
                return ($"new {zero.Type.ElementType().ToCSharp()}[{Write(zero.Length)}]", Precedence.Primary);
            case Slice { Span.Type: var arrayType } slice when arrayType.IsArray():
                return ($"{spellings[FileAlias.MemoryExtensions]}.AsSpan({names[slice.Span]}, {Write(slice.Start)}, {Write(slice.Length)})", Precedence.Primary);
            case Slice slice:
                return ($"{names[slice.Span]}.Slice({Write(slice.Start)}, {Write(slice.Length)})", Precedence.Primary);
            default:
                throw new System.InvalidOperationException("Cannot print " + expression.GetType().Name);
        }
    }

    private string WriteArgument(Argument argument) => argument.Kind switch
    {
        ArgumentKind.Ref => "ref " + Write(argument.Value),
        ArgumentKind.Out => "out " + outTarget(((VariableRef)argument.Value).Variable),
        _ when argument.EnumType is { } enumType => argument.Value is VariableRef { Variable: var variable } && enumParameters?.TryGetValue(variable, out var declared) == true && declared == enumType
            ? names[variable]
            // Primary: "(E)-1" would parse as a subtraction.
            : $"({enumType}){Write(argument.Value, Precedence.Primary)}",
        _ => Write(argument.Value),
    };

    /// <summary>
    /// Every call and field is qualified with its type, <c>global::</c> included, even in the type being
    /// generated into: a parameter or local of the user's (or the generated code's) may have a member's name.
    /// </summary>
    private string Qualify(string type) => spellings.Of(type) + ".";

    private string MathClass(IntrinsicCall call) => call switch
    {
        { Type: var type } when type.IsVector() => spellings[FileAlias.Vector256],
        { Function: var function, Type: var type } when function.IsFloatingPointTypeMethod() => type == IrType.Float ? "float" : "double",
        _ when call.Arguments[0].Type == IrType.Float && call.Function.HasMathFOverload() => spellings[FileAlias.MathF],
        _ => spellings[FileAlias.Math],
    };

    private static Precedence PrecedenceOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder => Precedence.Multiplicative,
        BinaryOperator.Add or BinaryOperator.Subtract => Precedence.Additive,
        BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => Precedence.Relational,
        BinaryOperator.Equal or BinaryOperator.NotEqual => Precedence.Equality,
        BinaryOperator.And => Precedence.And,
        BinaryOperator.ExclusiveOr => Precedence.ExclusiveOr,
        BinaryOperator.Or => Precedence.Or,
        BinaryOperator.ConditionalAnd => Precedence.ConditionalAnd,
        _ => Precedence.ConditionalOr,
    };

    private static string SymbolOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.ConditionalAnd => "&&",
        BinaryOperator.ConditionalOr => "||",
        BinaryOperator.And => "&",
        BinaryOperator.Or => "|",
        _ => "^",
    };
}
