using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Cleans a transformed method until it reads like derivative code written by hand: simplifies
/// expressions, propagates constants and copies, shares common subexpressions, removes dead code,
/// folds adjoint accumulations and inlines single-use intermediates. Each pass is small; they are
/// repeated until nothing changes. Primal values are only rewritten exactly (see <see cref="ExpressionSimplifier"/>).
/// </summary>
public static class Simplifier
{
    private const int MaximumRounds = 32;

    public static IrMethod Simplify(IrMethod method, CancellationToken cancellationToken = default)
    {
        // Writes to ref and out parameters are what the method returns: never dead.
        // So are additions into a matrix parameter's elements (an adjoint partner).
        var outputs = new HashSet<IrVariable>(method.Parameters
            .Where(parameter => parameter.Kind != ParameterKind.Value || parameter.Variable.Type.IsMatrix())
            .Select(parameter => parameter.Variable));
        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var body = method.Body;
        // Share and clean first; inline only once that has settled, or an inlined copy would hide a common subexpression.
        body = Repeat(body, cancellationToken, body =>
        {
            body = SimplifyExpressions(body);
            body = Propagation.Apply(body);
            body = CommonSubexpressions.Apply(body);
            body = DeadCode.Apply(body, outputs);
            body = DeadStores.Apply(body, outputs);
            body = Accumulations.Fold(body);
            body = RedundantCopies.Apply(body);
            return Coalescing.Apply(body, parameters);
        });
        body = Repeat(body, cancellationToken, body =>
        {
            body = Inlining.Apply(body);
            body = SimplifyExpressions(body);
            body = DeadCode.Apply(body, outputs);
            body = Accumulations.Fold(body);
            return Coalescing.Apply(body, parameters);
        });
        return method with { Body = body };
    }

    private static IrBlock Repeat(IrBlock body, CancellationToken cancellationToken, System.Func<IrBlock, IrBlock> round)
    {
        for (var i = 0; i < MaximumRounds; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = round(body);
            if (next.Equals(body))
                break;
            body = next;
        }
        return body;
    }

    private static IrBlock SimplifyExpressions(IrBlock block)
        => IrBlock.From(block.Statements.Select(SimplifyStatement));

    private static IrStatement SimplifyStatement(IrStatement statement)
    {
        var exact = statement switch
        {
            Assign assign => !assign.Target.IsDerivative,
            AddAssign => false,
            // What a span receives may be a tangent (outputDot[i] = …) or a primal value: stay exact.
            _ => true,
        };
        return RewriteExpressions(statement, expression => ExpressionSimplifier.Simplify(expression, exact)).MapBlocks(SimplifyExpressions);
    }

    /// <summary>Applies <paramref name="rewrite"/> to every value an expression of the statement reads (not to ref/out targets, nor nested blocks).</summary>
    internal static IrStatement RewriteExpressions(IrStatement statement, System.Func<IrExpression, IrExpression> rewrite) => statement switch
    {
        Assign assign => assign with { Value = rewrite(assign.Value) },
        AddAssign addAssign => addAssign with { Value = rewrite(addAssign.Value) },
        ExpressionStatement expression => expression with { Expression = rewrite(expression.Expression) },
        Return ret => ret with { Value = rewrite(ret.Value) },
        If conditional => conditional with { Condition = rewrite(conditional.Condition) },
        ElementAssign element => element with { Index = rewrite(element.Index), Value = rewrite(element.Value) },
        Loop loop => loop with { Condition = rewrite(loop.Condition) },
        Store store => store with { Index = rewrite(store.Index), Value = rewrite(store.Value) },
        Require require => require with { Failure = rewrite(require.Failure) },
        ClearSpan clear => clear with { Span = rewrite(clear.Span) },
        RentBuffer rent => rent with { Length = rewrite(rent.Length) },
        VectorStore store => store with { Index = rewrite(store.Index), Value = rewrite(store.Value) },
        _ => statement,
    };

    internal static IrExpression Substitute(IrExpression expression, IReadOnlyDictionary<IrVariable, IrExpression> replacements)
        => replacements.Count == 0
            ? expression
            : expression.Rewrite(node => node is VariableRef reference && replacements.TryGetValue(reference.Variable, out var replacement) ? replacement : node);
}
