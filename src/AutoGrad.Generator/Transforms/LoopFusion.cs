using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Fuses an adjoint's reverse loop into the forward loop before it when the reverse loop does not
/// need what the forward loop computes: it walks the same range, in the same order or backwards when its iterations may
/// run in the other order (it is marked <see cref="CountedLoop.Independent"/>: nothing flows between them but into reductions), and
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
        for (var a = 0; a < statements.Count; a++)
        {
            if (statements[a] is not CountedLoop forward)
                continue;
            for (var b = a + 1; b < statements.Count; b++)
            {
                if (statements[b] is not CountedLoop reverse)
                    continue;
                var between = statements.Skip(a + 1).Take(b - (a + 1)).ToList();
                if (Fuse(forward, between, reverse, reads) is { } fused)
                {
                    statements.RemoveRange(a, b - a + 1);
                    statements.InsertRange(a, fused);
                    return Visit(IrBlock.From(statements), reads);
                }
                break;
            }
        }
        return IrBlock.From(statements);
    }

    private static List<IrStatement>? Fuse(CountedLoop forward, List<IrStatement> between, CountedLoop reverse, ReadCounts reads)
    {
        if (forward.Counter.Type != reverse.Counter.Type || !IsSimpleLoop(forward) || !IsSimpleLoop(reverse))
            return null;
        // The same range in the same order (a reverse loop replayed forwards): each reverse iteration runs as it would, after
        // the forward iteration of its index. Or up over [start, end) by one, then down from end − 1 to start by one: the reverse
        // loop's iterations will then run forwards, so they must not depend on each other.
        var sameOrder = reverse.Step == forward.Step && reverse.Inclusive == forward.Inclusive && reverse.Start.Equals(forward.Start) && reverse.End.Equals(forward.End);
        if (!sameOrder && !(forward is { Step: 1, Inclusive: false } && reverse is { Step: -1, Inclusive: true } && reverse.Independent
                            && ExpressionSimplifier.Simplify(reverse.Start, exact: true).Equals(
                                ExpressionSimplifier.Simplify(new Binary(BinaryOperator.Subtract, forward.End, Constant.Of(forward.Counter.Type, 1), forward.Counter.Type), exact: true))
                            && reverse.End.Equals(forward.Start)))
        {
            return null;
        }

        var forwardWrites = Writes(forward).ToHashSetOf();
        var betweenWrites = between.SelectMany(statement => statement.Writes()).ToHashSetOf();
        var forwardReads = forward.Body.Flatten().SelectMany(statement => statement.Reads()).Concat(forward.Start.ReadVariables()).Concat(forward.End.ReadVariables()).ToHashSetOf();
        // What moves before the forward loop must not need it, nor change what it reads; the range, read
        // once more for the reverse loop, must be the same after both.
        if (between.Any(statement => statement is not (Assign or Declare) || statement.Reads().Any(forwardWrites.Contains))
            || forwardReads.Any(betweenWrites.Contains)
            || forward.Start.ReadVariables().Concat(forward.End.ReadVariables()).Any(variable => ChangesValue(forward, between, variable)))
        {
            return null;
        }
        // The reverse body must need neither the forward loop's values nor write what it reads or writes.
        var reverseReads = reverse.Body.Flatten().SelectMany(statement => statement.Reads()).ToHashSetOf();
        var reverseWrites = reverse.Body.Flatten().SelectMany(statement => statement.Writes()).ToHashSetOf();
        if (reverseReads.Any(forwardWrites.Contains)
            || reverseWrites.Any(forwardReads.Contains) || reverseWrites.Any(forwardWrites.Contains)
            || forwardWrites.Any(variable => betweenWrites.Contains(variable)))
        {
            return null;
        }

        var renamed = reverse.Body.Rename(new Dictionary<IrVariable, IrVariable> { [reverse.Counter] = forward.Counter });
        var fusedBody = IrBlock.From(forward.Body.Statements.Concat(renamed.Statements));
        // Two independent loops that touch nothing of each other's make an independent loop (the verifier checks it).
        var fused = forward with { Body = fusedBody, Carried = forward.Carried.Concat(reverse.Carried).ToEquatableArray(), Independent = forward.Independent && reverse.Independent };
        return new List<IrStatement>(between) { fused };
    }

    // Only flat bodies are fused, a limit of scope rather than of legality (that is LoopDependences' to prove).
    private static bool IsSimpleLoop(CountedLoop loop) => loop.Body.Statements.All(statement => statement is Assign or ElementAssign or AddAssign);

    /// <summary>Whether the forward loop or the statements between change the variable's value (for a span: rebind it; writing elements leaves its length alone).</summary>
    private static bool ChangesValue(CountedLoop forward, List<IrStatement> between, IrVariable variable)
        => forward.Carried.Contains(variable)
           || forward.Body.Flatten().Concat(between).Any(statement => variable.Type.IsSpan()
               ? statement is Assign { Target: var target } && target.Equals(variable)
               : statement.OwnWrites().Contains(variable));

    /// <summary>What the forward loop writes, its counter included (the reverse body reads its own, renamed to it).</summary>
    private static IEnumerable<IrVariable> Writes(CountedLoop loop) => loop.Body.Flatten().SelectMany(statement => statement.Writes()).Concat(loop.Carried);
}
