using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>Prints one IR method as a C# method: signature, then its statements.</summary>
internal sealed class MethodEmitter
{
    private readonly SourceWriter writer;
    private readonly NameAllocator names;
    private readonly ExpressionWriter expressions;
    private readonly HashSet<IrVariable> declared = [];

    private MethodEmitter(SourceWriter writer, IrMethod method, string containingType)
    {
        this.writer = writer;
        names = new NameAllocator(method.Parameters);
        declared.UnionWith(method.Parameters.Select(parameter => parameter.Variable));
        expressions = new ExpressionWriter(names, containingType, DeclareOnOut);
        // Name in order of appearance, so the first of several same-named variables keeps the plain name.
        foreach (var statement in method.Body.Flatten())
        {
            foreach (var variable in statement.Writes().Concat(statement.Reads()))
                _ = names[variable];
        }
    }

    public static void Emit(SourceWriter writer, IrMethod method, string modifiers, string containingType)
    {
        var emitter = new MethodEmitter(writer, method, containingType);
        var parameters = string.Join(", ", method.Parameters.Select(emitter.Parameter));
        writer.OpenBlock($"{modifiers} {method.ReturnType.ToCSharp()} {method.Name}({parameters})");
        foreach (var variable in DeclarationScopes.VariablesToHoist(method))
        {
            emitter.declared.Add(variable);
            writer.WriteLine($"{variable.Type.ToCSharp()} {emitter.names[variable]} = {Literals.Format(Constant.Of(variable.Type, 0))};");
        }
        emitter.WriteBlock(method.Body);
        writer.CloseBlock();
    }

    private string Parameter(IrParameter parameter)
    {
        var prefix = parameter.Kind switch
        {
            ParameterKind.Ref => "ref ",
            ParameterKind.Out => "out ",
            _ => "",
        };
        var text = $"{prefix}{parameter.Variable.Type.ToCSharp()} {names[parameter.Variable]}";
        return parameter.DefaultValue is { } value ? $"{text} = {Literals.Format(value)}" : text;
    }

    private void WriteBlock(IrBlock block)
    {
        foreach (var statement in block.Statements)
            WriteStatement(statement);
    }

    private void WriteStatement(IrStatement statement)
    {
        switch (statement)
        {
            case Declare declare:
                if (declared.Add(declare.Variable))
                    writer.WriteLine($"{declare.Variable.Type.ToCSharp()} {names[declare.Variable]};");
                break;
            case Assign assign:
                var value = expressions.Write(assign.Value);
                writer.WriteLine($"{Target(assign.Target)} = {value};");
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
        }
    }

    private void WriteIf(If conditional, string keyword)
    {
        var condition = conditional.Condition;
        var (then, otherwise) = (conditional.Then, conditional.Else);
        if (then.IsEmpty)
        {
            condition = new Unary(UnaryOperator.Not, condition, IrType.Bool);
            (then, otherwise) = (otherwise, then);
        }
        writer.OpenBlock($"{keyword} ({expressions.Write(condition)})");
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

    /// <summary>The first assignment of a variable declares it.</summary>
    private string Target(IrVariable variable)
        => declared.Add(variable) ? $"{variable.Type.ToCSharp()} {names[variable]}" : names[variable];

    private string DeclareOnOut(IrVariable variable) => Target(variable);
}
