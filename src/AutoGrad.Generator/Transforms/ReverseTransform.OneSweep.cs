using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

// One sweep for independent iterations: a loop whose iterations only add into sums runs once, not in both sweeps.
public sealed partial class ReverseTransform
{
    /// <summary>
    /// Runs a top-level loop whose iterations are independent once, in its own order, each iteration computing its
    /// values and then running its reverse sweep, instead of a forward loop for the value and a reverse loop that
    /// replays every iteration. Legal when, proved from the loop's dependences (<see cref="LoopDependences"/>):
    /// <list type="bullet">
    /// <item>nothing flows between its iterations but into sums (a scan or a running maximum is not a sum); it writes
    /// no span or buffer, and binds read-only views (<c>point = x.Slice(i * d, d)</c>) afresh in each iteration;</item>
    /// <item>nothing that runs before it in the new order reads the sums — the reverse sweep of the statements after the
    /// loop, in particular, needs no sum's value (it would for <c>Math.Log(sum)</c>);</item>
    /// <item>the statements after the loop that read the sums (directly or through each other) are plain scalar
    /// assignments: they move after the reverse sweep, where the sums are complete, with what they read unchanged.</item>
    /// </list>
    /// A sum's cotangent is the same in every iteration, so the reverse sweep may visit them in their own order; each sum is
    /// computed in that order too, so the value returned is the primal's, bit for bit (unless the loop is then vectorized,
    /// which reassociates sums as it does in any loop). Loops are taken in order, each joining those already taken if the
    /// layout with all of them is legal.
    /// </summary>
    /// <returns>The statements moved after the reverse sweep (the forward ones that read the sums), in their order.</returns>
    private List<IrStatement> OneSweepLoops(IrBlock block, List<IrStatement> forward, List<int> forwardOrigins,
        List<List<IrStatement>> contributions, List<int> contributionOrigins, Dictionary<int, CountedLoop> oneSweepForms)
    {
        if (oneSweepForms.Count == 0)
            return [];
        var readCounts = ReadCounts.Of(primal);
        var sums = new Dictionary<int, HashSet<IrVariable>>();
        foreach (var position in oneSweepForms.Keys.OrderBy(position => position))
        {
            var loop = (CountedLoop)block.Statements[position];
            var dependences = LoopDependences.Of(loop, readCounts.ReadOutside(loop));
            if (dependences.Carried.Count == 0 && dependences.LastValues.Count == 0 && dependences.OwnElements.Count == 0
                && dependences.Memory.All(dependences.Views.Contains) && dependences.Reductions.All(reduction => reduction.Operator == ReductionOperator.Sum))
                sums[position] = [.. dependences.Reductions.Select(reduction => reduction.Target)];
        }

        var taken = new Dictionary<int, HashSet<IrVariable>>();
        List<int> moved = [];
        foreach (var candidate in sums.Keys.OrderBy(position => position))
        {
            var trial = new Dictionary<int, HashSet<IrVariable>>(taken) { [candidate] = sums[candidate] };
            if (Moved(trial, forward, forwardOrigins, contributions, contributionOrigins, oneSweepForms) is { } layout)
            {
                taken = trial;
                moved = layout;
            }
        }
        if (taken.Count == 0)
            return [];

        var movedStatements = moved.Select(index => forward[index]).ToList();
        var keep = Enumerable.Range(0, forward.Count).Where(index => !taken.ContainsKey(forwardOrigins[index]) && !moved.Contains(index)).ToList();
        var remaining = keep.Select(index => forward[index]).ToList();
        var remainingOrigins = keep.Select(index => forwardOrigins[index]).ToList();
        forward.Clear();
        forward.AddRange(remaining);
        forwardOrigins.Clear();
        forwardOrigins.AddRange(remainingOrigins);
        for (var i = 0; i < contributions.Count; i++)
        {
            if (taken.ContainsKey(contributionOrigins[i]))
                contributions[i] = [oneSweepForms[contributionOrigins[i]]];
        }
        return movedStatements;
    }

    /// <summary>
    /// The indexes in <paramref name="forward"/> of the statements that move after the reverse sweep when the loops of
    /// <paramref name="taken"/> (by position, with their sums) run in one sweep; null when that layout is not legal.
    /// </summary>
    private static List<int>? Moved(Dictionary<int, HashSet<IrVariable>> taken, List<IrStatement> forward, List<int> forwardOrigins,
        List<List<IrStatement>> contributions, List<int> contributionOrigins, Dictionary<int, CountedLoop> oneSweepForms)
    {
        var first = taken.Keys.Min();
        var complete = new HashSet<IrVariable>(taken.Values.SelectMany(sum => sum));
        var moved = new List<int>();
        for (var index = 0; index < forward.Count; index++)
        {
            var statement = forward[index];
            if (taken.ContainsKey(forwardOrigins[index]) || !statement.Reads().Any(complete.Contains))
                continue;
            if (forwardOrigins[index] < first || !IsMovable(statement))
                return null;
            moved.Add(index);
            complete.Add(((Assign)statement).Target);
        }

        // What runs before the moved statements in the new order: the rest of the forward sweep and every contribution.
        var stays = Enumerable.Range(0, forward.Count).Where(index => !taken.ContainsKey(forwardOrigins[index]) && !moved.Contains(index)).ToList();
        var reverse = contributions.Where((_, i) => !taken.ContainsKey(contributionOrigins[i])).SelectMany(list => list).ToList();
        var oneSweeps = taken.Keys.Select(position => oneSweepForms[position]).ToList();
        if (stays.Select(index => forward[index]).Concat(reverse).Any(statement => statement.Reads().Any(complete.Contains)))
            return null;
        foreach (var position in taken.Keys)
        {
            // A loop reads only its own sums: another's are complete only once that loop has run, which may be after this one.
            var others = new HashSet<IrVariable>(complete.Except(taken[position]));
            if (oneSweepForms[position].Reads().Any(others.Contains))
                return null;
        }

        var writtenLater = new HashSet<IrVariable>(reverse.Concat(oneSweeps).SelectMany(statement => statement.Writes()));
        foreach (var position in taken.Keys)
        {
            // The range is evaluated where the loop now runs: nothing between there and where it was may change what it reads.
            var loop = oneSweepForms[position];
            var between = new HashSet<IrVariable>(writtenLater.Concat(stays.Where(index => forwardOrigins[index] > position).SelectMany(index => forward[index].Writes())));
            if (loop.Start.ReadVariables().Concat(loop.End.ReadVariables()).Any(between.Contains))
                return null;
        }
        foreach (var index in moved)
        {
            // A moved statement reads, besides the sums, what it read where it was.
            var changedSince = new HashSet<IrVariable>(writtenLater.Concat(stays.Where(later => later > index).SelectMany(later => forward[later].Writes())));
            if (forward[index].Reads().Where(variable => !complete.Contains(variable)).Any(changedSince.Contains))
                return null;
        }
        return moved;
    }

    /// <summary>A scalar assignment that writes nothing but its target: it can run later with the same effect.</summary>
    private static bool IsMovable(IrStatement statement)
        => statement is Assign { Target: var target, Value: var value }
           && !target.Type.IsSpan() && !target.Type.IsArray() && !target.Type.IsMatrix()
           && statement.OwnWrites().All(target.Equals)
           && !value.Contains(node => node is MethodCall || node is DifferentiableCall { Target: var callee } && callee.OutputParameters.Any(writes => writes));
}
