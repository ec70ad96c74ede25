using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Emit;

/// <summary>Prints one IR method as a C# method: signature, then its statements.</summary>
internal sealed class MethodEmitter
{
    private readonly SourceWriter writer;
    private readonly NameAllocator names;
    private readonly ExpressionWriter expressions;
    private readonly Spellings spellings;
    /// <summary>Kept loop values up to this many elements live on the stack; more are rented from the pool.</summary>
    private const int StackBufferLimit = 128;
    /// <summary>The most arguments of <c>MatrixStorage.Return</c>: a finally block returns its matrices this many a line.</summary>
    private const int MatricesReturnedPerCall = 4;

    private readonly HashSet<IrVariable> declared = [];
    private int epilogueCount;
    private readonly IrBlock body;

    private MethodEmitter(SourceWriter writer, IrMethod method, IEnumerable<string> reservedNames, Spellings spellings, IReadOnlyList<IrVariable> fields)
    {
        this.writer = writer;
        this.spellings = spellings;
        body = method.Body;
        names = new NameAllocator(method.Parameters.Concat(fields.Select(field => new IrParameter(field, false))), reservedNames.Concat(spellings.Reserved));
        declared.UnionWith(method.Parameters.Select(parameter => parameter.Variable).Concat(fields));
        var enumParameters = method.Parameters.Where(parameter => parameter.EnumType is not null).ToDictionary(parameter => parameter.Variable, parameter => parameter.EnumType!);
        expressions = new ExpressionWriter(names, DeclareOnOut, spellings, enumParameters);
        // Name in order of appearance, so the first of several same-named variables keeps the plain name.
        foreach (var statement in method.Body.Flatten())
        {
            foreach (var variable in statement.Writes().Concat(statement.Reads()))
                _ = names[variable];
        }
    }

    /// <param name="reservedNames">Names visible where the method is declared, which its locals must not take (<see cref="Model.MethodModel.ReservedNames"/>).</param>
    /// <param name="spellings">How the code names the types it calls (the file's aliases); no local takes an alias's name.</param>
    /// <param name="fields">Fields of the struct the method belongs to, which it reads by name.</param>
    public static void Emit(SourceWriter writer, IrMethod method, string modifiers, IEnumerable<string> reservedNames, Spellings spellings, IReadOnlyList<IrVariable>? fields = null)
    {
        var emitter = new MethodEmitter(writer, method, reservedNames, spellings, fields ?? []);
        writer.WriteWrapped($"{modifiers} {spellings.Type(method.ReturnType)} {method.Name}(", [.. method.Parameters.Select(emitter.Parameter)], ", ", ")");
        writer.OpenBlock();
        var (checks, body) = SplitChecks(method.Body);
        emitter.WriteBlock(checks);
        var matrices = MatrixOwnership.Intermediates(method);
        // Matrices the method rents are declared with the storage they are returned from, below.
        foreach (var variable in DeclarationScopes.VariablesToHoist(method).Where(variable => !variable.Type.IsArray() && !matrices.Contains(variable) && !emitter.declared.Contains(variable)))
        {
            emitter.declared.Add(variable);
            var initial = variable.Type.IsScalar() ? Literals.Format(Constant.Of(variable.Type, 0)) : "default";
            writer.WriteLine($"{spellings.Type(variable.Type)} {emitter.names[variable]} = {initial};");
        }
        var buffers = method.Body.Flatten()
            .Select(statement => statement switch
            {
                Store store => store.Buffer,
                CopyIntoBuffer copy => copy.Buffer,
                RentBuffer rent when rent.Zeroed || rent.Reused || !OnTheStack(rent) => rent.Pooled,
                _ => null,
            })
            .OfType<IrVariable>()
            .Distinct()
            .ToList();
        if (buffers.Count == 0 && matrices.Count == 0)
        {
            emitter.WriteBlock(body);
        }
        else
        {
            // Loop values the reverse sweep needs live in pooled buffers, and intermediate matrices
            // in pooled storage: both are returned however the method exits.
            foreach (var buffer in buffers)
            {
                emitter.declared.Add(buffer);
                writer.WriteLine($"{spellings.Type(buffer.Type)}? {emitter.names[buffer]} = null;");
            }
            // One declaration per element type, and a return of up to four a line: the storage is bookkeeping, the try block is the method.
            var byType = matrices.GroupBy(matrix => matrix.Type).ToList();
            foreach (var group in byType)
            {
                emitter.declared.UnionWith(group);
                writer.WriteLine($"{spellings.Type(group.Key)} {string.Join(", ", group.Select(matrix => emitter.names[matrix] + " = default"))};");
            }
            writer.OpenBlock("try");
            emitter.WriteBlock(body);
            writer.CloseBlock();
            writer.OpenBlock("finally");
            foreach (var buffer in buffers)
                writer.WriteLine($"{spellings[FileAlias.LoopStorage]}.Return({emitter.names[buffer]});");
            foreach (var group in byType)
            {
                foreach (var line in group.Select((matrix, index) => (Name: emitter.names[matrix], Line: index / MatricesReturnedPerCall)).GroupBy(entry => entry.Line))
                    writer.WriteLine($"{spellings[FileAlias.MatrixStorage]}.Return({string.Join(", ", line.Select(entry => entry.Name))});");
            }
            writer.CloseBlock();
        }
        writer.CloseBlock();
    }

    /// <summary>Argument checks come first, before buffers are rented or anything is written.</summary>
    private static (IrBlock Checks, IrBlock Body) SplitChecks(IrBlock body)
    {
        var count = body.Statements.TakeWhile(statement => statement is Require).Count();
        return (IrBlock.From(body.Statements.Take(count)), IrBlock.From(body.Statements.Skip(count)));
    }

    private string Parameter(IrParameter parameter)
    {
        var prefix = parameter.Kind switch
        {
            ParameterKind.Ref => "ref ",
            ParameterKind.Out => "out ",
            _ => "",
        };
        var text = $"{prefix}{spellings.Type(parameter)} {names[parameter.Variable]}";
        return parameter.DefaultValue is { } value ? $"{text} = {Literals.Format(value)}" : text;
    }

    private void WriteBlock(IrBlock block)
    {
        var statements = block.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            if (i + 1 < statements.Count && ForLoop.Match(statements[i], statements[i + 1], body) is { } forLoop)
            {
                WriteFor(forLoop);
                i++;
                continue;
            }
            WriteStatement(statements[i]);
            // What follows a throw in its block never runs (and C# would warn of it, CS0162).
            if (statements[i] is Require { Failure: Constant { Type: IrType.Bool, Integer: not 0 } })
                break;
        }
    }

    private void WriteFor(ForLoop loop)
    {
        declared.Add(loop.Counter);
        var counter = names[loop.Counter];
        writer.OpenBlock($"for ({spellings.Type(loop.Counter.Type)} {counter} = {expressions.Write(loop.Start)}; {expressions.Write(loop.Loop.Condition)}; {StepText(loop.Counter, loop.Step)})");
        WriteBlock(loop.BodyWithoutStep);
        writer.CloseBlock();
    }

    private void WriteStatement(IrStatement statement)
    {
        switch (statement)
        {
            case Declare declare:
                if (declared.Add(declare.Variable))
                    writer.WriteLine($"{spellings.Type(declare.Variable.Type)} {names[declare.Variable]};");
                break;
            // x = x changes nothing, and C# warns of it (CS1717); the simplifier removes these, the verifier flags them.
            case Assign { Value: VariableRef { Variable: var source } } assign when source.Equals(assign.Target) && declared.Contains(assign.Target):
                break;
            case Assign assign:
                var value = expressions.Write(assign.Value);
                writer.WriteLine($"{Target(assign.Target)} = {value};");
                break;
            case AddAssign { Target.Type: var matrixType, Value: MatrixCall { Function: MatrixFunction.MatMul or MatrixFunction.MatMulTransposedLeft or MatrixFunction.MatMulTransposedRight } product } addAssign
                when matrixType.IsMatrix():
                // The GEMM adds the product into the adjoint (β = 1), with transposes read in place.
                writer.WriteLine($"{spellings[FileAlias.MatrixFunctions]}.AddMatMulInto({names[addAssign.Target]}, {expressions.Write(product.Arguments[0])}, {Bool(product.Function == MatrixFunction.MatMulTransposedLeft)}, {expressions.Write(product.Arguments[1])}, {Bool(product.Function == MatrixFunction.MatMulTransposedRight)});");
                break;
            case AddAssign { Target.Type: var matrixType } addAssign when matrixType.IsMatrix():
                writer.WriteLine($"{spellings[FileAlias.MatrixFunctions]}.AddInto({names[addAssign.Target]}, {expressions.Write(addAssign.Value)});");
                break;
            case AddAssign { Value: Unary { Operator: UnaryOperator.Negate } negated } addAssign:
                // a += -b and a -= b are the same IEEE operation; the second reads better.
                writer.WriteLine($"{names[addAssign.Target]} -= {expressions.Write(negated.Operand)};");
                break;
            case AddAssign addAssign:
                writer.WriteLine($"{names[addAssign.Target]} += {expressions.Write(addAssign.Value)};");
                break;
            case ExpressionStatement expression:
                writer.WriteLine($"{expressions.Write(expression.Expression)};");
                break;
            case If conditional:
                WriteIf(conditional, "if");
                break;
            case Return ret:
                writer.WriteLine($"return {expressions.Write(ret.Value)};");
                break;
            case ElementAssign { Accumulate: true, Value: Unary { Operator: UnaryOperator.Negate } negated } element:
                writer.WriteLine($"{ElementTarget(element)} -= {expressions.Write(negated.Operand)};");
                break;
            case ElementAssign element:
                writer.WriteLine($"{ElementTarget(element)} {(element.Accumulate ? "+=" : "=")} {expressions.Write(element.Value)};");
                break;
            case VectorStore store:
                writer.WriteLine($"{spellings[FileAlias.Vector256]}.StoreUnsafe({expressions.Write(store.Value)}, ref {names[store.Span]}, (nuint){expressions.Write(store.Index, primary: true)});");
                break;
            case BindStart bind:
                declared.Add(bind.Start);
                writer.WriteLine($"ref {bind.Span.Type.ElementType().ToCSharp()} {names[bind.Start]} = ref {spellings[FileAlias.MemoryMarshal]}.GetReference({names[bind.Span]});");
                break;
            case RentBuffer { Zeroed: true } scratch:
                // Pooled, not stackalloc: a branch's scratch buffer may be declared at the top of the method, where a stackalloc could not be assigned to it.
                writer.WriteLine($"{Target(scratch.Buffer)} = {spellings[FileAlias.LoopStorage]}.Zeroed(ref {names[scratch.Pooled]}, {expressions.Write(scratch.Length)});");
                break;
            case RentBuffer { Reused: true } reused:
                writer.WriteLine($"{Target(reused.Buffer)} = {spellings[FileAlias.LoopStorage]}.Reused(ref {names[reused.Pooled]}, {expressions.Write(reused.Length)});");
                break;
            case RentBuffer rent:
                declared.Add(rent.Buffer);
                var elementType = rent.Buffer.Type.ElementType().ToCSharp();
                var length = expressions.Write(rent.Length);
                // A constant length (a counted loop over a constant range) decides the choice here.
                if (OnTheStack(rent))
                {
                    writer.WriteLine($"{spellings.Type(rent.Buffer.Type)} {names[rent.Buffer]} = stackalloc {elementType}[{length}];");
                    break;
                }
                writer.WriteLine($"{spellings.Type(rent.Buffer.Type)} {names[rent.Buffer]} = {length} <= {StackBufferLimit} ? stackalloc {elementType}[{length}] : ({names[rent.Pooled]} = global::System.Buffers.ArrayPool<{elementType}>.Shared.Rent({length}));");
                break;
            case ClearSpan clear:
                writer.WriteLine($"{expressions.Write(clear.Span)}.Clear();");
                break;
            case CopyIntoBuffer copy:
                writer.WriteLine($"{spellings[FileAlias.LoopStorage]}.Copy(ref {names[copy.Buffer]}, {names[copy.Source]});");
                break;
            case CountedLoop counted:
                declared.Add(counted.Counter);
                var counterName = names[counted.Counter];
                writer.OpenBlock($"for ({counted.Counter.Type.ToCSharp()} {counterName} = {expressions.Write(counted.Start)}; {expressions.Write(counted.Condition)}; {StepText(counted.Counter, counted.Step)})");
                WriteBlock(counted.Body);
                writer.CloseBlock();
                break;
            case Loop loop when ForLoop.Stepped(loop) is { } stepped:
                writer.OpenBlock($"for (; {expressions.Write(loop.Condition)}; {StepText(stepped.Counter, stepped.Step)})");
                WriteBlock(stepped.BodyWithoutStep);
                writer.CloseBlock();
                break;
            case Loop loop:
                writer.OpenBlock($"while ({expressions.Write(loop.Condition)})");
                WriteBlock(loop.Body);
                writer.CloseBlock();
                break;
            case Store store:
                writer.WriteLine($"{spellings[FileAlias.LoopStorage]}.Store(ref {names[store.Buffer]}, {expressions.Write(store.Index)}, {expressions.Write(store.Value)});");
                break;
            case MatMulInto { Epilogue: null } product:
                writer.WriteLine($"{spellings[FileAlias.MatrixFunctions]}.MatMulInto({names[product.Product]}, {names[product.A]}, {Bool(product.TransposeA)}, {names[product.B]}, {Bool(product.TransposeB)});");
                break;
            case MatMulInto { Epilogue: { } epilogue } product:
            {
                // The epilogue holds the captured matrices (their storage, shared) and the product's row length.
                var captured = product.Captured.Select((matrix, k) => $"{epilogue.Fields[k].Name} = {names[matrix]}")
                    .Append($"{epilogue.Columns.Name} = {names[product.Product]}.Cols");
                var local = names[new IrVariable(-1 - epilogueCount++, "epilogue", IrType.Void, VariableRole.Temporary)];
                writer.WriteLine($"var {local} = new {epilogue.Name} {{ {string.Join(", ", captured)} }};");
                writer.WriteLine($"{spellings[FileAlias.MatrixFunctions]}.MatMulInto({names[product.Product]}, {names[product.A]}, {Bool(product.TransposeA)}, {names[product.B]}, {Bool(product.TransposeB)}, ref {local});");
                break;
            }
            case Require { Failure: Constant { Integer: 0 } }:
                break;
            case Require require:
                var thrown = require.Thrown ?? $"new {spellings[FileAlias.ArgumentException]}(\"{Escape(require.Message)}\", \"{require.ParameterName}\")";
                if (require.Failure is Constant { Type: IrType.Bool })
                {
                    writer.WriteLine($"throw {thrown};");
                    break;
                }
                writer.WriteWrapped("if (", Conjuncts(require.Failure), " && ", ")");
                writer.WriteLine($"    throw {thrown};");
                break;
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A buffer of a constant length small enough for the stack: never rented.</summary>
    private static bool OnTheStack(RentBuffer rent) => rent.Length is Constant { Integer: >= 0 and <= StackBufferLimit };

    private string StepText(IrVariable counter, long step)
    {
        var name = names[counter];
        return step switch
        {
            1 => name + "++",
            -1 => name + "--",
            > 0 => $"{name} += {step}",
            _ => $"{name} -= {-step}",
        };
    }

    private string ElementTarget(ElementAssign element)
        => $"{names[element.Span]}{(element.Span.Type.IsArray() ? "!" : "")}[{expressions.Write(element.Index)}]";

    /// <summary>The operands of a chain of <c>&amp;&amp;</c>, each written to stand as one: where a long condition breaks.</summary>
    private List<string> Conjuncts(IrExpression condition)
    {
        var operands = new List<IrExpression>();
        void Collect(IrExpression expression)
        {
            if (expression is Binary { Operator: BinaryOperator.ConditionalAnd } and)
            {
                Collect(and.Left);
                Collect(and.Right);
            }
            else
            {
                operands.Add(expression);
            }
        }
        Collect(condition);
        return operands.Count == 1 ? [expressions.Write(condition)] : [.. operands.Select(expressions.WriteConjunct)];
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private void WriteIf(If conditional, string keyword)
    {
        var condition = conditional.Condition;
        var (then, otherwise) = (conditional.Then, conditional.Else);
        // The simplifier folds constant branches; should one reach here, only its live arm is
        // written: if (true) … else … is dead code to C# (CS0162), a warning in the user's build.
        if (condition is Constant constant)
        {
            var live = constant.Integer != 0 ? then : otherwise;
            if (keyword == "if")
            {
                WriteBlock(live);
            }
            else
            {
                writer.OpenBlock("else");
                WriteBlock(live);
                writer.CloseBlock();
            }
            return;
        }
        if (then.IsEmpty)
        {
            condition = new Unary(UnaryOperator.Not, condition, IrType.Bool);
            (then, otherwise) = (otherwise, then);
        }
        writer.WriteWrapped($"{keyword} (", Conjuncts(condition), " && ", ")");
        writer.OpenBlock();
        WriteBlock(then);
        writer.CloseBlock();
        if (otherwise.IsEmpty)
            return;
        if (otherwise.Statements.Count == 1 && otherwise.Statements[0] is If elseIf)
        {
            WriteIf(elseIf, "else if");
            return;
        }
        writer.OpenBlock("else");
        WriteBlock(otherwise);
        writer.CloseBlock();
    }

    /// <summary>
    /// The first assignment of a variable declares it: a vector as <c>var</c>, since every vector
    /// expression has exactly the vector type (and its full name is most of a line).
    /// </summary>
    private string Target(IrVariable variable)
        => declared.Add(variable) ? $"{(variable.Type.IsVector() ? "var" : spellings.Type(variable.Type))} {names[variable]}" : names[variable];

    private string DeclareOnOut(IrVariable variable) => Target(variable);
}
