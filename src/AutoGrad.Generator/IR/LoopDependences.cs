using System.Collections.Generic;
using System.Linq;

namespace AutoGrad.Generator.IR;

/// <summary>What kind of reduction a <see cref="LoopReduction"/> is.</summary>
internal enum ReductionOperator
{
    Sum,
    Max,
    Min,
}

/// <summary>
/// A carried scalar used only by its own update, whose result does not depend on the order of the
/// iterations (up to the rounding of sums): <c>Target = Target ⊕ Term</c>.
/// </summary>
/// <param name="Updates">The statements of the update: one (<c>s += t</c>, <c>s = s + t</c>, <c>s = Max(s, t)</c>, …) or two (<c>u = s + t; s = u</c>).</param>
/// <param name="Fused">The update is <c>s = FusedMultiplyAdd(a, b, s)</c>; <see cref="Term"/> is then <c>a · b</c>.</param>
internal sealed record LoopReduction(IrVariable Target, ReductionOperator Operator, IrExpression Term, IReadOnlyList<IrStatement> Updates, bool Fused);

/// <summary>
/// Which values flow from one iteration of a loop into another — the one question that decides whether
/// its iterations may run in another order: backwards, interleaved with another loop's, or several at
/// once in a vector. Proved from what the body reads and writes, never from the shapes of its statements.
/// <list type="bullet">
/// <item>A scalar is <b>carried</b> when the body writes it (assignment, <c>+=</c>, <c>ref</c>/<c>out</c>
/// argument) and reads it — or the loop's condition does — where it may still hold a value from an earlier
/// iteration: a read not preceded on every path through the iteration by a write (the implicit read of
/// <c>+=</c> and of a <c>ref</c> argument included).</item>
/// <item>A scalar the body writes and anything outside the loop reads (the code after it, a <c>ref</c>/<c>out</c>
/// parameter) carries the <b>last</b> iteration's value out of the loop: the order decides which one that is.</item>
/// <item>In <b>memory</b>, a span or buffer the body writes is carried unless every element the body writes of
/// it, and every element it reads of it, is at one and the same index that moves with the counter
/// (<c>i</c>, <c>i ± invariant</c>): then each iteration touches an element of its own. A whole-span access
/// (a call's span argument, a clear, a copy, a slice) of something written is carried.</item>
/// </list>
/// A carried scalar whose only uses are its own update — <c>s += t</c>, <c>s = s + t</c>,
/// <c>s = FusedMultiplyAdd(a, b, s)</c>, <c>s = Max(s, t)</c>, <c>s = Min(s, t)</c>, at the top of the body,
/// directly or through one temporary read by nothing else (<c>u = s + t; s = u</c>), with t reading neither —
/// is a <see cref="LoopReduction"/>: it may be reordered. Any other carried value makes the loop a scan or a
/// recurrence (a prefix sum's adjoint <c>sBar = sBar + yBar[i]; xBar[i] += sBar</c> reads its running sum),
/// whose iterations must run in their order. The loop's counter is the node's own (<see cref="CountedLoop"/>) and is left out.
/// </summary>
internal sealed class LoopDependences
{
    private LoopDependences(IrVariable counter, IReadOnlyList<LoopReduction> reductions, IReadOnlyList<IrVariable> carried, IReadOnlyList<IrVariable> lastValues,
        IReadOnlyList<IrVariable> memory, IReadOnlyList<IrVariable> views, IReadOnlyList<IrVariable> ownElements)
    {
        Counter = counter;
        Reductions = reductions;
        Carried = carried;
        LastValues = lastValues;
        Memory = memory;
        Views = views;
        OwnElements = ownElements;
    }

    public IrVariable Counter { get; }

    /// <summary>Carried scalars that are reductions: order-independent (sums reassociate).</summary>
    public IReadOnlyList<LoopReduction> Reductions { get; }

    /// <summary>Carried scalars that are not reductions: the loop is a scan or a recurrence in them.</summary>
    public IReadOnlyList<IrVariable> Carried { get; }

    /// <summary>Scalars the body writes that are read outside the loop: their final value is the last iteration's.</summary>
    public IReadOnlyList<IrVariable> LastValues { get; }

    /// <summary>Spans and buffers with a dependence between iterations.</summary>
    public IReadOnlyList<IrVariable> Memory { get; }

    /// <summary>
    /// The read-only spans of <see cref="Memory"/> that carry nothing after all: views (<c>point = x.Slice(i * d, d)</c>)
    /// the body binds afresh before any read of them on every path through the iteration, never read outside the loop.
    /// Nothing can be written through a read-only span, so an iteration sees only the view it bound itself.
    /// </summary>
    public IReadOnlyList<IrVariable> Views { get; }

    /// <summary>Spans and buffers the body writes one element of its own in each iteration (not in <see cref="Memory"/>).</summary>
    public IReadOnlyList<IrVariable> OwnElements { get; }

    /// <summary>
    /// Whether the iterations may run in any order, interleaved with other code that does not touch what
    /// they touch, or several at once: nothing flows between them except into reductions.
    /// </summary>
    public bool MayReorder => Carried.Count == 0 && LastValues.Count == 0 && Memory.Count == 0;

    /// <param name="loop">The loop; its counter is the one value every reordering accounts for itself.</param>
    /// <param name="readOutside">The variables read outside the loop (<see cref="ReadCounts.ReadOutside"/>).</param>
    public static LoopDependences Of(CountedLoop loop, ReadsOutside readOutside)
    {
        var counter = loop.Counter;
        var statements = loop.Body.Flatten().ToList();
        var written = new HashSet<IrVariable>();
        foreach (var statement in statements)
        {
            written.UnionWith(statement.OwnWrites());
            written.UnionWith(CallSpanArguments(statement).Where(span => span.Type.IsWritableSpan()));
        }
        written.Remove(counter);

        // The range reads nothing the body writes (the verifier checks it), so only the body can expose a value.
        var exposed = new HashSet<IrVariable>();
        UpwardExposed(loop.Body, new HashSet<IrVariable> { counter }, exposed);

        List<HashSet<IrVariable>>? touched = null;
        var carried = new List<IrVariable>();
        var reductions = new List<LoopReduction>();
        var lastValues = new List<IrVariable>();
        foreach (var variable in written.Where(IsScalar).OrderBy(variable => variable.Id))
        {
            if (!exposed.Contains(variable))
            {
                if (readOutside.Contains(variable))
                    lastValues.Add(variable);
                continue;
            }
            touched ??= [.. loop.Body.Statements.Select(Touched)];
            if (AsReduction(loop.Body, touched, variable, readOutside) is not { } reduction)
                carried.Add(variable);
            else
                reductions.Add(reduction);
        }
        var memory = written.Where(variable => !IsScalar(variable) && !IsOwnElements(statements, variable, counter, written)).OrderBy(variable => variable.Id).ToList();
        var ownElements = written.Where(variable => !IsScalar(variable) && !memory.Contains(variable)).OrderBy(variable => variable.Id).ToList();
        var views = memory.Where(variable => IsView(variable) && !exposed.Contains(variable) && !readOutside.Contains(variable)
                                             && statements.All(statement => !statement.OwnWrites().Contains(variable) || statement is Assign { Target: var target } && target.Equals(variable)))
            .ToList();
        return new LoopDependences(counter, reductions, carried, lastValues, memory, views, ownElements);
    }

    /// <summary>Spans and buffers are memory (their elements are what is written); everything else is a value.</summary>
    private static bool IsScalar(IrVariable variable) => !variable.Type.IsSpan() && !variable.Type.IsArray();

    /// <summary>A read-only span: binding it defines it as an assignment defines a scalar, and nothing writes through it.</summary>
    private static bool IsView(IrVariable variable) => variable.Type.IsSpan() && !variable.Type.IsWritableSpan();

    /// <summary>Adds to <paramref name="exposed"/> each variable read where <paramref name="defined"/> (written so far on every path of the iteration) does not hold it.</summary>
    private static void UpwardExposed(IrBlock block, HashSet<IrVariable> defined, HashSet<IrVariable> exposed)
    {
        foreach (var statement in block.Statements)
        {
            foreach (var variable in OwnReads(statement))
            {
                if (!defined.Contains(variable))
                    exposed.Add(variable);
            }
            switch (statement)
            {
                case If conditional:
                    var inThen = new HashSet<IrVariable>(defined);
                    var inElse = new HashSet<IrVariable>(defined);
                    UpwardExposed(conditional.Then, inThen, exposed);
                    UpwardExposed(conditional.Else, inElse, exposed);
                    inThen.IntersectWith(inElse);
                    defined.UnionWith(inThen);
                    break;
                case Loop nested:
                    // A nested body may run no times: what it writes is not written for sure afterwards,
                    // and what its first iteration reads before writing comes from before it.
                    UpwardExposed(nested.Body, new HashSet<IrVariable>(defined), exposed);
                    break;
                case CountedLoop nested:
                    // The same, but the nested loop defines its own counter for its body.
                    UpwardExposed(nested.Body, new HashSet<IrVariable>(defined) { nested.Counter }, exposed);
                    break;
                default:
                    // Element writes modify a span without defining it; everything else the statement writes it defines,
                    // and so does binding a read-only span (for Views: the scalars' classification never looks at spans).
                    defined.UnionWith(statement.OwnWrites().Where(IsScalar));
                    if (statement is Assign { Target: var view } && IsView(view))
                        defined.Add(view);
                    break;
            }
        }
    }

    /// <summary>What a statement itself reads (not its nested blocks): its expressions, whole-variable reads, the target of <c>+=</c>, the element of <c>span[i] +=</c>.</summary>
    internal static IEnumerable<IrVariable> OwnReads(IrStatement statement)
    {
        var reads = statement.Expressions().SelectMany(expression => expression.ReadVariables()).Concat(statement.DirectReads());
        return statement switch
        {
            AddAssign addAssign => reads.Append(addAssign.Target),
            ElementAssign { Accumulate: true } element => reads.Append(element.Span),
            _ => reads,
        };
    }

    /// <summary>The spans a statement passes to calls: the callee may read or write any of their elements.</summary>
    private static List<IrVariable> CallSpanArguments(IrStatement statement)
    {
        var spans = new List<IrVariable>();
        statement.ForEachExpression(spans, static (expression, list) => AddCallSpanArguments(expression, list));
        return spans;
    }

    private static void AddCallSpanArguments(IrExpression expression, List<IrVariable> spans)
    {
        switch (expression)
        {
            case MethodCall call:
                foreach (var argument in call.Arguments)
                    AddSpan(argument.Value, spans);
                break;
            case DifferentiableCall call:
                foreach (var argument in call.Arguments)
                    AddSpan(argument, spans);
                break;
        }
        IrTraversal.ForEachChild(expression, spans, static (child, list) => AddCallSpanArguments(child, list));

        static void AddSpan(IrExpression argument, List<IrVariable> spans)
        {
            if (argument is VariableRef { Variable: var variable } && !IsScalar(variable))
                spans.Add(variable);
            else if (argument is Slice slice)
                spans.Add(slice.Span);
        }
    }

    /// <summary>Every variable a statement reads, writes or passes to a call as a span, nested blocks included.</summary>
    private static HashSet<IrVariable> Touched(IrStatement statement)
    {
        var touched = new List<IrVariable>();
        statement.AddReads(touched);
        statement.AddWrites(touched);
        touched.AddRange(CallSpanArguments(statement));
        return [.. touched];
    }

    /// <summary>
    /// <c>s += t</c>, <c>s = s + t</c>, <c>s = FusedMultiplyAdd(a, b, s)</c>, <c>s = Max(s, t)</c> or
    /// <c>s = Min(s, t)</c> — directly, or into a temporary copied back (<c>u = s + t; s = u</c>) —
    /// when those are the only statements of the body that touch s (and u), all at the top level.
    /// </summary>
    /// <param name="touched">What each statement of the body touches (<see cref="Touched"/>), in order.</param>
    private static LoopReduction? AsReduction(IrBlock body, IReadOnlyList<HashSet<IrVariable>> touched, IrVariable target, ReadsOutside readOutside)
    {
        var uses = body.Statements.Where((_, index) => touched[index].Contains(target)).ToList();
        if (uses.Any(statement => statement is not (Assign or AddAssign)))
            return null;
        switch (uses.Count)
        {
            case 1 when uses[0] is AddAssign add && add.Target.Equals(target) && !add.Value.ReadVariables().Contains(target):
                return new LoopReduction(target, ReductionOperator.Sum, add.Value, uses, Fused: false);
            case 1 when uses[0] is Assign assign && assign.Target.Equals(target):
                return Update(target, assign.Value, uses);
            case 2 when uses[0] is Assign { Target: var temporary } first && uses[1] is Assign { Target: var copied, Value: VariableRef { Variable: var copy } }
                        && copied.Equals(target) && copy.Equals(temporary) && IsScalar(temporary) && !readOutside.Contains(temporary)
                        && touched.Count(set => set.Contains(temporary)) == 2
                        && !temporary.Equals(target) && Update(target, first.Value, uses) is { } reduction
                        && !reduction.Term.ReadVariables().Contains(temporary):
                return reduction;
            default:
                return null;
        }
    }

    /// <summary><c>target ⊕ term</c> (the value of an update of target) as a reduction of target, or null.</summary>
    private static LoopReduction? Update(IrVariable target, IrExpression value, IReadOnlyList<IrStatement> updates)
    {
        IrExpression? Other(IrExpression a, IrExpression b)
            => a is VariableRef { Variable: var x } && x.Equals(target) ? b
             : b is VariableRef { Variable: var y } && y.Equals(target) ? a
             : null;
        var reduction = value switch
        {
            IntrinsicCall { Function: Intrinsic.FusedMultiplyAdd, Arguments: var arguments } fused when arguments[2] is VariableRef { Variable: var addend } && addend.Equals(target)
                => new LoopReduction(target, ReductionOperator.Sum, new Binary(BinaryOperator.Multiply, arguments[0], arguments[1], fused.Type), updates, Fused: true),
            Binary { Operator: BinaryOperator.Add } sum when Other(sum.Left, sum.Right) is { } term
                => new LoopReduction(target, ReductionOperator.Sum, term, updates, Fused: false),
            IntrinsicCall { Function: Intrinsic.Max or Intrinsic.Min } call when Other(call.Arguments[0], call.Arguments[1]) is { } term
                => new LoopReduction(target, call.Function == Intrinsic.Max ? ReductionOperator.Max : ReductionOperator.Min, term, updates, Fused: false),
            _ => null,
        };
        return reduction is not null && !reduction.Term.ReadVariables().Contains(target) ? reduction : null;
    }

    /// <summary>
    /// Every element of <paramref name="memory"/> the body writes or reads is at one index expression that
    /// moves with the counter, and nothing passes, clears, copies or slices it whole.
    /// </summary>
    private static bool IsOwnElements(List<IrStatement> statements, IrVariable memory, IrVariable counter, HashSet<IrVariable> written)
    {
        IrExpression? index = null;
        bool At(IrExpression candidate)
        {
            index ??= candidate;
            return index.Equals(candidate);
        }
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ElementAssign element when element.Span.Equals(memory):
                    if (!At(element.Index))
                        return false;
                    break;
                case Store store when store.Buffer.Equals(memory):
                    if (!At(store.Index))
                        return false;
                    break;
                default:
                    // Any other write (a rebinding, a clear, a copy, a vector store, a call) is of the whole.
                    if (statement.OwnWrites().Contains(memory) || CallSpanArguments(statement).Contains(memory) || statement.DirectReads().Contains(memory))
                        return false;
                    break;
            }
            foreach (var expression in statement.Expressions())
            {
                if (!ElementAccesses(expression, memory).All(access => access is not null && At(access)))
                    return false;
            }
        }
        return index is null || MovesWithCounter(index, counter, written);
    }

    /// <summary>The index of each access to <paramref name="memory"/> in the expression; null for an access to the whole (a slice, a vector load, the span itself).</summary>
    private static IEnumerable<IrExpression?> ElementAccesses(IrExpression expression, IrVariable memory)
    {
        switch (expression)
        {
            case ElementRead read when read.Collection.Equals(memory):
                yield return read.Index;
                break;
            case SpanLength:
                yield break;
            case VariableRef { Variable: var variable } when variable.Equals(memory):
            case Slice { Span: var sliced } when sliced.Equals(memory):
            case VectorLoad { Span: var loaded } when loaded.Equals(memory):
                yield return null;
                break;
        }
        foreach (var child in expression.Children())
        {
            foreach (var access in ElementAccesses(child, memory))
                yield return access;
        }
    }

    /// <summary><c>i</c>, <c>i + c</c>, <c>c + i</c> or <c>i − c</c> with c not written in the loop: one element per iteration.</summary>
    private static bool MovesWithCounter(IrExpression index, IrVariable counter, HashSet<IrVariable> written)
    {
        bool IsCounter(IrExpression expression) => expression is VariableRef { Variable: var variable } && variable.Equals(counter);
        bool IsInvariant(IrExpression expression) => expression.Type.IsInteger() && !expression.ReadVariables().Any(variable => variable.Equals(counter) || written.Contains(variable));
        return index switch
        {
            _ when IsCounter(index) => true,
            Binary { Operator: BinaryOperator.Add, Left: var left, Right: var right } => (IsCounter(left) && IsInvariant(right)) || (IsCounter(right) && IsInvariant(left)),
            Binary { Operator: BinaryOperator.Subtract, Left: var left, Right: var right } => IsCounter(left) && IsInvariant(right),
            _ => false,
        };
    }
}

/// <summary>
/// How often each variable is read in a method (its <c>ref</c>/<c>out</c> parameters once more, read by
/// the caller), so that what is read outside a loop can be told from what only the loop reads.
/// </summary>
internal sealed class ReadCounts
{
    private readonly Dictionary<IrVariable, int> counts = [];

    private ReadCounts()
    {
    }

    public static ReadCounts Of(IrMethod method)
    {
        var reads = new ReadCounts();
        foreach (var statement in method.Body.Flatten())
            reads.Add(statement);
        foreach (var parameter in method.Parameters.Where(parameter => parameter.Kind != ParameterKind.Value))
            reads.Add(parameter.Variable);
        return reads;
    }

    /// <summary>
    /// The variables read somewhere other than in the loop (its condition or range, and its body): the
    /// loop's own reads are counted, the method's are looked up only for the variables asked about.
    /// </summary>
    public ReadsOutside ReadOutside(IrStatement loop)
    {
        var inside = new ReadCounts();
        inside.Add(loop);
        foreach (var statement in loop.Blocks().SelectMany(block => block.Flatten()))
            inside.Add(statement);
        return new ReadsOutside(variable => counts.TryGetValue(variable, out var total) && (!inside.counts.TryGetValue(variable, out var count) || count < total));
    }

    private void Add(IrStatement statement)
    {
        foreach (var variable in LoopDependences.OwnReads(statement))
            Add(variable);
    }

    private void Add(IrVariable variable) => counts[variable] = counts.TryGetValue(variable, out var count) ? count + 1 : 1;
}

/// <summary>Which variables are read outside one loop (<see cref="ReadCounts.ReadOutside"/>).</summary>
internal sealed class ReadsOutside(System.Func<IrVariable, bool> isReadOutside)
{
    /// <summary>For tests and callers that know the set.</summary>
    public static ReadsOutside Of(IEnumerable<IrVariable> variables) => new(new HashSet<IrVariable>(variables).Contains);

    public bool Contains(IrVariable variable) => isReadOutside(variable);
}
