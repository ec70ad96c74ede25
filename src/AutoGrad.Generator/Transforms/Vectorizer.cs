using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Gives counted loops whose iterations are independent a Vector256 path in front of them: the
/// vector loop does as many whole vectors as fit, the original loop (left as it was) finishes the
/// tail, and it alone runs when Vector256 is not accelerated or <c>AutoGrad.Simd.IsEnabled</c> is false.
/// <para>
/// A loop qualifies when it steps a counter by one over a range (either way), and its body only
/// reads spans at the counter, computes with + − × ÷, negation, Sqrt, Exp, Log, Sin, Cos, Max, Min and
/// FusedMultiplyAdd on one element type, writes (or adds into) spans at the counter, and carries
/// nothing from one iteration to the next but reductions (<see cref="LoopDependences"/>) — sums
/// (<c>s = s + …</c>, or <c>sBar += …</c> into a variable from outside the loop) and running maxima or minima
/// (<c>m = Math.Max(m, …)</c>) — which become vector accumulators combined at the end. A scan (a running
/// sum also read in the body, as in a prefix sum's tangent or adjoint) stays scalar. A sum is
/// the only place the vector path may round differently from the scalar one (Exp, Log, Sin and Cos use the
/// BCL's vector approximations).
/// </para>
/// <para>
/// <see cref="MultiplyAddContraction"/> runs just before, on the loops this takes, so the vector path
/// is built from the fused loop, which also stays as the tail and fallback.
/// </para>
/// </summary>
internal sealed class Vectorizer
{
    private readonly VariableFactory variables;
    /// <summary>(indexed, covering) pairs the checks passed so far guarantee (see <see cref="SpanCovers"/>).</summary>
    private readonly HashSet<(IrVariable Shorter, IrVariable Longer)> lengthFacts = [];

    /// <summary>How often the method reads each variable: what a loop's code after it needs.</summary>
    private readonly ReadCounts reads;

    private Vectorizer(int nextId, ReadCounts reads)
    {
        variables = new VariableFactory(nextId);
        this.reads = reads;
    }

    public static IrMethod Apply(IrMethod method)
    {
        var vectorizer = new Vectorizer(method.NextVariableId, ReadCounts.Of(method));
        var body = vectorizer.Visit(method.Body);
        return method with { Body = body, NextVariableId = vectorizer.variables.NextId };
    }

    private IrBlock Visit(IrBlock block)
    {
        var output = new List<IrStatement>();
        var statements = block.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (statement is Require require)
                Learn(require);
            if (statement is CountedLoop loop && Match(loop, reads.ReadOutside(loop)) is { } shape)
            {
                // The vector loop and the scalar tail share the counter: it is set once, the vector loop
                // leaves it where the tail (the loop as it was, now a while loop stepping it) takes over.
                output.Add(new Assign(loop.Counter, loop.Start));
                output.Add(VectorPath(shape, loop.Start as Constant));
                var step = new Assign(loop.Counter, Int(loop.Step > 0 ? BinaryOperator.Add : BinaryOperator.Subtract, new VariableRef(loop.Counter), Constant.Of(IrType.Int, 1)));
                output.Add(new Loop(loop.Condition, IrBlock.From(loop.Body.Statements.Append(step)), loop.Carried.Append(loop.Counter).ToEquatableArray()));
                continue;
            }
            output.Add(statement.MapBlocks(Visit));
        }
        return IrBlock.From(output);
    }

    /// <summary>A loop the vectorizer can handle, taken apart.</summary>
    private sealed record Shape(
        CountedLoop Loop,
        IrVariable Counter,
        bool Ascending,
        IrExpression Bound,
        IrType Element,
        List<IrStatement> Work,
        List<Reduction> Reductions,
        HashSet<IrVariable> Spans);

    /// <summary>
    /// A carried value the loop reduces into: <c>s = s + Term</c>, <c>m = Max(m, Term)</c>, <c>m = Min(m, Term)</c>,
    /// or, when <see cref="Fused"/>, <c>s = FusedMultiplyAdd(a, b, s)</c> with <see cref="Term"/> = <c>a · b</c>.
    /// </summary>
    private sealed record Reduction(IrVariable Target, BinaryOperator? Sum, Intrinsic? Extremum, IrExpression Term, bool Fused = false);

    /// <summary>The range the vector path walks: an <c>int</c> counter up by one below an exclusive end, or down by one to an inclusive one.</summary>
    public static bool HasVectorRange(CountedLoop loop)
        => loop is { Step: 1, Inclusive: false } or { Step: -1, Inclusive: true } && loop.Counter.Type == IrType.Int;

    /// <summary>Whether the loop gets a vector path, given what the method reads outside it.</summary>
    public static bool Takes(CountedLoop loop, ReadsOutside readOutside) => Match(loop, readOutside) is not null;

    /// <summary>
    /// The loop taken apart, if the vector path can take it: an <c>int</c> counter up by one below an
    /// exclusive end (<c>i &lt; end</c>) or down by one to an inclusive one (<c>i &gt;= end</c>), as the lowering
    /// and the reverse sweep make them.
    /// </summary>
    private static Shape? Match(CountedLoop loop, ReadsOutside readOutside)
    {
        if (!HasVectorRange(loop) || loop.Body.Statements.Count == 0)
            return null;
        var counter = loop.Counter;
        var ascending = loop.Step > 0;
        var bound = loop.End;

        var work = loop.Body.Statements.ToList();
        var assigned = new HashSet<IrVariable>(work.OfType<Assign>().Select(assign => assign.Target));

        // Several iterations run at once, so nothing may flow between them but into reductions (the loop is marked
        // independent): a scan — a tangent's or an adjoint's running sum read in the body — has no vector path.
        if (!loop.Independent)
            return null;
        var dependences = LoopDependences.Of(loop, readOutside);
        // Each reduction becomes a vector accumulator; the vector path takes one-statement updates.
        var reductions = new List<Reduction>();
        foreach (var reduction in dependences.Reductions)
        {
            if (reduction.Updates.Count != 1 || !reduction.Target.Type.IsFloatingPoint())
                return null;
            work.Remove(reduction.Updates[0]);
            reductions.Add(reduction.Operator switch
            {
                ReductionOperator.Sum => new Reduction(reduction.Target, BinaryOperator.Add, null, reduction.Term, reduction.Fused),
                ReductionOperator.Max => new Reduction(reduction.Target, null, Intrinsic.Max, reduction.Term),
                _ => new Reduction(reduction.Target, null, Intrinsic.Min, reduction.Term),
            });
        }

        IrType? element = null;
        var spans = new HashSet<IrVariable>();
        var temporaries = new HashSet<IrVariable>();
        bool Vectorizable(IrExpression expression) => expression switch
        {
            Constant constant => Agrees(constant.Type),
            VariableRef { Variable: var variable } => temporaries.Contains(variable) || (!assigned.Contains(variable) && !variable.Equals(counter) && Agrees(variable.Type)),
            ElementRead { Collection: var span, Index: VariableRef { Variable: var index } } => index.Equals(counter) && span.Type.IsSpan() && Agrees(span.Type.ElementType()),
            Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } binary
                => Agrees(binary.Type) && Vectorizable(binary.Left) && Vectorizable(binary.Right),
            Unary { Operator: UnaryOperator.Negate } unary => Agrees(unary.Type) && Vectorizable(unary.Operand),
            IntrinsicCall { Function: Intrinsic.Sqrt or Intrinsic.Exp or Intrinsic.Log or Intrinsic.Sin or Intrinsic.Cos or Intrinsic.FusedMultiplyAdd or Intrinsic.Max or Intrinsic.Min } call
                => Agrees(call.Type) && call.Arguments.All(Vectorizable),
            _ => false,
        };
        bool Agrees(IrType type)
        {
            if (!type.IsFloatingPoint())
                return false;
            element ??= type;
            return element == type;
        }

        foreach (var statement in work)
        {
            switch (statement)
            {
                case Assign assign when !loop.Carried.Contains(assign.Target) && Vectorizable(assign.Value) && Agrees(assign.Target.Type):
                    temporaries.Add(assign.Target);
                    break;
                case ElementAssign { Index: VariableRef { Variable: var index } } write when index.Equals(counter) && write.Span.Type.IsWritableSpan() && Vectorizable(write.Value):
                    spans.Add(write.Span);
                    break;
                default:
                    return null;
            }
        }
        if (reductions.Any(reduction => !Vectorizable(reduction.Term) || !Agrees(reduction.Target.Type)) || element is null)
            return null;
        foreach (var read in work.SelectMany(statement => statement.Expressions()).Concat(reductions.Select(reduction => reduction.Term)).SelectMany(expression => expression.ElementReads()))
            spans.Add(read.Collection);
        if (spans.Count == 0)
            return null;
        return new Shape(loop, counter, ascending, bound, element.Value, work, reductions, spans);
    }

    /// <summary>
    /// <c>if (simd and the spans cover the range) { vector loop over whole vectors; combine the reductions }</c>;
    /// the counter is left where the scalar loop takes over.
    /// </summary>
    private IrStatement VectorPath(Shape shape, Constant? start)
    {
        var count = shape.Element.VectorCount();
        var counter = new VariableRef(shape.Counter);
        // The first element of the vector at hand: the counter going up, count − 1 below it going down.
        IrExpression first = shape.Ascending ? counter : Int(BinaryOperator.Subtract, counter, Constant.Of(IrType.Int, count - 1));

        var renamed = new Dictionary<IrVariable, IrVariable>();
        var broadcasts = new Dictionary<IrExpression, IrVariable>();
        var prologue = new List<IrStatement>();
        // Each span's first element is bound once; the loop loads and stores relative to it.
        var starts = new Dictionary<IrVariable, IrVariable>();
        foreach (var span in shape.Spans.OrderBy(span => span.Id))
        {
            var spanStart = variables.Create(span.Name + "Start", span.Type, VariableRole.Temporary);
            starts[span] = spanStart;
            prologue.Add(new BindStart(spanStart, span));
        }
        IrExpression Vector(IrExpression expression) => expression switch
        {
            VariableRef { Variable: var variable } when renamed.TryGetValue(variable, out var vector) => new VariableRef(vector),
            _ when IsInvariant(expression) => new VariableRef(Broadcasted(expression)),
            ElementRead read => new VectorLoad(starts[read.Collection], first),
            Binary binary => binary with { Left = Vector(binary.Left), Right = Vector(binary.Right), Type = shape.Element.VectorOf() },
            Unary unary => unary with { Operand = Vector(unary.Operand), Type = shape.Element.VectorOf() },
            IntrinsicCall call => call with { Arguments = call.Arguments.Select(Vector).ToEquatableArray(), Type = shape.Element.VectorOf() },
            _ => throw new System.InvalidOperationException("Not vectorizable: " + expression.GetType().Name),
        };
        // What reads no element and nothing the iteration computes is the same in every iteration.
        bool IsInvariant(IrExpression expression)
            => !expression.Contains(node => node is ElementRead) && !expression.ReadVariables().Any(variable => renamed.ContainsKey(variable) || variable.Equals(shape.Counter));
        // A loop-invariant value is broadcast once, before the vector loop.
        IrVariable Broadcasted(IrExpression scalar)
        {
            if (!broadcasts.TryGetValue(scalar, out var vector))
            {
                var name = scalar is VariableRef { Variable: var variable } ? variable.Name + "Vector" : "constantVector";
                vector = variables.Create(name, shape.Element.VectorOf(), VariableRole.Temporary);
                broadcasts[scalar] = vector;
                prologue.Add(new Assign(vector, new Broadcast(scalar)));
            }
            return vector;
        }

        var accumulators = shape.Reductions.Select(reduction => (Reduction: reduction, Accumulator: variables.Create(reduction.Target.Name + "Vector", shape.Element.VectorOf(), VariableRole.Temporary))).ToList();
        var body = new List<IrStatement>();
        foreach (var statement in shape.Work)
        {
            switch (statement)
            {
                case Assign assign:
                    var vector = variables.Create(assign.Target.Name + "Vector", shape.Element.VectorOf(), VariableRole.Temporary);
                    body.Add(new Assign(vector, Vector(assign.Value)));
                    renamed[assign.Target] = vector;
                    break;
                case ElementAssign write:
                    var value = Vector(write.Value);
                    if (write.Accumulate)
                        value = new Binary(BinaryOperator.Add, new VectorLoad(starts[write.Span], first), value, shape.Element.VectorOf());
                    body.Add(new VectorStore(starts[write.Span], first, value));
                    break;
            }
        }
        var vectorType = shape.Element.VectorOf();
        foreach (var (reduction, accumulator) in accumulators)
        {
            IrExpression combined = reduction switch
            {
                { Extremum: { } extremum } => new IntrinsicCall(extremum, EquatableArray.Create<IrExpression>(new VariableRef(accumulator), Vector(reduction.Term)), vectorType),
                { Fused: true, Term: Binary product }
                    => new IntrinsicCall(Intrinsic.FusedMultiplyAdd, EquatableArray.Create(Vector(product.Left), Vector(product.Right), new VariableRef(accumulator)), vectorType),
                _ => new Binary(BinaryOperator.Add, new VariableRef(accumulator), Vector(reduction.Term), vectorType),
            };
            body.Add(new Assign(accumulator, combined));
        }
        body.Add(new Assign(shape.Counter, Int(shape.Ascending ? BinaryOperator.Add : BinaryOperator.Subtract, counter, Constant.Of(IrType.Int, count))));

        var whole = shape.Ascending
            ? new Binary(BinaryOperator.LessOrEqual, counter, Int(BinaryOperator.Subtract, shape.Bound, Constant.Of(IrType.Int, count)), IrType.Bool)
            : new Binary(BinaryOperator.GreaterOrEqual, first, shape.Bound, IrType.Bool);

        var path = new List<IrStatement>(prologue);
        // A sum starts from zero and is added on; a running extremum starts from the value it has.
        path.AddRange(accumulators.Select(pair => (IrStatement)new Assign(pair.Accumulator,
            new Broadcast(pair.Reduction.Extremum is null ? Constant.Of(shape.Element, 0) : new VariableRef(pair.Reduction.Target)))));
        path.Add(new Loop(whole, IrBlock.From(body), EquatableArray.Create(shape.Counter)));
        path.AddRange(accumulators.Select(pair => (IrStatement)new Assign(pair.Reduction.Target, pair.Reduction.Extremum is { } extremum
            ? new VectorExtremum(extremum == Intrinsic.Max, new VariableRef(pair.Accumulator))
            : new Binary(BinaryOperator.Add, new VariableRef(pair.Reduction.Target), new VectorSum(new VariableRef(pair.Accumulator)), shape.Element))));

        // Unchecked loads need every element of the range to exist: the range must lie in each span.
        // What the checks at the top of the method already established is not checked again.
        IrExpression guard = new SimdEnabled();
        IrExpression current = start ?? (IrExpression)counter;
        var (low, high) = shape.Ascending ? (current, shape.Bound) : (shape.Bound, Int(BinaryOperator.Add, current, Constant.Of(IrType.Int, 1)));
        guard = And(guard, new Binary(BinaryOperator.GreaterOrEqual, low, Constant.Of(IrType.Int, 0), IrType.Bool));
        foreach (var span in shape.Spans.OrderBy(span => span.Id))
        {
            if (high is SpanLength { Span: var bounded } && (bounded.Equals(span) || lengthFacts.Contains((bounded, span))))
                continue;
            guard = And(guard, new Binary(BinaryOperator.LessOrEqual, high, new SpanLength(span), IrType.Bool));
        }
        return new If(ExpressionSimplifier.Simplify(guard, exact: true), IrBlock.From(path), IrBlock.Empty);
    }

    /// <summary>What a check that has passed (it comes before, in execution order) guarantees about span lengths.</summary>
    private void Learn(Require require)
    {
        foreach (var fact in require.Guarantees)
            lengthFacts.Add((fact.Indexed, fact.Covering));
    }

    private static IrExpression Int(BinaryOperator op, IrExpression left, IrExpression right)
        => ExpressionSimplifier.Simplify(new Binary(op, left, right, IrType.Int), exact: true);

    private static IrExpression And(IrExpression left, IrExpression right) => new Binary(BinaryOperator.ConditionalAnd, left, right, IrType.Bool);
}
