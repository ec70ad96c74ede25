using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Fuses an adjoint's reverse loop into the forward loop before it when the reverse loop does not
/// need what the forward loop computes: its iterations are independent (only the counter is
/// carried), it walks the same range, and neither loop touches memory the other writes. MSE's
/// adjoint is the typical case — <c>predBar[i] += 2·sBar·(pred[i] − y[i])</c> with
/// <c>sBar = resultBar / n</c> — and becomes one pass that sums the loss and writes the gradient.
/// The statements between the loops move before them; they may not read what the forward loop computes.
/// </summary>
internal static class LoopFusion
{
    public static IrMethod Apply(IrMethod method) => method with { Body = Visit(method.Body) };

    private static IrBlock Visit(IrBlock block)
    {
        var statements = block.Statements.Select(statement => statement.MapBlocks(Visit)).ToList();
        for (var a = 1; a < statements.Count; a++)
        {
            if (statements[a] is not Loop forward || statements[a - 1] is not Assign forwardStart)
                continue;
            for (var b = a + 2; b < statements.Count; b++)
            {
                if (statements[b] is not Loop reverse || statements[b - 1] is not Assign reverseStart)
                    continue;
                var between = statements.Skip(a + 1).Take(b - 1 - (a + 1)).ToList();
                if (Fuse(forwardStart, forward, between, reverseStart, reverse) is { } fused)
                {
                    statements.RemoveRange(a - 1, b - a + 2);
                    statements.InsertRange(a - 1, fused);
                    return Visit(IrBlock.From(statements));
                }
                break;
            }
        }
        return IrBlock.From(statements);
    }

    private static List<IrStatement>? Fuse(Assign forwardStart, Loop forward, List<IrStatement> between, Assign reverseStart, Loop reverse)
    {
        var up = Range(forwardStart, forward);
        var down = Range(reverseStart, reverse);
        if (up is not { Ascending: true } || down is not { Ascending: false } || reverse.Carried.Count != 1)
            return null;
        // The same range: up is [start, end), down runs from end − 1 down to start.
        var last = ExpressionSimplifier.Simplify(new Binary(BinaryOperator.Subtract, up.Bound, Constant.Of(IrType.Int, 1), IrType.Int), exact: true);
        if (!down.Start.Equals(last) || !down.Bound.Equals(up.Start))
            return null;

        var forwardWrites = Writes(forward).Append(up.Counter).ToHashSetOf();
        var betweenWrites = between.SelectMany(statement => statement.Writes()).ToHashSetOf();
        // What moves before the forward loop must not need it; the reverse body must need neither the forward loop's values nor write what it reads.
        if (between.Any(statement => statement is not (Assign or Declare) || statement.Reads().Any(forwardWrites.Contains)))
            return null;
        var reverseBody = WithoutStep(reverse.Body);
        if (!TouchesOnlyItsOwnElements(reverseBody, down.Counter))
            return null;
        var reverseReads = reverseBody.Flatten().SelectMany(statement => statement.Reads()).ToHashSetOf();
        var reverseWrites = reverseBody.Flatten().SelectMany(statement => statement.Writes()).ToHashSetOf();
        var forwardReads = forward.Body.Flatten().SelectMany(statement => statement.Reads()).Concat(forward.Condition.ReadVariables()).ToHashSetOf();
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

    // Only flat bodies are fused: no branches or loops inside, whose effects would need a closer look.
    private static bool IsSimpleLoop(Loop loop) => loop.Body.Statements.All(statement => statement is Assign or ElementAssign or AddAssign);

    /// <summary>
    /// Iterations are independent in memory when every element the body writes is at the counter,
    /// and every element it reads of what it writes is too (a prefix sum's <c>yBar[i - 1] += …</c> is not).
    /// </summary>
    private static bool TouchesOnlyItsOwnElements(IrBlock body, IrVariable counter)
    {
        bool AtCounter(IrExpression index) => index is VariableRef { Variable: var variable } && variable.Equals(counter);
        var statements = body.Flatten().ToList();
        var written = new HashSet<IrVariable>();
        foreach (var element in statements.OfType<ElementAssign>())
        {
            if (!AtCounter(element.Index))
                return false;
            written.Add(element.Span);
        }
        return statements
            .SelectMany(statement => statement.Expressions())
            .SelectMany(expression => expression.ElementReads())
            .All(read => !written.Contains(read.Collection) || AtCounter(read.Index));
    }

    private static IrBlock WithoutStep(IrBlock body) => IrBlock.From(body.Statements.Take(body.Statements.Count - 1));

    private static IEnumerable<IrVariable> Writes(Loop loop) => loop.Body.Flatten().SelectMany(statement => statement.Writes()).Concat(loop.Carried);
}
