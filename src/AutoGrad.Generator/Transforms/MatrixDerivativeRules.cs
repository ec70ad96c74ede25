using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Derivatives of matrix operations. Unlike the scalar rules these are linear maps, not factors —
/// the tangent of a·b is da·b + a·db, and the adjoint of a is ȳ·bᵀ — so each operation has its
/// tangent and its adjoint contributions written out. Contributions are added into adjoints with
/// broadcasting undone (<c>MatrixFunctions.AddInto</c> sums over the dimensions an operand was
/// stretched along); a scalar operand of a matrix operation receives the sum.
/// PyTorch's choices hold: a tied Max/Min splits the gradient evenly, Relu′(0) = 0, Abs′(0) = 0.
/// </summary>
internal static class MatrixDerivativeRules
{
    /// <summary>The variables a derivative flows to from <c>result = value</c>, for activity analysis.</summary>
    public static IEnumerable<IrVariable> Operands(IrExpression value) => value switch
    {
        VariableRef { Type: var type } reference when type.IsMatrix() => [reference.Variable],
        MatrixCall call when IsPiecewiseConstant(call.Function) => [],
        MatrixCall call => call.Arguments.OfType<VariableRef>().Select(reference => reference.Variable).Where(variable => variable.Type.IsDifferentiable()),
        _ => [],
    };

    /// <summary>Whether the scalar rules do not apply to <c>result = value</c> and these do.</summary>
    public static bool Applies(IrExpression value) => value is MatrixCall || value.Type.IsMatrix();

    /// <summary>The tangent of <paramref name="result"/> = <paramref name="value"/>; <paramref name="tangentOf"/> gives an operand's tangent, or null when it is constant.</summary>
    public static IrExpression Tangent(IrExpression value, IrVariable result, System.Func<IrVariable, IrExpression?> tangentOf)
    {
        var y = new VariableRef(result);
        if (value is VariableRef copied)
            return tangentOf(copied.Variable) ?? Zero(y);
        var call = (MatrixCall)value;
        var arguments = call.Arguments;
        IrExpression? D(int index) => arguments[index] is VariableRef { Variable: var operand } && operand.Type.IsDifferentiable() ? tangentOf(operand) : null;
        var x = arguments[0];
        var dx = D(0);
        // A lone term of an elementwise operation between two matrices may be a broadcast operand's, smaller than the result.
        var mayBroadcast = call.Function.IsElementwise() && arguments.Count(argument => argument.Type.IsMatrix()) > 1;
        IrExpression? Sum(VariableRef result, IrExpression? first, IrExpression? second) => TangentSum(result, first, second, mayBroadcast);
        IrExpression? tangent = call.Function switch
        {
            MatrixFunction.Add => Sum(y, dx, D(1)),
            MatrixFunction.Subtract => Sum(y, dx, D(1) is { } db ? Call(MatrixFunction.Negate, db) : null),
            MatrixFunction.Multiply => Sum(y, dx is null ? null : Call(MatrixFunction.Multiply, dx, arguments[1]), D(1) is { } db ? Call(MatrixFunction.Multiply, x, db) : null),
            MatrixFunction.Divide => Sum(y,
                dx is null ? null : Call(MatrixFunction.Divide, dx, arguments[1]),
                D(1) is { } db ? Call(MatrixFunction.Negate, Call(MatrixFunction.Divide, Call(MatrixFunction.Multiply, y, db), arguments[1])) : null),
            MatrixFunction.Pow => Sum(y,
                dx is null ? null : Call(MatrixFunction.Multiply, Factor(call, y), dx),
                D(1) is { } dp ? Call(MatrixFunction.Multiply, Call(MatrixFunction.Multiply, y, Call(MatrixFunction.Log, x)), dp) : null),
            MatrixFunction.MatMul or MatrixFunction.MatMulTransposedLeft or MatrixFunction.MatMulTransposedRight
                => Sum(y, dx is null ? null : Call(call.Function, dx, arguments[1]), D(1) is { } db ? Call(call.Function, x, db) : null),
            // Σ a∘b, as the adjoints of reductions write it.
            MatrixFunction.Dot => ScalarSum(dx is null ? null : Call(MatrixFunction.Dot, dx, arguments[1]), D(1) is { } db ? Call(MatrixFunction.Dot, x, db) : null),
            _ when IsPiecewiseConstant(call.Function) => null,
            _ when dx is null => null,
            MatrixFunction.Negate or MatrixFunction.Transpose or MatrixFunction.Sum or MatrixFunction.Mean => Call(call.Function, dx),
            MatrixFunction.BroadcastLike => Call(MatrixFunction.BroadcastLike, dx, arguments[1]),
            MatrixFunction.SumAxis or MatrixFunction.MeanAxis => Call(call.Function, dx, arguments[1]),
            MatrixFunction.SumOfSquares => Scalar(BinaryOperator.Multiply, Constant.Of(y.Type, 2), Call(MatrixFunction.Dot, x, dx)),
            MatrixFunction.Max or MatrixFunction.Min => Call(MatrixFunction.Dot, Call(MatrixFunction.TieShare, x, y), dx),
            MatrixFunction.MaxAxis => Call(MatrixFunction.SumAxis, Call(MatrixFunction.Multiply, Call(MatrixFunction.AxisTieShare, x, y, arguments[1]), dx), arguments[1]),
            _ => Call(MatrixFunction.Multiply, Factor(call, y), dx),
        };
        tangent ??= Zero(y);
        // A matrix whose only varying operand is a scalar (k − s with k constant) has that scalar's
        // tangent in every element: a matrix of its shape, so that reductions and products of it count every element.
        return y.Type.IsMatrix() && !tangent.Type.IsMatrix() ? Call(MatrixFunction.Add, tangent, Zero(y)) : tangent;
    }

    /// <summary>What <c>result = value</c> adds into each operand's adjoint, given the result's adjoint <paramref name="resultBar"/>.</summary>
    public static IEnumerable<(IrVariable Operand, IrExpression Contribution)> Adjoints(IrExpression value, IrVariable result, IrExpression resultBar)
    {
        if (value is VariableRef copied)
        {
            yield return (copied.Variable, resultBar);
            yield break;
        }
        var call = (MatrixCall)value;
        var y = new VariableRef(result);
        var arguments = call.Arguments;
        var x = arguments[0];
        var bar = resultBar;
        var contributions = new List<(int Operand, IrExpression Contribution)>();
        switch (call.Function)
        {
            case MatrixFunction.Add:
                contributions.Add((0, bar));
                contributions.Add((1, bar));
                break;
            case MatrixFunction.Subtract:
                contributions.Add((0, bar));
                contributions.Add((1, Call(MatrixFunction.Negate, bar)));
                break;
            case MatrixFunction.Multiply:
                contributions.Add((0, Call(MatrixFunction.Multiply, bar, arguments[1])));
                contributions.Add((1, Call(MatrixFunction.Multiply, bar, x)));
                break;
            case MatrixFunction.Divide:
                contributions.Add((0, Call(MatrixFunction.Divide, bar, arguments[1])));
                contributions.Add((1, Call(MatrixFunction.Negate, Call(MatrixFunction.Divide, Call(MatrixFunction.Multiply, bar, y), arguments[1]))));
                break;
            case MatrixFunction.Pow:
                contributions.Add((0, Call(MatrixFunction.Multiply, bar, Factor(call, y))));
                contributions.Add((1, Call(MatrixFunction.Multiply, bar, Call(MatrixFunction.Multiply, y, Call(MatrixFunction.Log, x)))));
                break;
            case MatrixFunction.MatMul:
                // y = a·b: ā += ȳ·bᵀ, b̄ += aᵀ·ȳ — neither transpose is formed.
                contributions.Add((0, Call(MatrixFunction.MatMulTransposedRight, bar, arguments[1])));
                contributions.Add((1, Call(MatrixFunction.MatMulTransposedLeft, x, bar)));
                break;
            case MatrixFunction.Negate:
                contributions.Add((0, Call(MatrixFunction.Negate, bar)));
                break;
            case MatrixFunction.Transpose:
                contributions.Add((0, Call(MatrixFunction.Transpose, bar)));
                break;
            // Adding into the operand's adjoint sums over what was broadcast (AddInto undoes broadcasting).
            case MatrixFunction.Sum or MatrixFunction.SumAxis or MatrixFunction.BroadcastLike:
                contributions.Add((0, bar));
                break;
            case MatrixFunction.Mean:
                contributions.Add((0, Scalar(BinaryOperator.Divide, bar, Call(MatrixFunction.Count, x))));
                break;
            case MatrixFunction.MeanAxis:
                contributions.Add((0, Call(MatrixFunction.Divide, bar, Call(MatrixFunction.AxisCount, x, arguments[1]))));
                break;
            case MatrixFunction.SumOfSquares:
                contributions.Add((0, Call(MatrixFunction.Multiply, Scalar(BinaryOperator.Multiply, Constant.Of(bar.Type, 2), bar), x)));
                break;
            case MatrixFunction.Max or MatrixFunction.Min:
                contributions.Add((0, Call(MatrixFunction.Multiply, bar, Call(MatrixFunction.TieShare, x, y))));
                break;
            case MatrixFunction.MaxAxis:
                contributions.Add((0, Call(MatrixFunction.Multiply, Call(MatrixFunction.AxisTieShare, x, y, arguments[1]), bar)));
                break;
            default:
                contributions.Add((0, Call(MatrixFunction.Multiply, bar, Factor(call, y))));
                break;
        }
        foreach (var (index, contribution) in contributions)
        {
            if (arguments[index] is not VariableRef { Variable: var operand } || !operand.Type.IsDifferentiable())
                continue;
            // A scalar operand was broadcast over the whole result: it receives the sum.
            yield return (operand, operand.Type.IsMatrix() || !contribution.Type.IsMatrix() ? contribution : Call(MatrixFunction.Sum, contribution));
        }
    }

    /// <summary>The elementwise derivative dy/dx of a unary elementwise operation (and of Pow in its base).</summary>
    private static IrExpression Factor(MatrixCall call, VariableRef y)
    {
        var x = call.Arguments[0];
        IrExpression Number(double value) => Constant.Of(y.Type.ElementType(), value);
        return call.Function switch
        {
            MatrixFunction.Exp => y,
            MatrixFunction.Log => Call(MatrixFunction.Divide, Number(1), x),
            MatrixFunction.Sqrt => Call(MatrixFunction.Divide, Number(0.5), y),
            MatrixFunction.Sin => Call(MatrixFunction.Cos, x),
            MatrixFunction.Cos => Call(MatrixFunction.Negate, Call(MatrixFunction.Sin, x)),
            MatrixFunction.Tanh => Call(MatrixFunction.Subtract, Number(1), Call(MatrixFunction.Square, y)),
            MatrixFunction.Sigmoid => Call(MatrixFunction.Multiply, y, Call(MatrixFunction.Subtract, Number(1), y)),
            MatrixFunction.Relu => Call(MatrixFunction.Step, x),
            MatrixFunction.Abs => Call(MatrixFunction.Sign, x),
            MatrixFunction.Square => Call(MatrixFunction.Multiply, Number(2), x),
            MatrixFunction.Pow => Call(MatrixFunction.Multiply, call.Arguments[1],
                Call(MatrixFunction.Pow, x, Scalar(BinaryOperator.Subtract, call.Arguments[1], Number(1)))),
            _ => throw new System.InvalidOperationException("No elementwise derivative for " + call.Function),
        };
    }

    /// <summary>Functions of shapes, signs and ties: their derivative is zero wherever it exists.</summary>
    private static bool IsPiecewiseConstant(MatrixFunction function)
        => function is MatrixFunction.ZerosLike or MatrixFunction.Count or MatrixFunction.AxisCount or MatrixFunction.Step
            or MatrixFunction.Sign or MatrixFunction.TieShare or MatrixFunction.AxisTieShare;

    private static IrExpression? ScalarSum(IrExpression? first, IrExpression? second)
        => first is null ? second : second is null ? first : DerivativeRules.Add(first, second);

    /// <summary>The sum of the present terms, stretched to the result's shape when a lone term may be smaller (a broadcast operand's tangent).</summary>
    private static IrExpression? TangentSum(VariableRef y, IrExpression? first, IrExpression? second, bool mayBroadcast)
    {
        if (first is not null && second is not null)
            return Call(MatrixFunction.Add, first, second);
        var lone = first ?? second;
        if (lone is null || !y.Type.IsMatrix() || !mayBroadcast)
            return lone;
        return Call(MatrixFunction.BroadcastLike, lone, y);
    }

    /// <summary>Zero of the result's type: a zero matrix of its shape, or a scalar 0.</summary>
    public static IrExpression Zero(VariableRef y)
        => y.Type.IsMatrix() ? Call(MatrixFunction.ZerosLike, y) : Constant.Of(y.Type, 0);

    /// <summary>
    /// A matrix operation; its type follows its operands (a reduction gives their element type). An
    /// elementwise operation without a matrix operand — the tangent −ṡ of <c>a − s</c> for a scalar s,
    /// say — is the scalar operation itself: <c>MatrixFunctions</c> takes a matrix in each of them.
    /// </summary>
    public static IrExpression Call(MatrixFunction function, params IrExpression[] arguments)
    {
        var matrix = arguments.FirstOrDefault(argument => argument.Type.IsMatrix())?.Type;
        var element = matrix?.ElementType() ?? arguments[0].Type;
        if (matrix is null && function.IsElementwise())
            return function.ScalarForm(arguments, element) ?? throw new System.InvalidOperationException($"No scalar form of {function}");
        var type = function switch
        {
            MatrixFunction.Sum or MatrixFunction.Mean or MatrixFunction.Max or MatrixFunction.Min or MatrixFunction.SumOfSquares
                or MatrixFunction.Dot or MatrixFunction.Count or MatrixFunction.AxisCount => element,
            _ when function.IsElementwise() && matrix is null => element,
            _ => matrix ?? element.MatrixOf(),
        };
        return new MatrixCall(function, EquatableArray.Create(arguments), type);
    }

    private static IrExpression Scalar(BinaryOperator op, IrExpression a, IrExpression b) => new Binary(op, a, b, a.Type.IsFloatingPoint() ? a.Type : b.Type);

    /// <summary>Throws <c>ArgumentException</c> naming <paramref name="partner"/> unless it has <paramref name="matrix"/>'s shape.</summary>
    public static Require ShapeCheck(IrVariable partner, IrVariable matrix, string matrixDescription)
        => new(new MethodCall("global::AutoGrad.Internal.MatrixFunctions", "ShapeDiffers",
                EquatableArray.Create(new Argument(new VariableRef(partner)), new Argument(new VariableRef(matrix))), IrType.Bool),
            partner.Name, $"'{partner.Name}' must have the same shape as {matrixDescription}.");
}
