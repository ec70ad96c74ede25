using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary><c>a = b; … b = a</c> with neither written in between: the second copy changes nothing.</summary>
internal static class RedundantCopies
{
    public static IrBlock Apply(IrBlock block)
    {
        var statements = block.Statements.Select(statement => statement.MapBlocks(Apply)).ToList();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not Assign { Value: VariableRef { Variable: var source } } first)
                continue;
            for (var j = i + 1; j < statements.Count; j++)
            {
                if (statements[j] is Assign { Value: VariableRef { Variable: var back } } second && second.Target.Equals(source) && back.Equals(first.Target))
                {
                    statements.RemoveAt(j);
                    break;
                }
                var writes = statements[j].Writes().ToList();
                if (writes.Contains(source) || writes.Contains(first.Target))
                    break;
            }
        }
        return IrBlock.From(statements);
    }
}
