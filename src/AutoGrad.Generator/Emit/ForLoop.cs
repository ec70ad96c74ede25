using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Printing only: how a general <see cref="Loop"/> (a <c>while</c> — a loop with a break or a return, a
/// source <c>while</c>, a vector loop and its scalar tail) reads best. When its body ends by stepping an
/// integer it carries by a constant, it prints as <c>for (; condition; step)</c>, and with the counter's
/// set-up just before it as <c>for (int i = start; condition; step)</c>. No pass relies on this: a loop
/// over a range is a <see cref="CountedLoop"/>, which prints as its <c>for</c> directly.
/// </summary>
internal sealed record ForLoop(IrVariable Counter, IrExpression Start, long Step, Loop Loop, IrBlock BodyWithoutStep)
{
    public static ForLoop? Match(IrStatement initialization, IrStatement next, IrBlock method)
    {
        if (initialization is not Assign { Target: { Type: IrType.Int or IrType.Long } counter } start
            || next is not Loop loop
            || Stepped(loop) is not { } stepped
            || !stepped.Counter.Equals(counter))
        {
            return null;
        }
        // The counter is scoped to the for statement: nothing after the loop may read it.
        return IsUsedOutside(method, loop, initialization, counter) ? null : stepped with { Start = start.Value };
    }

    /// <summary>
    /// A loop whose body ends by stepping a carried integer by a constant that nothing else in the
    /// body writes: it prints as <c>for (; condition; step)</c> when its counter is set elsewhere.
    /// </summary>
    public static ForLoop? Stepped(Loop loop)
    {
        if (loop.Body.Statements.Count == 0
            || loop.Body.Statements[loop.Body.Statements.Count - 1] is not Assign { Target: { Type: IrType.Int or IrType.Long } counter, Value: Binary stepExpression }
            || !loop.Carried.Contains(counter)
            || stepExpression is not { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: VariableRef { Variable: var stepped }, Right: Constant amount }
            || !stepped.Equals(counter))
        {
            return null;
        }
        var body = IrBlock.From(loop.Body.Statements.Take(loop.Body.Statements.Count - 1));
        if (body.Flatten().Any(statement => statement.Writes().Contains(counter)))
            return null;
        var step = stepExpression.Operator == BinaryOperator.Add ? amount.Integer : -amount.Integer;
        return step == 0 ? null : new ForLoop(counter, new VariableRef(counter), step, loop, body);
    }

    private static bool IsUsedOutside(IrBlock method, Loop loop, IrStatement initialization, IrVariable counter)
    {
        foreach (var statement in method.Statements)
        {
            if (ReferenceEquals(statement, loop) || ReferenceEquals(statement, initialization))
                continue;
            if (ReferencesOutside(statement, loop, initialization, counter))
                return true;
        }
        return false;
    }

    private static bool ReferencesOutside(IrStatement statement, Loop loop, IrStatement initialization, IrVariable counter)
    {
        if (ReferenceEquals(statement, loop) || ReferenceEquals(statement, initialization))
            return false;
        if (statement.Expressions().Any(expression => expression.ReadVariables().Contains(counter)))
            return true;
        if (statement is Assign assign && assign.Target.Equals(counter))
            return true;
        return statement.Blocks().Any(block => block.Statements.Any(nested => ReferencesOutside(nested, loop, initialization, counter)));
    }
}
