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
            rewritten = rewritten.MapBlocks(nested =>
            {
                var scope = available.Enter();
                var visited = Visit(nested, usage, available);
                available.Leave(scope);
                return visited;
            });
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
    /// a method of 10,000 statements take minutes. A nested block works on the same table and undoes
    /// its changes when it ends (<see cref="Enter"/>, <see cref="Leave"/>): copying the table for every
    /// branch and loop body made a method with a branch every few statements quadratic.
    /// </summary>
    private sealed class Available
    {
        private readonly Dictionary<IrExpression, IrVariable> values = [];
        private readonly Dictionary<IrVariable, HashSet<IrExpression>> involving = [];
        private readonly List<Change> changes = [];

        /// <summary>What the value being added reads, and the variable that holds it.</summary>
        private readonly List<IrVariable> involvedVariables = [];

        /// <summary>One change to the tables, with what undoes it.</summary>
        private readonly record struct Change(ChangeKind Kind, IrExpression? Value, IrVariable? Variable, HashSet<IrExpression>? Set);

        private enum ChangeKind
        {
            /// <summary><see cref="Change.Value"/> was held in <see cref="Change.Variable"/>, or in nothing if that is null.</summary>
            ValueReplaced,
            /// <summary><see cref="Change.Value"/> was added to the set of <see cref="Change.Variable"/>.</summary>
            Involved,
            /// <summary><see cref="Change.Variable"/> had no set before.</summary>
            SetCreated,
            /// <summary><see cref="Change.Set"/> of <see cref="Change.Variable"/> was dropped.</summary>
            SetRemoved,
        }

        public int Enter() => changes.Count;

        public void Leave(int scope)
        {
            for (var index = changes.Count - 1; index >= scope; index--)
            {
                var change = changes[index];
                switch (change.Kind)
                {
                    case ChangeKind.ValueReplaced when change.Variable is null:
                        values.Remove(change.Value!);
                        break;
                    case ChangeKind.ValueReplaced:
                        values[change.Value!] = change.Variable;
                        break;
                    case ChangeKind.Involved:
                        involving[change.Variable!].Remove(change.Value!);
                        break;
                    case ChangeKind.SetCreated:
                        involving.Remove(change.Variable!);
                        break;
                    case ChangeKind.SetRemoved:
                        involving[change.Variable!] = change.Set!;
                        break;
                }
            }
            changes.RemoveRange(scope, changes.Count - scope);
        }

        public bool TryGet(IrExpression value, out IrVariable variable) => values.TryGetValue(value, out variable!);

        public void Add(IrExpression value, IrVariable variable)
        {
            changes.Add(new Change(ChangeKind.ValueReplaced, value, values.TryGetValue(value, out var previous) ? previous : null, null));
            values[value] = variable;
            involvedVariables.Clear();
            value.AddReadVariables(involvedVariables);
            involvedVariables.Add(variable);
            foreach (var involved in involvedVariables)
            {
                if (!involving.TryGetValue(involved, out var set))
                {
                    involving[involved] = set = [];
                    changes.Add(new Change(ChangeKind.SetCreated, null, involved, null));
                }
                if (set.Add(value))
                    changes.Add(new Change(ChangeKind.Involved, value, involved, null));
            }
        }

        public void Forget(IEnumerable<IrVariable> written)
        {
            foreach (var variable in written)
            {
                if (!involving.TryGetValue(variable, out var stale))
                    continue;
                involving.Remove(variable);
                changes.Add(new Change(ChangeKind.SetRemoved, null, variable, stale));
                foreach (var value in stale)
                {
                    if (values.TryGetValue(value, out var holder))
                    {
                        values.Remove(value);
                        changes.Add(new Change(ChangeKind.ValueReplaced, value, holder, null));
                    }
                }
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
