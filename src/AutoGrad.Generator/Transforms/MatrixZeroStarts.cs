using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Places each matrix adjoint's zero start where it is first used, and folds it away where it can:
/// <list type="bullet">
/// <item>the start moves down to just before the first statement that touches the adjoint, so it
/// joins that statement's fused elementwise loop (<see cref="ElementwiseFusion"/>) instead of
/// being a pass of its own;</item>
/// <item>a start followed at once by <c>mBar += op(a)·op(b)</c> becomes <c>mBar = op(a)·op(b)</c>:
/// the GEMM writes the product (β = 0) rather than adding it to zeros. The product has the
/// adjoint's shape — the GEMM refuses to add any other — so nothing changes but the work.</item>
/// </list>
/// </summary>
internal static class MatrixZeroStarts
{
    public static IrMethod Apply(IrMethod method) => method with { Body = Visit(method.Body) };

    private static IrBlock Visit(IrBlock block)
    {
        var statements = block.Statements.Select(statement => statement.MapBlocks(Visit)).ToList();
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            if (statements[i] is not Assign { Target: var adjoint, Value: MatrixCall { Function: MatrixFunction.ZerosLike } } start)
                continue;
            var firstUse = statements.FindIndex(i + 1, statement => Touches(statement, adjoint));
            if (firstUse < 0)
                continue;
            statements.RemoveAt(i);
            firstUse--;
            if (statements[firstUse] is AddAssign { Value: MatrixCall { Function: MatrixFunction.MatMul or MatrixFunction.MatMulTransposedLeft or MatrixFunction.MatMulTransposedRight } product } accumulation
                && accumulation.Target.Equals(adjoint) && !product.ReadVariables().Contains(adjoint))
            {
                statements[firstUse] = new Assign(adjoint, product);
                continue;
            }
            statements.Insert(firstUse, start);
        }
        return IrBlock.From(statements);
    }

    private static bool Touches(IrStatement statement, IrVariable variable)
        => statement.Reads().Contains(variable) || statement.Writes().Contains(variable)
           || statement is AddAssign accumulation && accumulation.Target.Equals(variable);
}
