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
        var outputs = new HashSet<IrVariable>(method.Parameters.Where(parameter => parameter.Kind != ParameterKind.Value).Select(parameter => parameter.Variable));
        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var body = method.Body;
        // Share and clean first; inline only once that has settled, or an inlined copy would hide a common subexpression.
        body = Repeat(body, cancellationToken, body =>
        {
            body = SimplifyExpressions(body);
            body = Propagation.Apply(body);
            body = CommonSubexpressions.Apply(body);
            body = DeadCode.Apply(body, outputs);
            body = Accumulations.Fold(body);
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

    private static IrStatement SimplifyStatement(IrStatement statement) => statement switch
    {
        Assign assign => assign with { Value = ExpressionSimplifier.Simplify(assign.Value, exact: !assign.Target.IsDerivative) },
        AddAssign addAssign => addAssign with { Value = ExpressionSimplifier.Simplify(addAssign.Value, exact: false) },
        ExpressionStatement expression => expression with { Expression = ExpressionSimplifier.Simplify(expression.Expression, exact: true) },
        Return ret => ret with { Value = ExpressionSimplifier.Simplify(ret.Value, exact: true) },
        If conditional => conditional with
        {
            Condition = ExpressionSimplifier.Simplify(conditional.Condition, exact: true),
            Then = SimplifyExpressions(conditional.Then),
            Else = SimplifyExpressions(conditional.Else),
        },
        _ => statement,
    };

    /// <summary>Applies <paramref name="rewrite"/> to every value an expression of the statement reads (not to ref/out targets).</summary>
    internal static IrStatement RewriteExpressions(IrStatement statement, System.Func<IrExpression, IrExpression> rewrite) => statement switch
    {
        Assign assign => assign with { Value = rewrite(assign.Value) },
        AddAssign addAssign => addAssign with { Value = rewrite(addAssign.Value) },
        ExpressionStatement expression => expression with { Expression = rewrite(expression.Expression) },
        Return ret => ret with { Value = rewrite(ret.Value) },
        If conditional => conditional with { Condition = rewrite(conditional.Condition) },
        _ => statement,
    };

    internal static IrExpression Substitute(IrExpression expression, IReadOnlyDictionary<IrVariable, IrExpression> replacements)
        => replacements.Count == 0
            ? expression
            : expression.Rewrite(node => node is VariableRef reference && replacements.TryGetValue(reference.Variable, out var replacement) ? replacement : node);

    /// <summary>Replaces reads of variables that hold a constant or a copy of a stable variable.</summary>
    private static class Propagation
    {
        public static IrBlock Apply(IrBlock body)
        {
            var usage = VariableUsage.Of(body);
            var replacements = new Dictionary<IrVariable, IrExpression>();
            var position = 0;
            return Visit(body, usage, replacements, ref position);
        }

        private static IrBlock Visit(IrBlock block, VariableUsage usage, Dictionary<IrVariable, IrExpression> replacements, ref int position)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                var here = position++;
                var rewritten = RewriteExpressions(statement, expression => Substitute(expression, replacements));
                if (rewritten is Assign assign && usage.IsSingleAssignment(assign.Target) && IsPropagatable(assign, usage, here))
                    replacements[assign.Target] = assign.Value;
                if (rewritten is If conditional)
                {
                    var then = Visit(conditional.Then, usage, replacements, ref position);
                    var otherwise = Visit(conditional.Else, usage, replacements, ref position);
                    rewritten = conditional with { Then = then, Else = otherwise };
                }
                output.Add(rewritten);
            }
            return IrBlock.From(output);
        }

        private static bool IsPropagatable(Assign assign, VariableUsage usage, int position) => assign.Value switch
        {
            Constant or FieldRef => true,
            VariableRef source => source.Type == assign.Target.Type && usage.LastWrite(source.Variable) < position,
            _ => false,
        };
    }

    /// <summary>A value computed twice from stable operands is computed once.</summary>
    private static class CommonSubexpressions
    {
        public static IrBlock Apply(IrBlock body)
        {
            var usage = VariableUsage.Of(body);
            var position = 0;
            return Visit(body, usage, new Dictionary<IrExpression, IrVariable>(), ref position);
        }

        private static IrBlock Visit(IrBlock block, VariableUsage usage, Dictionary<IrExpression, IrVariable> available, ref int position)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                var here = position++;
                var rewritten = statement;
                if (statement is Assign assign && IsShareable(assign, usage, here))
                {
                    if (available.TryGetValue(assign.Value, out var existing))
                        rewritten = assign with { Value = new VariableRef(existing) };
                    else
                        available[assign.Value] = assign.Target;
                }
                if (rewritten is If conditional)
                {
                    // What an arm computes is available only inside that arm.
                    var then = Visit(conditional.Then, usage, new Dictionary<IrExpression, IrVariable>(available), ref position);
                    var otherwise = Visit(conditional.Else, usage, new Dictionary<IrExpression, IrVariable>(available), ref position);
                    rewritten = conditional with { Then = then, Else = otherwise };
                }
                output.Add(rewritten);
            }
            return IrBlock.From(output);
        }

        private static bool IsShareable(Assign assign, VariableUsage usage, int position)
            => usage.IsSingleAssignment(assign.Target)
               && assign.Value is not (Constant or VariableRef or FieldRef)
               && !assign.Value.Contains(node => node is MethodCall)
               && assign.Value.ReadVariables().All(variable => usage.LastWrite(variable) < position);
    }

    /// <summary>Removes assignments nobody reads and branches left empty.</summary>
    private static class DeadCode
    {
        public static IrBlock Apply(IrBlock body, HashSet<IrVariable> outputs)
        {
            var usage = VariableUsage.Of(body);
            return Visit(body, variable => outputs.Contains(variable) || usage.Reads(variable) > 0, usage);
        }

        private static IrBlock Visit(IrBlock block, System.Func<IrVariable, bool> isLive, VariableUsage usage)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                switch (statement)
                {
                    case Declare declare:
                        if (isLive(declare.Variable) || usage.IsWritten(declare.Variable))
                            output.Add(declare);
                        break;
                    case Assign assign:
                        if (isLive(assign.Target))
                            output.Add(assign);
                        else if (assign.Value.ArgumentWrites().Any(isLive))
                            output.Add(new ExpressionStatement(assign.Value));
                        break;
                    case AddAssign addAssign:
                        if (isLive(addAssign.Target))
                            output.Add(addAssign);
                        break;
                    case ExpressionStatement expression:
                        if (expression.Expression.ArgumentWrites().Any(isLive))
                            output.Add(expression);
                        break;
                    case If conditional:
                        var then = Visit(conditional.Then, isLive, usage);
                        var otherwise = Visit(conditional.Else, isLive, usage);
                        if (!then.IsEmpty || !otherwise.IsEmpty)
                            output.Add(conditional with { Then = then, Else = otherwise });
                        break;
                    default:
                        output.Add(statement);
                        break;
                }
            }
            return IrBlock.From(output);
        }
    }

    /// <summary>
    /// <c>aBar = 0; … aBar += e</c> becomes <c>aBar = e</c>, and consecutive contributions to one
    /// adjoint become one sum, when nothing in between touches what moves.
    /// </summary>
    private static class Accumulations
    {
        public static IrBlock Fold(IrBlock block)
        {
            var statements = block.Statements
                .Select(statement => statement is If conditional ? conditional with { Then = Fold(conditional.Then), Else = Fold(conditional.Else) } : statement)
                .ToList();
            for (var i = 0; i < statements.Count; i++)
            {
                var (target, value, isAccumulation) = statements[i] switch
                {
                    Assign { Target.Role: VariableRole.Adjoint or VariableRole.Tangent } assign => (assign.Target, assign.Value, false),
                    AddAssign addAssign => (addAssign.Target, addAssign.Value, true),
                    _ => (null, null, false),
                };
                if (target is null || value is null || value.ReadVariables().Contains(target))
                    continue;
                var next = NextReference(statements, i, target);
                if (next < 0 || statements[next] is not AddAssign contribution || contribution.Value.ReadVariables().Contains(target))
                    continue;
                if (!isAccumulation && value is Constant { IsZero: true })
                {
                    statements[next] = new Assign(target, contribution.Value);
                    statements.RemoveAt(i);
                    i--;
                    continue;
                }
                var moved = new HashSet<IrVariable>(value.ReadVariables());
                var untouched = Enumerable.Range(i + 1, next - i - 1).All(k => !statements[k].Writes().Any(moved.Contains));
                if (!untouched)
                    continue;
                var sum = DerivativeRules.Add(value, contribution.Value);
                statements[next] = isAccumulation ? new AddAssign(target, sum) : new Assign(target, sum);
                statements.RemoveAt(i);
                i--;
            }
            return IrBlock.From(statements);
        }

        private static int NextReference(List<IrStatement> statements, int from, IrVariable variable)
        {
            for (var k = from + 1; k < statements.Count; k++)
            {
                if (statements[k].Reads().Contains(variable) || statements[k].Writes().Contains(variable))
                    return k;
            }
            return -1;
        }
    }

    /// <summary>An intermediate read once, by a later statement of the same block, is written where it is read.</summary>
    private static class Inlining
    {
        public static IrBlock Apply(IrBlock body) => Visit(body, VariableUsage.Of(body));

        private static IrBlock Visit(IrBlock block, VariableUsage usage)
        {
            var statements = block.Statements
                .Select(statement => statement is If conditional ? conditional with { Then = Visit(conditional.Then, usage), Else = Visit(conditional.Else, usage) } : statement)
                .ToList();
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i] is not Assign assign || !IsInlinable(assign, usage))
                    continue;
                var target = assign.Target;
                var next = -1;
                for (var k = i + 1; k < statements.Count && next < 0; k++)
                {
                    if (statements[k].Reads().Contains(target))
                        next = k;
                }
                if (next < 0 || !statements[next].Expressions().Any(expression => expression.ReadVariables().Contains(target)))
                    continue;
                if (!IsIntermediate(target) && !IsCopyOf(statements[next], target))
                    continue;
                var moved = new HashSet<IrVariable>(assign.Value.ReadVariables());
                if (Enumerable.Range(i + 1, next - i - 1).Any(k => statements[k].Writes().Any(moved.Contains)))
                    continue;
                var replacement = new Dictionary<IrVariable, IrExpression> { [target] = assign.Value };
                statements[next] = RewriteExpressions(statements[next], expression => Substitute(expression, replacement));
                statements.RemoveAt(i);
                i--;
            }
            return IrBlock.From(statements);
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

    /// <summary>
    /// <c>a = b</c> where this is <c>b</c>'s only read and <c>a</c>'s only write: <c>b</c> is renamed
    /// <c>a</c> (so a merged value is assigned straight into the out parameter that returns it).
    /// </summary>
    private static class Coalescing
    {
        public static IrBlock Apply(IrBlock body, HashSet<IrVariable> parameters)
        {
            var usage = VariableUsage.Of(body);
            foreach (var statement in body.Flatten())
            {
                if (statement is Assign { Value: VariableRef { Variable: var source } } copy
                    && !parameters.Contains(source)
                    && source.Type == copy.Target.Type
                    && usage.Reads(source) == 1
                    && usage.IsSingleAssignment(copy.Target)
                    && usage.Reads(copy.Target) == 0)
                {
                    return Rename(body, copy, source, copy.Target);
                }
            }
            return body;
        }

        private static IrBlock Rename(IrBlock block, Assign copy, IrVariable from, IrVariable to)
        {
            IrVariable Map(IrVariable variable) => variable.Equals(from) ? to : variable;
            IrExpression MapExpression(IrExpression expression)
                => RenameArguments(expression.Rewrite(node => node is VariableRef reference && reference.Variable.Equals(from) ? new VariableRef(to) : node), from, to);

            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                if (ReferenceEquals(statement, copy))
                    continue;
                output.Add(statement switch
                {
                    Declare declare => new Declare(Map(declare.Variable)),
                    Assign assign => new Assign(Map(assign.Target), MapExpression(assign.Value)),
                    AddAssign addAssign => new AddAssign(Map(addAssign.Target), MapExpression(addAssign.Value)),
                    ExpressionStatement expression => new ExpressionStatement(MapExpression(expression.Expression)),
                    If conditional => new If(MapExpression(conditional.Condition), Rename(conditional.Then, copy, from, to), Rename(conditional.Else, copy, from, to)),
                    Return ret => new Return(MapExpression(ret.Value)),
                    _ => statement,
                });
            }
            return IrBlock.From(output);
        }

        // Rewrite leaves ref/out arguments alone (they are storage, not values); renaming must reach them.
        private static IrExpression RenameArguments(IrExpression expression, IrVariable from, IrVariable to)
            => expression.Rewrite(node => node is MethodCall call
                ? call with
                {
                    Arguments = call.Arguments
                        .Select(argument => argument.WrittenVariable is { } written && written.Equals(from) ? argument with { Value = new VariableRef(to) } : argument)
                        .ToEquatableArray(),
                }
                : node);
    }
}
