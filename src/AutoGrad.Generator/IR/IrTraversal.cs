using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

/// <summary>
/// Generic walks over the IR that every transform needs: children, reads, writes, rewriting. Each
/// walk lists every node kind and throws on one it does not know, so a new kind cannot slip past a
/// walk unnoticed (IrNodeCoverageTests builds one of each kind and checks every walk against its fields).
/// </summary>
public static class IrTraversal
{
    public static IEnumerable<IrExpression> Children(this IrExpression expression)
    {
        var children = new List<IrExpression>(3);
        ForEachChild(expression, children, static (child, list) => list.Add(child));
        return children;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> on each child in order, without allocating: the one list of every node's
    /// children (<see cref="Children"/> collects them). The collecting walks below run on every expression of
    /// every statement in every simplifier round.
    /// </summary>
    internal static void ForEachChild<TState>(IrExpression expression, TState state, Action<IrExpression, TState> visit)
    {
        switch (expression)
        {
            case Constant or VariableRef or FieldRef or SpanLength or SimdEnabled:
                return;
            case Unary unary:
                visit(unary.Operand, state);
                return;
            case Binary binary:
                visit(binary.Left, state);
                visit(binary.Right, state);
                return;
            case Conditional conditional:
                visit(conditional.Condition, state);
                visit(conditional.WhenTrue, state);
                visit(conditional.WhenFalse, state);
                return;
            case Convert convert:
                visit(convert.Operand, state);
                return;
            case IntrinsicCall call:
                foreach (var argument in call.Arguments)
                    visit(argument, state);
                return;
            case MatrixCall call:
                foreach (var argument in call.Arguments)
                    visit(argument, state);
                return;
            case DifferentiableCall call:
                foreach (var argument in call.Arguments)
                    visit(argument, state);
                return;
            case MethodCall call:
                foreach (var argument in call.Arguments)
                    visit(argument.Value, state);
                return;
            case ElementRead read:
                visit(read.Index, state);
                return;
            case Slice slice:
                visit(slice.Start, state);
                visit(slice.Length, state);
                return;
            case ZeroSpan zero:
                visit(zero.Length, state);
                return;
            case VectorLoad load:
                visit(load.Index, state);
                return;
            case Broadcast broadcast:
                visit(broadcast.Scalar, state);
                return;
            case VectorSum sum:
                visit(sum.Vector, state);
                return;
            case VectorExtremum extremum:
                visit(extremum.Vector, state);
                return;
            default:
                throw Unknown(expression);
        }
    }

    /// <summary>The exception of a walk that meets a node kind it does not list.</summary>
    internal static System.InvalidOperationException Unknown(object node)
        => new($"{node.GetType().Name} is not handled here: every IR walk lists every node kind.");

    // The three walks below collect into one list rather than nesting iterators: a nested yield costs
    // every variable one step per level of the tree, and the simplifier asks these questions of every
    // statement in every round.
    private static List<IrVariable> Collected(IrExpression expression, Action<IrExpression, List<IrVariable>> collect)
    {
        var variables = new List<IrVariable>();
        collect(expression, variables);
        return variables;
    }

    /// <summary>Variables whose value the expression reads (not those it only writes through <c>out</c>).</summary>
    public static IEnumerable<IrVariable> ReadVariables(this IrExpression expression) => Collected(expression, CollectReads);

    /// <summary>Adds to <paramref name="variables"/> what <see cref="ReadVariables"/> lists, in the same order.</summary>
    public static void AddReadVariables(this IrExpression expression, List<IrVariable> variables) => CollectReads(expression, variables);

    private static void CollectReads(IrExpression expression, List<IrVariable> variables)
    {
        switch (expression)
        {
            case VariableRef reference:
                variables.Add(reference.Variable);
                return;
            case ElementRead read:
                variables.Add(read.Collection);
                break;
            case VectorLoad load:
                variables.Add(load.Span);
                break;
            case SpanLength length:
                variables.Add(length.Span);
                return;
            case Slice slice:
                variables.Add(slice.Span);
                break;
            case MethodCall call:
                foreach (var argument in call.Arguments)
                {
                    if (argument.Kind == ArgumentKind.Out)
                        continue;
                    CollectReads(argument.Value, variables);
                }
                return;
        }
        ForEachChild(expression, variables, static (child, list) => CollectReads(child, list));
    }

    /// <summary>Variables written through <c>ref</c>/<c>out</c> arguments of calls in the expression.</summary>
    public static IEnumerable<IrVariable> ArgumentWrites(this IrExpression expression) => Collected(expression, CollectArgumentWrites);

    private static void CollectArgumentWrites(IrExpression expression, List<IrVariable> variables)
    {
        if (expression is Constant or VariableRef)
            return;
        if (expression is MethodCall call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.WrittenVariable is { } written)
                    variables.Add(written);
            }
        }
        ForEachChild(expression, variables, static (child, list) => CollectArgumentWrites(child, list));
    }

    /// <summary>
    /// Generated buffers (arrays) a call in the expression is given by value, whole or as a slice: the
    /// call may write their elements through the span they convert to (a callee's adjoint adds into the
    /// cotangent copy it is given, and writes its outputs again into the saved copy), so the call writes them.
    /// </summary>
    public static IEnumerable<IrVariable> ArrayArgumentWrites(this IrExpression expression) => Collected(expression, CollectArrayArgumentWrites);

    private static void CollectArrayArgumentWrites(IrExpression expression, List<IrVariable> variables)
    {
        switch (expression)
        {
            case Constant or VariableRef or FieldRef or SpanLength or SimdEnabled:
                return;
            case MethodCall call:
                foreach (var argument in call.Arguments)
                {
                    if (argument.Kind == ArgumentKind.Value)
                        AddArray(argument.Value, variables);
                }
                break;
            case DifferentiableCall call:
                foreach (var argument in call.Arguments)
                    AddArray(argument, variables);
                break;
        }
        ForEachChild(expression, variables, static (child, list) => CollectArrayArgumentWrites(child, list));

        static void AddArray(IrExpression argument, List<IrVariable> variables)
        {
            if (argument.SpanOrVariable() is { } array && array.Type.IsArray())
                variables.Add(array);
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
    {
        var search = new Search(predicate);
        Find(expression, search);
        return search.Found;
    }

    private static void Find(IrExpression expression, Search search)
    {
        if (search.Found || (search.Found = search.Predicate(expression)))
            return;
        ForEachChild(expression, search, static (child, state) => Find(child, state));
    }

    private sealed class Search(Func<IrExpression, bool> predicate)
    {
        public Func<IrExpression, bool> Predicate { get; } = predicate;

        public bool Found { get; set; }
    }

    /// <summary>
    /// Rebuilds the expression bottom-up, applying <paramref name="rewrite"/> to each node after its
    /// children; a node whose children come back unchanged is passed on as it is, not copied.
    /// </summary>
    public static IrExpression Rewrite(this IrExpression expression, Func<IrExpression, IrExpression> rewrite)
    {
        IrExpression rebuilt = expression switch
        {
            Constant or VariableRef or FieldRef or SpanLength or SimdEnabled => expression,
            Unary unary => Same(unary.Operand, rewrite, out var operand) ? unary : unary with { Operand = operand },
            Binary binary => Same(binary.Left, rewrite, out var left) & Same(binary.Right, rewrite, out var right)
                ? binary
                : binary with { Left = left, Right = right },
            Conditional conditional => Same(conditional.Condition, rewrite, out var condition)
                & Same(conditional.WhenTrue, rewrite, out var whenTrue) & Same(conditional.WhenFalse, rewrite, out var whenFalse)
                ? conditional
                : conditional with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse },
            Convert convert => Same(convert.Operand, rewrite, out var converted) ? convert : convert with { Operand = converted },
            IntrinsicCall call => Same(call.Arguments, rewrite, out var arguments) ? call : call with { Arguments = arguments },
            MatrixCall call => Same(call.Arguments, rewrite, out var arguments) ? call : call with { Arguments = arguments },
            DifferentiableCall call => Same(call.Arguments, rewrite, out var arguments) ? call : call with { Arguments = arguments },
            // ref/out arguments name storage, not values: they are never rewritten.
            MethodCall call => RewriteArguments(call, rewrite),
            ElementRead read => Same(read.Index, rewrite, out var index) ? read : read with { Index = index },
            Slice slice => Same(slice.Start, rewrite, out var start) & Same(slice.Length, rewrite, out var length)
                ? slice
                : slice with { Start = start, Length = length },
            ZeroSpan zero => Same(zero.Length, rewrite, out var zeroLength) ? zero : zero with { Length = zeroLength },
            VectorLoad load => Same(load.Index, rewrite, out var loadIndex) ? load : load with { Index = loadIndex },
            Broadcast broadcast => Same(broadcast.Scalar, rewrite, out var scalar) ? broadcast : new Broadcast(scalar),
            VectorSum sum => Same(sum.Vector, rewrite, out var summed) ? sum : new VectorSum(summed),
            VectorExtremum extremum => Same(extremum.Vector, rewrite, out var vector) ? extremum : extremum with { Vector = vector },
            _ => throw Unknown(expression),
        };
        return rewrite(rebuilt);
    }

    private static bool Same(IrExpression child, Func<IrExpression, IrExpression> rewrite, out IrExpression rewritten)
    {
        rewritten = child.Rewrite(rewrite);
        return ReferenceEquals(rewritten, child);
    }

    private static bool Same(EquatableArray<IrExpression> children, Func<IrExpression, IrExpression> rewrite, out EquatableArray<IrExpression> rewritten)
    {
        var same = true;
        var items = new IrExpression[children.Count];
        for (var i = 0; i < items.Length; i++)
            same &= Same(children[i], rewrite, out items[i]);
        rewritten = same ? children : items.ToEquatableArray();
        return same;
    }

    private static MethodCall RewriteArguments(MethodCall call, Func<IrExpression, IrExpression> rewrite)
    {
        var same = true;
        var arguments = new Argument[call.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            if (argument.Kind != ArgumentKind.Value || Same(argument.Value, rewrite, out var value))
            {
                arguments[i] = argument;
                continue;
            }
            arguments[i] = argument with { Value = value };
            same = false;
        }
        return same ? call : call with { Arguments = arguments.ToEquatableArray() };
    }

    /// <summary>Every expression a statement evaluates directly (not those of nested blocks).</summary>
    public static IEnumerable<IrExpression> Expressions(this IrStatement statement)
    {
        var expressions = new List<IrExpression>(2);
        ForEachExpression(statement, expressions, static (expression, list) => list.Add(expression));
        return expressions;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> on each expression the statement evaluates directly, in order, without
    /// allocating: the one list of what every statement kind evaluates (<see cref="Expressions"/> collects them).
    /// </summary>
    public static void ForEachExpression<TState>(this IrStatement statement, TState state, Action<IrExpression, TState> visit)
    {
        switch (statement)
        {
            case Assign assign:
                visit(assign.Value, state);
                return;
            case AddAssign addAssign:
                visit(addAssign.Value, state);
                return;
            case ExpressionStatement expressionStatement:
                visit(expressionStatement.Expression, state);
                return;
            case If conditional:
                visit(conditional.Condition, state);
                return;
            case Return ret:
                visit(ret.Value, state);
                return;
            case ElementAssign element:
                visit(element.Index, state);
                visit(element.Value, state);
                return;
            case Loop loop:
                visit(loop.Condition, state);
                return;
            case CountedLoop loop:
                visit(loop.Start, state);
                visit(loop.End, state);
                return;
            case Store store:
                visit(store.Index, state);
                visit(store.Value, state);
                return;
            case Require require:
                visit(require.Failure, state);
                return;
            case ClearSpan clear:
                visit(clear.Span, state);
                return;
            case VectorStore store:
                visit(store.Index, state);
                visit(store.Value, state);
                return;
            case RentBuffer rent:
                visit(rent.Length, state);
                return;
            case MatMulInto product:
                visit(new VariableRef(product.A), state);
                visit(new VariableRef(product.B), state);
                return;
            case Declare or BindStart or CopyIntoBuffer:
                return;
            default:
                throw Unknown(statement);
        }
    }

    /// <summary>
    /// Applies <paramref name="rewrite"/> to every value an expression of the statement reads (not to
    /// ref/out targets, whole variables, nor nested blocks); the statement itself when nothing changed.
    /// </summary>
    public static IrStatement MapExpressions(this IrStatement statement, Func<IrExpression, IrExpression> rewrite)
    {
        IrExpression Map(IrExpression expression, ref bool changed)
        {
            var mapped = rewrite(expression);
            changed |= !ReferenceEquals(mapped, expression);
            return mapped;
        }
        var changed = false;
        IrStatement mapped = statement switch
        {
            Assign assign => assign with { Value = Map(assign.Value, ref changed) },
            AddAssign addAssign => addAssign with { Value = Map(addAssign.Value, ref changed) },
            ExpressionStatement expression => expression with { Expression = Map(expression.Expression, ref changed) },
            Return ret => ret with { Value = Map(ret.Value, ref changed) },
            If conditional => conditional with { Condition = Map(conditional.Condition, ref changed) },
            ElementAssign element => element with { Index = Map(element.Index, ref changed), Value = Map(element.Value, ref changed) },
            Loop loop => loop with { Condition = Map(loop.Condition, ref changed) },
            CountedLoop loop => loop with { Start = Map(loop.Start, ref changed), End = Map(loop.End, ref changed) },
            Store store => store with { Index = Map(store.Index, ref changed), Value = Map(store.Value, ref changed) },
            Require require => require with { Failure = Map(require.Failure, ref changed) },
            ClearSpan clear => clear with { Span = Map(clear.Span, ref changed) },
            RentBuffer rent => rent with { Length = Map(rent.Length, ref changed) },
            VectorStore store => store with { Index = Map(store.Index, ref changed), Value = Map(store.Value, ref changed) },
            // Their operands are whole variables, which a rewrite of values does not reach.
            Declare or BindStart or CopyIntoBuffer or MatMulInto => statement,
            _ => throw Unknown(statement),
        };
        return changed ? mapped : statement;
    }

    /// <summary>The variables a statement reads as a whole (not through an expression): a span cleared or copied.</summary>
    public static IEnumerable<IrVariable> DirectReads(this IrStatement statement) => statement switch
    {
        CopyIntoBuffer copy => [copy.Source],
        BindStart bind => [bind.Span],
        MatMulInto product => product.Captured,
        Declare or Assign or AddAssign or ExpressionStatement or If or Return or ElementAssign or Loop or CountedLoop or Store
            or RentBuffer or VectorStore or ClearSpan or Require => [],
        _ => throw Unknown(statement),
    };

    /// <summary>
    /// The variables whose elements the statement itself writes without rebinding them: the span or
    /// array of <c>span[i] = …</c> / <c>+=</c> and of a vector store. Writing through a variable needs
    /// its value (a span local holding a slice writes into what it was sliced from), so for liveness
    /// the statement uses it: a definition of a span is live while anything writes through it, as
    /// while anything reads it. Spans passed to calls and spans cleared are values of the statement's
    /// expressions, read there already; a store into a loop buffer (and a copy into one) rents the
    /// buffer itself when it has none yet, so it needs no earlier definition.
    /// </summary>
    public static IEnumerable<IrVariable> WritesThrough(this IrStatement statement) => statement switch
    {
        ElementAssign element => [element.Span],
        VectorStore store => [store.Span],
        Declare or Assign or AddAssign or ExpressionStatement or If or Return or Loop or CountedLoop or Store or RentBuffer
            or BindStart or ClearSpan or CopyIntoBuffer or Require or MatMulInto => [],
        _ => throw Unknown(statement),
    };

    public static IEnumerable<IrBlock> Blocks(this IrStatement statement) => statement switch
    {
        If conditional => [conditional.Then, conditional.Else],
        Loop loop => [loop.Body],
        CountedLoop loop => [loop.Body],
        Declare or Assign or AddAssign or ExpressionStatement or Return or ElementAssign or Store or RentBuffer
            or BindStart or VectorStore or ClearSpan or CopyIntoBuffer or Require or MatMulInto => [],
        _ => throw Unknown(statement),
    };

    /// <summary>Rebuilds a statement with its nested blocks mapped (the statement's own expressions unchanged); the statement itself when no block changed.</summary>
    public static IrStatement MapBlocks(this IrStatement statement, Func<IrBlock, IrBlock> map) => statement switch
    {
        If conditional => (map(conditional.Then), map(conditional.Else)) switch
        {
            var (then, otherwise) when ReferenceEquals(then, conditional.Then) && ReferenceEquals(otherwise, conditional.Else) => conditional,
            var (then, otherwise) => conditional with { Then = then, Else = otherwise },
        },
        Loop loop => map(loop.Body) switch
        {
            var body when ReferenceEquals(body, loop.Body) => loop,
            var body => loop with { Body = body },
        },
        CountedLoop loop => map(loop.Body) switch
        {
            var body when ReferenceEquals(body, loop.Body) => loop,
            var body => loop with { Body = body },
        },
        Declare or Assign or AddAssign or ExpressionStatement or Return or ElementAssign or Store or RentBuffer
            or BindStart or VectorStore or ClearSpan or CopyIntoBuffer or Require or MatMulInto => statement,
        _ => throw Unknown(statement),
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
        var reads = new List<IrVariable>();
        AddReads(statement, reads);
        return reads;
    }

    /// <summary>Adds to <paramref name="reads"/> what <see cref="Reads"/> lists, in the same order.</summary>
    public static void AddReads(this IrStatement statement, List<IrVariable> reads)
    {
        if (statement is AddAssign addAssign)
            reads.Add(addAssign.Target);
        reads.AddRange(statement.DirectReads());
        statement.ForEachExpression(reads, static (expression, list) => CollectReads(expression, list));
        foreach (var block in statement.Blocks())
        {
            foreach (var nested in block.Statements)
                AddReads(nested, reads);
        }
    }

    /// <summary>Variables the statement itself writes (not its nested blocks): its target, and what it passes by ref/out.</summary>
    public static IEnumerable<IrVariable> OwnWrites(this IrStatement statement)
    {
        var writes = new List<IrVariable>();
        AddOwnWrites(statement, writes);
        return writes;
    }

    /// <summary>Adds to <paramref name="writes"/> what <see cref="OwnWrites"/> lists, in the same order.</summary>
    public static void AddOwnWrites(this IrStatement statement, List<IrVariable> writes)
    {
        AddTargets(statement, writes);
        statement.ForEachExpression(writes, static (expression, list) =>
        {
            CollectArgumentWrites(expression, list);
            CollectArrayArgumentWrites(expression, list);
        });
    }

    private static void AddTargets(IrStatement statement, List<IrVariable> targets)
    {
        switch (statement)
        {
            case Assign assign:
                targets.Add(assign.Target);
                return;
            case AddAssign addAssign:
                targets.Add(addAssign.Target);
                return;
            case ElementAssign element:
                targets.Add(element.Span);
                return;
            case Store store:
                targets.Add(store.Buffer);
                return;
            case ClearSpan clear:
                targets.Add(clear.Target);
                return;
            case CopyIntoBuffer copy:
                targets.Add(copy.Buffer);
                return;
            case RentBuffer rent:
                targets.Add(rent.Buffer);
                targets.Add(rent.Pooled);
                return;
            case VectorStore vectorStore:
                targets.Add(vectorStore.Span);
                return;
            case BindStart bind:
                targets.Add(bind.Start);
                return;
            // The node defines its counter (readable in its body only).
            case CountedLoop loop:
                targets.Add(loop.Counter);
                return;
            case MatMulInto product:
                targets.Add(product.Product);
                foreach (var captured in product.Captured)
                {
                    if (captured.Type.IsMatrix())
                        targets.Add(captured);
                }
                return;
            case Declare or ExpressionStatement or If or Return or Loop or Require:
                return;
            default:
                throw Unknown(statement);
        }
    }

    /// <summary>
    /// The spans whose elements the statement itself writes: <c>span[i] = …</c>, a vector store or a
    /// clear, and the outputs of a differentiable call (the span passed, or the one a slice is taken of).
    /// </summary>
    public static IEnumerable<IrVariable> SpanElementWrites(this IrStatement statement) => statement switch
    {
        ElementAssign element => [element.Span],
        VectorStore store => [store.Span],
        ClearSpan clear when clear.Target.Type.IsSpan() => [clear.Target],
        ExpressionStatement { Expression: DifferentiableCall call } => Enumerable.Range(0, call.Arguments.Count)
            .Where(call.Target.Writes).Select(i => call.Arguments[i].SpanOrVariable()).OfType<IrVariable>().Where(variable => variable.Type.IsWritableSpan()),
        ClearSpan or Declare or Assign or AddAssign or ExpressionStatement or If or Return or Loop or CountedLoop or Store or RentBuffer
            or BindStart or CopyIntoBuffer or Require or MatMulInto => [],
        _ => throw Unknown(statement),
    };

    /// <summary>
    /// The scratch buffers a block clears (where the user allocated them, inside a loop): each run of the block,
    /// an iteration of the loop it is the body of, has them to itself, from zeros.
    /// </summary>
    public static HashSet<IrVariable> ScratchBuffersClearedIn(this IrBlock block)
        => new(block.Flatten().OfType<ClearSpan>().Select(clear => clear.Target).Where(target => target.Type.IsWritableSpan()));

    /// <summary>Variables a statement writes, nested blocks included.</summary>
    public static IEnumerable<IrVariable> Writes(this IrStatement statement)
    {
        var writes = new List<IrVariable>();
        AddWrites(statement, writes);
        return writes;
    }

    /// <summary>Adds to <paramref name="writes"/> what <see cref="Writes"/> lists, in the same order.</summary>
    public static void AddWrites(this IrStatement statement, List<IrVariable> writes)
    {
        AddOwnWrites(statement, writes);
        foreach (var block in statement.Blocks())
        {
            foreach (var nested in block.Statements)
                AddWrites(nested, writes);
        }
    }
}
