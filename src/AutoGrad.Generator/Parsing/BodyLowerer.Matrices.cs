using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Matrices: Ops functions and Matrix<T> operators become MatrixCalls, one variable per result.
internal sealed partial class BodyLowerer
{
    /// <summary>
    /// Matrix operations run in straight-line code: their adjoint would otherwise have to keep a
    /// matrix per iteration or per branch, which this version does not do.
    /// </summary>
    private bool RefusedHere(IOperation operation)
    {
        if (loops.Count == 0 && armDepth == 0)
            return false;
        ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "matrix operation inside a loop or a branch",
            "compute matrices in straight-line code (branch and loop over scalars and spans only)");
        return true;
    }

    /// <summary><c>a + b</c>, <c>2 * a</c>, <c>-a</c> on matrices (elementwise, broadcasting).</summary>
    private IrExpression LowerMatrixOperator(IMethodSymbol method, IReadOnlyList<IOperation> operands, IrType type, IOperation operation)
    {
        if (RefusedHere(operation))
            return Constant.Of(type.IsMatrix() ? type.ElementType() : type, 0);
        if (MatrixMapping.Operator(method.Name) is not { } function)
            return Unsupported(operation, $"matrix operator '{method.Name}'", "use + - * / and unary minus on matrices");
        var arguments = new List<IrExpression>();
        for (var i = 0; i < operands.Count; i++)
        {
            var parameterType = TypeMapping.Map(method.Parameters[i].Type) ?? type;
            arguments.Add(Atomize(ConvertTo(Atomize(LowerExpression(operands[i], flatten: true), flatten: true), parameterType), flatten: true));
        }
        return new MatrixCall(function, arguments.ToEquatableArray(), type);
    }

    /// <summary><c>Ops.MatMul(a, b)</c>, <c>Ops.Sum(a, axis: 0)</c>, …; <c>Mse(a, b)</c> is lowered as <c>Mean(Square(a − b))</c>.</summary>
    private IrExpression LowerOpsCall(IInvocationOperation invocation, IrType type)
    {
        var method = invocation.TargetMethod;
        if (RefusedHere(invocation))
            return Constant.Of(type.IsMatrix() ? type.ElementType() : type, 0);
        if (method.Name == "Mse" && method.Parameters.Length == 2)
        {
            if (LowerArguments(invocation, flatten: true) is not { } pair)
                return Constant.Of(type, 0);
            var matrixType = pair[0].Type;
            var difference = Atomize(new MatrixCall(MatrixFunction.Subtract, pair, matrixType), flatten: true);
            var square = Atomize(new MatrixCall(MatrixFunction.Square, EquatableArray.Create(difference), matrixType), flatten: true);
            return new MatrixCall(MatrixFunction.Mean, EquatableArray.Create(square), type);
        }
        if (MatrixMapping.Function(method) is not { } function)
            return Unsupported(invocation, $"call of Ops.{method.Name}", "use the Ops functions listed in the README");
        if (LowerArguments(invocation, flatten: true) is not { } arguments)
            return Constant.Of(type, 0);
        if (function is MatrixFunction.SumAxis or MatrixFunction.MeanAxis or MatrixFunction.MaxAxis
            && arguments[1] is not Constant { Integer: 0 or 1 })
        {
            return Unsupported(invocation.Arguments[1], "axis that is not the constant 0 or 1", "reduce over axis: 0 (giving a row) or axis: 1 (giving a column)");
        }
        return new MatrixCall(function, arguments, type);
    }
}
