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
    public static IrBlock Apply(IrBlock body) => Visit(body, VariableUsage.Of(body), new Available());

    private static IrBlock Visit(IrBlock block, VariableUsage usage, Available available)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var statement in block.Statements)
        {
            var rewritten = statement;
            if (statement is Assign assign && IsShareable(assign, usage) && available.TryGet(assign.Value, out var existing))
                rewritten = assign with { Value = new VariableRef(existing) };
            if (statement is Loop loop)
                available.Forget(loop.Body.Flatten().SelectMany(nested => nested.Writes()).Concat(loop.Carried));
            if (statement is CountedLoop counted)
                available.Forget(counted.Body.Flatten().SelectMany(nested => nested.Writes()).Concat(counted.Carried).Append(counted.Counter));
            // What a nested block computes is available only inside it.
            rewritten = rewritten.MapBlocks(nested => Visit(nested, usage, new Available(available)));
            available.Forget(rewritten.Writes());
            if (rewritten is Assign { Value: not VariableRef } shared && IsShareable(shared, usage) && !shared.Value.ReadVariables().Contains(shared.Target))
                available.Add(shared.Value, shared.Target);
            output.Add(rewritten);
        }
        return IrBlock.From(output);
    }

    /// <summary>
    /// The values computed so far, indexed by every variable they read or are held in, so that a write
    /// forgets only what involves the variable written: scanning the whole table on every write made
    /// a method of 10,000 statements take minutes.
    /// </summary>
    private sealed class Available
    {
        private readonly Dictionary<IrExpression, IrVariable> values;
        private readonly Dictionary<IrVariable, HashSet<IrExpression>> involving;

        public Available()
        {
            values = [];
            involving = [];
        }

        public Available(Available outer)
        {
            values = new Dictionary<IrExpression, IrVariable>(outer.values);
            involving = outer.involving.ToDictionary(pair => pair.Key, pair => new HashSet<IrExpression>(pair.Value));
        }

        public bool TryGet(IrExpression value, out IrVariable variable) => values.TryGetValue(value, out variable!);

        public void Add(IrExpression value, IrVariable variable)
        {
            values[value] = variable;
            foreach (var involved in value.ReadVariables().Append(variable))
            {
                if (!involving.TryGetValue(involved, out var set))
                    involving[involved] = set = [];
                set.Add(value);
            }
        }

        public void Forget(IEnumerable<IrVariable> written)
        {
            foreach (var variable in written)
            {
                if (!involving.TryGetValue(variable, out var stale))
                    continue;
                involving.Remove(variable);
                foreach (var value in stale)
                    values.Remove(value);
            }
        }
    }

    // A matrix value owns its storage (and an adjoint's is added into): each keeps its own.
    private static bool IsShareable(Assign assign, VariableUsage usage)
        => usage.IsSingleAssignment(assign.Target)
           && !assign.Target.Type.IsMatrix()
           && assign.Value is not (Constant or VariableRef or FieldRef)
           && !assign.Value.Contains(node => node is MethodCall);
}
