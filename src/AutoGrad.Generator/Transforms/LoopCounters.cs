using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Secondary induction variables: an integer a general <see cref="Loop"/> carries and steps by one non-zero
/// constant each iteration (a <c>while</c> loop's <c>i++</c>, a second counter <c>j += 2</c>). This is an
/// analysis of the loop's body, for the reverse sweep to recompute such a value from the iteration's index
/// instead of keeping it; a loop's own range is never rediscovered here — that is <see cref="CountedLoop"/>,
/// decided by the lowering.
/// </summary>
internal static class LoopCounters
{
    /// <summary>The counter's step, or null if the variable is not a counter of the loop.</summary>
    public static long? Step(Loop loop, IrVariable variable)
    {
        if (!variable.Type.IsInteger() || !loop.Carried.Contains(variable))
            return null;
        var definitions = loop.Body.Flatten().OfType<Assign>().ToLookup(assign => assign.Target);
        var steps = definitions[variable]
            .SelectMany(update => update.Value is VariableRef { Variable: var next } ? definitions[next].Select(definition => definition.Value) : [update.Value])
            .Select(value => StepOf(value, variable))
            .Distinct()
            .ToList();
        return steps.Count == 1 && steps[0] is { } step && step != 0 ? step : null;
    }

    private static long? StepOf(IrExpression value, IrVariable counter) => value switch
    {
        Binary { Operator: BinaryOperator.Add, Left: VariableRef { Variable: var from }, Right: Constant amount } when from.Equals(counter) => amount.Integer,
        Binary { Operator: BinaryOperator.Subtract, Left: VariableRef { Variable: var from }, Right: Constant amount } when from.Equals(counter) => -amount.Integer,
        _ => null,
    };

    /// <summary>
    /// What the statements just before a loop (general or counted) set its carried variables to, as the
    /// lowering sets them right before it: the start of a secondary counter, and where the reverse sweep's
    /// set-up goes (before them). <paramref name="loopAt"/> is the loop's index in <paramref name="block"/>,
    /// or the block's length when the loop is about to be appended.
    /// </summary>
    public static Dictionary<IrVariable, IrExpression> InitialValues(IReadOnlyList<IrStatement> block, int loopAt, IrStatement loop)
    {
        var carried = loop switch
        {
            Loop general => general.Carried,
            CountedLoop counted => counted.Carried,
            _ => throw IrTraversal.Unknown(loop),
        };
        var values = new Dictionary<IrVariable, IrExpression>();
        for (var i = loopAt - 1; i >= 0 && block[i] is Assign assign && carried.Contains(assign.Target); i--)
            values[assign.Target] = assign.Value;
        return values;
    }
}
