using System.Globalization;
using System.Linq;
using System.Text;

namespace AutoGrad.Generator.IR;

/// <summary>
/// A compact text form of the IR, for verifier messages, per-pass tests and debugging. Variables
/// print as <c>name#id</c>, typed once: parameters in the signature, the rest on a <c>locals</c>
/// line (with their role unless it is <c>local</c>); statements one per line, nested blocks indented
/// by two spaces; every operand that is itself an operation is parenthesized, so no precedence is
/// needed to read it back; integers print bare, doubles with a point or exponent, floats with <c>f</c>;
/// a general loop prints as <c>while cond carrying [s#1]</c>, a counted one as
/// <c>for i#3 = 0 .. &lt; n#2 step 1 carrying [s#1]</c>:
/// <code>
/// method SquareAdjoint(x#0: double, ref xBar#2: double adjoint, resultBar#3: double adjoint = 1.0): double
///   locals r#1: double
///   r#1 = x#0 * x#0
///   xBar#2 += (2.0 * x#0) * resultBar#3
///   return r#1
/// </code>
/// Every node has a case: a new node fails here until it is given its spelling.
/// </summary>
public static class IrPrinter
{
    public static string Print(IrMethod method)
    {
        var text = new StringBuilder();
        var parameters = method.Parameters.Select(Parameter);
        text.Append("method ").Append(method.Name).Append('(').Append(string.Join(", ", parameters)).Append("): ").Append(Type(method.ReturnType)).Append('\n');
        var declared = new System.Collections.Generic.HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var locals = method.Body.Flatten()
            .SelectMany(statement => (statement is Declare declare ? [declare.Variable] : statement.OwnWrites()).Concat(statement.Reads()))
            .Where(declared.Add)
            .Select(variable => Typed(variable, VariableRole.Local))
            .ToList();
        if (locals.Count > 0)
            Line(text, 1, "locals " + string.Join(", ", locals));
        Block(text, method.Body, 1);
        return text.ToString();
    }

    public static string Print(IrBlock block)
    {
        var text = new StringBuilder();
        Block(text, block, 0);
        return text.ToString();
    }

    public static string Print(IrStatement statement) => Print(IrBlock.From([statement]));

    private static string Parameter(IrParameter parameter)
    {
        var kind = parameter.Kind switch
        {
            ParameterKind.Ref => "ref ",
            ParameterKind.Out => "out ",
            _ => "",
        };
        var inactive = parameter.IsActive || !parameter.Variable.Type.IsDifferentiable() ? "" : "[nodiff] ";
        var value = parameter.DefaultValue is { } constant ? " = " + Expression(constant) : "";
        return inactive + kind + Typed(parameter.Variable, VariableRole.Parameter) + value;
    }

    /// <summary><c>name#id: type</c>, and the role when it is not <paramref name="usual"/>.</summary>
    private static string Typed(IrVariable variable, VariableRole usual)
        => variable + ": " + Type(variable.Type) + (variable.Role == usual ? "" : " " + variable.Role.ToString().ToLowerInvariant());

    private static void Block(StringBuilder text, IrBlock block, int depth)
    {
        foreach (var statement in block.Statements)
            Statement(text, statement, depth);
    }

    private static string Comparison(BinaryOperator comparison) => comparison switch
    {
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        _ => ">=",
    };

    private static void Line(StringBuilder text, int depth, string line) => text.Append(' ', 2 * depth).Append(line).Append('\n');

    private static void Statement(StringBuilder text, IrStatement statement, int depth)
    {
        switch (statement)
        {
            case Declare declare:
                Line(text, depth, $"declare {declare.Variable}: {Type(declare.Variable.Type)}");
                break;
            case Assign assign:
                Line(text, depth, $"{assign.Target} = {Expression(assign.Value)}");
                break;
            case AddAssign add:
                Line(text, depth, $"{add.Target} += {Expression(add.Value)}");
                break;
            case ExpressionStatement expression:
                Line(text, depth, Expression(expression.Expression));
                break;
            case If conditional:
                Line(text, depth, $"if {Expression(conditional.Condition)}");
                Block(text, conditional.Then, depth + 1);
                if (!conditional.Else.IsEmpty)
                {
                    Line(text, depth, "else");
                    Block(text, conditional.Else, depth + 1);
                }
                break;
            case Return ret:
                Line(text, depth, $"return {Expression(ret.Value)}");
                break;
            case ElementAssign element:
                Line(text, depth, $"{element.Span}[{Expression(element.Index)}] {(element.Accumulate ? "+=" : "=")} {Expression(element.Value)}");
                break;
            case Loop loop:
                Line(text, depth, $"while {Expression(loop.Condition)} carrying [{string.Join(", ", loop.Carried.Select(variable => variable.ToString()))}]");
                Block(text, loop.Body, depth + 1);
                break;
            case CountedLoop loop:
                Line(text, depth, $"for {loop.Counter} = {Expression(loop.Start)} .. {Comparison(loop.Comparison)} {Expression(loop.End)} step {loop.Step.ToString(CultureInfo.InvariantCulture)}{(loop.Independent ? " independent" : "")} carrying [{string.Join(", ", loop.Carried.Select(variable => variable.ToString()))}]");
                Block(text, loop.Body, depth + 1);
                break;
            case Store store:
                Line(text, depth, $"store {store.Buffer}[{Expression(store.Index)}] = {Expression(store.Value)}");
                break;
            case RentBuffer rent:
                Line(text, depth, $"{rent.Buffer} = rent {(rent.Zeroed ? "zeroed " : "")}{(rent.Reused ? "reused " : "")}{Type(rent.Buffer.Type)}[{Expression(rent.Length)}] into {rent.Pooled}");
                break;
            case BindStart bind:
                Line(text, depth, $"{bind.Start} = start of {bind.Span}");
                break;
            case VectorStore store:
                Line(text, depth, $"vstore {store.Span}[{Expression(store.Index)}] = {Expression(store.Value)}");
                break;
            case ClearSpan clear:
                Line(text, depth, $"clear {Expression(clear.Span)}");
                break;
            case CopyIntoBuffer copy:
                Line(text, depth, $"{copy.Buffer} = copy of {copy.Source}");
                break;
            case Require require:
                var covers = require.Guarantees.IsEmpty ? "" : " covers [" + string.Join(", ", require.Guarantees.Select(fact => $"{fact.Covering} ⊇ {fact.Indexed}")) + "]";
                var otherwise = require.Thrown is { } thrown ? "throw " + thrown : $"{require.ParameterName}: \"{require.Message}\"";
                Line(text, depth, $"require not {Expression(require.Failure)} else {otherwise}{covers}");
                break;
            case MatMulInto product:
                var epilogue = product.Epilogue is { } fused ? $" then {fused.Name}({string.Join(", ", product.Captured.Select(variable => variable.ToString()))})" : "";
                Line(text, depth, $"{product.Product} = matmul({product.A}{(product.TransposeA ? "ᵀ" : "")}, {product.B}{(product.TransposeB ? "ᵀ" : "")}){epilogue}");
                if (product.Epilogue is { } apply)
                {
                    foreach (var line in Print(apply.Apply).Split('\n').Where(line => line.Length > 0))
                        Line(text, depth + 1, line);
                }
                break;
            default:
                throw new System.InvalidOperationException("IrPrinter has no spelling for " + statement.GetType().Name);
        }
    }

    public static string Expression(IrExpression expression) => expression switch
    {
        Constant constant => Literal(constant),
        VariableRef reference => reference.Variable.ToString(),
        FieldRef field => field.ContainingType + "." + field.Name,
        Unary { Operator: UnaryOperator.Negate } unary => "-" + UnaryOperand(unary.Operand),
        Unary { Operator: UnaryOperator.Not } unary => "!" + UnaryOperand(unary.Operand),
        Binary binary => $"{Operand(binary.Left)} {Symbol(binary.Operator)} {Operand(binary.Right)}",
        Conditional conditional => $"{Operand(conditional.Condition)} ? {Operand(conditional.WhenTrue)} : {Operand(conditional.WhenFalse)}",
        Convert convert => $"({Type(convert.Type)}){Operand(convert.Operand)}",
        IntrinsicCall call => Call(call.Function.ToString().ToLowerInvariant(), call.Arguments.Select(Expression)),
        MatrixCall call => Call("matrix." + call.Function.ToString().ToLowerInvariant(), call.Arguments.Select(Expression)),
        DifferentiableCall call => Call(call.Target.Name, call.Arguments.Select(Expression)),
        MethodCall call => Call(call.Name, call.Arguments.Select(argument => argument.Kind switch
        {
            ArgumentKind.Ref => "ref " + Expression(argument.Value),
            ArgumentKind.Out => "out " + Expression(argument.Value),
            _ => Expression(argument.Value),
        })),
        ElementRead read => $"{read.Collection}[{Expression(read.Index)}]",
        SpanLength length => length.Span + ".length",
        Slice slice => $"{slice.Span}[{Expression(slice.Start)} .. +{Expression(slice.Length)}]",
        ZeroSpan zero => $"zeros {Type(zero.Type)}[{Expression(zero.Length)}]",
        VectorLoad load => $"vload {load.Span}[{Expression(load.Index)}]",
        Broadcast broadcast => Call("broadcast", [Expression(broadcast.Scalar)]),
        VectorSum sum => Call("vsum", [Expression(sum.Vector)]),
        VectorExtremum extremum => Call(extremum.Largest ? "vmax" : "vmin", [Expression(extremum.Vector)]),
        SimdEnabled => "simd",
        _ => throw new System.InvalidOperationException("IrPrinter has no spelling for " + expression.GetType().Name),
    };

    private static string Operand(IrExpression expression)
        => expression is Binary or Conditional || expression is Constant { Value: < 0 } ? "(" + Expression(expression) + ")" : Expression(expression);

    /// <summary>A constant after a minus sign is parenthesized, so that <c>-1.0</c> always reads as the literal.</summary>
    private static string UnaryOperand(IrExpression expression)
        => expression is Constant or Unary ? "(" + Expression(expression) + ")" : Operand(expression);

    private static string Call(string name, System.Collections.Generic.IEnumerable<string> arguments) => name + "(" + string.Join(", ", arguments) + ")";

    private static string Literal(Constant constant) => constant.Type switch
    {
        IrType.Bool => constant.Integer != 0 ? "true" : "false",
        IrType.Double => Real(constant.Real.ToString("R", CultureInfo.InvariantCulture)),
        IrType.Float => Real(((float)constant.Real).ToString("R", CultureInfo.InvariantCulture)) + "f",
        IrType.Long => constant.Integer.ToString(CultureInfo.InvariantCulture) + "L",
        _ => constant.ToString(),
    };

    /// <summary>Round-trip digits, with a point where they would otherwise read as an integer.</summary>
    private static string Real(string digits) => digits.IndexOfAny(['.', 'E', 'N', 'I']) >= 0 ? digits : digits + ".0";

    private static string Symbol(BinaryOperator op) => op switch
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
        BinaryOperator.ExclusiveOr => "^",
        _ => throw new System.InvalidOperationException("IrPrinter has no spelling for " + op),
    };

    public static string Type(IrType type) => type switch
    {
        IrType.ReadOnlySpanOfFloat => "readonly span<float>",
        IrType.ReadOnlySpanOfDouble => "readonly span<double>",
        IrType.SpanOfFloat => "span<float>",
        IrType.SpanOfDouble => "span<double>",
        IrType.Vector256OfFloat => "v256<float>",
        IrType.Vector256OfDouble => "v256<double>",
        IrType.MatrixOfFloat => "matrix<float>",
        IrType.MatrixOfDouble => "matrix<double>",
        _ => type.ToCSharp(),
    };
}
