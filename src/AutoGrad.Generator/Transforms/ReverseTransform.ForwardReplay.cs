using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

// Reverse loops that run forwards: an inactive recurrence is replayed rather than kept.
public sealed partial class ReverseTransform
{
    private ReadCounts? primalReadCounts;

    /// <summary>
    /// Whether the reverse loop of <paramref name="loop"/> may visit its iterations in their own order, replaying from its start
    /// what the iterations carry instead of restoring it from a buffer. Legal when the reverse iterations commute, proved from
    /// the loop's dependences (<see cref="LoopDependences"/>):
    /// <list type="bullet">
    /// <item>the only active values carried between iterations are sums, whose cotangent is the same in every iteration;
    /// an active scan or product (<c>p *= x[i]</c>) passes a different cotangent back to each iteration, in reverse order;</item>
    /// <item>no span or buffer carries anything between iterations (each writes elements of its own, if any, and binds
    /// its read-only views afresh), so each reverse iteration reads and adds into cotangents no other one reads;</item>
    /// <item>no active value of the last iteration is read after the loop (its cotangent belongs to that iteration alone);</item>
    /// <item>the other carried values (inactive: a running power, a flag, a counter of its own) are scalars whose updates are
    /// cheap arithmetic, so replaying them costs less than storing and loading them (docs/how-it-works.md, rule 7).</item>
    /// </list>
    /// </summary>
    /// <returns>The carried values the replay recomputes (every carried value but the reductions), or null when the reverse loop must run backwards.</returns>
    private HashSet<IrVariable>? ReplayedForwards(CountedLoop loop)
    {
        if (loop.Carried.Any(variable => variable.Type.IsSpan() || variable.Type.IsArray() || variable.Type.IsMatrix()))
            return null;
        primalReadCounts ??= ReadCounts.Of(primal);
        var dependences = LoopDependences.Of(loop, primalReadCounts.ReadOutside(loop));
        if (!dependences.Memory.All(dependences.Views.Contains)
            || dependences.Carried.Any(activity.IsActive)
            || dependences.LastValues.Any(activity.IsActive)
            || dependences.Reductions.Any(reduction => reduction.Operator != ReductionOperator.Sum && activity.IsActive(reduction.Target)))
            return null;
        var sums = new HashSet<IrVariable>(dependences.Reductions.Select(reduction => reduction.Target));
        var recomputed = new HashSet<IrVariable>(loop.Carried.Where(variable => !sums.Contains(variable)));
        return CheapToReplay(loop.Body, recomputed) ? recomputed : null;
    }

    /// <summary>
    /// Whether everything the values of <paramref name="replayed"/> are computed from in an iteration — every statement that
    /// writes one of them, and what those read, transitively, wherever in the body it is — is arithmetic: no call, no
    /// transcendental function. Flow-insensitive, so it may refuse a cheap recurrence but never accepts an expensive one.
    /// </summary>
    private static bool CheapToReplay(IrBlock body, IEnumerable<IrVariable> replayed)
    {
        var writers = new Dictionary<IrVariable, List<IrStatement>>();
        foreach (var statement in body.Flatten())
        {
            foreach (var variable in statement.OwnWrites())
            {
                if (!writers.TryGetValue(variable, out var list))
                    writers[variable] = list = [];
                list.Add(statement);
            }
        }
        var slice = new HashSet<IrVariable>(replayed);
        var pending = new Queue<IrVariable>(slice);
        while (pending.Count > 0)
        {
            if (!writers.TryGetValue(pending.Dequeue(), out var statements))
                continue;
            foreach (var statement in statements)
            {
                var value = statement switch
                {
                    Assign assign => assign.Value,
                    AddAssign add => add.Value,
                    _ => null,
                };
                if (value is null || value.Contains(IsExpensive))
                    return false;
                foreach (var variable in value.ReadVariables())
                {
                    if (slice.Add(variable))
                        pending.Enqueue(variable);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Whether the reverse loop, run forwards, keeps the recurrences rather than replay them: when, keeping them, it has the shape
    /// the vector path takes — a counter stepping by one, a body of scalar assignments with no call and no element write (an
    /// output's cotangent copy is an array, which the vector path does not read), floating-point recurrences (a kept integer
    /// is an array too). A replayed recurrence is a chain from one iteration to the next, which no vector runs; the store per
    /// iteration in the forward loop costs less than the vector path saves (llsq's running power).
    /// </summary>
    private static bool KeptForTheVectorPath(CountedLoop loop, HashSet<IrVariable> replayed)
        => Vectorizer.HasVectorRange(loop)
           && replayed.All(variable => variable.Type.IsFloatingPoint())
           && loop.Body.Statements.All(statement => statement is Assign or AddAssign && !statement.Expressions().Any(expression => expression.Contains(IsCall)));

    private static bool IsCall(IrExpression expression) => expression is DifferentiableCall or MethodCall or MatrixCall;

    /// <summary>A call, or a function that costs far more than the store and load that would keep its value.</summary>
    private static bool IsExpensive(IrExpression expression) => expression switch
    {
        _ when IsCall(expression) => true,
        IntrinsicCall { Function: var function } => function is not (Intrinsic.Abs or Intrinsic.Max or Intrinsic.Min or Intrinsic.Clamp
            or Intrinsic.FusedMultiplyAdd or Intrinsic.CopySign or Intrinsic.Sign or Intrinsic.Floor or Intrinsic.Ceiling or Intrinsic.Round
            or Intrinsic.Truncate or Intrinsic.Sqrt),
        _ => false,
    };
}
