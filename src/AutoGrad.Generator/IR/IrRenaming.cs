using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

/// <summary>Replaces variables throughout a block: where they are read, written, declared, carried, passed by reference.</summary>
public static class IrRenaming
{
    public static IrBlock Rename(this IrBlock block, IReadOnlyDictionary<IrVariable, IrVariable> renaming)
        => renaming.Count == 0 ? block : IrBlock.From(block.Statements.Select(statement => statement.Rename(renaming)));

    public static IrStatement Rename(this IrStatement statement, IReadOnlyDictionary<IrVariable, IrVariable> renaming)
    {
        IrVariable Map(IrVariable variable) => renaming.TryGetValue(variable, out var renamed) ? renamed : variable;
        IrExpression Expression(IrExpression expression) => expression.Rename(renaming);
        return statement switch
        {
            Declare declare => new Declare(Map(declare.Variable)),
            Assign assign => new Assign(Map(assign.Target), Expression(assign.Value)),
            AddAssign addAssign => new AddAssign(Map(addAssign.Target), Expression(addAssign.Value)),
            ExpressionStatement expression => new ExpressionStatement(Expression(expression.Expression)),
            If conditional => new If(Expression(conditional.Condition), conditional.Then.Rename(renaming), conditional.Else.Rename(renaming)),
            Return ret => new Return(Expression(ret.Value)),
            ElementAssign element => new ElementAssign(Map(element.Span), Expression(element.Index), Expression(element.Value), element.Accumulate),
            Loop loop => new Loop(Expression(loop.Condition), loop.Body.Rename(renaming), loop.Carried.Select(Map).ToEquatableArray()),
            CountedLoop loop => new CountedLoop(Map(loop.Counter), Expression(loop.Start), Expression(loop.End), loop.Step, loop.Inclusive, loop.Body.Rename(renaming), loop.Carried.Select(Map).ToEquatableArray()),
            Store store => new Store(Map(store.Buffer), Expression(store.Index), Expression(store.Value)),
            ClearSpan clear => new ClearSpan(Expression(clear.Span)),
            RentBuffer rent => rent with { Buffer = Map(rent.Buffer), Pooled = Map(rent.Pooled), Length = Expression(rent.Length) },
            CopyIntoBuffer copy => new CopyIntoBuffer(Map(copy.Buffer), Map(copy.Source)),
            Require require => require with
            {
                Failure = Expression(require.Failure),
                Guarantees = require.Guarantees.Select(fact => new SpanCovers(Map(fact.Covering), Map(fact.Indexed))).ToEquatableArray(),
            },
            BindStart bind => new BindStart(Map(bind.Start), Map(bind.Span)),
            VectorStore store => new VectorStore(Map(store.Span), Expression(store.Index), Expression(store.Value)),
            // An epilogue's fields and Apply method are its own scope; the statement's operands are the caller's.
            MatMulInto product => product with
            {
                Product = Map(product.Product),
                A = Map(product.A),
                B = Map(product.B),
                Captured = product.Captured.Select(Map).ToEquatableArray(),
            },
            _ => throw IrTraversal.Unknown(statement),
        };
    }

    public static IrExpression Rename(this IrExpression expression, IReadOnlyDictionary<IrVariable, IrVariable> renaming)
    {
        IrVariable Map(IrVariable variable) => renaming.TryGetValue(variable, out var renamed) ? renamed : variable;
        return expression.Rewrite(node => node switch
        {
            VariableRef reference => new VariableRef(Map(reference.Variable)),
            ElementRead read => read with { Collection = Map(read.Collection) },
            SpanLength length => new SpanLength(Map(length.Span)),
            Slice slice => slice with { Span = Map(slice.Span) },
            VectorLoad load => load with { Span = Map(load.Span) },
            // Rewrite leaves ref/out arguments alone (storage, not values); renaming must reach them.
            MethodCall call => call with
            {
                Arguments = call.Arguments
                    .Select(argument => argument.Kind == ArgumentKind.Value ? argument : argument with { Value = new VariableRef(Map(((VariableRef)argument.Value).Variable)) })
                    .ToEquatableArray(),
            },
            _ => node,
        });
    }
}
