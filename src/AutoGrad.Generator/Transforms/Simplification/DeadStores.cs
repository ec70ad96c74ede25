using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Removes a write outside loops that nothing reads afterwards — such as an adjoint reset
/// after the last reverse iteration — even when the variable is read elsewhere.
/// </summary>
internal static class DeadStores
{
    public static IrBlock Apply(IrBlock body, HashSet<IrVariable> outputs)
    {
        var usage = VariableUsage.Of(body);
        var position = 0;
        return Visit(body, usage, outputs, insideLoop: false, ref position);
    }

    private static IrBlock Visit(IrBlock block, VariableUsage usage, HashSet<IrVariable> outputs, bool insideLoop, ref int position)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var statement in block.Statements)
        {
            var here = position++;
            var (target, value) = statement switch
            {
                Assign assign => (assign.Target, assign.Value),
                AddAssign addAssign => (addAssign.Target, addAssign.Value),
                _ => (null, null),
            };
            if (!insideLoop && target is not null && value is not null && !outputs.Contains(target)
                && usage.LastRead(target) < here && !value.ArgumentWrites().Any())
            {
                continue;
            }
            var counter = position;
            var nestedInLoop = insideLoop || statement is Loop or CountedLoop;
            output.Add(statement.MapBlocks(nested => Visit(nested, usage, outputs, nestedInLoop, ref counter)));
            position = counter;
        }
        return IrBlock.From(output);
    }
}
