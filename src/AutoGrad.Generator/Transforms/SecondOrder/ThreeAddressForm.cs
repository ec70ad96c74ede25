using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms.SecondOrder;

/// <summary>
/// Splits a transformed method back into one operation per assignment, the form the derivative
/// rules read (their operands are variables). The simplifier inlined single-use values into the
/// adjoint's expressions — <c>wBar += 2·resultBar·error·x</c> — which is what a reader wants, but
/// the forward transform needs each product, quotient and call as a value of its own to apply the
/// chain rule to it. A floating-point conditional becomes a declared value assigned in both arms of
/// an <see cref="If"/>; an assignment whose value reads its own target goes through a temporary, so
/// a rule that uses the result (d exp(a) = exp(a)·da) reads the new value and the operands the old.
/// Boolean and integer expressions (conditions, indices, lengths) are left as they are: nothing
/// differentiates through them.
/// </summary>
internal sealed class ThreeAddressForm
{
    private readonly VariableFactory variables;

    private ThreeAddressForm(int nextVariableId)
    {
        variables = new VariableFactory(nextVariableId);
    }

    public static IrMethod Apply(IrMethod method)
    {
        var form = new ThreeAddressForm(method.NextVariableId);
        var body = form.Block(method.Body);
        return method with { Body = body, NextVariableId = form.variables.NextId };
    }

    private IrBlock Block(IrBlock block)
    {
        var output = new List<IrStatement>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case Assign assign:
                    var value = Operation(assign.Value, output);
                    if (!IsAtom(value) && value.ReadVariables().Contains(assign.Target))
                        value = Temporary(value, output);
                    output.Add(new Assign(assign.Target, value));
                    break;
                case AddAssign addAssign:
                    output.Add(new AddAssign(addAssign.Target, Atom(addAssign.Value, output)));
                    break;
                case ElementAssign element:
                    output.Add(element with { Value = Atom(element.Value, output) });
                    break;
                case Store store:
                    output.Add(store with { Value = Atom(store.Value, output) });
                    break;
                case Return ret:
                    output.Add(new Return(Atom(ret.Value, output)));
                    break;
                case ExpressionStatement { Expression: DifferentiableCall call }:
                    output.Add(new ExpressionStatement(Atoms(call, output)));
                    break;
                case ExpressionStatement { Expression: MethodCall { AdjointOf: not null } call }:
                    // A callee's cotangent arrives as an expression (2·resultBar); its tangent needs it as a value.
                    var arguments = call.Arguments.Select(argument => argument.Kind == ArgumentKind.Value ? argument with { Value = ScalarAtom(argument.Value, output) } : argument);
                    output.Add(new ExpressionStatement(call with { Arguments = arguments.ToEquatableArray() }));
                    break;
                default:
                    output.Add(statement.MapBlocks(Block));
                    break;
            }
        }
        return IrBlock.From(output);
    }

    /// <summary>The expression as one operation over atoms, the statements computing its operands added to <paramref name="output"/>.</summary>
    private IrExpression Operation(IrExpression expression, List<IrStatement> output)
    {
        if (!expression.Type.IsDifferentiable())
            return expression;
        switch (expression)
        {
            case Binary binary:
                return binary with { Left = Atom(binary.Left, output), Right = Atom(binary.Right, output) };
            case Unary unary:
                return unary with { Operand = Atom(unary.Operand, output) };
            case Convert { Operand.Type: var from } convert when from.IsFloatingPoint():
                return convert with { Operand = Atom(convert.Operand, output) };
            case IntrinsicCall call:
                return call with { Arguments = call.Arguments.Select(argument => Atom(argument, output)).ToEquatableArray() };
            case MatrixCall call:
                return call with { Arguments = call.Arguments.Select(argument => Atom(argument, output)).ToEquatableArray() };
            case DifferentiableCall call:
                return Atoms(call, output);
            case Conditional conditional:
                var merged = variables.Create("selected", conditional.Type, VariableRole.Temporary);
                var whenTrue = new List<IrStatement>();
                whenTrue.Add(new Assign(merged, Operation(conditional.WhenTrue, whenTrue)));
                var whenFalse = new List<IrStatement>();
                whenFalse.Add(new Assign(merged, Operation(conditional.WhenFalse, whenFalse)));
                output.Add(new Declare(merged));
                output.Add(new If(conditional.Condition, IrBlock.From(whenTrue), IrBlock.From(whenFalse)));
                return new VariableRef(merged);
            default:
                return expression;
        }
    }

    /// <summary>A callee's scalar arguments as atoms: the simplifier inlines values into them (Atan2(a, a + 0.3)), and a nested argument's tangent would be lost.</summary>
    private DifferentiableCall Atoms(DifferentiableCall call, List<IrStatement> output)
        => call with { Arguments = call.Arguments.Select(argument => ScalarAtom(argument, output)).ToEquatableArray() };

    /// <summary>A floating-point argument as an atom; spans, slices and integers as they are.</summary>
    private IrExpression ScalarAtom(IrExpression argument, List<IrStatement> output)
        => argument.Type.IsFloatingPoint() ? Atom(argument, output) : argument;

    /// <summary>The expression as an atom: itself if it is one, else a temporary assigned its operation.</summary>
    private IrExpression Atom(IrExpression expression, List<IrStatement> output)
    {
        var operation = Operation(expression, output);
        return IsAtom(operation) || !operation.Type.IsDifferentiable() ? operation : Temporary(operation, output);
    }

    private VariableRef Temporary(IrExpression value, List<IrStatement> output)
    {
        var temporary = variables.Create("t", value.Type, VariableRole.Temporary);
        output.Add(new Assign(temporary, value));
        return new VariableRef(temporary);
    }

    /// <summary>What the rules take as an operand as it is: a variable or a constant (an element read is an operation of its own).</summary>
    private static bool IsAtom(IrExpression expression)
        => expression is VariableRef or Constant or FieldRef;
}
