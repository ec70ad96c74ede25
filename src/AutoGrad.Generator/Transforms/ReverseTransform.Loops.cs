using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

// Loops: the forward sweep keeps what each iteration starts with, the reverse sweep replays iterations backwards.
public sealed partial class ReverseTransform
{
    /// <summary>
    /// A loop runs forward keeping, per iteration, what it starts with (its carried values) and the
    /// outputs it reads back; then backwards, each iteration restoring those, recomputing its other
    /// values, and running its reverse sweep. A <see cref="CountedLoop"/> walks its own range backwards
    /// and indexes what it keeps by the counter's distance from the start; a general <see cref="Loop"/>
    /// counts its iterations in the forward sweep and walks that count back.
    /// </summary>
    /// <returns>
    /// Also, for a range at the top level, the loop as <see cref="OneSweepLoops"/> may run it instead of both sweeps:
    /// forwards, each iteration computing its values (reductions included, into the variables themselves) and then its
    /// reverse sweep.
    /// </returns>
    private (List<IrStatement> Setup, List<IrStatement> Forward, List<IrStatement> Reverse, CountedLoop? OneSweep) SweepLoop(IrStatement statement,
        IReadOnlyDictionary<IrVariable, IrExpression> initialValues, bool atTopLevel)
    {
        var range = statement as CountedLoop;
        var general = statement as Loop;
        var loopCarried = range?.Carried ?? general!.Carried;
        // A range whose reverse iterations commute runs them in its own order (rule 7 of docs/how-it-works.md): its cheap
        // inactive recurrences recomputed from their start, or, when its body is straight-line arithmetic the vector path may
        // take, kept like any carried value, since a replayed recurrence is a chain no vector can run.
        var replayedForwards = range is null ? null : ReplayedForwards(range);
        var forwardOrder = replayedForwards is not null;
        if (forwardOrder && KeptForTheVectorPath(range!, replayedForwards!))
            replayedForwards = [];
        var loopBody = ConditionsReadingOutputsNamed(range?.Body ?? general!.Body);
        var count = variables.Create("iterations", IrType.Int, VariableRole.Temporary);
        var index = variables.Create("iteration", IrType.Int, VariableRole.Temporary);
        var reverseCounter = range is null
            ? variables.Create("iteration", IrType.Int, VariableRole.Temporary)
            : variables.Create(range.Counter.Name, range.Counter.Type, VariableRole.Local);

        // In a general loop, a secondary counter (an integer carried and stepped by one constant: an
        // analysis of the body, not of the loop's shape) is recomputed from the iteration's index; any
        // other carried value is kept.
        var counters = new Dictionary<IrVariable, IrExpression>();
        if (general is not null)
        {
            foreach (var variable in loopCarried)
            {
                if (initialValues.TryGetValue(variable, out var start) && LoopCounters.Step(general, variable) is { } counterStep)
                    counters[variable] = CounterAt(start, counterStep, reverseCounter, variable.Type);
            }
        }
        // With the trip count known up front (a range, outside branches and loops), floating-point values are
        // kept in a buffer sized once — on the stack when small; otherwise in a pooled array grown as needed.
        var setup = new List<IrStatement>();
        // A range whose reverse runs forwards keeps into a span too when nested: a pooled array grown once, as long as the
        // trip count, taken afresh each time the loop starts (as a scratch buffer in a loop is), which the vector path reads.
        var presized = range is not null && (atTopLevel || forwardOrder);
        IrVariable? tripCount = null;
        IrVariable BufferFor(IrVariable variable)
        {
            if (!presized || !variable.Type.IsFloatingPoint())
                return variables.Create(variable.Name + "Kept", variable.Type.ArrayOf(), VariableRole.Temporary);
            if (tripCount is null)
            {
                tripCount = variables.Create("iterations", IrType.Int, VariableRole.Temporary);
                setup.Add(new Assign(tripCount, range!.TripCount()));
            }
            var buffer = variables.Create(variable.Name + "Kept", variable.Type.SpanOf(), VariableRole.Temporary);
            setup.Add(new RentBuffer(buffer, variables.Create(variable.Name + "Pooled", variable.Type.ArrayOf(), VariableRole.Temporary), new VariableRef(tripCount),
                Reused: !atTopLevel));
            return buffer;
        }
        var kept = loopCarried
            .Where(variable => !counters.ContainsKey(variable) && replayedForwards?.Contains(variable) != true)
            .Select(variable => (Variable: variable, Buffer: BufferFor(variable)))
            .ToList();
        // A range stepped by more than one starts its walk back from a value computed from the trip count: named once.
        if (range is not null && !forwardOrder && System.Math.Abs(range.Step) != 1 && tripCount is null)
        {
            tripCount = variables.Create("iterations", IrType.Int, VariableRole.Temporary);
            setup.Add(new Assign(tripCount, range.TripCount()));
        }
        // Keyed by the assignment, not its target: a variable merged after a branch is assigned in both
        // arms, and only the arm that read the output keeps (seed 240: the other arm restored a stale value).
        var keptValues = new Dictionary<Assign, IrVariable>();

        // Forward: the loop as written, counting its iterations (unless the range gives their number) and keeping.
        var startOfIteration = new List<IrStatement>();
        if (range is null)
        {
            startOfIteration.Add(new Assign(index, new VariableRef(count)));
            startOfIteration.Add(new Assign(count, new Binary(BinaryOperator.Add, new VariableRef(count), Constant.Of(IrType.Int, 1), IrType.Int)));
        }
        else
        {
            startOfIteration.Add(new Assign(index, range.IndexOf(range.Counter)));
        }
        startOfIteration.AddRange(kept.Select(pair => pair.Buffer.Type.IsArray()
            ? new Store(pair.Buffer, new VariableRef(index), new VariableRef(pair.Variable))
            : (IrStatement)new ElementAssign(pair.Buffer, new VariableRef(index), new VariableRef(pair.Variable), Accumulate: false)));
        var forwardBody = IrBlock.From(startOfIteration.Concat(KeepMidIterationValues(loopBody, index, keptValues).Statements));
        // Replayed forwards, the reverse loop starts from what the forward loop started with, and carries the recurrences in states of its own.
        var atStart = new Dictionary<IrVariable, IrVariable>();
        var replayedState = new Dictionary<IrVariable, IrVariable>();
        foreach (var variable in loopCarried.Where(variable => replayedForwards?.Contains(variable) == true))
        {
            atStart[variable] = variables.Create(variable.Name + "AtStart", variable.Type, VariableRole.Temporary);
            replayedState[variable] = variables.Create(variable.Name + "Replayed", variable.Type, VariableRole.Temporary);
        }
        var forward = atStart.Select(pair => (IrStatement)new Assign(pair.Value, new VariableRef(pair.Key))).ToList();
        forward.Add(range is null
            ? new Loop(general!.Condition, forwardBody, loopCarried.Append(count).ToEquatableArray())
            : range with { Body = forwardBody });

        // Reverse: iterations backwards; each restores, recomputes, and runs its reverse sweep.
        var (recompute, reverseOfBody) = Sweep(loopBody, [], atTopLevel: false);
        var reverseIndex = range is null ? new VariableRef(reverseCounter) : range.IndexOf(reverseCounter);
        var reverseBody = new List<IrStatement>();
        reverseBody.AddRange(counters.Select(pair => (IrStatement)new Assign(pair.Key, pair.Value)));
        reverseBody.AddRange(kept.Select(pair => (IrStatement)new Assign(pair.Variable, new ElementRead(pair.Buffer, reverseIndex))));
        // A carried value kept is restored, and not recomputed; one replayed is recomputed into a state the reverse loop
        // carries: the iteration's own statements, reverse ones included, read the value it started with.
        var notRecomputed = replayedForwards is null ? loopCarried : loopCarried.Where(variable => !replayedForwards.Contains(variable)).ToEquatableArray();
        reverseBody.AddRange(replayedState.Select(pair => (IrStatement)new Assign(pair.Key, new VariableRef(pair.Value))));
        reverseBody.AddRange(Recomputation(IrBlock.From(recompute), notRecomputed, replayedState, reverseIndex, keptValues, loopBody.ScratchBuffersClearedIn()).Statements);
        reverseBody.AddRange(reverseOfBody);
        // The replayed iteration computes into variables of its own: the forward loop's are out of scope here.
        var renaming = FreshCopies(IrBlock.From(recompute), loopCarried);
        if (range is not null)
            renaming[range.Counter] = reverseCounter;
        var replayed = IrBlock.From(reverseBody).Rename(renaming);

        // The iterations backwards: the range from its last value down to its start, or the count down to zero; or the range
        // in its own order, from the carried values' start.
        var reverse = atStart.Select(pair => (IrStatement)new Assign(replayedState[pair.Key], new VariableRef(pair.Value))).ToList();
        reverse.Add(forwardOrder
            ? range! with { Counter = reverseCounter, Body = replayed, Independent = false, Carried = replayedState.Values.ToEquatableArray() }
            : range is null
                ? new CountedLoop(reverseCounter, new Binary(BinaryOperator.Subtract, new VariableRef(count), Constant.Of(IrType.Int, 1), IrType.Int),
                    Constant.Of(IrType.Int, 0), -1, Inclusive: true, replayed, EquatableArray<IrVariable>.Empty)
                : range.Backwards(reverseCounter, replayed, tripCount is null ? null : new VariableRef(tripCount)));
        if (range is null)
            setup.Add(new Assign(count, Constant.Of(IrType.Int, 0)));
        var oneSweep = range is not null && atTopLevel ? range with { Body = IrBlock.From(recompute.Concat(reverseOfBody)) } : null;
        return (setup, forward, reverse, oneSweep);
    }

    /// <summary>The value a counter starts iteration <paramref name="index"/> with: <c>start + index·step</c>.</summary>
    private static IrExpression CounterAt(IrExpression start, long step, IrVariable index, IrType type)
    {
        IrExpression offset = step == 1
            ? new VariableRef(index)
            : new Binary(BinaryOperator.Multiply, new VariableRef(index), Constant.Of(IrType.Int, step), IrType.Int);
        if (type != IrType.Int)
            offset = new Convert(offset, type);
        return new Binary(BinaryOperator.Add, start, offset, type);
    }

    /// <summary>A fresh variable for each one the replayed iteration assigns or restores.</summary>
    private Dictionary<IrVariable, IrVariable> FreshCopies(IrBlock recompute, EquatableArray<IrVariable> loopCarried)
    {
        var renaming = new Dictionary<IrVariable, IrVariable>();
        foreach (var statement in recompute.Flatten())
        {
            IEnumerable<IrVariable> defined = statement switch
            {
                Declare declare => [declare.Variable],
                Assign assign => [assign.Target],
                CountedLoop nested => [nested.Counter],
                RentBuffer rent => [rent.Buffer, rent.Pooled],
                BindStart bind => [bind.Start],
                // These write what exists already (an accumulator, elements, a buffer's contents) or only hold blocks.
                AddAssign or ExpressionStatement or Return or If or Loop or ElementAssign or Store or VectorStore
                    or ClearSpan or CopyIntoBuffer or Require or MatMulInto => [],
                _ => throw IrTraversal.Unknown(statement),
            };
            foreach (var variable in defined.Concat(statement.Expressions().SelectMany(expression => expression.ArgumentWrites())))
            {
                if (!renaming.ContainsKey(variable))
                    renaming[variable] = variables.Create(variable.Name, variable.Type, variable.Role);
            }
        }
        // The carried values are restored into fresh variables too, so a restore nobody reads is dead code.
        foreach (var variable in loopCarried)
        {
            if (!renaming.ContainsKey(variable))
                renaming[variable] = variables.Create(variable.Name, variable.Type, variable.Role);
        }
        return renaming;
    }

    /// <summary>
    /// A branch condition of the loop's body (not of nested loops) that reads an output span, named by a
    /// variable assigned just before the branch: the value it is kept and restored as, like any value
    /// read back. Recomputed instead, it would read what the output holds at the end — the element
    /// the branch itself overwrites (a clip <c>if (w[i] &gt; 1) w[i] = 1</c>, a running maximum).
    /// </summary>
    private IrBlock ConditionsReadingOutputsNamed(IrBlock body)
    {
        var output = new List<IrStatement>();
        foreach (var statement in body.Statements)
        {
            if (statement is If branch && ReadsOutput(branch.Condition))
            {
                var taken = variables.Create("branchTaken", IrType.Bool, VariableRole.Temporary);
                output.Add(new Assign(taken, branch.Condition));
                output.Add(new If(new VariableRef(taken), ConditionsReadingOutputsNamed(branch.Then), ConditionsReadingOutputsNamed(branch.Else)));
                continue;
            }
            output.Add(statement is Loop or CountedLoop ? statement : statement.MapBlocks(ConditionsReadingOutputsNamed));
        }
        return IrBlock.From(output);
    }

    /// <summary>
    /// A scalar returned by a differentiable callee, kept rather than recomputed by cost (docs/how-it-works.md): a call costs far more than
    /// a store and a load, and the replayed iteration would call it again only for the value, since the callee's adjoint computes
    /// its own primal. Not a call that writes a span: the replay must write that span again for what reads it later in the iteration.
    /// </summary>
    private static bool IsKeptCall(IrExpression value)
        => value is DifferentiableCall { Type: var type } call && type.IsScalar()
            && !Enumerable.Range(0, call.Arguments.Count).Any(call.Target.Writes);

    private static bool ReadsOutput(IrExpression expression)
        => expression.Contains(node => node is ElementRead { Collection.Type: var type } && type.IsWritableSpan());

    /// <summary>
    /// After each value of this loop's body (not of nested loops) that the replayed iteration must not recompute, keep the value:
    /// one computed from an output span's elements (<see cref="ReadsOutput"/>), and one a differentiable callee returns
    /// (<see cref="IsKeptCall"/>).
    /// </summary>
    private IrBlock KeepMidIterationValues(IrBlock body, IrVariable index, Dictionary<Assign, IrVariable> keptValues)
    {
        var output = new List<IrStatement>();
        foreach (var statement in body.Statements)
        {
            output.Add(statement is Loop or CountedLoop ? statement : statement.MapBlocks(nested => KeepMidIterationValues(nested, index, keptValues)));
            if (statement is Assign kept && (ReadsOutput(kept.Value) || IsKeptCall(kept.Value)))
            {
                // The same assignment in both arms of a branch (only one runs per iteration) keeps into one buffer.
                if (!keptValues.TryGetValue(kept, out var buffer))
                {
                    buffer = variables.Create(kept.Target.Name + "Kept", kept.Target.Type.ArrayOf(), VariableRole.Temporary);
                    keptValues[kept] = buffer;
                }
                output.Add(new Store(buffer, new VariableRef(index), new VariableRef(kept.Target)));
            }
        }
        return IrBlock.From(output);
    }

    /// <summary>
    /// The forward sweep of an iteration as the reverse iteration replays it: without the writes to
    /// outputs (done once, by the forward sweep) and the end-of-iteration copies into the carried
    /// variables (which hold this iteration's start), and with the values kept mid-iteration (outputs read back, callees' results) restored.
    /// The writes to a scratch buffer of the iteration's own (<paramref name="iterationLocal"/>) stay: the replay
    /// rebuilds it from the zeros it starts with, so what a callee or a nested loop reads there is what it read before.
    /// </summary>
    /// <param name="replayedState">For a reverse loop run forwards, the variable each recomputed carried value's end-of-iteration copy goes into.</param>
    private static IrBlock Recomputation(IrBlock block, EquatableArray<IrVariable> loopCarried, Dictionary<IrVariable, IrVariable> replayedState, IrExpression index,
        Dictionary<Assign, IrVariable> keptValues, HashSet<IrVariable> iterationLocal)
    {
        var output = new List<IrStatement>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case Assign next when replayedState.TryGetValue(next.Target, out var state):
                    output.Add(next with { Target = state });
                    break;
                case ElementAssign { Span: var span } when span.Type.IsWritableSpan() && !iterationLocal.Contains(span):
                case Assign copy when loopCarried.Contains(copy.Target):
                    break;
                case Assign kept when keptValues.TryGetValue(kept, out var buffer):
                    output.Add(kept with { Value = new ElementRead(buffer, index) });
                    break;
                case Loop nested:
                    output.Add(nested with { Body = WithoutOutputWrites(nested.Body, iterationLocal) });
                    break;
                case CountedLoop nested:
                    output.Add(nested with { Body = WithoutOutputWrites(nested.Body, iterationLocal) });
                    break;
                default:
                    output.Add(statement.MapBlocks(nested => Recomputation(nested, loopCarried, replayedState, index, keptValues, iterationLocal)));
                    break;
            }
        }
        return IrBlock.From(output);
    }

    private static IrBlock WithoutOutputWrites(IrBlock block, HashSet<IrVariable> iterationLocal)
        => IrBlock.From(block.Statements
            .Where(statement => statement is not ElementAssign { Span: var span } || !span.Type.IsWritableSpan() || iterationLocal.Contains(span))
            .Select(statement => statement.MapBlocks(nested => WithoutOutputWrites(nested, iterationLocal))));
}
