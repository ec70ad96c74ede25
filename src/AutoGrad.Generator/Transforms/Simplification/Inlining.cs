using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>An intermediate read once, by a later statement of the same block, is written where it is read.</summary>
internal static class Inlining
{
    /// <summary>
    /// How deep an expression inlining may build. A chain of single-use intermediates (10,000
    /// statements <c>s = s·c + …</c> give a tangent chain as long) would otherwise become one
    /// expression as deep as the method is long: every later pass and the emitter walk it
    /// recursively, and the C# compiler refuses it (CS8078).
    /// </summary>
    internal const int MaximumDepth = 24;

    public static IrBlock Apply(IrBlock body) => Visit(body, VariableUsage.Of(body), matrices: true);

    /// <summary>
    /// Inlines scalar and vector intermediates only: once matrix temporaries are storage of their own
    /// (after <see cref="MatrixTemporaries"/>), a matrix operation written inside another would be a
    /// temporary that nothing hands back to the pool.
    /// </summary>
    public static IrBlock ApplyToScalars(IrBlock body) => Visit(body, VariableUsage.Of(body), matrices: false);

    private static IrBlock Visit(IrBlock block, VariableUsage usage, bool matrices)
    {
        // A loop whose body loses the update of a carried variable (below) stops listing it.
        // A statement inlined or removed leaves an empty slot, so positions stay put for the indexes below.
        var statements = block.Statements
            .Select(statement => statement switch
            {
                Loop loop => loop.WithBody(Visit(loop.Body, usage, matrices)),
                CountedLoop loop => loop.WithBody(Visit(loop.Body, usage, matrices)),
                _ => statement.MapBlocks(nested => Visit(nested, usage, matrices)),
            })
            .ToArray<IrStatement?>();
        // Where the block reads and writes each variable, kept current as statements move: scanning the
        // statements between a definition and its reader for every candidate made long methods quadratic.
        var firstReader = new Dictionary<IrVariable, int>();
        var writtenAt = new Dictionary<IrVariable, List<int>>();
        for (var k = 0; k < statements.Length; k++)
        {
            foreach (var variable in statements[k]!.Reads())
            {
                if (!firstReader.ContainsKey(variable))
                    firstReader[variable] = k;
            }
            foreach (var variable in statements[k]!.Writes())
            {
                if (!writtenAt.TryGetValue(variable, out var positions))
                    writtenAt[variable] = positions = [];
                if (positions.Count == 0 || positions[positions.Count - 1] != k)
                    positions.Add(k);
            }
        }
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i] is not Assign assign || !IsInlinable(assign, usage) || (!matrices && assign.Target.Type.IsMatrix()))
                continue;
            var target = assign.Target;
            // The target is read once in the whole method, so at most one statement reads it.
            var next = firstReader.TryGetValue(target, out var reader) && reader > i && statements[reader] is not null ? reader : -1;
            // A loop's condition is evaluated on every iteration, a buffer's length used three times: never move work into them
            // (nor into a counted loop's range, which reads best as the names it was given).
            if (next < 0 || statements[next] is Loop or CountedLoop or RentBuffer || !statements[next]!.Expressions().Any(expression => expression.ReadVariables().Contains(target)))
                continue;
            if (!IsIntermediate(target) && !IsCopyOf(statements[next]!, target))
                continue;
            var moved = new HashSet<IrVariable>(assign.Value.ReadVariables());
            if (moved.Any(variable => IsWrittenBetween(writtenAt, variable, i, next)))
                continue;
            var replacement = new Dictionary<IrVariable, IrExpression> { [target] = assign.Value };
            var rewritten = statements[next]!.MapExpressions(expression => Simplifier.Substitute(expression, replacement));
            // Only a whole-value read can take the expression: a span indexed, sliced or measured names a variable.
            if (rewritten.Reads().Contains(target) || rewritten.Expressions().Any(expression => Depth(expression) > MaximumDepth))
                continue;
            // The value's reads move from i to next (only reads of a variable read once are looked up).
            foreach (var variable in moved)
            {
                if (firstReader.TryGetValue(variable, out var at) && at == i)
                    firstReader[variable] = next;
            }
            // t = x; …; x = t inlines to x = x, which changes nothing (and C# warns of it, CS1717): both go (seed 73281).
            if (rewritten is Assign { Value: VariableRef { Variable: var source } } copy && source.Equals(copy.Target))
                Remove(statements, writtenAt, next);
            else
                statements[next] = rewritten;
            Remove(statements, writtenAt, i);
        }
        return IrBlock.From(statements.OfType<IrStatement>().ToList());
    }

    private static bool IsWrittenBetween(Dictionary<IrVariable, List<int>> writtenAt, IrVariable variable, int after, int before)
    {
        if (!writtenAt.TryGetValue(variable, out var positions))
            return false;
        var first = positions.BinarySearch(after + 1);
        if (first < 0)
            first = ~first;
        return first < positions.Count && positions[first] < before;
    }

    private static void Remove(IrStatement?[] statements, Dictionary<IrVariable, List<int>> writtenAt, int position)
    {
        foreach (var variable in statements[position]!.Writes())
            writtenAt[variable].Remove(position);
        statements[position] = null;
    }

    /// <summary>Levels of the expression tree; the trees met here are at most <see cref="MaximumDepth"/> deep plus the parser's bound.</summary>
    internal static int Depth(IrExpression expression)
    {
        var deepest = 0;
        foreach (var child in expression.Children())
            deepest = System.Math.Max(deepest, Depth(child));
        return deepest + 1;
    }

    // The user's own locals keep their names (unless only copied into a merge); calls stay statements of their own.
    private static bool IsIntermediate(IrVariable variable)
        => variable.Role is VariableRole.Temporary or VariableRole.Tangent or VariableRole.Adjoint;

    private static bool IsCopyOf(IrStatement statement, IrVariable variable)
        => statement is Assign { Value: VariableRef source } && source.Variable.Equals(variable);

    private static bool IsInlinable(Assign assign, VariableUsage usage)
        => usage.IsSingleAssignment(assign.Target)
           && usage.Reads(assign.Target) == 1
           && !assign.Value.Contains(node => node is MethodCall or DifferentiableCall);
}
