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
        // Its length may be read; its elements may not (nor may it be passed on).
        if (body.Flatten().Any(statement => statement.Expressions().Any(expression => ReadsElementsOf(expression, output))))
            return false;
        var sites = new List<(ElementAssign Write, List<Loop> Loops)>();
        Collect(body, output, [], sites);
        if (sites.Count != 1 || sites[0].Write.Accumulate)
            return false;
        var (write, loops) = sites[0];
        return loops.Count switch
        {
            0 => true,
            1 => write.Index is VariableRef { Variable: var counter } && LoopCounters.Step(loops[0], counter) is not null,
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

    private static bool ReadsElementsOf(IrExpression expression, IrVariable output) => expression switch
    {
        SpanLength => false,
        ElementRead read when read.Collection.Equals(output) => true,
        Slice slice when slice.Span.Equals(output) => true,
        VariableRef reference when reference.Variable.Equals(output) => true,
        _ => expression.Children().Any(child => ReadsElementsOf(child, output)),
    };
}
