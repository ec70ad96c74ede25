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

        var layout = new OneSweepLayout(forward, forwardOrigins, contributions, contributionOrigins, oneSweepForms);
        var taken = new Dictionary<int, HashSet<IrVariable>>();
        List<int> moved = [];
        foreach (var candidate in sums.Keys.OrderBy(position => position))
        {
            var trial = new Dictionary<int, HashSet<IrVariable>>(taken) { [candidate] = sums[candidate] };
            if (layout.Moved(trial) is { } movedWithIt)
            {
                taken = trial;
                moved = movedWithIt;
            }
        }
        if (taken.Count == 0)
            return [];

        var movedStatements = moved.Select(index => forward[index]).ToList();
        var leaving = new HashSet<int>(moved);
        var remaining = forward.Where((_, index) => !taken.ContainsKey(forwardOrigins[index]) && !leaving.Contains(index)).ToList();
        forward.Clear();
        forward.AddRange(remaining);
        for (var i = 0; i < contributions.Count; i++)
        {
            if (taken.ContainsKey(contributionOrigins[i]))
                contributions[i] = [oneSweepForms[contributionOrigins[i]]];
        }
        return movedStatements;
    }

    /// <summary>
    /// Who reads and writes what in the top-level sweeps, indexed once, so that trying each loop costs what its sums'
    /// readers cost rather than a walk over the method (a long method has a loop every few statements).
    /// </summary>
    private sealed class OneSweepLayout
    {
        private readonly List<IrStatement> forward;
        private readonly List<int> forwardOrigins;
        private readonly List<int> contributionOrigins;
        private readonly Dictionary<int, CountedLoop> oneSweepForms;
        private readonly List<List<IrVariable>> forwardReads;
        private readonly Dictionary<IrVariable, List<int>> forwardReaders = [];
        private readonly Dictionary<IrVariable, List<int>> contributionReaders = [];
        private readonly Dictionary<IrVariable, List<int>> oneSweepReaders = [];
        private readonly Dictionary<IrVariable, List<int>> contributionWriters = [];
        private readonly Dictionary<IrVariable, List<int>> oneSweepWriters = [];
        /// <summary>The last statement of the forward sweep that writes each variable: its index, and the top-level statement it comes from.</summary>
        private readonly Dictionary<IrVariable, (int Index, int Origin)> lastForwardWrite = [];

        public OneSweepLayout(List<IrStatement> forward, List<int> forwardOrigins, List<List<IrStatement>> contributions, List<int> contributionOrigins,
            Dictionary<int, CountedLoop> oneSweepForms)
        {
            this.forward = forward;
            this.forwardOrigins = forwardOrigins;
            this.contributionOrigins = contributionOrigins;
            this.oneSweepForms = oneSweepForms;
            forwardReads = [.. forward.Select(statement => statement.Reads().Distinct().ToList())];
            for (var index = 0; index < forward.Count; index++)
            {
                Index(forwardReaders, forwardReads[index], index);
                foreach (var variable in forward[index].Writes())
                    lastForwardWrite[variable] = (index, forwardOrigins[index]);
            }
            for (var index = 0; index < contributions.Count; index++)
            {
                Index(contributionReaders, contributions[index].SelectMany(statement => statement.Reads()), index);
                Index(contributionWriters, contributions[index].SelectMany(statement => statement.Writes()), index);
            }
            foreach (var pair in oneSweepForms)
            {
                Index(oneSweepReaders, pair.Value.Reads(), pair.Key);
                Index(oneSweepWriters, pair.Value.Writes(), pair.Key);
            }
        }

        private static void Index(Dictionary<IrVariable, List<int>> index, IEnumerable<IrVariable> variables, int at)
        {
            foreach (var variable in variables)
            {
                if (!index.TryGetValue(variable, out var list))
                    index[variable] = list = [];
                if (list.Count == 0 || list[list.Count - 1] != at)
                    list.Add(at);
            }
        }

        private static IEnumerable<int> Of(Dictionary<IrVariable, List<int>> index, IrVariable variable)
            => index.TryGetValue(variable, out var list) ? list : [];

        /// <summary>
        /// The indexes in the forward sweep of the statements that move after the reverse sweep when the loops of
        /// <paramref name="taken"/> (by position, with their sums) run in one sweep; null when that layout is not legal.
        /// </summary>
        public List<int>? Moved(Dictionary<int, HashSet<IrVariable>> taken)
        {
            var first = taken.Keys.Min();
            var complete = new HashSet<IrVariable>(taken.Values.SelectMany(sum => sum));
            var moved = new SortedSet<int>();
            var pending = new Queue<IrVariable>(complete);
            while (pending.Count > 0)
            {
                foreach (var index in Of(forwardReaders, pending.Dequeue()))
                {
                    if (taken.ContainsKey(forwardOrigins[index]) || moved.Contains(index))
                        continue;
                    if (forwardOrigins[index] < first || !IsMovable(forward[index]))
                        return null;
                    moved.Add(index);
                    // A moved statement defines something new; one that set a sum (the next loop's start, `t = s`) would now
                    // set it after that loop had added into it.
                    var target = ((Assign)forward[index]).Target;
                    if (!complete.Add(target))
                        return null;
                    pending.Enqueue(target);
                }
            }

            // What now runs before the moved statements — the rest of the forward sweep, every contribution, the other
            // one-sweep loops — reads none of the sums, nor what the moved statements compute from them.
            foreach (var variable in complete)
            {
                if (Of(contributionReaders, variable).Any(index => !taken.ContainsKey(contributionOrigins[index])))
                    return null;
                foreach (var position in Of(oneSweepReaders, variable))
                {
                    if (taken.TryGetValue(position, out var own) && !own.Contains(variable))
                        return null;
                }
            }
            bool WrittenInReverse(IrVariable variable)
                => Of(contributionWriters, variable).Any(index => !taken.ContainsKey(contributionOrigins[index]))
                   || Of(oneSweepWriters, variable).Any(taken.ContainsKey);
            foreach (var pair in taken)
            {
                // Nothing after the loop sets its sums again: what runs after the reverse sweep must see them as the loop left them.
                if (pair.Value.Any(sum => lastForwardWrite.TryGetValue(sum, out var write) && write.Origin > pair.Key))
                    return null;
            }
            foreach (var position in taken.Keys)
            {
                // The range is evaluated where the loop now runs: nothing between there and where it was may change what it reads.
                var loop = oneSweepForms[position];
                foreach (var variable in loop.Start.ReadVariables().Concat(loop.End.ReadVariables()))
                {
                    if (WrittenInReverse(variable) || lastForwardWrite.TryGetValue(variable, out var write) && write.Origin > position)
                        return null;
                }
            }
            foreach (var index in moved)
            {
                // A moved statement reads, besides the sums, what it read where it was.
                foreach (var variable in forwardReads[index].Where(variable => !complete.Contains(variable)))
                {
                    if (WrittenInReverse(variable) || lastForwardWrite.TryGetValue(variable, out var write) && write.Index > index)
                        return null;
                }
            }
            return [.. moved];
        }
    }

    /// <summary>A scalar assignment that writes nothing but its target: it can run later with the same effect.</summary>
    private static bool IsMovable(IrStatement statement)
        => statement is Assign { Target: var target, Value: var value }
           && !target.Type.IsSpan() && !target.Type.IsArray() && !target.Type.IsMatrix()
           && statement.OwnWrites().All(target.Equals)
           && !value.Contains(node => node is MethodCall || node is DifferentiableCall { Target: var callee } && callee.OutputParameters.Any(writes => writes));
}
