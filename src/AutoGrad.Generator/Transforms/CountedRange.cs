using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// A loop over a range whose bounds are known before it starts: <c>for (i = start; i &lt; end; i++)</c>
/// (or <c>&lt;=</c>, or counting down with <c>&gt;</c>/<c>&gt;=</c>), with no break. Its reverse sweep can walk
/// the same range backwards instead of counting iterations, and index kept values by <c>i - start</c>.
/// </summary>
internal sealed record CountedRange(IrVariable Counter, IrExpression Start, IrExpression End, long Step, bool Inclusive)
{
    public static CountedRange? Match(Loop loop, IReadOnlyDictionary<IrVariable, IrExpression> initialValues)
    {
        if (loop.Condition is not Binary { Left: VariableRef { Variable: var counter }, Right: var end } comparison
            || counter.Type != IrType.Int
            || !initialValues.TryGetValue(counter, out var start)
            || LoopCounters.Step(loop, counter) is not { } step
            || step is not (1 or -1))
        {
            return null;
        }
        // The bound must not change while the loop runs.
        // Writing a span's elements leaves its length alone, so spans do not count as assigned.
        var assignedInLoop = new HashSet<IrVariable>(loop.Body.Flatten().SelectMany(statement => statement.Writes()).Concat(loop.Carried).Where(variable => !variable.Type.IsSpan()));
        if (end.ReadVariables().Any(assignedInLoop.Contains) || start.ReadVariables().Any(assignedInLoop.Contains))
            return null;
        return (comparison.Operator, step) switch
        {
            (BinaryOperator.Less, 1) => new CountedRange(counter, start, end, step, Inclusive: false),
            (BinaryOperator.LessOrEqual, 1) => new CountedRange(counter, start, end, step, Inclusive: true),
            (BinaryOperator.Greater, -1) => new CountedRange(counter, start, end, step, Inclusive: false),
            (BinaryOperator.GreaterOrEqual, -1) => new CountedRange(counter, start, end, step, Inclusive: true),
            _ => null,
        };
    }

    /// <summary>The iteration's index for a counter value: how many steps from the start.</summary>
    public IrExpression IndexOf(IrVariable counter)
        => Step > 0
            ? new Binary(BinaryOperator.Subtract, new VariableRef(counter), Start, IrType.Int)
            : new Binary(BinaryOperator.Subtract, Start, new VariableRef(counter), IrType.Int);

    /// <summary>The range backwards: the last value the counter took, the condition to go on, and the step.</summary>
    public (IrExpression First, IrExpression Condition, long Step) Backwards(IrVariable counter)
    {
        var (_, last) = Extent();
        var condition = new Binary(Step > 0 ? BinaryOperator.GreaterOrEqual : BinaryOperator.LessOrEqual, new VariableRef(counter), Start, IrType.Bool);
        return (last, condition, -Step);
    }

    /// <summary>The first and last values the counter takes (when the loop runs at all).</summary>
    public (IrExpression First, IrExpression Last) Extent()
    {
        var last = Inclusive ? End : new Binary(Step > 0 ? BinaryOperator.Subtract : BinaryOperator.Add, End, Constant.Of(IrType.Int, 1), IrType.Int);
        return (Start, last);
    }

    /// <summary>Whether the loop runs at least once.</summary>
    public IrExpression RunsAtAll() => new Binary(
        (Step > 0, Inclusive) switch
        {
            (true, false) => BinaryOperator.Less,
            (true, true) => BinaryOperator.LessOrEqual,
            (false, false) => BinaryOperator.Greater,
            _ => BinaryOperator.GreaterOrEqual,
        },
        Start, End, IrType.Bool);

    /// <summary>How many iterations the loop makes (zero when it does not run).</summary>
    public IrExpression TripCount()
    {
        IrExpression span = Step > 0
            ? new Binary(BinaryOperator.Subtract, End, Start, IrType.Int)
            : new Binary(BinaryOperator.Subtract, Start, End, IrType.Int);
        if (Inclusive)
            span = new Binary(BinaryOperator.Add, span, Constant.Of(IrType.Int, 1), IrType.Int);
        var count = new IntrinsicCall(Intrinsic.Max, Helpers.EquatableArray.Create(Constant.Of(IrType.Int, 0), span), IrType.Int);
        return ExpressionSimplifier.Simplify(count, exact: true);
    }
}
