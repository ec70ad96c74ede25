using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>Recognises a loop's counter: an integer the loop carries and steps by one non-zero constant each iteration.</summary>
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
    /// What the statements just before a loop set its carried variables to (the lowering sets them
    /// right before it). <paramref name="loopAt"/> is the loop's index in <paramref name="block"/>,
    /// or the block's length when the loop is about to be appended.
    /// </summary>
    public static Dictionary<IrVariable, IrExpression> InitialValues(IReadOnlyList<IrStatement> block, int loopAt, Loop? loop = null)
    {
        loop ??= (Loop)block[loopAt];
        var values = new Dictionary<IrVariable, IrExpression>();
        for (var i = loopAt - 1; i >= 0 && block[i] is Assign assign && loop.Carried.Contains(assign.Target); i--)
            values[assign.Target] = assign.Value;
        return values;
    }
}
