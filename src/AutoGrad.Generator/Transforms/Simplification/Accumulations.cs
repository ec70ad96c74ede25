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
    /// <summary>
    /// One pass in order. Each scalar assignment or contribution waits for the next statement that
    /// mentions its target; if that is a contribution to the target, the two become one statement
    /// there (which then waits in turn). A write, in between, to a variable the waiting value reads
    /// means it cannot move, and it stays where it is. Linear in the block.
    /// </summary>
    public static IrBlock Fold(IrBlock block)
    {
        var output = new List<IrStatement?>(block.Statements.Count);
        var waiting = new Dictionary<IrVariable, Waiting>();
        var waitingOnRead = new Dictionary<IrVariable, HashSet<IrVariable>>();

        // What the statement being visited reads and writes, each variable once, in order of first mention.
        var reads = new List<IrVariable>();
        var writes = new List<IrVariable>();
        var mentioned = new HashSet<IrVariable>();
        foreach (var original in block.Statements)
        {
            var statement = original.MapBlocks(Fold);
            reads.Clear();
            writes.Clear();
            if (waiting.Count > 0 || waitingOnRead.Count > 0)
            {
                statement.AddReads(reads);
                statement.AddWrites(writes);
            }

            // The statements that were waiting for this one: it is their next reference.
            mentioned.Clear();
            foreach (var target in Distinct(reads, writes).Where(waiting.ContainsKey).ToList())
            {
                var earlier = Stop(target);
                if (Folded(earlier, statement) is { } folded)
                {
                    output[earlier.Index] = null;
                    statement = folded;
                }
            }

            // What the others would move past: a write to what they read pins them where they are.
            mentioned.Clear();
            foreach (var written in Distinct(writes, []).Where(waitingOnRead.ContainsKey).ToList())
            {
                foreach (var target in waitingOnRead[written].ToList())
                    Stop(target);
            }

            output.Add(statement);
            if (Candidate(statement) is { } candidate)
            {
                var entry = new Waiting(output.Count - 1, candidate.Target, candidate.Value, candidate.IsAccumulation);
                waiting[candidate.Target] = entry;
                foreach (var read in entry.Value.ReadVariables())
                {
                    if (!waitingOnRead.TryGetValue(read, out var targets))
                        waitingOnRead[read] = targets = [];
                    targets.Add(candidate.Target);
                }
            }
        }
        return IrBlock.From(output.OfType<IrStatement>());

        IEnumerable<IrVariable> Distinct(List<IrVariable> first, List<IrVariable> second)
            => first.Concat(second).Where(mentioned.Add);

        Waiting Stop(IrVariable target)
        {
            var entry = waiting[target];
            waiting.Remove(target);
            foreach (var read in entry.Value.ReadVariables())
                waitingOnRead[read].Remove(target);
            return entry;
        }
    }

    /// <summary>The earlier statement and its next reference as one statement, when that reference is a contribution it can join.</summary>
    private static IrStatement? Folded(Waiting earlier, IrStatement next)
    {
        if (next is not AddAssign contribution || !contribution.Target.Equals(earlier.Target) || contribution.Value.ReadVariables().Contains(earlier.Target))
            return null;
        if (!earlier.IsAccumulation && earlier.Value is Constant { IsZero: true })
            return new Assign(earlier.Target, contribution.Value);
        // Folding every contribution of a long method into one sum would build an expression as deep
        // as the method is long (and rescan it on every fold): sums stop at the inlining depth.
        if (Inlining.Depth(earlier.Value) + Inlining.Depth(contribution.Value) >= Inlining.MaximumDepth)
            return null;
        var sum = DerivativeRules.Add(earlier.Value, contribution.Value);
        return earlier.IsAccumulation ? new AddAssign(earlier.Target, sum) : new Assign(earlier.Target, sum);
    }

    /// <summary>A statement that may fold into a later contribution: a scalar derivative's assignment, or a scalar contribution.</summary>
    private static (IrVariable Target, IrExpression Value, bool IsAccumulation)? Candidate(IrStatement statement)
    {
        var (target, value, isAccumulation) = statement switch
        {
            Assign { Target.Role: VariableRole.Adjoint or VariableRole.Tangent } assign => (assign.Target, assign.Value, false),
            AddAssign addAssign => (addAssign.Target, addAssign.Value, true),
            _ => (null, null, false),
        };
        // A matrix adjoint is a buffer added into in place (with broadcasting undone): it is not folded.
        if (target is null || value is null || target.Type.IsMatrix() || value.ReadVariables().Contains(target))
            return null;
        return (target, value, isAccumulation);
    }

    private sealed record Waiting(int Index, IrVariable Target, IrExpression Value, bool IsAccumulation);
}
