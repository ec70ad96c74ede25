using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Scratch buffers: locals the user allocates with new T[n] or stackalloc T[n].
internal sealed partial class BodyLowerer
{
    /// <summary>Where the outermost loop being lowered starts, and what every name meant there: a scratch buffer allocated inside it is allocated here.</summary>
    private ScratchHoist? scratchHoist;

    /// <summary>The buffers of the scratch locals, with how many loops are around where each is allocated (its reads may be one loop deeper).</summary>
    private readonly Dictionary<IrVariable, int> scratchDepths = [];

    /// <summary>The length each scratch buffer was allocated with, which a loop that overwrites all of it runs to.</summary>
    private readonly Dictionary<IrVariable, IrExpression> scratchLengths = [];

    /// <summary>Uses of scratch buffers that are legal only if a loop around them rebuilds the buffer, or nothing writes it after them.</summary>
    private readonly List<PendingScratchUse> pendingScratchUses = [];

    /// <summary>The writes of scratch buffers, in the order they are lowered (the program's), with the loops around each.</summary>
    private readonly List<ScratchWrite> scratchWrites = [];

    /// <summary>The position of the next use or write of a scratch buffer in the program's order.</summary>
    private int scratchOrder;

    /// <summary>
    /// A use the reverse sweep reproduces only if one of <see cref="Loops"/> (outermost first) at depth <see cref="Depth"/> or
    /// deeper gives each iteration the buffer to itself, or if nothing writes the buffer after it; reported, at the end, if neither holds.
    /// </summary>
    private sealed record PendingScratchUse(IrVariable Buffer, LoopContext[] Loops, int Depth, int Order, SyntaxNode At, string What, string Instead);

    private sealed record ScratchWrite(IrVariable Buffer, int Order, LoopContext[] Loops);

    /// <summary>Records a write of <paramref name="span"/>, if it is a scratch buffer.</summary>
    private void NoteScratchWrite(IrVariable? span)
    {
        if (span is not null && scratchDepths.ContainsKey(span))
            scratchWrites.Add(new ScratchWrite(span, scratchOrder++, [.. loops.Reverse()]));
    }

    private sealed class ScratchHoist(List<IrStatement> block, int index, Environment entry)
    {
        public List<IrStatement> Block { get; } = block;

        /// <summary>Where the next hoisted allocation goes: after the ones already there, before the loop's own set-up.</summary>
        public int Index { get; set; } = index;

        public Environment Entry { get; } = entry;
    }

    /// <summary>Lowers an outermost loop with the hoisting point of its scratch buffers set before it.</summary>
    private void WithScratchHoistedBefore(System.Action lowerLoop)
    {
        if (scratchHoist is not null)
        {
            lowerLoop();
            return;
        }
        scratchHoist = new ScratchHoist(block, block.Count, environment.Clone());
        try
        {
            lowerLoop();
        }
        finally
        {
            scratchHoist = null;
        }
    }

    /// <summary>
    /// <c>Span&lt;T&gt; t = stackalloc T[n]</c>, <c>T[] t = new T[n]</c> (or <c>var</c>, or <c>Span&lt;T&gt; t = new T[n]</c>), T double or
    /// float: the element type and the length, or null for any other initializer (an initializer list is a table, not scratch).
    /// </summary>
    private static (IrType Element, IOperation Length)? ScratchAllocation(ILocalSymbol local, IOperation value)
    {
        var localElement = ArrayParameters.ElementOf(local.Type) ?? (TypeMapping.Map(local.Type) is { } spanType && spanType.IsWritableSpan() ? spanType.ElementType() : (IrType?)null);
        if (localElement is null)
            return null;
        var allocation = StripConversions(value);
        switch (allocation)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null, Type: IArrayTypeSymbol array } creation
                when TypeMapping.Map(array.ElementType) == localElement:
                return (localElement.Value, creation.DimensionSizes[0]);
            case { Syntax: StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax { RankSpecifiers: { Count: 1 } ranks } } }
                when ranks[0].Sizes.Count == 1 && (TypeMapping.Map(allocation.Type) is not { } allocated || !allocated.IsSpan() || allocated.ElementType() == localElement):
                // Roslyn gives stackalloc no operation of its own: its length is the child with the size's syntax.
                var size = ranks[0].Sizes[0];
                return allocation.ChildOperations.FirstOrDefault(child => child.Syntax == size) is { } length ? (localElement.Value, length) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A use of a scratch buffer at <paramref name="depth"/> loops that the reverse sweep reproduces only where the buffer is
    /// its iteration's own: where it is allocated in the innermost of the loops up to <paramref name="depth"/>, or where one of
    /// them rebuilds it (<see cref="PrivatizeScratch"/>, decided when that loop's body is lowered). An output span has neither.
    /// </summary>
    private void RequireOwnBuffer(IrVariable span, int depth, SyntaxNode at, string what, string instead)
    {
        if (!scratchDepths.TryGetValue(span, out var allocatedAt))
        {
            if (depth > 0)
                ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, at, what, instead);
            return;
        }
        if (allocatedAt >= depth)
            return;
        // The loops being lowered, outermost first; a loop whose condition this is is not among them.
        var around = loops.Reverse().ToArray();
        if (depth > around.Length)
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, at, what, instead);
            return;
        }
        pendingScratchUses.Add(new PendingScratchUse(span, around, depth, scratchOrder++, at, what, instead));
    }

    /// <summary>
    /// After a loop's body is lowered: each scratch buffer allocated outside the loop whose every element the body
    /// provably writes before it reads any (a loop over the whole buffer, <see cref="CountedLoop.WritesEveryElementOf"/>,
    /// reading nothing of <c>t</c>, before any other use) is the iteration's own: cleared at the
    /// start of the body — which changes no value, as each element is written before it is read — so the reverse sweep
    /// rebuilds it as for a buffer allocated there.
    /// </summary>
    private IrBlock PrivatizeScratch(IrBlock body, LoopContext loop, int depth)
    {
        // Only where a use needs it: a buffer rebuilt in each iteration is replayed in the reverse sweep, which costs a pass.
        var needed = pendingScratchUses.Where(use => use.Depth <= depth && use.Loops.Length >= depth && use.Loops[depth - 1] == loop && !IsRebuiltAround(use))
            .Select(use => use.Buffer).ToList();
        var cleared = body.ScratchBuffersClearedIn();
        var own = needed.Distinct().Where(buffer => !cleared.Contains(buffer) && OverwrittenBeforeRead(body, buffer)).ToList();
        if (own.Count == 0)
            return body;
        loop.OwnScratch.UnionWith(own);
        return IrBlock.From(own.Select(buffer => (IrStatement)new ClearSpan(new VariableRef(buffer))).Concat(body.Statements));
    }

    private bool OverwrittenBeforeRead(IrBlock body, IrVariable buffer)
    {
        foreach (var statement in body.Statements)
        {
            // The bound is the buffer's Length, or the very expression it was allocated with (single assignment: the same value).
            if (statement is CountedLoop loop && !ReadsBuffer(loop, buffer)
                && loop.WritesEveryElementOf(buffer, expression => expression, bound => bound is SpanLength { Span: var measured } && measured.Equals(buffer) || bound.Equals(scratchLengths[buffer])))
            {
                return true;
            }
            if (statement is Return || ReadsBuffer(statement, buffer) || AndNested(statement).Any(nested => nested is Return))
                return false;
        }
        return false;
    }

    /// <summary>Whether the statement, or one nested in it, reads the buffer's contents: an element, a slice, the buffer passed on, an element added into.</summary>
    private static bool ReadsBuffer(IrStatement statement, IrVariable buffer)
        => AndNested(statement).Any(nested =>
            nested is ElementAssign { Accumulate: true } accumulation && accumulation.Span.Equals(buffer)
            || nested.Expressions().Any(expression => expression.Contains(node => node switch
            {
                ElementRead read => read.Collection.Equals(buffer),
                Slice slice => slice.Span.Equals(buffer),
                VariableRef reference => reference.Variable.Equals(buffer),
                _ => false,
            })));

    private static IEnumerable<IrStatement> AndNested(IrStatement statement) => [statement, .. statement.Blocks().SelectMany(block => block.Flatten())];

    /// <summary>The uses no loop around them made legal, reported where they are.</summary>
    private void ReportPendingScratchUses()
    {
        foreach (var use in pendingScratchUses.Where(use => !IsMadeLegal(use)))
            ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, use.At, use.What, use.Instead);
    }

    private bool IsMadeLegal(PendingScratchUse use) => IsRebuiltAround(use) || IsNotWrittenAfter(use);

    /// <summary>Whether a loop around the use, deep enough, rebuilds the buffer in each iteration.</summary>
    private static bool IsRebuiltAround(PendingScratchUse use)
        => Enumerable.Range(use.Depth, use.Loops.Length - use.Depth + 1).Any(depth => use.Loops[depth - 1].OwnScratch.Contains(use.Buffer));

    /// <summary>
    /// Whether nothing writes the buffer after the use, within the scope that owns it (the loop that rebuilds it each
    /// iteration, or the method): no write in a loop around the use inside that scope (a later iteration would run it),
    /// and none later in the program inside it. The reverse sweep then leaves the buffer as the forward sweep left it,
    /// which is what the use saw — a table filled once and then only read, at any depth.
    /// </summary>
    private bool IsNotWrittenAfter(PendingScratchUse use)
    {
        int home = scratchDepths[use.Buffer];
        for (int depth = use.Loops.Length; depth > home; depth--)
        {
            if (use.Loops[depth - 1].OwnScratch.Contains(use.Buffer))
            {
                home = depth;
                break;
            }
        }
        var inside = use.Loops.Skip(home).ToList();
        var owner = home == 0 ? null : use.Loops[home - 1];
        return scratchWrites.Where(write => write.Buffer.Equals(use.Buffer)).All(write =>
            !write.Loops.Any(inside.Contains) && !(write.Order > use.Order && (owner is null || write.Loops.Contains(owner))));
    }

    /// <summary>
    /// A scratch buffer: zeros of the given length, which the method writes, reads, slices and passes on, as it would an
    /// output span of its own — one the caller does not see, so no derivative comes in or goes out through it. Inside a
    /// loop, it is allocated once before the outermost loop and cleared where the user allocated it, so each iteration
    /// starts from zeros as it would with a buffer of its own: its length must then be the same in every iteration.
    /// </summary>
    private void LowerScratch(ILocalSymbol local, IrType element, IOperation length)
    {
        var buffer = NewVariable(local.Name, element.SpanOf(), VariableRole.Local);
        var pooled = NewVariable(local.Name + "Pooled", element.ArrayOf(), VariableRole.Temporary);
        if (scratchHoist is null)
        {
            scratchDepths[buffer] = 0;
            scratchLengths[buffer] = LowerIndex(length);
            block.Add(new RentBuffer(buffer, pooled, scratchLengths[buffer], Zeroed: true));
            environment.Variables[local] = buffer;
            return;
        }
        var changing = length.DescendantsAndSelf()
            .Select(operation => operation switch
            {
                ILocalReferenceOperation reference => reference.Local,
                IParameterReferenceOperation reference => reference.Parameter,
                _ => (ISymbol?)null,
            })
            .OfType<ISymbol>()
            .FirstOrDefault(symbol => !scratchHoist.Entry.Variables.TryGetValue(symbol, out var before)
                                      || !environment.Variables.TryGetValue(symbol, out var now) || before != now);
        if (changing is not null)
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, length.Syntax, $"scratch buffer inside a loop whose length ('{changing.Name}') is not the same in every iteration",
                $"allocate '{local.Name}' before the loop, with the largest length it needs, and slice it");
            refusedLocals.Add(local);
            return;
        }
        // The length reads only what it read before the loop: lowered here, evaluated there.
        var inLoop = block;
        block = [];
        var lengthBeforeLoop = LowerIndex(length);
        scratchLengths[buffer] = lengthBeforeLoop;
        block.Add(new RentBuffer(buffer, pooled, lengthBeforeLoop, Zeroed: true));
        scratchHoist.Block.InsertRange(scratchHoist.Index, block);
        scratchHoist.Index += block.Count;
        block = inLoop;
        environment.Variables[local] = buffer;
        scratchDepths[buffer] = loops.Count;
        // The clear marks the loop whose iterations each have the buffer to themselves: the reverse sweep replays its writes there.
        block.Add(new ClearSpan(new VariableRef(buffer)));
        NoteScratchWrite(buffer);
    }
}
