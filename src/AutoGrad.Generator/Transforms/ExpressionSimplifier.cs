using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Algebraic simplification of one expression. Two strengths:
/// <list type="bullet">
/// <item><c>exact</c>: only rewrites that give the same bits for every input (x·1, x/1, x−0,
/// −(−x), folding constants in the expression's own precision) — safe for primal values, which
/// must equal the user's method bit for bit;</item>
/// <item>otherwise also rewrites that differ only for infinities, NaN or the sign of zero
/// (x·0 → 0, x + 0 → x, distributing over a branch), and regroupings and cancellations of derivative terms
/// ((s + t) + t → s + 2t) — the usual simplifications of derivative code.</item>
/// </list>
/// A primal value inside derivative code (one that reads no tangent or adjoint) is never regrouped, nor its terms cancelled:
/// its finite values are those the method computes.
/// </summary>
public static class ExpressionSimplifier
{
    public static IrExpression Simplify(IrExpression expression, bool exact)
        => expression.Rewrite(node => SimplifyNode(node, exact));

    private static IrExpression SimplifyNode(IrExpression node, bool exact) => node switch
    {
        Binary binary => SimplifyBinary(binary, exact),
        Unary unary => SimplifyUnary(unary, exact),
        Convert convert => SimplifyConvert(convert),
        Conditional conditional => SimplifyConditional(conditional),
        IntrinsicCall call => SimplifyIntrinsic(call),
        _ => node,
    };

    /// <summary>A value of the primal computation (it reads no tangent or adjoint): derivative code may not regroup or cancel its terms.</summary>
    private static bool IsPrimalValue(IrExpression expression) => !expression.ReadVariables().Any(variable => variable.IsDerivative);

    private static IrExpression SimplifyBinary(Binary binary, bool exact)
    {
        // Integer and boolean identities hold for every value: only floating point needs care.
        exact &= binary.Type.IsFloatingPoint();
        // A primal value inside derivative code (a partial derivative is often one) keeps the bits the method computes it with:
        // no regrouping or cancellation of its terms. (p − m) + (m + w) is 0 when m dwarfs p and w; as p + w it is not (fuzz
        // seed 408548: a gradient 1.3 off).
        // (Integers regroup exactly: two's complement wraps the same whichever way it is grouped.)
        var regroup = !exact && (!binary.Type.IsFloatingPoint() || !IsPrimalValue(binary));
        var (a, b) = (binary.Left, binary.Right);
        if (a is Constant left && b is Constant right && ConstantFolding.Fold(binary.Operator, left, right, binary.Type) is { } folded)
            return folded;
        // An integer compared with itself (NaN keeps floating point out of this).
        if (a.Type.IsInteger() && a.Equals(b) && !a.Contains(node => node is MethodCall or DifferentiableCall))
        {
            switch (binary.Operator)
            {
                case BinaryOperator.Equal or BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual:
                    return Constant.Bool(true);
                case BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.Greater:
                    return Constant.Bool(false);
            }
        }
        // A floating-point value compared with itself: strict orders are false for every value, NaN
        // included; the others hold exactly when it is not NaN (a comparison with NaN is false, != true).
        // Exact, and C# warns of x < x (CS1718), which a rule's comparison of two arguments gives when
        // they are one value (Max(v, v), or t2 = t1; Max(t1, t2) after propagation).
        if (a.Type.IsFloatingPoint() && a.Equals(b) && !a.Contains(node => node is MethodCall or DifferentiableCall))
        {
            switch (binary.Operator)
            {
                case BinaryOperator.Less or BinaryOperator.Greater:
                    return Constant.Bool(false);
                case BinaryOperator.Equal or BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual:
                    return new Unary(UnaryOperator.Not, IsNaN(a), IrType.Bool);
                case BinaryOperator.NotEqual:
                    return IsNaN(a);
            }
        }
        switch (binary.Operator)
        {
            case BinaryOperator.Multiply:
                if (IsConstant(a, 1)) return b;
                if (IsConstant(b, 1)) return a;
                if (exact) break;
                if (IsConstant(a, 0) || IsConstant(b, 0)) return DerivativeRules.Zero(binary.Type);
                if (IsConstant(a, -1)) return Negate(b, exact);
                if (IsConstant(b, -1)) return Negate(a, exact);
                // Negations move outwards, where they cancel or turn an addition into a subtraction.
                if (a is Unary { Operator: UnaryOperator.Negate } negatedA)
                    return Negate(SimplifyBinary(binary with { Left = negatedA.Operand }, exact), exact);
                if (b is Unary { Operator: UnaryOperator.Negate } negatedB)
                    return Negate(SimplifyBinary(binary with { Right = negatedB.Operand }, exact), exact);
                if (b is Constant && a is not Constant)
                    return SimplifyBinary(binary with { Left = b, Right = a }, exact);
                if (regroup && a is Constant outer && b is Binary { Operator: BinaryOperator.Multiply, Left: Constant inner } product)
                    return SimplifyBinary(product with { Left = ConstantFolding.Fold(BinaryOperator.Multiply, outer, inner, binary.Type)! }, exact);
                // a·(b·c) = (a·b)·c, which prints without parentheses.
                if (regroup && b is Binary { Operator: BinaryOperator.Multiply } rightProduct)
                    return SimplifyBinary(binary with { Left = SimplifyBinary(binary with { Right = rightProduct.Left }, exact), Right = rightProduct.Right }, exact);
                if (a is Conditional selectA && IsSelectOfConstants(selectA))
                    return Distribute(selectA, branch => binary with { Left = branch }, exact);
                if (b is Conditional selectB && IsSelectOfConstants(selectB))
                    return Distribute(selectB, branch => binary with { Right = branch }, exact);
                break;
            case BinaryOperator.Divide:
                if (IsConstant(b, 1)) return a;
                if (!exact && IsConstant(a, 0)) return DerivativeRules.Zero(binary.Type);
                break;
            case BinaryOperator.Add:
                if (exact) break;
                if (a.Equals(b)) return Twice(a, exact);
                // (s + t) + t = s + 2t: the two equal terms the reverse sweep of x·x contributes.
                if (regroup && a is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } partialSum && partialSum.Right.Equals(b))
                    return partialSum.Operator == BinaryOperator.Add ? SimplifyBinary(partialSum with { Right = Twice(b, exact) }, exact) : partialSum.Left;
                if (IsConstant(a, 0)) return b;
                if (IsConstant(b, 0)) return a;
                if (regroup && b is Binary { Operator: BinaryOperator.Add } rightSum)
                    return SimplifyBinary(binary with { Left = SimplifyBinary(binary with { Right = rightSum.Left }, exact), Right = rightSum.Right }, exact);
                if (LeadingFactor(b) is { Value: < 0 })
                    return SimplifyBinary(new Binary(BinaryOperator.Subtract, a, Negate(b, exact), binary.Type), exact);
                if (b is Unary { Operator: UnaryOperator.Negate } negatedAddend)
                    return SimplifyBinary(new Binary(BinaryOperator.Subtract, a, negatedAddend.Operand, binary.Type), exact);
                if (a is Unary { Operator: UnaryOperator.Negate } negatedFirst)
                    return SimplifyBinary(new Binary(BinaryOperator.Subtract, b, negatedFirst.Operand, binary.Type), exact);
                break;
            case BinaryOperator.Subtract:
                if (IsConstant(b, 0) && !IsNegativeZero(b)) return a;
                if (exact) break;
                if (IsConstant(a, 0)) return Negate(b, exact);
                if (regroup && a is Binary { Operator: BinaryOperator.Subtract or BinaryOperator.Add } partialDifference && partialDifference.Right.Equals(b))
                    return partialDifference.Operator == BinaryOperator.Subtract ? SimplifyBinary(partialDifference with { Right = Twice(b, exact) }, exact) : partialDifference.Left;
                if (b is Unary { Operator: UnaryOperator.Negate } negatedSubtrahend)
                    return SimplifyBinary(new Binary(BinaryOperator.Add, a, negatedSubtrahend.Operand, binary.Type), exact);
                break;
            case BinaryOperator.ConditionalAnd:
                if (a is Constant { Integer: 1 }) return b;
                if (a is Constant { Integer: 0 }) return a;
                if (b is Constant { Integer: 1 }) return a;
                break;
            case BinaryOperator.ConditionalOr:
                if (a is Constant { Integer: 0 }) return b;
                if (a is Constant { Integer: 1 }) return a;
                if (b is Constant { Integer: 0 }) return a;
                break;
        }
        return binary;
    }

    /// <summary><c>double.IsNaN(value)</c> (<c>float.IsNaN</c> for a float).</summary>
    internal static MethodCall IsNaN(IrExpression value)
        => new(value.Type == IrType.Float ? "global::System.Single" : "global::System.Double", "IsNaN",
            EquatableArray.Create(new Argument(value)), IrType.Bool);

    /// <summary>The constant that leads a product such as <c>-2·a·b</c>, if there is one.</summary>
    private static Constant? LeadingFactor(IrExpression expression) => expression switch
    {
        Constant constant => constant,
        Binary { Operator: BinaryOperator.Multiply } product => LeadingFactor(product.Left),
        _ => null,
    };

    private static IrExpression Twice(IrExpression value, bool exact)
        => SimplifyBinary(new Binary(BinaryOperator.Multiply, DerivativeRules.Number(value.Type, 2), value, value.Type), exact);

    private static IrExpression SimplifyUnary(Unary unary, bool exact)
    {
        var operand = unary.Operand;
        if (unary.Operator == UnaryOperator.Not)
        {
            return operand switch
            {
                Constant constant => Constant.Bool(constant.Integer == 0),
                Unary { Operator: UnaryOperator.Not } inner => inner.Operand,
                _ => unary,
            };
        }
        return Negate(operand, exact) is var negated && negated is not Unary { Operator: UnaryOperator.Negate } ? negated : unary;
    }

    private static IrExpression Negate(IrExpression operand, bool exact) => operand switch
    {
        Constant constant => Constant.Of(constant.Type, -constant.Value) with { Integer = -constant.Integer },
        Unary { Operator: UnaryOperator.Negate } inner => inner.Operand,
        Binary { Operator: BinaryOperator.Multiply } product when !exact && LeadingFactor(product) is not null
            => product with { Left = Negate(product.Left, exact) },
        _ => new Unary(UnaryOperator.Negate, operand, operand.Type),
    };

    private static IrExpression SimplifyConvert(Convert convert)
    {
        if (convert.Operand.Type == convert.Type)
            return convert.Operand;
        if (convert.Operand is Constant constant && ConstantFolding.Convert(constant, convert.Type) is { } folded)
            return folded;
        return convert;
    }

    private static IrExpression SimplifyConditional(Conditional conditional)
    {
        if (conditional.Condition is Constant condition)
            return condition.Integer != 0 ? conditional.WhenTrue : conditional.WhenFalse;
        if (conditional.WhenTrue.Equals(conditional.WhenFalse))
            return conditional.WhenTrue;
        return conditional;
    }

    private static IrExpression SimplifyIntrinsic(IntrinsicCall call)
    {
        // A length is never negative.
        if (call.Function == Intrinsic.Max && call.Arguments is { Count: 2 } pair
            && (pair[0] is Constant { Integer: 0, Type: IrType.Int } && pair[1] is SpanLength || pair[1] is Constant { Integer: 0, Type: IrType.Int } && pair[0] is SpanLength))
        {
            return pair[0] is SpanLength ? pair[0] : pair[1];
        }
        // Integers compare exactly: Max and Min of integer constants (a trip count over a constant range) fold.
        if (call.Function is Intrinsic.Max or Intrinsic.Min && call.Type.IsInteger() && call.Arguments is { Count: 2 } integers
            && integers[0] is Constant { Integer: var a } && integers[1] is Constant { Integer: var b })
        {
            return new Constant(call.Type, 0, call.Function == Intrinsic.Max ? System.Math.Max(a, b) : System.Math.Min(a, b));
        }
        // x^1 = x and x^0 = 1 hold for every x, NaN included.
        if (call.Function == Intrinsic.Pow && call.Arguments[1] is Constant exponent)
        {
            if (exponent.Is(1)) return call.Arguments[0];
            if (exponent.Is(0)) return DerivativeRules.One(call.Type);
        }
        return call;
    }

    /// <summary><c>(c ? 1 : 0) · y</c> becomes <c>c ? y : 0</c>: a selector reads better applied than multiplied.</summary>
    private static IrExpression Distribute(Conditional select, System.Func<IrExpression, Binary> apply, bool exact)
        => SimplifyConditional(select with
        {
            WhenTrue = SimplifyBranch(select.WhenTrue, apply, exact),
            WhenFalse = SimplifyBranch(select.WhenFalse, apply, exact),
            Type = apply(select.WhenTrue).Type,
        });

    private static IrExpression SimplifyBranch(IrExpression branch, System.Func<IrExpression, Binary> apply, bool exact)
        => branch is Conditional nested ? Distribute(nested, apply, exact) : SimplifyBinary(apply(branch), exact);

    private static bool IsSelectOfConstants(Conditional select)
        => new[] { select.WhenTrue, select.WhenFalse }.All(branch => branch is Constant || branch is Conditional nested && IsSelectOfConstants(nested));

    private static bool IsConstant(IrExpression expression, double value) => expression is Constant constant && constant.Is(value);

    private static bool IsNegativeZero(IrExpression expression)
        => expression is Constant constant && constant.Type.IsFloatingPoint() && constant.Real == 0 && double.IsNegativeInfinity(1 / constant.Real);
}
