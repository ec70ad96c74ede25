using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

/// <summary>Generic walks over the IR that every transform needs: children, reads, writes, rewriting.</summary>
public static class IrTraversal
{
    public static IEnumerable<IrExpression> Children(this IrExpression expression) => expression switch
    {
        Unary unary => [unary.Operand],
        Binary binary => [binary.Left, binary.Right],
        Conditional conditional => [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse],
        Convert convert => [convert.Operand],
        IntrinsicCall call => call.Arguments,
        MatrixCall call => call.Arguments,
        DifferentiableCall call => call.Arguments,
        MethodCall call => call.Arguments.Select(argument => argument.Value),
        ElementRead read => [read.Index],
        Slice slice => [slice.Start, slice.Length],
        ZeroSpan zero => [zero.Length],
        VectorLoad load => [load.Index],
        Broadcast broadcast => [broadcast.Scalar],
        VectorSum sum => [sum.Vector],
        VectorExtremum extremum => [extremum.Vector],
        _ => [],
    };

    /// <summary>Variables whose value the expression reads (not those it only writes through <c>out</c>).</summary>
    public static IEnumerable<IrVariable> ReadVariables(this IrExpression expression)
    {
        switch (expression)
        {
            case VariableRef reference:
                yield return reference.Variable;
                yield break;
            case ElementRead read:
                yield return read.Collection;
                break;
            case VectorLoad load:
                yield return load.Span;
                break;
            case SpanLength length:
                yield return length.Span;
                yield break;
            case Slice slice:
                yield return slice.Span;
                break;
            case MethodCall call:
                foreach (var argument in call.Arguments)
                {
                    if (argument.Kind == ArgumentKind.Out)
                        continue;
                    foreach (var variable in argument.Value.ReadVariables())
                        yield return variable;
                }
                yield break;
        }
        foreach (var child in expression.Children())
        {
            foreach (var variable in child.ReadVariables())
                yield return variable;
        }
    }

    /// <summary>Variables written through <c>ref</c>/<c>out</c> arguments of calls in the expression.</summary>
    public static IEnumerable<IrVariable> ArgumentWrites(this IrExpression expression)
    {
        if (expression is MethodCall call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.WrittenVariable is { } written)
                    yield return written;
            }
        }
        foreach (var child in expression.Children())
        {
            foreach (var variable in child.ArgumentWrites())
                yield return variable;
        }
    }

    /// <summary>
    /// Generated buffers (arrays) a call in the expression is given by value, whole or as a slice: the
    /// call may write their elements through the span they convert to (a callee's adjoint adds into the
    /// cotangent copy it is given, and writes its outputs again into the saved copy), so the call writes them.
    /// </summary>
    public static IEnumerable<IrVariable> ArrayArgumentWrites(this IrExpression expression)
    {
        var arguments = expression switch
        {
            MethodCall call => call.Arguments.Where(argument => argument.Kind == ArgumentKind.Value).Select(argument => argument.Value),
            DifferentiableCall call => call.Arguments,
            _ => [],
        };
        foreach (var argument in arguments)
        {
            var array = argument switch
            {
                VariableRef reference => reference.Variable,
                Slice slice => slice.Span,
                _ => null,
            };
            if (array is not null && array.Type.IsArray())
                yield return array;
        }
        foreach (var child in expression.Children())
        {
            foreach (var variable in child.ArrayArgumentWrites())
                yield return variable;
        }
    }

    /// <summary>The variable an argument passes: a scalar or span variable, or the span a slice is taken of.</summary>
    public static IrVariable? SpanOrVariable(this IrExpression argument) => argument switch
    {
        VariableRef reference => reference.Variable,
        Slice slice => slice.Span,
        _ => null,
    };

    /// <summary>The GEMM epilogues of a method, in order.</summary>
    public static IEnumerable<GemmEpilogue> Epilogues(this IrMethod method)
        => method.Body.Flatten().OfType<MatMulInto>().Select(product => product.Epilogue).OfType<GemmEpilogue>();

    /// <summary>Every element read in the expression, nested ones included.</summary>
    public static IEnumerable<ElementRead> ElementReads(this IrExpression expression)
        => (expression is ElementRead read ? [read] : Enumerable.Empty<ElementRead>()).Concat(expression.Children().SelectMany(ElementReads));

    public static bool Contains(this IrExpression expression, Func<IrExpression, bool> predicate)
        => predicate(expression) || expression.Children().Any(child => child.Contains(predicate));

    /// <summary>Rebuilds the expression bottom-up, applying <paramref name="rewrite"/> to each node after its children.</summary>
    public static IrExpression Rewrite(this IrExpression expression, Func<IrExpression, IrExpression> rewrite)
    {
        IrExpression rebuilt = expression switch
        {
            Unary unary => unary with { Operand = unary.Operand.Rewrite(rewrite) },
            Binary binary => binary with { Left = binary.Left.Rewrite(rewrite), Right = binary.Right.Rewrite(rewrite) },
            Conditional conditional => conditional with
            {
                Condition = conditional.Condition.Rewrite(rewrite),
                WhenTrue = conditional.WhenTrue.Rewrite(rewrite),
                WhenFalse = conditional.WhenFalse.Rewrite(rewrite),
            },
            Convert convert => convert with { Operand = convert.Operand.Rewrite(rewrite) },
            IntrinsicCall call => call with { Arguments = call.Arguments.Select(argument => argument.Rewrite(rewrite)).ToEquatableArray() },
            MatrixCall call => call with { Arguments = call.Arguments.Select(argument => argument.Rewrite(rewrite)).ToEquatableArray() },
            DifferentiableCall call => call with { Arguments = call.Arguments.Select(argument => argument.Rewrite(rewrite)).ToEquatableArray() },
            // ref/out arguments name storage, not values: they are never rewritten.
            MethodCall call => call with
            {
                Arguments = call.Arguments
                    .Select(argument => argument.Kind == ArgumentKind.Value ? argument with { Value = argument.Value.Rewrite(rewrite) } : argument)
                    .ToEquatableArray(),
            },
            ElementRead read => read with { Index = read.Index.Rewrite(rewrite) },
            Slice slice => slice with { Start = slice.Start.Rewrite(rewrite), Length = slice.Length.Rewrite(rewrite) },
            ZeroSpan zero => zero with { Length = zero.Length.Rewrite(rewrite) },
            VectorLoad load => load with { Index = load.Index.Rewrite(rewrite) },
            Broadcast broadcast => new Broadcast(broadcast.Scalar.Rewrite(rewrite)),
            VectorSum sum => new VectorSum(sum.Vector.Rewrite(rewrite)),
            VectorExtremum extremum => extremum with { Vector = extremum.Vector.Rewrite(rewrite) },
            _ => expression,
        };
        return rewrite(rebuilt);
    }

    /// <summary>Every expression a statement evaluates directly (not those of nested blocks).</summary>
    public static IEnumerable<IrExpression> Expressions(this IrStatement statement) => statement switch
    {
        Assign assign => [assign.Value],
        AddAssign addAssign => [addAssign.Value],
        ExpressionStatement expressionStatement => [expressionStatement.Expression],
        If conditional => [conditional.Condition],
        Return ret => [ret.Value],
        ElementAssign element => [element.Index, element.Value],
        Loop loop => [loop.Condition],
        Store store => [store.Index, store.Value],
        Require require => [require.Failure],
        ClearSpan clear => [clear.Span],
        VectorStore store => [store.Index, store.Value],
        RentBuffer rent => [rent.Length],
        MatMulInto product => [new VariableRef(product.A), new VariableRef(product.B)],
        _ => [],
    };

    /// <summary>The variables a statement reads as a whole (not through an expression): a span cleared or copied.</summary>
    public static IEnumerable<IrVariable> DirectReads(this IrStatement statement) => statement switch
    {
        CopyIntoBuffer copy => [copy.Source],
        BindStart bind => [bind.Span],
        MatMulInto product => product.Captured,
        _ => [],
    };

    public static IEnumerable<IrBlock> Blocks(this IrStatement statement) => statement switch
    {
        If conditional => [conditional.Then, conditional.Else],
        Loop loop => [loop.Body],
        _ => [],
    };

    /// <summary>Rebuilds a statement with its nested blocks mapped (the statement's own expressions unchanged).</summary>
    public static IrStatement MapBlocks(this IrStatement statement, Func<IrBlock, IrBlock> map) => statement switch
    {
        If conditional => conditional with { Then = map(conditional.Then), Else = map(conditional.Else) },
        Loop loop => loop with { Body = map(loop.Body) },
        _ => statement,
    };

    /// <summary>All statements, depth first, nested blocks included.</summary>
    public static IEnumerable<IrStatement> Flatten(this IrBlock block)
    {
        foreach (var statement in block.Statements)
        {
            yield return statement;
            foreach (var nested in statement.Blocks())
            {
                foreach (var inner in nested.Flatten())
                    yield return inner;
            }
        }
    }

    /// <summary>Variables a statement reads, nested blocks included (<c>+=</c> reads its target).</summary>
    public static IEnumerable<IrVariable> Reads(this IrStatement statement)
    {
        if (statement is AddAssign addAssign)
            yield return addAssign.Target;
        foreach (var variable in statement.DirectReads())
            yield return variable;
        foreach (var expression in statement.Expressions())
        {
            foreach (var variable in expression.ReadVariables())
                yield return variable;
        }
        foreach (var block in statement.Blocks())
        {
            foreach (var nested in block.Statements)
            {
                foreach (var variable in nested.Reads())
                    yield return variable;
            }
        }
    }

    /// <summary>Variables the statement itself writes (not its nested blocks): its target, and what it passes by ref/out.</summary>
    public static IEnumerable<IrVariable> OwnWrites(this IrStatement statement)
    {
        IEnumerable<IrVariable> targets = statement switch
        {
            Assign assign => [assign.Target],
            AddAssign addAssign => [addAssign.Target],
            ElementAssign element => [element.Span],
            Store store => [store.Buffer],
            ClearSpan clear => [clear.Target],
            CopyIntoBuffer copy => [copy.Buffer],
            RentBuffer rent => [rent.Buffer, rent.Pooled],
            VectorStore vectorStore => [vectorStore.Span],
            BindStart bind => [bind.Start],
            MatMulInto product => [product.Product, .. product.Captured.Where(variable => variable.Type.IsMatrix())],
            _ => [],
        };
        return targets.Concat(statement.Expressions().SelectMany(expression => expression.ArgumentWrites().Concat(expression.ArrayArgumentWrites())));
    }

    /// <summary>Variables a statement writes, nested blocks included.</summary>
    public static IEnumerable<IrVariable> Writes(this IrStatement statement)
        => statement.OwnWrites().Concat(statement.Blocks().SelectMany(block => block.Statements).SelectMany(nested => nested.Writes()));
}
