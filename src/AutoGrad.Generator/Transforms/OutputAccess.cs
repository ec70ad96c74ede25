using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>How a method uses an output span, which decides how its adjoint reads the cotangent.</summary>
internal static class OutputAccess
{
    /// <summary>
    /// True when the output is never read back and is written at one place, which writes each
    /// element at most once: outside loops, or in a single loop indexed by its counter (a carried
    /// integer stepped by a non-zero constant). Then each element's cotangent goes to the one value
    /// written there, and the adjoint can read it directly.
    /// </summary>
    public static bool IsWrittenOncePerElement(IrBlock body, IrVariable output)
    {
        if (body.Flatten().Any(statement => statement.Expressions().Any(expression => expression.ReadVariables().Contains(output))))
            return false;
        var sites = new List<(ElementAssign Write, List<Loop> Loops)>();
        Collect(body, output, [], sites);
        if (sites.Count != 1 || sites[0].Write.Accumulate)
            return false;
        var (write, loops) = sites[0];
        return loops.Count switch
        {
            0 => true,
            1 => write.Index is VariableRef { Variable: var counter } && IsCounter(loops[0], counter),
            _ => false,
        };
    }

    private static void Collect(IrBlock block, IrVariable output, List<Loop> loops, List<(ElementAssign, List<Loop>)> sites)
    {
        foreach (var statement in block.Statements)
        {
            if (statement is ElementAssign element && element.Span.Equals(output))
                sites.Add((element, loops));
            var inner = statement is Loop loop ? [.. loops, loop] : loops;
            foreach (var nested in statement.Blocks())
                Collect(nested, output, inner, sites);
        }
    }

    /// <summary>Whether the variable is the loop's counter: carried, and each iteration sets it to itself plus or minus a non-zero constant.</summary>
    private static bool IsCounter(Loop loop, IrVariable variable)
    {
        if (!variable.Type.IsInteger() || !loop.Carried.Contains(variable))
            return false;
        var definitions = loop.Body.Flatten().OfType<Assign>().ToLookup(assign => assign.Target);
        var updates = definitions[variable].ToList();
        return updates.Count > 0 && updates.All(update => update.Value switch
        {
            VariableRef { Variable: var next } => definitions[next].All(definition => IsStep(definition.Value, variable)),
            var value => IsStep(value, variable),
        });
    }

    private static bool IsStep(IrExpression value, IrVariable counter)
        => value is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: VariableRef { Variable: var from }, Right: Constant { Integer: not 0 } }
           && from.Equals(counter);
}
