using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Adds checks that the spans are long enough for the method's indexing, so that bad input is an
/// <c>ArgumentException</c> naming the span, raised before the loops run (and so before anything
/// is written), not an <c>IndexOutOfRangeException</c> halfway through.
/// <para>
/// An index is checked when it is affine in the counters of the counted loops around it
/// (<c>w[r * n + c]</c>: constant or loop-invariant coefficients) and the loops' bounds are known
/// before they start. Over the ranges, its smallest and largest values must lie in the span; the
/// check applies only when every loop involved runs at least once. Only accesses evaluated on every
/// path through the loop body are checked: one under a branch (<c>if (i &lt; n) … x[i]</c>), in the
/// right operand of <c>&amp;&amp;</c> or <c>||</c> (<c>i &lt; x.Length &amp;&amp; x[i] &gt; 0</c>) or in an arm of
/// <c>?:</c> may be guarded by what decides whether it runs; those and other indexes are left to
/// the runtime's own bounds checks.
/// </para>
/// </summary>
internal static class BoundsChecks
{
    public static IrMethod Insert(IrMethod method)
    {
        var spans = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable).Where(variable => variable.Type.IsSpan()));
        if (spans.Count == 0)
            return method;

        var topLevel = method.Body.Statements;
        var definedAt = new Dictionary<IrVariable, int>();
        for (var i = 0; i < topLevel.Count; i++)
        {
            if (topLevel[i] is Assign assign && !definedAt.ContainsKey(assign.Target))
                definedAt[assign.Target] = i;
        }

        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        // Variables assigned once a constant or a span's length (a loop's "int j = 0", "int n = x.Length")
        // stand in for their values, so checks depend on parameters only where they can.
        var known = method.Body.Flatten().OfType<Assign>()
            .GroupBy(assign => assign.Target)
            .Where(group => group.Count() == 1 && group.First().Value is Constant or SpanLength)
            .ToDictionary(group => group.Key, group => group.First().Value);
        var checks = new List<(int After, Require Check)>();
        for (var i = 0; i < topLevel.Count; i++)
        {
            foreach (var (span, index, loops) in Accesses(topLevel, i, []))
            {
                var resolvedLoops = loops?.Select(range => range with { Start = Simplifier.Substitute(range.Start, known), End = Simplifier.Substitute(range.End, known) }).ToList();
                if (!spans.Contains(span) || Check(span, Simplifier.Substitute(index, known), resolvedLoops) is not { } check)
                    continue;
                // The check reads parameters and values the method computes before the loops; it goes right after the last of them.
                var needed = check.Failure.ReadVariables().Where(variable => !parameters.Contains(variable)).ToList();
                if (needed.Any(variable => !definedAt.ContainsKey(variable)))
                    continue;
                // And after the user's own guards before the access: bad input gets the exception the user's method throws.
                var position = needed.Select(variable => definedAt[variable]).Append(LastGuardBefore(topLevel, i)).Max();
                if (position < i)
                    checks.Add((position, check));
            }
        }
        if (checks.Count == 0)
            return method;

        var body = new List<IrStatement>();
        var distinct = checks.GroupBy(check => check.Check).Select(group => group.First()).ToList();
        body.AddRange(distinct.Where(check => check.After < 0).Select(check => check.Check));
        for (var i = 0; i < topLevel.Count; i++)
        {
            body.Add(topLevel[i]);
            body.AddRange(distinct.Where(check => check.After == i).Select(check => check.Check));
        }
        return method with { Body = IrBlock.From(body) };
    }

    private static int LastGuardBefore(EquatableArray<IrStatement> statements, int end)
    {
        for (var i = end - 1; i >= 0; i--)
        {
            if (statements[i] is Require { Thrown: not null })
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Every element access in statement <paramref name="at"/> of a block, with the counted loops
    /// around it (outermost first); null for "inside a loop whose range is not known in advance".
    /// </summary>
    private static IEnumerable<(IrVariable Span, IrExpression Index, List<CountedLoop>? Loops)> Accesses(EquatableArray<IrStatement> block, int at, List<CountedLoop>? loops)
    {
        var statement = block[at];
        foreach (var expression in statement.Expressions())
        {
            foreach (var read in AlwaysEvaluatedElementReads(expression))
                yield return (read.Collection, read.Index, loops);
        }
        if (statement is ElementAssign element)
            yield return (element.Span, element.Index, loops);
        // An access under a branch may be guarded by it (if (i > 0) … y[i - 1]): only unconditional ones are checked.
        // A counted loop's range is the node's own; a general loop's is not known in advance.
        List<CountedLoop>? inner = null;
        if (statement is CountedLoop { Step: 1 or -1, Counter.Type: IrType.Int } counted && loops is not null)
            inner = [.. loops, counted];
        foreach (var nested in statement.Blocks())
        {
            for (var i = 0; i < nested.Statements.Count; i++)
            {
                foreach (var access in Accesses(nested.Statements, i, inner))
                    yield return access;
            }
        }
    }

    /// <summary>
    /// The element reads of an expression that are evaluated whenever it is: not those in the right
    /// operand of <c>&amp;&amp;</c> or <c>||</c> nor in an arm of <c>?:</c>, which the left operand or the
    /// condition may guard, as an <c>if</c> guards its branches.
    /// </summary>
    private static IEnumerable<ElementRead> AlwaysEvaluatedElementReads(IrExpression expression)
    {
        if (expression is ElementRead read)
            yield return read;
        IEnumerable<IrExpression> evaluated = expression switch
        {
            Binary { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit => [shortCircuit.Left],
            Conditional conditional => [conditional.Condition],
            _ => expression.Children(),
        };
        foreach (var child in evaluated)
        {
            foreach (var nested in AlwaysEvaluatedElementReads(child))
                yield return nested;
        }
    }

    private static Require? Check(IrVariable span, IrExpression index, List<CountedLoop>? loops)
    {
        if (loops is null || Affine.Of(index, loops) is not { } affine)
            return null;
        if (IsWholeRangeOf(affine, span))
            return null;
        IrExpression lowest = affine.Constant, highest = affine.Constant;
        foreach (var (range, coefficient) in affine.Terms)
        {
            var (first, last) = range.Extent();
            var atFirst = Multiply(coefficient, first);
            var atLast = Multiply(coefficient, last);
            // With a constant coefficient the order of the ends is known; otherwise it is decided at run time.
            var (low, high) = ExpressionSimplifier.Simplify(coefficient, exact: true) switch
            {
                Constant { Integer: > 0 } => (atFirst, atLast),
                Constant { Integer: < 0 } => (atLast, atFirst),
                _ => (Min(atFirst, atLast), Max(atFirst, atLast)),
            };
            lowest = Add(lowest, low);
            highest = Add(highest, high);
        }
        IrExpression failure = new Binary(BinaryOperator.ConditionalOr,
            new Binary(BinaryOperator.Less, lowest, Constant.Of(IrType.Int, 0), IrType.Bool),
            new Binary(BinaryOperator.GreaterOrEqual, highest, new SpanLength(span), IrType.Bool),
            IrType.Bool);
        // The access happens only if every loop around it runs, not only those its index names: y[0]
        // read in a loop over an empty range must not be checked (fuzzer seeds 60080, 70556). A loop whose
        // range depends on an outer counter cannot be decided up front: no check then.
        var counters = new HashSet<IrVariable>(loops.Select(range => range.Counter));
        foreach (var range in Enumerable.Reverse(loops))
        {
            var runs = range.RunsAtAll();
            if (runs.ReadVariables().Any(counters.Contains))
                return null;
            failure = new Binary(BinaryOperator.ConditionalAnd, runs, failure, IrType.Bool);
        }
        failure = ExpressionSimplifier.Simplify(failure, exact: true);
        if (failure is Constant { Integer: 0 })
            return null;
        // span[i] for i over all of other's indices: passing the check means span covers other.
        var guarantees = CoveredSpan(affine) is { } covered
            ? EquatableArray.Create(new SpanCovers(span, covered))
            : EquatableArray<SpanCovers>.Empty;
        return new Require(failure, span.Name, $"'{span.Name}' is too short for the indexing of this method.", guarantees);
    }

    /// <summary><c>span[i]</c> for <c>i</c> from a non-negative constant up to <c>span.Length</c>: in bounds by construction.</summary>
    private static bool IsWholeRangeOf(Affine affine, IrVariable span) => CoveredSpan(affine) is { } covered && covered.Equals(span);

    /// <summary>The span whose indices the index runs over, when it is a counter going up from a non-negative constant to that span's length.</summary>
    private static IrVariable? CoveredSpan(Affine affine)
        => affine.Terms.Count == 1
           && affine.Terms[0] is var (range, coefficient)
           && ExpressionSimplifier.Simplify(coefficient, exact: true) is Constant { Integer: 1 }
           && ExpressionSimplifier.Simplify(affine.Constant, exact: true) is Constant { Integer: 0 }
           && range is { Step: 1, Inclusive: false, Start: Constant { Integer: >= 0 }, End: SpanLength { Span: var bounded } }
            ? bounded
            : null;

    private static IrExpression Multiply(IrExpression coefficient, IrExpression value) => new Binary(BinaryOperator.Multiply, coefficient, value, IrType.Int);

    private static IrExpression Add(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Add, a, b, IrType.Int);

    private static IrExpression Min(IrExpression a, IrExpression b) => a.Equals(b) ? a : new IntrinsicCall(Intrinsic.Min, EquatableArray.Create(a, b), IrType.Int);

    private static IrExpression Max(IrExpression a, IrExpression b) => a.Equals(b) ? a : new IntrinsicCall(Intrinsic.Max, EquatableArray.Create(a, b), IrType.Int);

    /// <summary>An index as <c>constant + Σ coefficient·counter</c>, coefficients and constant free of counters.</summary>
    private sealed record Affine(IrExpression Constant, List<(CountedLoop Range, IrExpression Coefficient)> Terms)
    {
        public static Affine? Of(IrExpression index, List<CountedLoop> loops)
        {
            var counters = loops.ToDictionary(range => range.Counter);
            return Decompose(index);

            Affine? Decompose(IrExpression expression)
            {
                switch (expression)
                {
                    case VariableRef { Variable: var variable } when counters.TryGetValue(variable, out var range):
                        return new Affine(IR.Constant.Of(IrType.Int, 0), [(range, IR.Constant.Of(IrType.Int, 1))]);
                    case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum:
                        if (Decompose(sum.Left) is not { } left || Decompose(sum.Right) is not { } right)
                            return null;
                        if (sum.Operator == BinaryOperator.Subtract)
                            right = right.Negated();
                        return new Affine(new Binary(BinaryOperator.Add, left.Constant, right.Constant, IrType.Int), [.. left.Terms, .. right.Terms]);
                    case Binary { Operator: BinaryOperator.Multiply } product:
                        if (IsInvariant(product.Left) && Decompose(product.Right) is { } scaledRight)
                            return scaledRight.Scaled(product.Left);
                        if (IsInvariant(product.Right) && Decompose(product.Left) is { } scaledLeft)
                            return scaledLeft.Scaled(product.Right);
                        return null;
                    default:
                        return IsInvariant(expression) && expression.Type == IrType.Int ? new Affine(expression, []) : null;
                }
            }

            bool IsInvariant(IrExpression expression)
                => !expression.ReadVariables().Any(counters.ContainsKey) && !expression.Contains(node => node is ElementRead or MethodCall or DifferentiableCall);
        }

        public Affine Negated() => Scaled(IR.Constant.Of(IrType.Int, -1));

        public Affine Scaled(IrExpression factor) => new(
            new Binary(BinaryOperator.Multiply, factor, Constant, IrType.Int),
            Terms.Select(term => (term.Range, (IrExpression)new Binary(BinaryOperator.Multiply, factor, term.Coefficient, IrType.Int))).ToList());
    }
}
