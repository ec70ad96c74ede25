using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>
/// Reads the text form <see cref="IrPrinter"/> writes back into IR, so that a pass can be tested on
/// a few hand-written lines (text in, text out) without going through Roslyn. It reads scalar, span
/// and loop code; calls of other methods and matrix operations are not part of the text form's input.
/// </summary>
internal sealed class IrTextParser
{
    private readonly Dictionary<string, IrVariable> variables = new(StringComparer.Ordinal);
    private readonly string[] lines;
    private int line;

    private IrTextParser(string text)
        => lines = text.Replace("\r", "").Split('\n').Where(each => each.Trim().Length > 0).ToArray();

    public static IrMethod Parse(string text) => new IrTextParser(text).Method();

    private IrMethod Method()
    {
        var header = new Cursor(lines[line++], this);
        header.Expect("method");
        var name = header.Identifier();
        header.Expect("(");
        var parameters = new List<IrParameter>();
        while (!header.Accept(")"))
        {
            if (parameters.Count > 0)
                header.Expect(",");
            var active = !header.Accept("[nodiff]");
            var kind = header.Accept("ref") ? ParameterKind.Ref : header.Accept("out") ? ParameterKind.Out : ParameterKind.Value;
            var variable = header.Declaration(VariableRole.Parameter);
            var defaultValue = header.Accept("=") ? (Constant)header.Expression() : null;
            parameters.Add(new IrParameter(variable, active && variable.Type.IsDifferentiable(), kind, defaultValue));
        }
        header.Expect(":");
        var returnType = header.Type();
        header.End();
        if (line < lines.Length && lines[line].TrimStart().StartsWith("locals ", StringComparison.Ordinal))
        {
            var locals = new Cursor(lines[line++], this);
            locals.Expect("locals");
            do
                locals.Declaration(VariableRole.Local);
            while (locals.Accept(","));
            locals.End();
        }
        var body = Block(Indent(line));
        return new IrMethod(name, returnType, parameters.ToEquatableArray(), body, variables.Values.Select(variable => variable.Id).DefaultIfEmpty(-1).Max() + 1);
    }

    private static int Indent(string text) => text.Length - text.TrimStart().Length;

    private int Indent(int at) => at < lines.Length ? Indent(lines[at]) : -1;

    private IrBlock Block(int indent)
    {
        var statements = new List<IrStatement>();
        while (line < lines.Length && Indent(line) == indent && !lines[line].TrimStart().StartsWith("else", StringComparison.Ordinal))
            statements.Add(Statement(indent));
        return IrBlock.From(statements);
    }

    private IrBlock Nested(int indent) => Indent(line) > indent ? Block(Indent(line)) : IrBlock.Empty;

    private IrStatement Statement(int indent)
    {
        var cursor = new Cursor(lines[line++], this);
        IrStatement statement;
        if (cursor.Accept("declare"))
        {
            var variable = cursor.Variable();
            cursor.Expect(":");
            cursor.Type();
            statement = new Declare(variable);
        }
        else if (cursor.Accept("if"))
        {
            var condition = cursor.Expression();
            cursor.End();
            var then = Nested(indent);
            var otherwise = IrBlock.Empty;
            if (line < lines.Length && Indent(line) == indent && lines[line].Trim() == "else")
            {
                line++;
                otherwise = Nested(indent);
            }
            return new If(condition, then, otherwise);
        }
        else if (cursor.Accept("while"))
        {
            var condition = cursor.Expression();
            var carried = Carried(cursor);
            return new Loop(condition, Nested(indent), carried);
        }
        else if (cursor.Accept("for"))
        {
            var counter = cursor.Variable();
            cursor.Expect("=");
            var start = cursor.Expression();
            cursor.Expect("..");
            var comparison = cursor.Accept("<=") ? BinaryOperator.LessOrEqual : cursor.Accept(">=") ? BinaryOperator.GreaterOrEqual
                : cursor.Accept("<") ? BinaryOperator.Less : cursor.Accept(">") ? BinaryOperator.Greater : throw new FormatException("expected a comparison in: " + lines[line - 1]);
            var end = cursor.Expression();
            cursor.Expect("step");
            var step = ((Constant)cursor.Expression()).Integer;
            var independent = cursor.Accept("independent");
            var carried = Carried(cursor);
            var inclusive = comparison is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
            return new CountedLoop(counter, start, end, step, inclusive, Nested(indent), carried, independent);
        }
        else if (cursor.Accept("return"))
        {
            statement = new Return(cursor.Expression());
        }
        else if (cursor.Accept("store"))
        {
            var buffer = cursor.Variable();
            var index = cursor.Index();
            cursor.Expect("=");
            statement = new Store(buffer, index, cursor.Expression());
        }
        else if (cursor.Accept("vstore"))
        {
            var span = cursor.Variable();
            var index = cursor.Index();
            cursor.Expect("=");
            statement = new VectorStore(span, index, cursor.Expression());
        }
        else if (cursor.Accept("clear"))
        {
            statement = new ClearSpan(cursor.Expression());
        }
        else if (cursor.Accept("require"))
        {
            cursor.Expect("not");
            var failure = cursor.Expression();
            cursor.Expect("else");
            // A user's guard throws its own exception, C# to the end of the line.
            statement = cursor.Accept("throw") ? new Require(failure, "", "", default, cursor.RestOfLine()) : GeneratedCheck(cursor, failure);
        }
        else
        {
            var target = cursor.Variable();
            if (cursor.Peek("["))
            {
                var index = cursor.Index();
                var accumulate = cursor.Accept("+=");
                if (!accumulate)
                    cursor.Expect("=");
                statement = new ElementAssign(target, index, cursor.Expression(), accumulate);
            }
            else if (cursor.Accept("+="))
            {
                statement = new AddAssign(target, cursor.Expression());
            }
            else
            {
                cursor.Expect("=");
                if (cursor.Accept("rent"))
                {
                    var zeroed = cursor.Accept("zeroed");
                    cursor.Type();
                    var length = cursor.Index();
                    cursor.Expect("into");
                    statement = new RentBuffer(target, cursor.Variable(), length, zeroed);
                }
                else if (cursor.Accept("start"))
                {
                    cursor.Expect("of");
                    statement = new BindStart(target, cursor.Variable());
                }
                else if (cursor.Accept("copy"))
                {
                    cursor.Expect("of");
                    statement = new CopyIntoBuffer(target, cursor.Variable());
                }
                else
                {
                    statement = new Assign(target, cursor.Expression());
                }
            }
        }
        cursor.End();
        return statement;
    }

    /// <summary>One line, read left to right.</summary>

    /// <summary><c>carrying [a#1, b#2]</c> to the end of the line: a loop's carried variables.</summary>
    /// <summary>The rest of a generated check: <c>y: "message" covers [y ⊇ x]</c>.</summary>
    private static Require GeneratedCheck(Cursor cursor, IrExpression failure)
    {
        var parameter = cursor.Identifier();
        cursor.Expect(":");
        var message = cursor.Quoted();
        var guarantees = new List<SpanCovers>();
        if (cursor.Accept("covers"))
        {
            cursor.Expect("[");
            while (!cursor.Accept("]"))
            {
                if (guarantees.Count > 0)
                    cursor.Expect(",");
                var covering = cursor.Variable();
                cursor.Expect("⊇");
                guarantees.Add(new SpanCovers(covering, cursor.Variable()));
            }
        }
        return new Require(failure, parameter, message, guarantees.ToEquatableArray());
    }

    private static EquatableArray<IrVariable> Carried(Cursor cursor)
    {
        cursor.Expect("carrying");
        cursor.Expect("[");
        var carried = new List<IrVariable>();
        while (!cursor.Accept("]"))
        {
            if (carried.Count > 0)
                cursor.Expect(",");
            carried.Add(cursor.Variable());
        }
        cursor.End();
        return carried.ToEquatableArray();
    }
    private sealed class Cursor(string text, IrTextParser parser)
    {
        private int at;

        private void SkipSpaces()
        {
            while (at < text.Length && text[at] == ' ')
                at++;
        }

        public bool Peek(string token)
        {
            SkipSpaces();
            return string.CompareOrdinal(text, at, token, 0, token.Length) == 0
                   && (!char.IsLetter(token[token.Length - 1]) || at + token.Length >= text.Length || !char.IsLetterOrDigit(text[at + token.Length]));
        }

        public bool Accept(string token)
        {
            if (!Peek(token))
                return false;
            at += token.Length;
            return true;
        }

        public void Expect(string token)
        {
            if (!Accept(token))
                throw Error($"expected '{token}'");
        }

        public void End()
        {
            SkipSpaces();
            if (at < text.Length)
                throw Error("expected the end of the line");
        }

        private FormatException Error(string what) => new($"{what} at column {at + 1} of: {text}");

        public string Identifier()
        {
            SkipSpaces();
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
                at++;
            if (at == start)
                throw Error("expected a name");
            return text.Substring(start, at - start);
        }

        public string RestOfLine()
        {
            var rest = text.Substring(at).Trim();
            at = text.Length;
            return rest;
        }

        public string Quoted()
        {
            Expect("\"");
            var end = text.IndexOf('"', at);
            var value = text.Substring(at, end - at);
            at = end + 1;
            return value;
        }

        /// <summary><c>name#id</c>, declared earlier in the text.</summary>
        public IrVariable Variable()
        {
            var key = Identifier();
            Expect("#");
            key += "#" + Identifier();
            return parser.variables.TryGetValue(key, out var variable) ? variable : throw Error($"{key} is not declared");
        }

        /// <summary><c>name#id: type [role]</c>.</summary>
        public IrVariable Declaration(VariableRole usual)
        {
            var name = Identifier();
            Expect("#");
            var id = int.Parse(Identifier(), CultureInfo.InvariantCulture);
            Expect(":");
            var type = Type();
            var role = usual;
            foreach (var candidate in (VariableRole[])Enum.GetValues(typeof(VariableRole)))
            {
                if (Accept(candidate.ToString().ToLowerInvariant()))
                    role = candidate;
            }
            var variable = new IrVariable(id, name, type, role);
            parser.variables.Add(variable.ToString(), variable);
            return variable;
        }

        private static readonly (string Text, IrType Type)[] Types = Enum.GetValues(typeof(IrType)).Cast<IrType>()
            .Select(type => (IrPrinter.Type(type), type))
            .OrderByDescending(pair => pair.Item1.Length)
            .ToArray();

        public IrType Type()
        {
            foreach (var (spelling, type) in Types)
            {
                if (Accept(spelling))
                    return type;
            }
            throw Error("expected a type");
        }

        public IrExpression Index()
        {
            Expect("[");
            var index = Expression();
            Expect("]");
            return index;
        }

        public IrExpression Expression()
        {
            var left = Operand();
            if (Accept("?"))
            {
                var whenTrue = Operand();
                Expect(":");
                var whenFalse = Operand();
                return new Conditional(left, whenTrue, whenFalse, whenTrue.Type);
            }
            foreach (var (symbol, op) in Operators)
            {
                if (Accept(symbol))
                {
                    var right = Operand();
                    var comparison = op is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;
                    return new Binary(op, left, right, comparison ? IrType.Bool : left.Type);
                }
            }
            return left;
        }

        // Longer symbols first, so that "<=" is not read as "<".
        private static readonly (string, BinaryOperator)[] Operators =
        [
            ("==", BinaryOperator.Equal), ("!=", BinaryOperator.NotEqual), ("<=", BinaryOperator.LessOrEqual), (">=", BinaryOperator.GreaterOrEqual),
            ("&&", BinaryOperator.ConditionalAnd), ("||", BinaryOperator.ConditionalOr),
            ("+", BinaryOperator.Add), ("-", BinaryOperator.Subtract), ("*", BinaryOperator.Multiply), ("/", BinaryOperator.Divide), ("%", BinaryOperator.Remainder),
            ("<", BinaryOperator.Less), (">", BinaryOperator.Greater), ("&", BinaryOperator.And), ("|", BinaryOperator.Or), ("^", BinaryOperator.ExclusiveOr),
        ];

        private static readonly (string, Constant)[] NonFinite =
        [
            ("NaNf", Constant.Of(IrType.Float, float.NaN)), ("-Infinityf", Constant.Of(IrType.Float, float.NegativeInfinity)), ("Infinityf", Constant.Of(IrType.Float, float.PositiveInfinity)),
            ("NaN", Constant.Of(IrType.Double, double.NaN)), ("-Infinity", Constant.Of(IrType.Double, double.NegativeInfinity)), ("Infinity", Constant.Of(IrType.Double, double.PositiveInfinity)),
        ];

        private static readonly IrType[] ConvertibleTypes = [IrType.Double, IrType.Float, IrType.Int, IrType.Long, IrType.Bool];

        private IrExpression Operand()
        {
            SkipSpaces();
            if (at < text.Length && (char.IsDigit(text[at]) || (text[at] == '-' && at + 1 < text.Length && char.IsDigit(text[at + 1]))))
                return Number();
            foreach (var (spelling, value) in NonFinite)
            {
                if (Accept(spelling))
                    return value;
            }
            if (Accept("-"))
            {
                var operand = Operand();
                return new Unary(UnaryOperator.Negate, operand, operand.Type);
            }
            if (Accept("!"))
                return new Unary(UnaryOperator.Not, Operand(), IrType.Bool);
            if (Accept("("))
            {
                foreach (var type in ConvertibleTypes)
                {
                    if (Accept(type.ToCSharp() + ")"))
                        return new AutoGrad.Generator.IR.Convert(Operand(), type);
                }
                var inner = Expression();
                Expect(")");
                return inner;
            }
            if (Accept("true"))
                return Constant.Bool(true);
            if (Accept("false"))
                return Constant.Bool(false);
            if (Accept("simd"))
                return new SimdEnabled();
            if (Accept("vload"))
            {
                var span = Variable();
                return new VectorLoad(span, Index());
            }
            if (Accept("zeros"))
            {
                var type = Type();
                return new ZeroSpan(Index(), type);
            }

            var name = Identifier();
            if (Peek("#"))
            {
                at -= name.Length;
                var variable = Variable();
                if (Accept(".length"))
                    return new SpanLength(variable);
                if (!Peek("["))
                    return new VariableRef(variable);
                Expect("[");
                var first = Expression();
                if (Accept(".."))
                {
                    Expect("+");
                    var length = Expression();
                    Expect("]");
                    return new Slice(variable, first, length);
                }
                Expect("]");
                return new ElementRead(variable, first);
            }
            var arguments = new List<IrExpression>();
            Expect("(");
            while (!Accept(")"))
            {
                if (arguments.Count > 0)
                    Expect(",");
                arguments.Add(Expression());
            }
            return name switch
            {
                "broadcast" => new Broadcast(arguments[0]),
                "vsum" => new VectorSum(arguments[0]),
                "vmax" => new VectorExtremum(true, arguments[0]),
                "vmin" => new VectorExtremum(false, arguments[0]),
                _ when Enum.GetNames(typeof(Intrinsic)).FirstOrDefault(each => each.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } intrinsic
                    => new IntrinsicCall((Intrinsic)Enum.Parse(typeof(Intrinsic), intrinsic), arguments.ToEquatableArray(), arguments[0].Type),
                _ => throw Error($"'{name}' is not an operation of the text form"),
            };
        }

        private Constant Number()
        {
            var start = at;
            if (text[at] == '-')
                at++;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '.' || ((text[at] == '-' || text[at] == '+') && (text[at - 1] == 'E' || text[at - 1] == 'e'))))
                at++;
            var digits = text.Substring(start, at - start);
            if (digits.EndsWith("f", StringComparison.Ordinal))
                return Constant.Of(IrType.Float, float.Parse(digits.Substring(0, digits.Length - 1), CultureInfo.InvariantCulture));
            if (digits.EndsWith("L", StringComparison.Ordinal))
                return Constant.Of(IrType.Long, long.Parse(digits.Substring(0, digits.Length - 1), CultureInfo.InvariantCulture));
            return digits.IndexOfAny(['.', 'E', 'I']) >= 0 ? Real(digits) : Constant.Of(IrType.Int, int.Parse(digits, CultureInfo.InvariantCulture));
        }

        private static Constant Real(string digits) => Constant.Of(IrType.Double, double.Parse(digits, CultureInfo.InvariantCulture));
    }
}
