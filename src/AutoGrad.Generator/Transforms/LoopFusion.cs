using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Fuses an adjoint's reverse loop into the forward loop before it when the reverse loop does not
/// need what the forward loop computes: it walks the same range, its iterations may run in the
/// other order (<see cref="LoopDependences"/>: nothing flows between them but into reductions), and
/// neither loop touches what the other writes. MSE's adjoint is the typical case —
/// <c>predBar[i] += 2·sBar·(pred[i] − y[i])</c> with <c>sBar = resultBar / n</c> — and becomes one pass
/// that sums the loss and writes the gradient. A prefix sum's adjoint is not: its reverse loop carries
/// the running sum of the cotangents (<c>sBar = sBar + yBar[i]; xBar[i] += sBar</c>), a scan that must run backwards.
/// The statements between the loops move before them; they may not read what the forward loop computes,
/// nor write what it reads.
/// </summary>
internal static class LoopFusion
{
    public static IrMethod Apply(IrMethod method) => method with { Body = Visit(method.Body, ReadCounts.Of(method)) };

    private static IrBlock Visit(IrBlock block, ReadCounts reads)
    {
        var statements = block.Statements.Select(statement => statement.MapBlocks(nested => Visit(nested, reads))).ToList();
        for (var a = 1; a < statements.Count; a++)
        {
            if (statements[a] is not Loop forward || statements[a - 1] is not Assign forwardStart)
                continue;
            for (var b = a + 2; b < statements.Count; b++)
            {
                if (statements[b] is not Loop reverse || statements[b - 1] is not Assign reverseStart)
                    continue;
                var between = statements.Skip(a + 1).Take(b - 1 - (a + 1)).ToList();
                if (Fuse(forwardStart, forward, between, reverseStart, reverse, reads) is { } fused)
                {
                    statements.RemoveRange(a - 1, b - a + 2);
                    statements.InsertRange(a - 1, fused);
                    return Visit(IrBlock.From(statements), reads);
                }
                break;
            }
        }
        return IrBlock.From(statements);
    }

    private static List<IrStatement>? Fuse(Assign forwardStart, Loop forward, List<IrStatement> between, Assign reverseStart, Loop reverse, ReadCounts reads)
    {
        var up = Range(forwardStart, forward);
        var down = Range(reverseStart, reverse);
        if (up is not { Ascending: true } || down is not { Ascending: false })
            return null;
        // The same range: up is [start, end), down runs from end − 1 down to start.
        var last = ExpressionSimplifier.Simplify(new Binary(BinaryOperator.Subtract, up.Bound, Constant.Of(IrType.Int, 1), IrType.Int), exact: true);
        if (!down.Start.Equals(last) || !down.Bound.Equals(up.Start))
            return null;

        // The reverse loop's iterations will run forwards, one after each forward iteration: they must not depend on each other,
        // and its counter (replaced by the forward loop's) must not be needed after it.
        var readOutsideReverse = reads.ReadOutside(reverse);
        if (!LoopDependences.Of(reverse, down.Counter, readOutsideReverse).MayReorder || readOutsideReverse.Contains(down.Counter))
            return null;

        var forwardWrites = Writes(forward).Append(up.Counter).ToHashSetOf();
        var betweenWrites = between.SelectMany(statement => statement.Writes()).ToHashSetOf();
        var forwardReads = forward.Body.Flatten().SelectMany(statement => statement.Reads()).Concat(forward.Condition.ReadVariables()).Concat(forwardStart.Value.ReadVariables()).ToHashSetOf();
        // What moves before the forward loop must not need it, nor change what it reads; the range, read
        // once more for the reverse loop, must be the same after both.
        if (between.Any(statement => statement is not (Assign or Declare) || statement.Reads().Any(forwardWrites.Contains))
            || forwardReads.Any(betweenWrites.Contains)
            || up.Start.ReadVariables().Concat(up.Bound.ReadVariables()).Any(variable => ChangesValue(forward, between, variable)))
        {
            return null;
        }
        // The reverse body must need neither the forward loop's values nor write what it reads or writes.
        var reverseBody = WithoutStep(reverse.Body);
        var reverseReads = reverseBody.Flatten().SelectMany(statement => statement.Reads()).ToHashSetOf();
        var reverseWrites = reverseBody.Flatten().SelectMany(statement => statement.Writes()).ToHashSetOf();
        if (reverseReads.Any(variable => forwardWrites.Contains(variable) && !variable.Equals(up.Counter))
            || reverseWrites.Any(forwardReads.Contains) || reverseWrites.Any(forwardWrites.Contains)
            || forwardWrites.Any(variable => betweenWrites.Contains(variable)))
        {
            return null;
        }

        var renamed = reverseBody.Rename(new Dictionary<IrVariable, IrVariable> { [down.Counter] = up.Counter });
        var forwardBody = forward.Body.Statements;
        var step = forwardBody[forwardBody.Count - 1];
        var fusedBody = IrBlock.From(forwardBody.Take(forwardBody.Count - 1).Concat(renamed.Statements).Append(step));
        var fused = new List<IrStatement>(between) { forwardStart, forward with { Body = fusedBody } };
        return fused;
    }

    private sealed record CountedLoop(IrVariable Counter, IrExpression Start, IrExpression Bound, bool Ascending);

    /// <summary>A loop stepping its counter by one: up while <c>i &lt; bound</c>, or down while <c>i &gt;= bound</c>.</summary>
    private static CountedLoop? Range(Assign start, Loop loop)
    {
        var counter = start.Target;
        if (LoopCounters.Step(loop, counter) is not { } step || loop.Body.Statements.Count == 0
            || loop.Body.Statements[loop.Body.Statements.Count - 1] is not Assign { Target: var stepped } || !stepped.Equals(counter))
        {
            return null;
        }
        return (loop.Condition, step) switch
        {
            (Binary { Operator: BinaryOperator.Less, Left: VariableRef { Variable: var c }, Right: var bound }, 1) when c.Equals(counter) && IsSimpleLoop(loop)
                => new CountedLoop(counter, start.Value, bound, Ascending: true),
            (Binary { Operator: BinaryOperator.GreaterOrEqual, Left: VariableRef { Variable: var c }, Right: var bound }, -1) when c.Equals(counter) && IsSimpleLoop(loop)
                => new CountedLoop(counter, start.Value, bound, Ascending: false),
            _ => null,
        };
    }

    // Only flat bodies are fused, a limit of scope rather than of legality (that is LoopDependences' to prove).
    private static bool IsSimpleLoop(Loop loop) => loop.Body.Statements.All(statement => statement is Assign or ElementAssign or AddAssign);

    /// <summary>Whether the forward loop or the statements between change the variable's value (for a span: rebind it; writing elements leaves its length alone).</summary>
    private static bool ChangesValue(Loop forward, List<IrStatement> between, IrVariable variable)
        => forward.Carried.Contains(variable)
           || forward.Body.Flatten().Concat(between).Any(statement => variable.Type.IsSpan()
               ? statement is Assign { Target: var target } && target.Equals(variable)
               : statement.OwnWrites().Contains(variable));

    private static IrBlock WithoutStep(IrBlock body) => IrBlock.From(body.Statements.Take(body.Statements.Count - 1));

    private static IEnumerable<IrVariable> Writes(Loop loop) => loop.Body.Flatten().SelectMany(statement => statement.Writes()).Concat(loop.Carried);
}
