using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>The arithmetic of a <see cref="CountedLoop"/>'s range, for the passes that use it (the reverse sweep, bounds checks, the simplifier).</summary>
internal static class CountedRanges
{
    /// <summary>The iteration's index for a value of the counter (this one's or another walking the same range): how many steps from the start.</summary>
    public static IrExpression IndexOf(this CountedLoop loop, IrVariable counter)
    {
        IrExpression distance = loop.Step > 0
            ? new Binary(BinaryOperator.Subtract, new VariableRef(counter), loop.Start, counter.Type)
            : new Binary(BinaryOperator.Subtract, loop.Start, new VariableRef(counter), counter.Type);
        if (System.Math.Abs(loop.Step) != 1)
            distance = new Binary(BinaryOperator.Divide, distance, Constant.Of(counter.Type, System.Math.Abs(loop.Step)), counter.Type);
        return counter.Type == IrType.Int ? distance : new Convert(distance, IrType.Int);
    }

    /// <summary>The first and last values the counter takes when the loop runs at all (a step of one or minus one).</summary>
    public static (IrExpression First, IrExpression Last) Extent(this CountedLoop loop)
    {
        var last = loop.Inclusive ? loop.End : new Binary(loop.Step > 0 ? BinaryOperator.Subtract : BinaryOperator.Add, loop.End, Constant.Of(loop.Counter.Type, 1), loop.Counter.Type);
        return (loop.Start, last);
    }

    /// <summary>The last value the counter takes: <c>Start + (trips − 1)·Step</c> (one step short of the start when the loop does not run).</summary>
    /// <param name="trips">The trip count (an <c>int</c>), when the caller holds it in a variable already.</param>
    public static IrExpression Last(this CountedLoop loop, IrExpression? trips = null)
    {
        if (System.Math.Abs(loop.Step) == 1)
            return ExpressionSimplifier.Simplify(loop.Extent().Last, exact: true);
        var type = loop.Counter.Type;
        trips ??= loop.TripCount();
        if (type != IrType.Int)
            trips = new Convert(trips, type);
        var steps = new Binary(BinaryOperator.Multiply, new Binary(BinaryOperator.Subtract, trips, Constant.Of(type, 1), type), Constant.Of(type, loop.Step), type);
        return ExpressionSimplifier.Simplify(new Binary(BinaryOperator.Add, loop.Start, steps, type), exact: true);
    }

    /// <summary>
    /// The same range walked backwards by <paramref name="counter"/>: from <see cref="Last"/> to <see cref="CountedLoop.Start"/>
    /// inclusive (<c>&lt; e</c> rather than <c>&lt;= e - 1</c> when the start reads so), carrying nothing.
    /// </summary>
    public static CountedLoop Backwards(this CountedLoop loop, IrVariable counter, IrBlock body, IrExpression? trips = null)
    {
        var (end, inclusive) = (loop.Start, -loop.Step) switch
        {
            (Binary { Operator: BinaryOperator.Subtract, Left: var e, Right: Constant { Integer: 1 } }, > 0) => (e, false),
            (Binary { Operator: BinaryOperator.Add, Left: var e, Right: Constant { Integer: 1 } }, < 0) => (e, false),
            _ => (loop.Start, true),
        };
        return new CountedLoop(counter, loop.Last(trips), end, -loop.Step, inclusive, body, EquatableArray<IrVariable>.Empty);
    }

    /// <summary>Whether the loop runs at least once.</summary>
    public static IrExpression RunsAtAll(this CountedLoop loop) => new Binary(loop.Comparison, loop.Start, loop.End, IrType.Bool);

    /// <summary>How many iterations the loop makes (zero when it does not run), as an <c>int</c>.</summary>
    public static IrExpression TripCount(this CountedLoop loop)
    {
        var type = loop.Counter.Type;
        IrExpression span = loop.Step > 0
            ? new Binary(BinaryOperator.Subtract, loop.End, loop.Start, type)
            : new Binary(BinaryOperator.Subtract, loop.Start, loop.End, type);
        // ⌈span / |step|⌉ iterations below an exclusive end, ⌊span / |step|⌋ + 1 up to an inclusive one
        // (both as (span + k) / |step|, which truncation keeps at or below zero for an empty range).
        var magnitude = System.Math.Abs(loop.Step);
        var add = loop.Inclusive ? magnitude : magnitude - 1;
        if (add != 0)
            span = new Binary(BinaryOperator.Add, span, Constant.Of(type, add), type);
        if (magnitude != 1)
            span = new Binary(BinaryOperator.Divide, span, Constant.Of(type, magnitude), type);
        IrExpression count = new IntrinsicCall(Intrinsic.Max, EquatableArray.Create(Constant.Of(type, 0), span), type);
        if (type != IrType.Int)
            count = new Convert(count, IrType.Int);
        return ExpressionSimplifier.Simplify(count, exact: true);
    }
}
