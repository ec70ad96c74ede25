using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// <c>if (c) A1 else A2; if (c) B1 else B2</c> becomes <c>if (c) { A1; B1 } else { A2; B2 }</c> when neither arm of the first
/// writes what <c>c</c> reads. The transforms write a branch per statement of the user's branch (each recomputed value, each
/// contribution of the reverse sweep, on the condition the forward sweep saved); merged, the arm's contributions to one
/// adjoint sit together where the other simplifications fold them into one.
/// </summary>
internal static class BranchMerging
{
    /// <summary>
    /// One pass in order, linear in the block. Declarations between the two branches (the second one's targets, as the
    /// transforms write them) move before the first: declaring a variable earlier in the same block changes nothing.
    /// </summary>
    public static IrBlock Apply(IrBlock block)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        var changed = false;
        var lastBranch = -1;
        foreach (var original in block.Statements)
        {
            var statement = original.MapBlocks(Apply);
            changed |= !ReferenceEquals(statement, original);
            if (statement is If next && lastBranch >= 0 && output[lastBranch] is If previous
                && previous.Condition.Equals(next.Condition) && IsScalarValue(next.Condition)
                && !WritesAnyOf(previous, next.Condition.ReadVariables()))
            {
                var declarations = output.Skip(lastBranch + 1).ToList();
                output.RemoveRange(lastBranch, output.Count - lastBranch);
                output.AddRange(declarations);
                lastBranch = output.Count;
                output.Add(new If(previous.Condition, IrBlock.From(previous.Then.Statements.Concat(next.Then.Statements)),
                    IrBlock.From(previous.Else.Statements.Concat(next.Else.Statements))));
                changed = true;
                continue;
            }
            if (statement is If)
                lastBranch = output.Count;
            else if (statement is not Declare)
                lastBranch = -1;
            output.Add(statement);
        }
        return changed ? IrBlock.From(output) : block;
    }

    /// <summary>A condition computed from scalar variables alone: only an assignment to one of them changes it.</summary>
    private static bool IsScalarValue(IrExpression condition)
        => !condition.Contains(node => node is not (VariableRef or Constant or Binary or Unary or Convert or Conditional));

    private static bool WritesAnyOf(If branch, IEnumerable<IrVariable> variables)
    {
        var written = new HashSet<IrVariable>(branch.Writes());
        return variables.Any(written.Contains);
    }
}
