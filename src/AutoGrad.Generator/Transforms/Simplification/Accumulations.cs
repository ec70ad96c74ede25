using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// <c>aBar = 0; … aBar += e</c> becomes <c>aBar = e</c>, and consecutive contributions to one
/// adjoint become one sum, when nothing in between touches what moves.
/// </summary>
internal static class Accumulations
{
    public static IrBlock Fold(IrBlock block)
    {
        var statements = block.Statements
            .Select(statement => statement.MapBlocks(Fold))
            .ToList();
        for (var i = 0; i < statements.Count; i++)
        {
            var (target, value, isAccumulation) = statements[i] switch
            {
                Assign { Target.Role: VariableRole.Adjoint or VariableRole.Tangent } assign => (assign.Target, assign.Value, false),
                AddAssign addAssign => (addAssign.Target, addAssign.Value, true),
                _ => (null, null, false),
            };
            // A matrix adjoint is a buffer added into in place (with broadcasting undone): it is not folded.
            if (target is null || value is null || target.Type.IsMatrix() || value.ReadVariables().Contains(target))
                continue;
            var next = NextReference(statements, i, target);
            if (next < 0 || statements[next] is not AddAssign contribution || contribution.Value.ReadVariables().Contains(target))
                continue;
            if (!isAccumulation && value is Constant { IsZero: true })
            {
                statements[next] = new Assign(target, contribution.Value);
                statements.RemoveAt(i);
                i--;
                continue;
            }
            // Folding every contribution of a long method into one sum would build an expression as deep
            // as the method is long (and rescan it on every fold): sums stop at the inlining depth.
            if (Inlining.Depth(value) + Inlining.Depth(contribution.Value) >= Inlining.MaximumDepth)
                continue;
            var moved = new HashSet<IrVariable>(value.ReadVariables());
            var untouched = Enumerable.Range(i + 1, next - i - 1).All(k => !statements[k].Writes().Any(moved.Contains));
            if (!untouched)
                continue;
            var sum = DerivativeRules.Add(value, contribution.Value);
            statements[next] = isAccumulation ? new AddAssign(target, sum) : new Assign(target, sum);
            statements.RemoveAt(i);
            i--;
        }
        return IrBlock.From(statements);
    }

    private static int NextReference(List<IrStatement> statements, int from, IrVariable variable)
    {
        for (var k = from + 1; k < statements.Count; k++)
        {
            if (statements[k].Reads().Contains(variable) || statements[k].Writes().Contains(variable))
                return k;
        }
        return -1;
    }
}
