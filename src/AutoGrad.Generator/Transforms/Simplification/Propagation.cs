using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>Replaces reads of variables that hold a constant or a copy of a stable variable.</summary>
internal static class Propagation
{
    public static IrBlock Apply(IrBlock body)
    {
        var usage = VariableUsage.Of(body);
        var replacements = new Dictionary<IrVariable, IrExpression>();
        var position = 0;
        return Visit(body, usage, replacements, ref position);
    }

    private static IrBlock Visit(IrBlock block, VariableUsage usage, Dictionary<IrVariable, IrExpression> replacements, ref int position)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var statement in block.Statements)
        {
            var here = position++;
            var rewritten = statement.MapExpressions(expression => Simplifier.Substitute(expression, replacements));
            if (rewritten is Assign assign && usage.IsSingleAssignment(assign.Target) && IsPropagatable(assign, usage, here))
                replacements[assign.Target] = assign.Value;
            var counter = position;
            rewritten = rewritten.MapBlocks(nested => Visit(nested, usage, replacements, ref counter));
            position = counter;
            output.Add(rewritten);
        }
        return IrBlock.From(output);
    }

    private static bool IsPropagatable(Assign assign, VariableUsage usage, int position) => assign.Value switch
    {
        Constant => true,
        // A constant table stays bound to its span local: a span argument must name a variable (its tangent and adjoint are sized from it).
        FieldRef field => !field.Type.IsSpan(),
        VariableRef source => source.Type == assign.Target.Type && usage.LastWrite(source.Variable) < position,
        _ => false,
    };
}
