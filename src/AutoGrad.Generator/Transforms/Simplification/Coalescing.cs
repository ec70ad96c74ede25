using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// <c>a = b</c> where this is <c>b</c>'s only read and <c>a</c>'s only write: <c>b</c> is renamed
/// <c>a</c> (so a merged value is assigned straight into the out parameter that returns it).
/// </summary>
internal static class Coalescing
{
    public static IrBlock Apply(IrBlock body, HashSet<IrVariable> parameters)
    {
        var usage = VariableUsage.Of(body);
        // A counted loop's counter belongs to its node: it is never renamed onto another variable.
        var counters = new HashSet<IrVariable>(body.Flatten().OfType<CountedLoop>().Select(loop => loop.Counter));
        foreach (var statement in body.Flatten())
        {
            if (statement is Assign { Value: VariableRef { Variable: var source } } copy
                && !parameters.Contains(source)
                && !counters.Contains(source)
                && source.Type == copy.Target.Type
                && usage.Reads(source) == 1
                && usage.IsSingleAssignment(copy.Target)
                && usage.Reads(copy.Target) == 0)
            {
                return Rename(body, copy, source, copy.Target);
            }
        }
        return body;
    }

    private static IrBlock Rename(IrBlock block, Assign copy, IrVariable from, IrVariable to)
        => Without(block, copy).Rename(new Dictionary<IrVariable, IrVariable> { [from] = to });

    private static IrBlock Without(IrBlock block, IrStatement removed)
        => IrBlock.From(block.Statements
            .Where(statement => !ReferenceEquals(statement, removed))
            .Select(statement => statement.MapBlocks(nested => Without(nested, removed))));
}
