using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// A callee's adjoint runs only on the paths where its cotangent can be nonzero, as read from the
/// code's structure, never from values at run time (so the Hessian-vector product, which
/// differentiates these conditions as they are, stays exact):
/// <list type="bullet">
/// <item>The reverse of <c>m = Math.Max(m, F(…))</c> passes <c>F</c>'s adjoint <c>t &gt; m ? mBar : t == m ? ½·mBar : 0</c>,
/// a literal zero chosen by a conditional: the call is put under the condition for the other choices
/// (<c>t &gt; m || t == m</c>).</item>
/// <item>The reverse of <c>t = F(…); if (m &lt; t) m = t;</c> sets <c>tBar = 0</c>, adds into it in one arm of
/// the branch only, then calls the adjoint: the call moves to the end of that arm.</item>
/// <item>A call whose cotangent variable still holds the zero it was set to does not run.</item>
/// </list>
/// A skipped call leaves its outputs as they were: it would have added zero to them (or NaN, for a
/// callee whose gradient is infinite there, which PyTorch gives and this does not: near the point the
/// skipped term does not change the result).
/// </summary>
internal static class ZeroCotangents
{
    public static IrBlock Guard(IrBlock block)
    {
        // Scalar variables known to hold the literal zero last assigned to them, and which of them
        // did before the last statement when that is a branch.
        var zero = new HashSet<IrVariable>();
        HashSet<IrVariable>? zeroBeforeBranch = null;
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var original in block.Statements)
        {
            var statement = original.MapBlocks(Guard);
            if (Cotangent(statement) is { } cotangent)
            {
                if (cotangent is VariableRef { Variable: var held } && zero.Contains(held))
                    continue;
                if (cotangent is VariableRef { Variable: var added } && zeroBeforeBranch is not null && zeroBeforeBranch.Contains(added)
                    && SinkInto((If)output[output.Count - 1], added, statement) is { } sunk)
                {
                    output[output.Count - 1] = sunk;
                    zero.ExceptWith(statement.Writes());
                    zeroBeforeBranch = null;
                    continue;
                }
                if (NonzeroWhen(cotangent) is { MayBeZero: true, Condition: var condition })
                    statement = new If(condition, IrBlock.From([statement]), IrBlock.Empty);
            }
            zeroBeforeBranch = statement is If ? new HashSet<IrVariable>(zero) : null;
            foreach (var written in statement.Writes())
                zero.Remove(written);
            if (statement is Assign { Value: Constant constant } assign && constant.Type.IsFloatingPoint() && constant.IsZero)
                zero.Add(assign.Target);
            output.Add(statement);
        }
        return IrBlock.From(output);
    }

    /// <summary>The scalar cotangent passed to a callee's adjoint, if the statement is such a call.</summary>
    private static IrExpression? Cotangent(IrStatement statement)
        => statement is ExpressionStatement { Expression: MethodCall { AdjointOf: not null, Arguments: { Count: > 0 } arguments } }
           && arguments[arguments.Count - 1] is { Kind: ArgumentKind.Value, Value: var cotangent } && cotangent.Type.IsFloatingPoint()
            ? cotangent
            : null;

    /// <summary>The branch with the call at the end of the one arm that writes the cotangent, when the other leaves it zero.</summary>
    private static If? SinkInto(If branch, IrVariable cotangent, IrStatement call)
    {
        var inThen = branch.Then.Statements.Any(statement => statement.Writes().Contains(cotangent));
        var inElse = branch.Else.Statements.Any(statement => statement.Writes().Contains(cotangent));
        if (inThen == inElse)
            return null;
        return inThen
            ? branch with { Then = IrBlock.From(branch.Then.Statements.Append(call)) }
            : branch with { Else = IrBlock.From(branch.Else.Statements.Append(call)) };
    }

    /// <summary>Whether some path of the expression gives a literal zero, and the condition under which it may not be zero.</summary>
    private static (bool MayBeZero, IrExpression Condition) NonzeroWhen(IrExpression expression)
    {
        switch (expression)
        {
            case Constant constant when constant.Type.IsFloatingPoint() && constant.IsZero:
                return (true, Constant.Bool(false));
            case Conditional conditional:
            {
                var whenTrue = NonzeroWhen(conditional.WhenTrue);
                var whenFalse = NonzeroWhen(conditional.WhenFalse);
                if (!whenTrue.MayBeZero && !whenFalse.MayBeZero)
                    return (false, Constant.Bool(true));
                return (true, Or(And(conditional.Condition, whenTrue.Condition), And(Not(conditional.Condition), whenFalse.Condition)));
            }
            case Binary { Operator: BinaryOperator.Multiply } product:
            {
                var left = NonzeroWhen(product.Left);
                var right = NonzeroWhen(product.Right);
                return (left.MayBeZero || right.MayBeZero, And(left.Condition, right.Condition));
            }
            case Unary { Operator: UnaryOperator.Negate } negation:
                return NonzeroWhen(negation.Operand);
            case Convert conversion when conversion.Operand.Type.IsFloatingPoint():
                return NonzeroWhen(conversion.Operand);
            default:
                return (false, Constant.Bool(true));
        }
    }

    private static IrExpression Not(IrExpression condition) => condition is Constant constant
        ? Constant.Bool(constant.Integer == 0)
        : new Unary(UnaryOperator.Not, condition, IrType.Bool);

    private static IrExpression And(IrExpression left, IrExpression right) => (left, right) switch
    {
        (Constant { Integer: 0 }, _) or (_, Constant { Integer: 0 }) => Constant.Bool(false),
        (Constant, _) => right,
        (_, Constant) => left,
        _ => new Binary(BinaryOperator.ConditionalAnd, left, right, IrType.Bool),
    };

    private static IrExpression Or(IrExpression left, IrExpression right) => (left, right) switch
    {
        (Constant { Integer: not 0 }, _) or (_, Constant { Integer: not 0 }) => Constant.Bool(true),
        (Constant, _) => right,
        (_, Constant) => left,
        // c || (!c && d) is c || d.
        (_, Binary { Operator: BinaryOperator.ConditionalAnd, Left: Unary { Operator: UnaryOperator.Not, Operand: var negated }, Right: var rest })
            when negated.Equals(left) => Or(left, rest),
        _ => new Binary(BinaryOperator.ConditionalOr, left, right, IrType.Bool),
    };
}
