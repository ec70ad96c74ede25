using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Removes what does not contribute to the method's effects (its result, ref/out parameters,
/// span elements, checks): a mark phase from those roots to a fixed point — so a loop counter
/// that only feeds itself dies too — then a sweep; branches and loops left empty go.
/// </summary>
internal static class DeadCode
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
        var swept = Sweep(body, live, buffers);
        // Flatten visits nested statements too, so each statement's own writes make up the whole.
        var writes = new List<IrVariable>();
        foreach (var statement in swept.Flatten())
            statement.AddOwnWrites(writes);
        var written = new HashSet<IrVariable>(writes);
        return RemoveUnusedDeclarations(swept, variable => live.Contains(variable) || written.Contains(variable));
    }

    /// <summary>Adds to <paramref name="live"/> what the essential statements read; true if the block has one.</summary>
    private static bool Mark(IrBlock block, HashSet<IrVariable> live, HashSet<IrVariable> buffers)
    {
        var any = false;
        // Backwards, as liveness flows: straight-line code is marked in one pass (forwards, a chain of
        // n statements took n passes, minutes for a method of 10,000); loops take a few more.
        for (var index = block.Statements.Count - 1; index >= 0; index--)
        {
            var statement = block.Statements[index];
            var nestedEssential = false;
            foreach (var nested in statement.Blocks())
                nestedEssential |= Mark(nested, live, buffers);
            if (!nestedEssential && !IsEssential(statement, live, buffers))
                continue;
            any = true;
            foreach (var expression in statement.Expressions())
                live.UnionWith(expression.ReadVariables());
            live.UnionWith(statement.DirectReads());
            // An essential write through a span local keeps the local's definition (a slice of an input's adjoint).
            live.UnionWith(statement.WritesThrough());
        }
        return any;
    }

    private static bool IsEssential(IrStatement statement, HashSet<IrVariable> live, HashSet<IrVariable> buffers) => statement switch
    {
        RentBuffer rent => live.Contains(rent.Buffer),
        ElementAssign element when buffers.Contains(element.Span) => live.Contains(element.Span),
        Assign assign => live.Contains(assign.Target) || WritesLive(assign.Value, live),
        AddAssign addAssign => live.Contains(addAssign.Target),
        // A generated buffer matters only if something reads it back; a span parameter always does.
        Store store => live.Contains(store.Buffer),
        CopyIntoBuffer copy => live.Contains(copy.Buffer),
        ElementAssign element when element.Span.Type.IsArray() => live.Contains(element.Span),
        ExpressionStatement expression => WritesLive(expression.Expression, live) || WritesThroughSpans(expression.Expression),
        Declare => false,
        If or Loop or CountedLoop => false,
        _ => true,
    };

    /// <summary>
    /// A call writes a live variable through a ref/out argument, or a live generated buffer it is given
    /// (whole or sliced): a callee's adjoint adds into the cotangent copy passed for an input, which the
    /// reverse of an earlier statement then reads (<c>V(x, h); V(h, o);</c>).
    /// </summary>
    private static bool WritesLive(IrExpression expression, HashSet<IrVariable> live)
        => expression.ArgumentWrites().Any(live.Contains) || expression.ArrayArgumentWrites().Any(live.Contains);

    /// <summary>A call given a writable span writes through it, whatever else it does.</summary>
    private static bool WritesThroughSpans(IrExpression expression)
        => expression.Contains(node => (node is MethodCall call && call.Arguments.Any(argument => argument.Value.Type.IsWritableSpan()))
            || (node is DifferentiableCall differentiable && differentiable.Arguments.Any(argument => argument.Type.IsWritableSpan())));

    private static IrBlock Sweep(IrBlock block, HashSet<IrVariable> live, HashSet<IrVariable> buffers)
    {
        var output = new List<IrStatement>(block.Statements.Count);
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case Assign assign when !live.Contains(assign.Target):
                    if (WritesLive(assign.Value, live))
                        output.Add(new ExpressionStatement(assign.Value));
                    break;
                case AddAssign addAssign when !live.Contains(addAssign.Target):
                case ExpressionStatement expression when !WritesLive(expression.Expression, live) && !WritesThroughSpans(expression.Expression):
                case Store store when !live.Contains(store.Buffer):
                case CopyIntoBuffer copy when !live.Contains(copy.Buffer):
                case ElementAssign element when (element.Span.Type.IsArray() || buffers.Contains(element.Span)) && !live.Contains(element.Span):
                case RentBuffer rent when !live.Contains(rent.Buffer):
                    break;
                case If conditional:
                    var then = Sweep(conditional.Then, live, buffers);
                    var otherwise = Sweep(conditional.Else, live, buffers);
                    if (HasEffects(then) || HasEffects(otherwise))
                        output.Add(conditional with { Then = then, Else = otherwise });
                    break;
                case Loop loop:
                    var body = Sweep(loop.Body, live, buffers);
                    if (HasEffects(body))
                        output.Add(loop.WithBody(body));
                    break;
                case CountedLoop counted:
                    var countedBody = Sweep(counted.Body, live, buffers);
                    if (HasEffects(countedBody))
                        output.Add(counted.WithBody(countedBody));
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }
        return IrBlock.From(output);
    }

    /// <summary>A block of declarations only does nothing: a branch or loop around it goes, with what its condition read.</summary>
    private static bool HasEffects(IrBlock block) => block.Statements.Any(statement => statement is not Declare);

    private static IrBlock RemoveUnusedDeclarations(IrBlock block, System.Func<IrVariable, bool> isUsed)
        => IrBlock.From(block.Statements
            .Where(statement => statement is not Declare declare || isUsed(declare.Variable))
            .Select(statement => statement.MapBlocks(nested => RemoveUnusedDeclarations(nested, isUsed))));
}
