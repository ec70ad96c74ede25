namespace AutoGrad.Generator.IR;

/// <summary>
/// The matrix operations of the IR: what <c>AutoGrad.Ops</c> and the <c>Matrix&lt;T&gt;</c>
/// operators compute, and the few more their derivatives need. Each is a method of the same name
/// in <c>AutoGrad.Internal.MatrixFunctions</c>, which generated code calls.
/// </summary>
public enum MatrixFunction
{
    // Elementwise, with broadcasting; an operand may be a scalar.
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Exp,
    Log,
    Sqrt,
    Sin,
    Cos,
    Tanh,
    Sigmoid,
    Relu,
    Abs,
    Square,
    /// <summary>Elementwise power with a scalar exponent.</summary>
    Pow,
    // Products and the transpose.
    MatMul,
    /// <summary>aᵀ·b.</summary>
    MatMulTransposedLeft,
    /// <summary>a·bᵀ.</summary>
    MatMulTransposedRight,
    Transpose,
    // Reductions to a scalar.
    Sum,
    Mean,
    Max,
    Min,
    SumOfSquares,
    // Reductions along an axis (the second argument, a constant 0 or 1) to a row or a column.
    SumAxis,
    MeanAxis,
    MaxAxis,
    // For derivatives.
    /// <summary>Σ a∘b.</summary>
    Dot,
    /// <summary>The element count as a floating-point value.</summary>
    Count,
    /// <summary>The count along an axis as a floating-point value.</summary>
    AxisCount,
    /// <summary>A zero matrix of the argument's shape.</summary>
    ZerosLike,
    /// <summary>
    /// The first argument stretched to the shape it broadcasts to with the second (a copy when the two agree):
    /// the tangent of an elementwise operation with one varying operand, which may be the smaller one.
    /// </summary>
    BroadcastLike,
    /// <summary>1 where positive, else 0.</summary>
    Step,
    /// <summary>The sign, 0 at 0.</summary>
    Sign,
    /// <summary>1/k where an element equals the scalar extremum (k ties), else 0.</summary>
    TieShare,
    /// <summary>TieShare per column (axis 0) or row (axis 1) against the axis extrema.</summary>
    AxisTieShare,
    // For fused elementwise loops.
    /// <summary>Whether two matrices have one shape (a bool).</summary>
    SameShape,
    /// <summary>A matrix's elements as a span.</summary>
    Elements,
    /// <summary>A matrix of the argument's shape whose elements are about to be written.</summary>
    Uninitialized,
    /// <summary>Storage for op(a)·op(b) (arguments a, transposeA, b, transposeB), about to be written by <see cref="MatMulInto"/>.</summary>
    ProductShaped,
}

public static class MatrixFunctionExtensions
{
    /// <summary>
    /// The scalar operation an elementwise function applies to each element, over the given element
    /// operands (<c>a - b</c>, <c>-a</c>, <c>Math.Exp(a)</c>); null for one that has none here.
    /// </summary>
    public static IrExpression? ScalarForm(this MatrixFunction function, System.Collections.Generic.IReadOnlyList<IrExpression> arguments, IrType type)
    {
        IrExpression Binary(BinaryOperator op) => new Binary(op, arguments[0], arguments[1], type);
        IrExpression Intrinsic(Intrinsic intrinsic) => new IntrinsicCall(intrinsic, Helpers.EquatableArray.Create(arguments[0]), type);
        return function switch
        {
            MatrixFunction.Add => Binary(BinaryOperator.Add),
            MatrixFunction.Subtract => Binary(BinaryOperator.Subtract),
            MatrixFunction.Multiply => Binary(BinaryOperator.Multiply),
            MatrixFunction.Divide => Binary(BinaryOperator.Divide),
            MatrixFunction.Negate => new Unary(UnaryOperator.Negate, arguments[0], type),
            MatrixFunction.Square => new Binary(BinaryOperator.Multiply, arguments[0], arguments[0], type),
            MatrixFunction.Exp => Intrinsic(IR.Intrinsic.Exp),
            MatrixFunction.Log => Intrinsic(IR.Intrinsic.Log),
            MatrixFunction.Sqrt => Intrinsic(IR.Intrinsic.Sqrt),
            MatrixFunction.Sin => Intrinsic(IR.Intrinsic.Sin),
            MatrixFunction.Cos => Intrinsic(IR.Intrinsic.Cos),
            _ => null,
        };
    }

    /// <summary>Operations that apply to each element on its own (and broadcast).</summary>
    public static bool IsElementwise(this MatrixFunction function) => function <= MatrixFunction.Pow || function is MatrixFunction.Step or MatrixFunction.Sign;
}
