using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// <c>xBar[i] += a; … xBar[i] += b</c> becomes <c>… xBar[i] += a + b</c>: one read-modify-write of the element instead of a
/// chain of them, each waiting for the store before it (four per iteration in an RK4 step's adjoint). Contributions to an
/// adjoint are sums whose order the reverse sweep does not fix, as <see cref="Accumulations"/> folds them for scalars; a primal
/// span's are the user's, rounded as written, and stay apart.
/// </summary>
internal static class ElementAccumulations
{
    /// <summary>
    /// One pass in order. A contribution to an element waits for the next contribution to the same span; it joins it when
    /// that is to the same element (the same index expression), and nothing in between wrote what its value or index reads
    /// or touched any span at all (a slice may alias the span under another name).
    /// </summary>
    public static IrBlock Fold(IrBlock block)
    {
        var output = new List<IrStatement?>(block.Statements.Count);
        var waiting = new Dictionary<IrVariable, Waiting>();
        var changed = false;
        foreach (var original in block.Statements)
        {
            var statement = original.MapBlocks(Fold);
            changed |= !ReferenceEquals(statement, original);
            if (waiting.Count > 0)
            {
                if (statement is ElementAssign { Accumulate: true } next && waiting.TryGetValue(next.Span, out var earlier)
                    && earlier.Write.Index.Equals(next.Index) && !next.Value.ReadVariables().Contains(next.Span)
                    && Inlining.Depth(earlier.Write.Value) + Inlining.Depth(next.Value) < Inlining.MaximumDepth)
                {
                    output[earlier.Position] = null;
                    statement = next with { Value = DerivativeRules.Add(earlier.Write.Value, next.Value) };
                    waiting.Remove(next.Span);
                    changed = true;
                }
                else
                {
                    var writes = statement.Writes().ToList();
                    if (statement.Reads().Concat(writes).Any(IsMemory))
                        waiting.Clear();
                    else
                    {
                        foreach (var span in waiting.Where(pair => writes.Any(pair.Value.Reads.Contains)).Select(pair => pair.Key).ToList())
                            waiting.Remove(span);
                    }
                }
            }
            output.Add(statement);
            // Only a derivative's: the user's own `o[i] += a; o[i] += b` rounds after each addition, and the primal is computed as written (fuzz seed 427005).
            if (statement is ElementAssign { Accumulate: true, Span.IsDerivative: true } candidate && !candidate.Value.ReadVariables().Contains(candidate.Span))
                waiting[candidate.Span] = new Waiting(output.Count - 1, candidate, [.. candidate.Value.ReadVariables(), .. candidate.Index.ReadVariables()]);
        }
        return changed ? IrBlock.From(output.OfType<IrStatement>()) : block;
    }

    private static bool IsMemory(IrVariable variable) => variable.Type.IsSpan() || variable.Type.IsArray() || variable.Type.IsMatrix();

    private sealed record Waiting(int Position, ElementAssign Write, HashSet<IrVariable> Reads);
}
