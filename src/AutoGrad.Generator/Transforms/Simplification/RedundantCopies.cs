using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary><c>a = b; … b = a</c> with neither written in between: the second copy changes nothing.</summary>
internal static class RedundantCopies
{
    /// <summary>
    /// One pass in order, keeping the copies still in force (both sides unwritten since): a copy
    /// back along one of them is dropped; any other write ends the copies it touches. Linear in the
    /// block, so long straight-line methods stay cheap to simplify.
    /// </summary>
    public static IrBlock Apply(IrBlock block)
    {
        var inForce = new Dictionary<IrVariable, IrVariable>();
        var targetsOf = new Dictionary<IrVariable, HashSet<IrVariable>>();
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var original in block.Statements)
        {
            var statement = original switch
            {
                Loop loop => loop.WithBody(Apply(loop.Body)),
                CountedLoop counted => counted.WithBody(Apply(counted.Body)),
                _ => original.MapBlocks(Apply),
            };
            if (statement is Assign { Value: VariableRef { Variable: var back } } copy
                && inForce.TryGetValue(back, out var source) && source.Equals(copy.Target))
            {
                continue;
            }

            foreach (var written in statement.Writes().Distinct())
                End(written);
            output.Add(statement);
            if (statement is Assign { Value: VariableRef { Variable: var from } } newCopy && !from.Equals(newCopy.Target))
            {
                inForce[newCopy.Target] = from;
                if (!targetsOf.TryGetValue(from, out var targets))
                    targetsOf[from] = targets = [];
                targets.Add(newCopy.Target);
            }
        }
        return IrBlock.From(output);

        void End(IrVariable written)
        {
            if (inForce.TryGetValue(written, out var from))
            {
                inForce.Remove(written);
                targetsOf[from].Remove(written);
            }
            if (targetsOf.TryGetValue(written, out var targets))
            {
                foreach (var target in targets)
                    inForce.Remove(target);
                targets.Clear();
            }
        }
    }
}
