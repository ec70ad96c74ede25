using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Marks each counted loop <see cref="CountedLoop.Independent"/> exactly when <see cref="LoopDependences"/>
/// proves that its iterations may run in any order, and unmarks the others. It runs just before the passes
/// that reorder iterations (loop fusion, the vectorizer), which then read the mark: the fact they rely on is
/// in the IR, where the verifier checks it after every pass, instead of being decided again by each of them.
/// </summary>
internal static class IndependentLoops
{
    public static IrMethod Mark(IrMethod method)
    {
        var reads = ReadCounts.Of(method);
        return method with { Body = Visit(method.Body, reads) };
    }

    private static IrBlock Visit(IrBlock block, ReadCounts reads) => IrBlock.From(block.Statements.Select(statement =>
    {
        var mapped = statement.MapBlocks(nested => Visit(nested, reads));
        return mapped is CountedLoop loop
            ? loop with { Independent = LoopDependences.Of(loop, reads.ReadOutside(statement)).MayReorder }
            : mapped;
    }));
}
