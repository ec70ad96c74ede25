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
        var statements = block.Statements
            .Select(statement => statement switch
            {
                Loop loop => loop.WithBody(Visit(loop.Body, usage, matrices)),
                CountedLoop loop => loop.WithBody(Visit(loop.Body, usage, matrices)),
                _ => statement.MapBlocks(nested => Visit(nested, usage, matrices)),
            })
            .ToList();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not Assign assign || !IsInlinable(assign, usage) || (!matrices && assign.Target.Type.IsMatrix()))
                continue;
            var target = assign.Target;
            var next = -1;
            for (var k = i + 1; k < statements.Count && next < 0; k++)
            {
                if (statements[k].Reads().Contains(target))
                    next = k;
            }
            // A loop's condition is evaluated on every iteration, a buffer's length used three times: never move work into them
            // (nor into a counted loop's range, which reads best as the names it was given).
            if (next < 0 || statements[next] is Loop or CountedLoop or RentBuffer || !statements[next].Expressions().Any(expression => expression.ReadVariables().Contains(target)))
                continue;
            if (!IsIntermediate(target) && !IsCopyOf(statements[next], target))
                continue;
            var moved = new HashSet<IrVariable>(assign.Value.ReadVariables());
            if (Enumerable.Range(i + 1, next - i - 1).Any(k => statements[k].Writes().Any(moved.Contains)))
                continue;
            var replacement = new Dictionary<IrVariable, IrExpression> { [target] = assign.Value };
            var rewritten = statements[next].MapExpressions(expression => Simplifier.Substitute(expression, replacement));
            // Only a whole-value read can take the expression: a span indexed, sliced or measured names a variable.
            if (rewritten.Reads().Contains(target) || rewritten.Expressions().Any(expression => Depth(expression) > MaximumDepth))
                continue;
            // t = x; …; x = t inlines to x = x, which changes nothing (and C# warns of it, CS1717): both go (seed 73281).
            if (rewritten is Assign { Value: VariableRef { Variable: var source } } copy && source.Equals(copy.Target))
                statements.RemoveAt(next);
            else
                statements[next] = rewritten;
            statements.RemoveAt(i);
            i--;
        }
        return IrBlock.From(statements);
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
