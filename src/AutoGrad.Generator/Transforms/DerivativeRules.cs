using System.Collections.Generic;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>One operand of an operation and the operation's partial derivative with respect to it.</summary>
public readonly record struct Partial(IrVariable Operand, IrExpression Derivative);

/// <summary>
/// The local derivative rules: for <c>result = op(a, b, …)</c>, the partial derivative with respect
/// to each floating-point variable operand, as IR over the primal values (and <c>result</c> itself,
/// which is often cheaper: d exp(a) = exp(a)). Both transforms are built on these alone.
/// Where PyTorch makes a choice the rules follow it: ties in Max/Min split the gradient evenly,
/// Abs has derivative 0 at 0, Clamp passes the gradient at its bounds.
/// </summary>
public static class DerivativeRules
{
    /// <summary>
    /// The partials of <paramref name="value"/>, the right-hand side of an assignment to <paramref name="result"/>.
    /// Operands that are not variables (constants, fields) have none. A call to a differentiable
    /// method has none here: the transforms call its generated derivatives instead.
    /// </summary>
    public static IEnumerable<Partial> Of(IrExpression value, IrVariable result)
    {
        foreach (var partial in AllOf(value, result))
        {
            if (partial.Operand is not null)
                yield return partial;
        }
    }

    private static IEnumerable<Partial> AllOf(IrExpression value, IrVariable result)
    {
        var type = value.Type;
        if (!type.IsFloatingPoint())
            yield break;
        var y = new VariableRef(result);
        switch (value)
        {
            case VariableRef reference:
                yield return new Partial(reference.Variable, One(type));
                break;
            case Convert convert when convert.Operand is VariableRef operand && operand.Type.IsFloatingPoint():
                yield return new Partial(operand.Variable, One(type));
                break;
            case Unary { Operator: UnaryOperator.Negate, Operand: VariableRef operand }:
                yield return new Partial(operand.Variable, Number(type, -1));
                break;
            case Binary binary:
                foreach (var partial in OfBinary(binary, y))
                    yield return partial;
                break;
            case IntrinsicCall call:
                foreach (var partial in OfIntrinsic(call, y))
                    yield return partial;
                break;
        }
    }

    private static IEnumerable<Partial> OfBinary(Binary binary, VariableRef y)
    {
        var type = binary.Type;
        var a = binary.Left;
        var b = binary.Right;
        switch (binary.Operator)
        {
            case BinaryOperator.Add:
                if (a is VariableRef left) yield return new Partial(left.Variable, One(type));
                if (b is VariableRef right) yield return new Partial(right.Variable, One(type));
                break;
            case BinaryOperator.Subtract:
                if (a is VariableRef minuend) yield return new Partial(minuend.Variable, One(type));
                if (b is VariableRef subtrahend) yield return new Partial(subtrahend.Variable, Number(type, -1));
                break;
            case BinaryOperator.Multiply:
                if (a is VariableRef factorA) yield return new Partial(factorA.Variable, b);
                if (b is VariableRef factorB) yield return new Partial(factorB.Variable, a);
                break;
            case BinaryOperator.Divide:
                // d(a/b) = da/b - (a/b)/b db, reusing the quotient.
                if (a is VariableRef dividend) yield return new Partial(dividend.Variable, Div(One(type), b));
                if (b is VariableRef divisor) yield return new Partial(divisor.Variable, Neg(Div(y, b)));
                break;
            case BinaryOperator.Remainder:
                // a % b = a - trunc(a/b)·b, and trunc is piecewise constant.
                if (a is VariableRef remainderDividend) yield return new Partial(remainderDividend.Variable, One(type));
                if (b is VariableRef remainderDivisor) yield return new Partial(remainderDivisor.Variable, Neg(Call(Intrinsic.Truncate, type, Div(a, b))));
                break;
        }
    }

    private static IEnumerable<Partial> OfIntrinsic(IntrinsicCall call, VariableRef y)
    {
        var type = call.Type;
        var arguments = call.Arguments;
        var x = arguments[0];
        if (call.Function.IsPiecewiseConstant())
            yield break;
        switch (call.Function)
        {
            case Intrinsic.Exp:
                yield return PartialOf(x, y);
                break;
            case Intrinsic.Log:
                yield return PartialOf(x, Div(One(type), x));
                break;
            case Intrinsic.LogWithBase:
            {
                // log_b(x) = ln x / ln b: d/dx = 1/(x ln b), d/db = -log_b(x)/(b ln b).
                var b = arguments[1];
                var lnB = Call(Intrinsic.Log, type, b);
                yield return PartialOf(x, Div(One(type), Mul(x, lnB)));
                yield return PartialOf(b, Neg(Div(y, Mul(b, lnB))));
                break;
            }
            case Intrinsic.Log10:
                yield return PartialOf(x, Div(One(type), Mul(x, Number(type, System.Math.Log(10)))));
                break;
            case Intrinsic.Log2:
                yield return PartialOf(x, Div(One(type), Mul(x, Number(type, System.Math.Log(2)))));
                break;
            case Intrinsic.Sqrt:
                yield return PartialOf(x, Div(Number(type, 0.5), y));
                break;
            case Intrinsic.Cbrt:
                yield return PartialOf(x, Div(One(type), Mul(Number(type, 3), Mul(y, y))));
                break;
            case Intrinsic.Pow:
            {
                var p = arguments[1];
                // PyTorch: the base's gradient is 0 where the exponent is 0 (x^0 is constant), where p·x^(p−1)
                // would give 0·0^(−1) = 0·∞ = NaN at x = 0. Applied again by the Hessian-vector product, the
                // rule masks the second derivative p·(p−1)·x^(p−2) at p = 1 as well, as PyTorch's double backward does.
                yield return PartialOf(x, Select(Compare(BinaryOperator.Equal, p, Zero(type)), Zero(type),
                    Mul(p, Call(Intrinsic.Pow, type, x, Sub(p, One(type))))));
                // PyTorch: the exponent's gradient is 0 where the base is 0 and the exponent is not negative (0^p is constant there).
                var exponentDerivative = Mul(y, Call(Intrinsic.Log, type, x));
                var baseIsZeroAndExponentNonNegative = new Binary(BinaryOperator.ConditionalAnd,
                    Compare(BinaryOperator.Equal, x, Zero(type)),
                    Compare(BinaryOperator.GreaterOrEqual, p, Zero(type)), IrType.Bool);
                yield return PartialOf(p, new Conditional(baseIsZeroAndExponentNonNegative, Zero(type), exponentDerivative, type));
                break;
            }
            case Intrinsic.Sin:
                yield return PartialOf(x, Call(Intrinsic.Cos, type, x));
                break;
            case Intrinsic.Cos:
                yield return PartialOf(x, Neg(Call(Intrinsic.Sin, type, x)));
                break;
            case Intrinsic.Tan:
                yield return PartialOf(x, Add(One(type), Mul(y, y)));
                break;
            case Intrinsic.Asin:
                yield return PartialOf(x, Div(One(type), Call(Intrinsic.Sqrt, type, Sub(One(type), Mul(x, x)))));
                break;
            case Intrinsic.Acos:
                yield return PartialOf(x, Neg(Div(One(type), Call(Intrinsic.Sqrt, type, Sub(One(type), Mul(x, x))))));
                break;
            case Intrinsic.Atan:
                yield return PartialOf(x, Div(One(type), Add(One(type), Mul(x, x))));
                break;
            case Intrinsic.Atan2:
            {
                // atan2(y, x): d/dy = x/(x² + y²), d/dx = -y/(x² + y²).
                var numerator = arguments[0];
                var denominator = arguments[1];
                var radiusSquared = Add(Mul(denominator, denominator), Mul(numerator, numerator));
                yield return PartialOf(numerator, Div(denominator, radiusSquared));
                yield return PartialOf(denominator, Neg(Div(numerator, radiusSquared)));
                break;
            }
            case Intrinsic.Sinh:
                yield return PartialOf(x, Call(Intrinsic.Cosh, type, x));
                break;
            case Intrinsic.Cosh:
                yield return PartialOf(x, Call(Intrinsic.Sinh, type, x));
                break;
            case Intrinsic.Tanh:
                yield return PartialOf(x, Sub(One(type), Mul(y, y)));
                break;
            case Intrinsic.Asinh:
                yield return PartialOf(x, Div(One(type), Call(Intrinsic.Sqrt, type, Add(Mul(x, x), One(type)))));
                break;
            case Intrinsic.Acosh:
                yield return PartialOf(x, Div(One(type), Call(Intrinsic.Sqrt, type, Sub(Mul(x, x), One(type)))));
                break;
            case Intrinsic.Atanh:
                yield return PartialOf(x, Div(One(type), Sub(One(type), Mul(x, x))));
                break;
            case Intrinsic.CopySign:
                // PyTorch's copysign: result / x for the magnitude, 0 where x is 0; the sign's argument gets none.
                yield return PartialOf(x, Select(Compare(BinaryOperator.Equal, x, Zero(type)), Zero(type), Div(y, x)));
                break;
            case Intrinsic.ExpM1:
                yield return PartialOf(x, Add(y, One(type)));
                break;
            case Intrinsic.LogP1:
                yield return PartialOf(x, Div(One(type), Add(x, One(type))));
                break;
            case Intrinsic.Hypot:
                yield return PartialOf(arguments[0], Div(arguments[0], y));
                yield return PartialOf(arguments[1], Div(arguments[1], y));
                break;
            case Intrinsic.Exp2:
                yield return PartialOf(x, Mul(y, Number(type, System.Math.Log(2))));
                break;
            case Intrinsic.Exp10:
                yield return PartialOf(x, Mul(y, Number(type, System.Math.Log(10))));
                break;
            case Intrinsic.Abs:
                // sign(x), with 0 at 0 as PyTorch has it.
                yield return PartialOf(x, Select(Compare(BinaryOperator.Greater, x, Zero(type)), One(type),
                    Select(Compare(BinaryOperator.Less, x, Zero(type)), Number(type, -1), Zero(type))));
                break;
            case Intrinsic.Max:
            case Intrinsic.Min:
            {
                // The winner takes the gradient; a tie splits it evenly (PyTorch's maximum/minimum).
                var wins = call.Function == Intrinsic.Max ? BinaryOperator.Greater : BinaryOperator.Less;
                var a = arguments[0];
                var b = arguments[1];
                yield return PartialOf(a, Select(Compare(wins, a, b), One(type), Select(Compare(BinaryOperator.Equal, a, b), Number(type, 0.5), Zero(type))));
                yield return PartialOf(b, Select(Compare(wins, b, a), One(type), Select(Compare(BinaryOperator.Equal, a, b), Number(type, 0.5), Zero(type))));
                break;
            }
            case Intrinsic.Clamp:
            {
                // PyTorch's clamp: x keeps the gradient on [lo, hi]; a bound gets it only where x is strictly past it.
                var lo = arguments[1];
                var hi = arguments[2];
                var inside = new Binary(BinaryOperator.ConditionalAnd,
                    Compare(BinaryOperator.GreaterOrEqual, x, lo), Compare(BinaryOperator.LessOrEqual, x, hi), IrType.Bool);
                yield return PartialOf(x, Select(inside, One(type), Zero(type)));
                yield return PartialOf(lo, Select(Compare(BinaryOperator.Less, x, lo), One(type), Zero(type)));
                yield return PartialOf(hi, Select(Compare(BinaryOperator.Greater, x, hi), One(type), Zero(type)));
                break;
            }
            case Intrinsic.FusedMultiplyAdd:
                yield return PartialOf(arguments[0], arguments[1]);
                yield return PartialOf(arguments[1], arguments[0]);
                yield return PartialOf(arguments[2], One(type));
                break;
        }
    }

    // Only variable operands carry derivatives; for a constant operand this yields an empty partial that Of drops.
    private static Partial PartialOf(IrExpression operand, IrExpression derivative)
        => operand is VariableRef reference ? new Partial(reference.Variable, derivative) : default;

    public static Constant One(IrType type) => Constant.Of(type, 1);

    public static Constant Zero(IrType type) => Constant.Of(type, 0);

    public static Constant Number(IrType type, double value) => Constant.Of(type, value);

    public static IrExpression Add(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Add, a, b, a.Type);

    public static IrExpression Sub(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Subtract, a, b, a.Type);

    public static IrExpression Mul(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Multiply, a, b, a.Type);

    public static IrExpression Div(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Divide, a, b, a.Type);

    public static IrExpression Neg(IrExpression a) => new Unary(UnaryOperator.Negate, a, a.Type);

    private static IrExpression Compare(BinaryOperator comparison, IrExpression a, IrExpression b) => new Binary(comparison, a, b, IrType.Bool);

    private static IrExpression Select(IrExpression condition, IrExpression whenTrue, IrExpression whenFalse)
        => new Conditional(condition, whenTrue, whenFalse, whenTrue.Type);

    private static IrExpression Call(Intrinsic function, IrType type, params IrExpression[] arguments)
        => new IntrinsicCall(function, Helpers.EquatableArray.Create(arguments), type);
}
