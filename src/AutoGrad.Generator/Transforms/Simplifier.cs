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
                var counter = position;
                rewritten = rewritten.MapBlocks(nested => Visit(nested, usage, replacements, ref counter));
                position = counter;
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

    /// <summary>
    /// A value computed twice is computed once, as long as none of its operands was written in
    /// between: a write forgets what read the variable, and a loop forgets what its body writes.
    /// </summary>
    private static class CommonSubexpressions
    {
        public static IrBlock Apply(IrBlock body) => Visit(body, VariableUsage.Of(body), []);

        private static IrBlock Visit(IrBlock block, VariableUsage usage, Dictionary<IrExpression, IrVariable> available)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                var rewritten = statement;
                if (statement is Assign assign && IsShareable(assign, usage) && available.TryGetValue(assign.Value, out var existing))
                    rewritten = assign with { Value = new VariableRef(existing) };
                if (statement is Loop loop)
                    Forget(available, loop.Body.Flatten().SelectMany(nested => nested.Writes()).Concat(loop.Carried));
                // What a nested block computes is available only inside it.
                rewritten = rewritten.MapBlocks(nested => Visit(nested, usage, new Dictionary<IrExpression, IrVariable>(available)));
                Forget(available, rewritten.Writes());
                if (rewritten is Assign { Value: not VariableRef } shared && IsShareable(shared, usage) && !shared.Value.ReadVariables().Contains(shared.Target))
                    available[shared.Value] = shared.Target;
                output.Add(rewritten);
            }
            return IrBlock.From(output);
        }

        private static void Forget(Dictionary<IrExpression, IrVariable> available, IEnumerable<IrVariable> written)
        {
            var set = new HashSet<IrVariable>(written);
            if (set.Count == 0)
                return;
            foreach (var stale in available.Where(pair => set.Contains(pair.Value) || pair.Key.ReadVariables().Any(set.Contains)).Select(pair => pair.Key).ToList())
                available.Remove(stale);
        }

        private static bool IsShareable(Assign assign, VariableUsage usage)
            => usage.IsSingleAssignment(assign.Target)
               && assign.Value is not (Constant or VariableRef or FieldRef)
               && !assign.Value.Contains(node => node is MethodCall);
    }

    /// <summary>
    /// Removes what does not contribute to the method's effects (its result, ref/out parameters,
    /// span elements, checks): a mark phase from those roots to a fixed point — so a loop counter
    /// that only feeds itself dies too — then a sweep; branches and loops left empty go.
    /// </summary>
    private static class DeadCode
    {
        public static IrBlock Apply(IrBlock body, HashSet<IrVariable> outputs)
        {
            var live = new HashSet<IrVariable>(outputs);
            // Buffers the method allocates for itself matter only if read, like generated arrays.
            var buffers = new HashSet<IrVariable>(body.Flatten().OfType<RentBuffer>().Select(rent => rent.Buffer));
            bool grew;
            do
            {
                var before = live.Count;
                Mark(body, live, buffers);
                grew = live.Count != before;
            }
            while (grew);
            var written = new HashSet<IrVariable>();
            var swept = Sweep(body, live, buffers);
            foreach (var statement in swept.Flatten())
                written.UnionWith(statement.Writes());
            return RemoveUnusedDeclarations(swept, variable => live.Contains(variable) || written.Contains(variable));
        }

        /// <summary>Adds to <paramref name="live"/> what the essential statements read; true if the block has one.</summary>
        private static bool Mark(IrBlock block, HashSet<IrVariable> live, HashSet<IrVariable> buffers)
        {
            var any = false;
            foreach (var statement in block.Statements)
            {
                var nestedEssential = false;
                foreach (var nested in statement.Blocks())
                    nestedEssential |= Mark(nested, live, buffers);
                if (!nestedEssential && !IsEssential(statement, live, buffers))
                    continue;
                any = true;
                foreach (var expression in statement.Expressions())
                    live.UnionWith(expression.ReadVariables());
                live.UnionWith(statement.DirectReads());
                if (statement is ElementAssign { Accumulate: true } element)
                    live.Add(element.Span);
            }
            return any;
        }

        private static bool IsEssential(IrStatement statement, HashSet<IrVariable> live, HashSet<IrVariable> buffers) => statement switch
        {
            RentBuffer rent => live.Contains(rent.Buffer),
            ElementAssign element when buffers.Contains(element.Span) => live.Contains(element.Span),
            Assign assign => live.Contains(assign.Target) || assign.Value.ArgumentWrites().Any(live.Contains),
            AddAssign addAssign => live.Contains(addAssign.Target),
            // A generated buffer matters only if something reads it back; a span parameter always does.
            Store store => live.Contains(store.Buffer),
            CopyIntoBuffer copy => live.Contains(copy.Buffer),
            ElementAssign element when element.Span.Type.IsArray() => live.Contains(element.Span),
            ExpressionStatement expression => expression.Expression.ArgumentWrites().Any(live.Contains) || WritesThroughSpans(expression.Expression),
            Declare => false,
            If or Loop => false,
            _ => true,
        };

        /// <summary>A call given a writable span writes through it, whatever else it does.</summary>
        private static bool WritesThroughSpans(IrExpression expression)
            => expression.Contains(node => node is MethodCall call && call.Arguments.Any(argument => argument.Value.Type.IsWritableSpan()));

        private static IrBlock Sweep(IrBlock block, HashSet<IrVariable> live, HashSet<IrVariable> buffers)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                switch (statement)
                {
                    case Assign assign when !live.Contains(assign.Target):
                        if (assign.Value.ArgumentWrites().Any(live.Contains))
                            output.Add(new ExpressionStatement(assign.Value));
                        break;
                    case AddAssign addAssign when !live.Contains(addAssign.Target):
                    case ExpressionStatement expression when !expression.Expression.ArgumentWrites().Any(live.Contains) && !WritesThroughSpans(expression.Expression):
                    case Store store when !live.Contains(store.Buffer):
                    case CopyIntoBuffer copy when !live.Contains(copy.Buffer):
                    case ElementAssign element when (element.Span.Type.IsArray() || buffers.Contains(element.Span)) && !live.Contains(element.Span):
                    case RentBuffer rent when !live.Contains(rent.Buffer):
                        break;
                    case If conditional:
                        var then = Sweep(conditional.Then, live, buffers);
                        var otherwise = Sweep(conditional.Else, live, buffers);
                        if (!then.IsEmpty || !otherwise.IsEmpty)
                            output.Add(conditional with { Then = then, Else = otherwise });
                        break;
                    case Loop loop:
                        var body = Sweep(loop.Body, live, buffers);
                        if (!body.IsEmpty)
                            output.Add(loop with { Body = body });
                        break;
                    default:
                        output.Add(statement);
                        break;
                }
            }
            return IrBlock.From(output);
        }

        private static IrBlock RemoveUnusedDeclarations(IrBlock block, System.Func<IrVariable, bool> isUsed)
            => IrBlock.From(block.Statements
                .Where(statement => statement is not Declare declare || isUsed(declare.Variable))
                .Select(statement => statement.MapBlocks(nested => RemoveUnusedDeclarations(nested, isUsed))));
    }

    /// <summary>
    /// Removes a write outside loops that nothing reads afterwards — such as an adjoint reset
    /// after the last reverse iteration — even when the variable is read elsewhere.
    /// </summary>
    private static class DeadStores
    {
        public static IrBlock Apply(IrBlock body, HashSet<IrVariable> outputs)
        {
            var usage = VariableUsage.Of(body);
            var position = 0;
            return Visit(body, usage, outputs, insideLoop: false, ref position);
        }

        private static IrBlock Visit(IrBlock block, VariableUsage usage, HashSet<IrVariable> outputs, bool insideLoop, ref int position)
        {
            var output = new List<IrStatement>(block.Statements.Count);
            foreach (var statement in block.Statements)
            {
                var here = position++;
                var (target, value) = statement switch
                {
                    Assign assign => (assign.Target, assign.Value),
                    AddAssign addAssign => (addAssign.Target, addAssign.Value),
                    _ => (null, null),
                };
                if (!insideLoop && target is not null && value is not null && !outputs.Contains(target)
                    && usage.LastRead(target) < here && !value.ArgumentWrites().Any())
                {
                    continue;
                }
                var counter = position;
                var nestedInLoop = insideLoop || statement is Loop;
                output.Add(statement.MapBlocks(nested => Visit(nested, usage, outputs, nestedInLoop, ref counter)));
                position = counter;
            }
            return IrBlock.From(output);
        }
    }

    /// <summary><c>a = b; … b = a</c> with neither written in between: the second copy changes nothing.</summary>
    private static class RedundantCopies
    {
        public static IrBlock Apply(IrBlock block)
        {
            var statements = block.Statements.Select(statement => statement.MapBlocks(Apply)).ToList();
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i] is not Assign { Value: VariableRef { Variable: var source } } first)
                    continue;
                for (var j = i + 1; j < statements.Count; j++)
                {
                    if (statements[j] is Assign { Value: VariableRef { Variable: var back } } second && second.Target.Equals(source) && back.Equals(first.Target))
                    {
                        statements.RemoveAt(j);
                        break;
                    }
                    var writes = statements[j].Writes().ToList();
                    if (writes.Contains(source) || writes.Contains(first.Target))
                        break;
                }
            }
            return IrBlock.From(statements);
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
                .Select(statement => statement.MapBlocks(Fold))
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
                .Select(statement => statement.MapBlocks(nested => Visit(nested, usage)))
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
                // A loop's condition is evaluated on every iteration, a buffer's length used three times: never move work into them.
                if (next < 0 || statements[next] is Loop or RentBuffer || !statements[next].Expressions().Any(expression => expression.ReadVariables().Contains(target)))
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
            => Without(block, copy).Rename(new Dictionary<IrVariable, IrVariable> { [from] = to });

        private static IrBlock Without(IrBlock block, IrStatement removed)
            => IrBlock.From(block.Statements
                .Where(statement => !ReferenceEquals(statement, removed))
                .Select(statement => statement.MapBlocks(nested => Without(nested, removed))));
    }
}
