using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

public abstract record IrStatement;

/// <summary>Declares a variable that the arms of a following <see cref="If"/> assign.</summary>
public sealed record Declare(IrVariable Variable) : IrStatement;

/// <summary>Defines <see cref="Target"/> (or assigns it, if it was declared before).</summary>
public sealed record Assign(IrVariable Target, IrExpression Value) : IrStatement;

/// <summary><c>Target += Value</c>: how adjoints accumulate.</summary>
public sealed record AddAssign(IrVariable Target, IrExpression Value) : IrStatement;

/// <summary>A call evaluated for what it writes through <c>ref</c> arguments.</summary>
public sealed record ExpressionStatement(IrExpression Expression) : IrStatement;

public sealed record If(IrExpression Condition, IrBlock Then, IrBlock Else) : IrStatement;

public sealed record Return(IrExpression Value) : IrStatement;

/// <summary><c>span[index] = value</c>, or <c>span[index] += value</c> when <see cref="Accumulate"/>.</summary>
public sealed record ElementAssign(IrVariable Span, IrExpression Index, IrExpression Value, bool Accumulate) : IrStatement;

/// <summary>
/// <c>while (Condition) Body</c>. The loop-carried variables are assigned just before the loop
/// and at the end of the body (single-assignment form's loop header); the condition reads them.
/// </summary>
public sealed record Loop(IrExpression Condition, IrBlock Body, EquatableArray<IrVariable> Carried) : IrStatement
{
    /// <summary>
    /// The loop with <paramref name="body"/>, carrying only what that body still assigns: a pass
    /// that removes a carried variable's update (dead, or a copy that changes nothing) must not
    /// leave it listed, or the loop looks as if it carried more than it does.
    /// </summary>
    public Loop WithBody(IrBlock body)
    {
        var assigned = new HashSet<IrVariable>(body.Flatten().SelectMany(statement => statement.OwnWrites()));
        return this with { Body = body, Carried = Carried.Where(assigned.Contains).ToEquatableArray() };
    }
}

/// <summary>
/// <c>for (Counter = Start; Counter &lt; End; Counter += Step) Body</c> — <c>&lt;=</c> when <see cref="Inclusive"/>,
/// and <c>&gt;</c> / <c>&gt;=</c> when <see cref="Step"/> is negative: a loop over a range known before it starts.
/// The lowering decides it once, from the source's <c>for</c>; every pass that needs a whole range (the reverse
/// sweep walking it backwards, bounds checks, loop fusion, the vectorizer, the emitter's <c>for</c>) reads it here.
/// Its meaning, which <see cref="IrVerifier"/> checks:
/// <list type="bullet">
/// <item>the node defines <see cref="Counter"/>, readable in <see cref="Body"/> only; the body never assigns it, and it is not carried;</item>
/// <item><see cref="Start"/> and <see cref="End"/> are evaluated once, before the first iteration, and read nothing the body
/// assigns (writing a span's elements leaves its length alone), so the range cannot change while the loop runs;</item>
/// <item>the step is a non-zero constant whose sign agrees with the comparison; no break or return leaves the loop
/// (those loops stay the general <see cref="Loop"/>);</item>
/// <item><see cref="Carried"/> means what it means for <see cref="Loop"/>: set before the loop and at the end of the body.</item>
/// <item>when <see cref="Independent"/>, its iterations may run in any order, several at once or interleaved with another
/// loop's: nothing flows between them but into reductions (<see cref="LoopDependences.MayReorder"/>). The
/// passes that reorder iterations (loop fusion, the vectorizer) rely on this mark, never on their own reading of
/// the body; the verifier proves it again after every pass.</item>
/// </list>
/// </summary>
public sealed record CountedLoop(IrVariable Counter, IrExpression Start, IrExpression End, long Step, bool Inclusive, IrBlock Body, EquatableArray<IrVariable> Carried, bool Independent = false) : IrStatement
{
    /// <summary>The loop with <paramref name="body"/>, carrying only what that body still assigns (as <see cref="Loop.WithBody"/>).</summary>
    public CountedLoop WithBody(IrBlock body)
    {
        var assigned = new HashSet<IrVariable>(body.Flatten().SelectMany(statement => statement.OwnWrites()));
        return this with { Body = body, Carried = Carried.Where(assigned.Contains).ToEquatableArray() };
    }

    /// <summary>The comparison that keeps the loop going: <c>Counter &lt; End</c> (or <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>).</summary>
    public BinaryOperator Comparison => (Step > 0, Inclusive) switch
    {
        (true, false) => BinaryOperator.Less,
        (true, true) => BinaryOperator.LessOrEqual,
        (false, false) => BinaryOperator.Greater,
        _ => BinaryOperator.GreaterOrEqual,
    };

    /// <summary>The condition tested before each iteration, as a <c>while</c> would test it.</summary>
    public IrExpression Condition => new Binary(Comparison, new VariableRef(Counter), End, IrType.Bool);

    /// <summary>A non-zero step and a range of the counter's integer type (the comparison follows from the step's sign, so the two cannot disagree).</summary>
    public bool IsWellFormed => Step != 0 && Counter.Type.IsInteger() && Start.Type == Counter.Type && End.Type == Counter.Type;

    /// <summary>
    /// Whether the loop writes every element of <paramref name="span"/>: its counter runs over 0 … length − 1 (forwards, or
    /// backwards from length − 1 to 0) and every iteration writes <c>span[Counter] = …</c> at the top level of the body.
    /// </summary>
    /// <param name="resolve">What a bound stands for (a variable set once to a length or a constant, for instance).</param>
    /// <param name="isLength">Whether a resolved bound is the span's length.</param>
    public bool WritesEveryElementOf(IrVariable span, System.Func<IrExpression, IrExpression> resolve, System.Func<IrExpression, bool> isLength)
    {
        var (from, bound) = (resolve(Start), resolve(End));
        var whole = (Comparison, Step) switch
        {
            (BinaryOperator.Less, 1) => from is Constant { Integer: 0 } && isLength(bound),
            (BinaryOperator.GreaterOrEqual, -1) => bound is Constant { Integer: 0 }
                && from is Binary { Operator: BinaryOperator.Subtract, Left: var length, Right: Constant { Integer: 1 } } && isLength(resolve(length)),
            _ => false,
        };
        return whole && Body.Statements.Any(statement => statement is ElementAssign { Accumulate: false, Index: VariableRef { Variable: var index } } write
                                                          && write.Span.Equals(span) && index.Equals(Counter));
    }

    /// <summary>
    /// The variables the body gives a new value (the range must not read them): everything it writes, but a
    /// span or buffer only when rebound, not when its elements are written.
    /// </summary>
    public IEnumerable<IrVariable> Rebound()
    {
        var assigned = new HashSet<IrVariable>(Body.Flatten().OfType<Assign>().Select(assign => assign.Target));
        return Body.Flatten().SelectMany(statement => statement.OwnWrites())
            .Where(variable => !(variable.Type.IsSpan() || variable.Type.IsArray()) || assigned.Contains(variable))
            .Concat(Carried)
            .Distinct();
    }
}

/// <summary>Writes <c>buffer[index] = value</c> into a generated pooled buffer, growing it when needed.</summary>
public sealed record Store(IrVariable Buffer, IrExpression Index, IrExpression Value) : IrStatement;

/// <summary>
/// A buffer of <see cref="Length"/> elements the method holds until it exits. Either what a loop whose trip count is
/// known before it starts keeps for its reverse sweep (on the stack when small, else rented into <see cref="Pooled"/>),
/// or, when <see cref="Zeroed"/>, a scratch buffer the user allocated (<c>new T[n]</c>, <c>stackalloc T[n]</c>): zeros,
/// as the array it stands for starts, always rented into <see cref="Pooled"/>. Both are returned when the method exits.
/// A scratch buffer is never allocated inside a loop (the lowering hoists it and clears it where the user allocated it),
/// so it is one buffer for the whole call, which the transforms treat as they treat an output span.
/// When <see cref="Reused"/>, the values a nested loop keeps: taken afresh each time the loop starts, from <see cref="Pooled"/>
/// grown as needed (never the stack, which a loop would grow), its contents whatever the last loop left.
/// </summary>
public sealed record RentBuffer(IrVariable Buffer, IrVariable Pooled, IrExpression Length, bool Zeroed = false, bool Reused = false) : IrStatement;

/// <summary>
/// <c>ref T Start = ref MemoryMarshal.GetReference(Span)</c>: the first element, bound once before a
/// vector loop, which loads and stores relative to it (<see cref="VectorLoad"/>, <see cref="VectorStore"/>).
/// </summary>
public sealed record BindStart(IrVariable Start, IrVariable Span) : IrStatement;

/// <summary>Stores a Vector256 at <c>Index</c> from the start of a span bound by <see cref="BindStart"/>.</summary>
public sealed record VectorStore(IrVariable Span, IrExpression Index, IrExpression Value) : IrStatement;

/// <summary>Fills a span (a span variable, a slice, a generated buffer) with zeros.</summary>
public sealed record ClearSpan(IrExpression Span) : IrStatement
{
    /// <summary>The variable whose elements are cleared.</summary>
    public IrVariable Target => Span switch
    {
        VariableRef reference => reference.Variable,
        Slice slice => slice.Span,
        _ => throw new System.InvalidOperationException("ClearSpan of " + Span.GetType().Name),
    };
}

/// <summary>Copies <see cref="Source"/> into a generated pooled buffer, renting it first.</summary>
public sealed record CopyIntoBuffer(IrVariable Buffer, IrVariable Source) : IrStatement;

/// <summary>
/// Throws when <see cref="Failure"/> holds: an <c>ArgumentException</c> naming <see cref="ParameterName"/> (the generated checks),
/// or, for a guard the user wrote (<c>if (n &lt; 0) throw new ArgumentOutOfRangeException(nameof(n));</c>), <see cref="Thrown"/>.
/// </summary>
/// <param name="Guarantees">What passing the check establishes about span lengths, for later passes (the vectorizer's guards).</param>
/// <param name="Thrown">The user's exception as C#, its type qualified and its arguments constants: <c>new global::System.ArgumentOutOfRangeException("n")</c>.</param>
public sealed record Require(IrExpression Failure, string ParameterName, string Message, EquatableArray<SpanCovers> Guarantees = default, string? Thrown = null) : IrStatement;

/// <summary>After a check: <see cref="Covering"/> has an element at every index of <see cref="Indexed"/> that a loop over <see cref="Indexed"/>'s range reaches.</summary>
public sealed record SpanCovers(IrVariable Covering, IrVariable Indexed);

public sealed record IrBlock(EquatableArray<IrStatement> Statements)
{
    public static readonly IrBlock Empty = new(EquatableArray<IrStatement>.Empty);

    public static IrBlock From(IEnumerable<IrStatement> statements) => new(statements.ToEquatableArray());

    public bool IsEmpty => Statements.IsEmpty;
}

/// <summary>
/// <c>Product = op(A)·op(B)</c> into storage already rented for it. With an <see cref="Epilogue"/>,
/// GEMM hands each finished piece of the product to the generated struct while it is in cache,
/// which runs the elementwise work that followed the product on it (reading and writing the
/// <see cref="Captured"/> matrices at the same positions): no second pass over the product.
/// </summary>
public sealed record MatMulInto(IrVariable Product, IrVariable A, bool TransposeA, IrVariable B, bool TransposeB, GemmEpilogue? Epilogue, EquatableArray<IrVariable> Captured) : IrStatement;

/// <summary>
/// A generated GEMM epilogue: a struct named <see cref="Name"/> with a field for each captured
/// matrix (<see cref="Fields"/>, in the order of <see cref="MatMulInto.Captured"/>) and one for the
/// product's row length (<see cref="Columns"/>); its <c>Apply(row, colStart, values)</c> is <see cref="Apply"/>.
/// </summary>
public sealed record GemmEpilogue(string Name, EquatableArray<IrVariable> Fields, IrVariable Columns, IrMethod Apply);
