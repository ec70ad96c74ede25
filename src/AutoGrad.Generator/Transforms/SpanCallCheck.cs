using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Refuses the calls of void differentiable methods whose derivatives would silently be wrong because
/// of what else touches the spans they are passed (AG0007):
/// <list type="bullet">
/// <item>A span passed for one of the callee's outputs and, overlapping it, for another of its
/// parameters (<c>Dense(w, b, hidden, hidden)</c>): the callee's derivatives take its parameters not to
/// overlap. Slices that provably do not overlap (<c>hidden.Slice(0, h)</c>, <c>hidden.Slice(h, h)</c>) pass.</item>
/// <item>Inside a loop, the reverse sweep replays the call in each reverse iteration from what the spans
/// hold then, which is what they held when the call ran only if nothing wrote them since. So the loop
/// must be a single counted one; no other statement in it, nor any after it, may write those spans;
/// the callee must not read its outputs' content; and what the call writes in one iteration must lie,
/// provably, past (or before) everything it read and wrote in the iterations before
/// (<c>Dense(w, b, h.Slice(t * n, n), h.Slice((t + 1) * n, n))</c>: a recurrence through slices).</item>
/// </list>
/// "Provably" is decided on the slices' starts and lengths as polynomials in the method's integer
/// variables and span lengths (variables set once to a length or a constant stand for it). A scratch buffer
/// allocated in the innermost loop around the call is not shared between iterations, so the loop rules leave it out.
/// </summary>
internal static class SpanCallCheck
{
    public static IReadOnlyList<DiagnosticInfo> Find(IrMethod method, IReadOnlyDictionary<string, DependenceSummary> summaries)
    {
        var sites = new List<Site>();
        Collect(method.Body, [], sites);
        if (!sites.Any(site => site.Statement is ExpressionStatement { Expression: DifferentiableCall { Type: IrType.Void } }))
            return [];

        var assignments = method.Body.Flatten().OfType<Assign>().GroupBy(assign => assign.Target).Where(group => group.Count() == 1).ToDictionary(group => group.Key, group => group.First().Value);
        var known = assignments.Where(pair => pair.Value is Constant or SpanLength).ToDictionary(pair => pair.Key, pair => pair.Value);
        var slices = assignments.Where(pair => pair.Value is Slice).ToDictionary(pair => pair.Key, pair => (Slice)pair.Value);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var site in sites)
        {
            if (site.Statement is not ExpressionStatement { Expression: DifferentiableCall call } || call.Type != IrType.Void)
                continue;
            var arguments = Enumerable.Range(0, call.Arguments.Count)
                .Select(i => (Index: i, Range: RangeOf(call.Arguments[i], slices, known)))
                .Where(argument => argument.Range is { } range && range.Span.Type.IsWritableSpan())
                .Select(argument => (argument.Index, Range: argument.Range!.Value))
                .ToList();
            // A slice's length is not negative (Slice throws first), so a variable passed as one is not either.
            var lengths = new HashSet<string>(arguments
                .Select(argument => Polynomial.Of(argument.Range.Length))
                .Where(length => length is { Terms.Count: 1 } && length.Terms.Single() is { Value: 1, Key: var atoms } && atoms.Count() == 1)
                .Select(length => length!.Terms.Single().Key.Single()));
            // A scratch buffer each iteration of the innermost loop has to itself is, for that iteration, what a span is
            // outside loops: the reverse sweep rebuilds it as the iteration did before replaying the call.
            var iterationLocal = site.Loops.Count == 0 ? [] : site.Loops[site.Loops.Count - 1].Blocks().Single().ScratchBuffersClearedIn();
            var shared = arguments.Where(argument => !iterationLocal.Contains(argument.Range.Span)).ToList();
            var reason = Overlap(call, arguments, lengths) ?? (site.Loops.Count == 0 || shared.Count == 0 ? null : InLoop(site, sites, call, shared, summaries, lengths, slices));
            if (reason is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExpression, null,
                    $"a call of '{call.Target.Name}' in '{method.Name}' {reason.Value.What}", reason.Value.Instead));
            }
        }
        return diagnostics;
    }

    private sealed record Site(IrStatement Statement, int Index, int End, IReadOnlyList<IrStatement> Loops);

    /// <summary>The statements in <see cref="IrTraversal.Flatten"/>'s order, each with the index one past its nested statements and the loops around it.</summary>
    private static void Collect(IrBlock block, List<IrStatement> loops, List<Site> sites)
    {
        foreach (var statement in block.Statements)
        {
            var at = sites.Count;
            sites.Add(null!);
            var inner = statement is Loop or CountedLoop ? [.. loops, statement] : loops;
            foreach (var nested in statement.Blocks())
                Collect(nested, inner, sites);
            sites[at] = new Site(statement, at, sites.Count, loops);
        }
    }

    private readonly record struct Range(IrVariable Span, IrExpression Start, IrExpression Length);

    /// <summary>The span an argument passes and the part of it: the whole span, a slice, or a slice of a local slice.</summary>
    private static Range? RangeOf(IrExpression argument, Dictionary<IrVariable, Slice> slices, Dictionary<IrVariable, IrExpression> known)
    {
        var (span, start, length) = argument switch
        {
            VariableRef reference => (reference.Variable, Constant.Of(IrType.Int, 0), (IrExpression)new SpanLength(reference.Variable)),
            Slice slice => (slice.Span, slice.Start, slice.Length),
            _ => (null!, null!, null!),
        };
        if (span is null)
            return null;
        // A local slice of a span stands for that part of it.
        for (var depth = 0; depth < 16 && slices.TryGetValue(span, out var outer); depth++)
        {
            start = new Binary(BinaryOperator.Add, outer.Start, start, IrType.Int);
            if (argument is VariableRef)
                length = outer.Length;
            span = outer.Span;
            argument = outer;
        }
        return new Range(span, Simplifier.Substitute(start, known), Simplifier.Substitute(length, known));
    }

    /// <summary>A span passed for an output and, not provably apart from it, for another parameter of the same call.</summary>
    private static (string What, string Instead)? Overlap(DifferentiableCall call, List<(int Index, Range Range)> arguments, HashSet<string> lengths)
    {
        foreach (var (output, written) in arguments.Where(argument => call.Target.Writes(argument.Index)))
        {
            foreach (var (other, range) in arguments)
            {
                if (other == output || !range.Span.Equals(written.Span) || Apart(written, range, lengths))
                    continue;
                return ($"that passes '{written.Span.Name}' both for an output and, overlapping it, for another parameter (arguments {output + 1} and {other + 1}; its derivatives take them not to overlap)",
                    $"pass slices that do not overlap ({written.Span.Name}.Slice(0, n) and {written.Span.Name}.Slice(n, m)), or separate spans");
            }
        }
        return null;
    }

    private static (string What, string Instead)? InLoop(Site site, List<Site> sites, DifferentiableCall call, List<(int Index, Range Range)> arguments,
        IReadOnlyDictionary<string, DependenceSummary> summaries, HashSet<string> lengths, Dictionary<IrVariable, Slice> slices)
    {
        const string Instead = "write each iteration's result into its own slice, indexed by the loop's counter (h.Slice(t * n, n)), and write those spans nowhere else in or after the loop; or call it outside the loop";
        if (site.Loops.Count > 1)
            return ("inside nested loops (the reverse sweep would replay it from what its spans hold by then)", Instead);
        var loop = site.Loops[0];
        summaries.TryGetValue(call.Target.Id, out var callee);
        foreach (var (index, range) in arguments.Where(argument => call.Target.Writes(argument.Index)))
        {
            if (callee is null || callee.ReadsOutputContent[index])
                return ($"inside a loop, which adds into, reads back or may leave partly unwritten its output '{range.Span.Name}' (the reverse sweep would replay it from what '{range.Span.Name}' holds by then)", Instead);
        }

        // No other statement of the loop, and none after it, writes these spans.
        var loopSite = sites.First(candidate => ReferenceEquals(candidate.Statement, loop));
        var spans = new HashSet<IrVariable>(arguments.Select(argument => argument.Range.Span));
        for (var i = loopSite.Index + 1; i < sites.Count; i++)
        {
            if (i == site.Index || sites[i].Statement is Loop or CountedLoop or If)
                continue;
            if (sites[i].Statement.SpanElementWrites().Select(span => BaseOf(span, slices)).FirstOrDefault(spans.Contains) is { } written)
            {
                var where = i < loopSite.End ? "elsewhere in the loop" : "after the loop";
                return ($"inside a loop with '{written.Name}', which is also written {where} (the reverse sweep would replay the call from what '{written.Name}' holds by then)", Instead);
            }
        }

        // What the call writes moves on, each iteration, past (or before) all it touched in the iterations before.
        // A counted loop's counter is the node's; in a general loop, integers it carries and steps by a constant.
        var steps = loop switch
        {
            CountedLoop counted => new Dictionary<IrVariable, long> { [counted.Counter] = counted.Step },
            Loop general => general.Carried.Where(variable => LoopCounters.Step(general, variable) is not null).ToDictionary(variable => variable, variable => LoopCounters.Step(general, variable)!.Value),
            _ => throw IrTraversal.Unknown(loop),
        };
        var counters = steps.Keys.ToList();
        var carriedByLoop = loop is CountedLoop countedLoop ? countedLoop.Carried : ((Loop)loop).Carried;
        var varying = new HashSet<IrVariable>(carriedByLoop.Concat(loop.Blocks().SelectMany(block => block.Flatten()).SelectMany(statement => statement.Writes())).Except(counters));
        var next = steps.ToDictionary(pair => pair.Key, pair => (IrExpression)new Binary(BinaryOperator.Add, new VariableRef(pair.Key), Constant.Of(pair.Key.Type, pair.Value), pair.Key.Type));
        foreach (var (index, written) in arguments.Where(argument => call.Target.Writes(argument.Index)))
        {
            var nextStart = Simplifier.Substitute(written.Start, next);
            foreach (var (_, range) in arguments.Where(argument => argument.Range.Span.Equals(written.Span)))
            {
                var mentioned = new[] { written.Start, written.Length, range.Start, range.Length }.SelectMany(expression => expression.ReadVariables());
                if (counters.Count == 0 || mentioned.Any(varying.Contains))
                    return ($"inside a loop with a slice of '{written.Span.Name}' that is not a fixed function of the loop's counter (the reverse sweep could not tell what each iteration wrote)", Instead);
                // Forward: the next write starts past this range's end, and writes never move back; or the mirror image.
                var ahead = NonNegative(Difference(nextStart, written.Start), lengths) && NonNegative(Difference(nextStart, Sum(range.Start, range.Length)), lengths);
                var behind = NonNegative(Difference(written.Start, nextStart), lengths) && NonNegative(Difference(range.Start, Sum(nextStart, written.Length)), lengths);
                if (!ahead && !behind)
                {
                    return ($"inside a loop, writing a part of '{written.Span.Name}' that a later iteration may write or read again (the reverse sweep would replay each iteration from what '{written.Span.Name}' holds by then)", Instead);
                }
            }
        }
        return null;
    }

    /// <summary>The span a local slice is taken of (through slices of slices), or the span itself.</summary>
    private static IrVariable BaseOf(IrVariable span, Dictionary<IrVariable, Slice> slices)
    {
        for (var depth = 0; depth < 16 && slices.TryGetValue(span, out var outer); depth++)
            span = outer.Span;
        return span;
    }

    /// <summary>Whether two parts of one span provably do not overlap: one ends where (or before) the other starts.</summary>
    private static bool Apart(Range a, Range b, HashSet<string> lengths)
        => NonNegative(Difference(b.Start, Sum(a.Start, a.Length)), lengths) || NonNegative(Difference(a.Start, Sum(b.Start, b.Length)), lengths);

    private static IrExpression Sum(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Add, a, b, IrType.Int);

    private static Polynomial? Difference(IrExpression a, IrExpression b)
        => Polynomial.Of(a) is { } left && Polynomial.Of(b) is { } right ? left.Plus(right.Times(Polynomial.Constant(-1))) : null;

    /// <summary>
    /// Non-negative for every value of its variables: every term has a non-negative coefficient and only
    /// span lengths and <paramref name="lengths"/> (variables the call passes as a slice's length) in it.
    /// </summary>
    private static bool NonNegative(Polynomial? polynomial, HashSet<string> lengths)
        => polynomial is not null && polynomial.Terms.All(term => term.Value >= 0 && term.Key.All(atom => atom.StartsWith("length ", System.StringComparison.Ordinal) || lengths.Contains(atom)));

    /// <summary>An integer polynomial: coefficients by monomial, a monomial being its sorted atoms (a variable, a span's length).</summary>
    private sealed class Polynomial
    {
        private Polynomial(Dictionary<EquatableKey, long> terms) => Terms = terms.Where(term => term.Value != 0).ToDictionary(term => term.Key, term => term.Value);

        public Dictionary<EquatableKey, long> Terms { get; }

        public static Polynomial Constant(long value) => new(new Dictionary<EquatableKey, long> { [EquatableKey.Empty] = value });

        private static Polynomial Atom(string atom) => new(new Dictionary<EquatableKey, long> { [new EquatableKey([atom])] = 1 });

        public static Polynomial? Of(IrExpression expression) => expression switch
        {
            IR.Constant constant when constant.Type.IsInteger() => Constant(constant.Integer),
            VariableRef { Variable: var variable } when variable.Type.IsInteger() => Atom("variable " + variable.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            SpanLength length => Atom("length " + length.Span.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Binary { Operator: BinaryOperator.Add } sum => Of(sum.Left) is { } a && Of(sum.Right) is { } b ? a.Plus(b) : null,
            Binary { Operator: BinaryOperator.Subtract } difference => Of(difference.Left) is { } a && Of(difference.Right) is { } b ? a.Plus(b.Times(Constant(-1))) : null,
            Binary { Operator: BinaryOperator.Multiply } product => Of(product.Left) is { } a && Of(product.Right) is { } b ? a.Times(b) : null,
            _ => null,
        };

        public Polynomial Plus(Polynomial other)
        {
            var terms = new Dictionary<EquatableKey, long>(Terms);
            foreach (var term in other.Terms)
                terms[term.Key] = (terms.TryGetValue(term.Key, out var coefficient) ? coefficient : 0) + term.Value;
            return new Polynomial(terms);
        }

        public Polynomial Times(Polynomial other)
        {
            var terms = new Dictionary<EquatableKey, long>();
            foreach (var a in Terms)
            {
                foreach (var b in other.Terms)
                {
                    var key = new EquatableKey(a.Key.Concat(b.Key).OrderBy(atom => atom, System.StringComparer.Ordinal).ToArray());
                    terms[key] = (terms.TryGetValue(key, out var coefficient) ? coefficient : 0) + a.Value * b.Value;
                }
            }
            return new Polynomial(terms);
        }
    }

    /// <summary>A monomial's atoms, compared by content.</summary>
    private sealed class EquatableKey(string[] atoms) : System.IEquatable<EquatableKey>, IEnumerable<string>
    {
        public static readonly EquatableKey Empty = new([]);

        public bool Equals(EquatableKey? other) => other is not null && atoms.SequenceEqual(other.Atoms);

        public override bool Equals(object? obj) => Equals(obj as EquatableKey);

        public override int GetHashCode() => atoms.Aggregate(17, (hash, atom) => hash * 31 + atom.GetHashCode());

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)atoms).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => atoms.GetEnumerator();

        private string[] Atoms => atoms;
    }
}
