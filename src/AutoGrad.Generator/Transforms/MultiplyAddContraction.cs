using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Fuses the multiply-adds of derivative statements (<c>a · b + c</c> into one rounding,
/// <c>FusedMultiplyAdd(a, b, c)</c>) in a loop the <see cref="Vectorizer"/> takes (it runs just before it). The vector path
/// is built from the contracted loop and the contracted loop stays as its tail and fallback, so the
/// two round alike and still differ only in the order of summation.
/// <para>
/// Only derivative values are fused: the primal statements keep the user's own roundings, so the
/// value the generated methods return stays the user's result bit for bit on the scalar path.
/// A derivative gains accuracy from fusing (one rounding instead of two) and never loses it.
/// </para>
/// </summary>
internal static class MultiplyAddContraction
{
    /// <summary>Contracts the loops that the vectorizer takes once contracted (a loop it takes only as it was stays as it was).</summary>
    public static IrMethod Apply(IrMethod method)
    {
        var reads = ReadCounts.Of(method);
        IrBlock Visit(IrBlock block)
            => IrBlock.From(block.Statements.Select(statement => statement is CountedLoop loop && Contracted(loop) is var contracted && Vectorizer.Takes(contracted, reads.ReadOutside(loop))
                ? contracted
                : statement.MapBlocks(Visit)));
        return method with { Body = Visit(method.Body) };
    }

    private static CountedLoop Contracted(CountedLoop loop) => loop with { Body = IrBlock.From(loop.Body.Statements.Select(Contract)) };

    private static IrStatement Contract(IrStatement statement) => statement switch
    {
        // t += a · b → t = FusedMultiplyAdd(a, b, t): an accumulation into a variable from outside the loop.
        AddAssign { Target: var target } accumulation when target.IsDerivative && AsProduct(accumulation.Value) is { } product
            => new Assign(target, Fused(product.A, product.B, new VariableRef(target))),
        AddAssign { Target: var target } accumulation when target.IsDerivative
            => accumulation with { Value = Contract(accumulation.Value) },
        Assign { Target: var target } assign when target.IsDerivative
            => assign with { Value = Contract(assign.Value) },
        // s[i] += a · b → s[i] = FusedMultiplyAdd(a, b, s[i]).
        ElementAssign { Span: var span, Accumulate: true } write when span.IsDerivative && AsProduct(write.Value) is { } product
            => write with { Value = Fused(product.A, product.B, new ElementRead(span, write.Index)), Accumulate = false },
        ElementAssign { Span: var span } write when span.IsDerivative
            => write with { Value = Contract(write.Value) },
        _ => statement,
    };

    /// <summary>Every <c>a · b ± c</c> and <c>c ± a · b</c> in the expression, innermost first.</summary>
    public static IrExpression Contract(IrExpression expression)
    {
        switch (expression)
        {
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } binary when binary.Type.IsFloatingPoint():
                var left = Contract(binary.Left);
                var right = Contract(binary.Right);
                var subtract = binary.Operator == BinaryOperator.Subtract;
                if (left is Binary { Operator: BinaryOperator.Multiply } leftProduct)
                    return Fused(leftProduct.Left, leftProduct.Right, subtract ? Negate(right) : right);
                if (right is Binary { Operator: BinaryOperator.Multiply } rightProduct)
                    return Fused(subtract ? Negate(rightProduct.Left) : rightProduct.Left, rightProduct.Right, left);
                return binary with { Left = left, Right = right };
            case Binary binary:
                return binary with { Left = Contract(binary.Left), Right = Contract(binary.Right) };
            case Unary unary:
                return unary with { Operand = Contract(unary.Operand) };
            case IntrinsicCall call:
                return call with { Arguments = call.Arguments.Select(Contract).ToEquatableArray() };
            default:
                return expression;
        }
    }

    /// <summary><c>a · b</c> as (a, b), and <c>−(a · b)</c> as (−a, b); null for anything else.</summary>
    private static (IrExpression A, IrExpression B)? AsProduct(IrExpression value) => value switch
    {
        Binary { Operator: BinaryOperator.Multiply } product => (product.Left, product.Right),
        Unary { Operator: UnaryOperator.Negate, Operand: Binary { Operator: BinaryOperator.Multiply } product } => (Negate(product.Left), product.Right),
        _ => null,
    };

    private static IrExpression Fused(IrExpression a, IrExpression b, IrExpression c)
        => new IntrinsicCall(Intrinsic.FusedMultiplyAdd, EquatableArray.Create(a, b, c), c.Type);

    /// <summary>Negation is exact, so <c>a · b − c</c> = <c>FusedMultiplyAdd(a, b, −c)</c> rounds once, as intended.</summary>
    private static IrExpression Negate(IrExpression operand) => operand switch
    {
        Unary { Operator: UnaryOperator.Negate } negated => negated.Operand,
        Constant constant => Constant.Of(constant.Type, -constant.Real),
        _ => new Unary(UnaryOperator.Negate, operand, operand.Type),
    };
}
