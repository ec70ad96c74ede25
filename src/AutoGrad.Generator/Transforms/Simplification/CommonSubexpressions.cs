using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// A value computed twice is computed once, as long as none of its operands was written in
/// between: a write forgets what read the variable, and a loop forgets what its body writes.
/// </summary>
internal static class CommonSubexpressions
{
    public static IrBlock Apply(IrBlock body) => Visit(body, VariableUsage.Of(body), []);

    private static IrBlock Visit(IrBlock block, VariableUsage usage, Dictionary<IrExpression, IrVariable> available)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var statement in block.Statements)
        {
            var rewritten = statement;
            if (statement is Assign assign && IsShareable(assign, usage) && available.TryGetValue(assign.Value, out var existing))
                rewritten = assign with { Value = new VariableRef(existing) };
            if (statement is Loop loop)
                Forget(available, loop.Body.Flatten().SelectMany(nested => nested.Writes()).Concat(loop.Carried));
            // What a nested block computes is available only inside it.
            rewritten = rewritten.MapBlocks(nested => Visit(nested, usage, new Dictionary<IrExpression, IrVariable>(available)));
            Forget(available, rewritten.Writes());
            if (rewritten is Assign { Value: not VariableRef } shared && IsShareable(shared, usage) && !shared.Value.ReadVariables().Contains(shared.Target))
                available[shared.Value] = shared.Target;
            output.Add(rewritten);
        }
        return IrBlock.From(output);
    }

    private static void Forget(Dictionary<IrExpression, IrVariable> available, IEnumerable<IrVariable> written)
    {
        var set = new HashSet<IrVariable>(written);
        if (set.Count == 0)
            return;
        foreach (var stale in available.Where(pair => set.Contains(pair.Value) || pair.Key.ReadVariables().Any(set.Contains)).Select(pair => pair.Key).ToList())
            available.Remove(stale);
    }

    // A matrix value owns its storage (and an adjoint's is added into): each keeps its own.
    private static bool IsShareable(Assign assign, VariableUsage usage)
        => usage.IsSingleAssignment(assign.Target)
           && !assign.Target.Type.IsMatrix()
           && assign.Value is not (Constant or VariableRef or FieldRef)
           && !assign.Value.Contains(node => node is MethodCall);
}
