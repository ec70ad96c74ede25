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
            block.Add(new RentBuffer(buffer, pooled, LowerIndex(length), Zeroed: true));
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
        block.Add(new RentBuffer(buffer, pooled, lengthBeforeLoop, Zeroed: true));
        scratchHoist.Block.InsertRange(scratchHoist.Index, block);
        scratchHoist.Index += block.Count;
        block = inLoop;
        environment.Variables[local] = buffer;
        scratchDepths[buffer] = loops.Count;
        // The clear marks the loop whose iterations each have the buffer to themselves: the reverse sweep replays its writes there.
        block.Add(new ClearSpan(new VariableRef(buffer)));
    }
}
