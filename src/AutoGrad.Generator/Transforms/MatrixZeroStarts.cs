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
/// <item>at the method's top level, a start followed by the adjoint's one contribution
/// <c>mBar += v</c>, where v has m's shape on every run (<see cref="StaticShapes"/>) and neither is
/// written afterwards, becomes the copy <c>mBar = v</c>: no storage, no pass (a broadcast
/// contribution, which <c>+=</c> would sum down to m's shape, never has m's shape statically).</item>
/// </list>
/// </summary>
internal static class MatrixZeroStarts
{
    public static IrMethod Apply(IrMethod method)
    {
        var shapes = StaticShapes.Of(method);
        var writes = method.Body.Flatten().SelectMany(statement => statement.OwnWrites()).GroupBy(variable => variable).ToDictionary(group => group.Key, group => group.Count());
        var topLevel = Visit(method.Body, (statements, start, contribution) =>
            start.Value is MatrixCall { Arguments: var arguments } && arguments[0] is VariableRef { Variable: var primal }
            && shapes.Same(contribution, primal)
            && writes[start.Target] == 2
            && !statements.SelectMany(statement => statement.Writes()).Contains(contribution));
        return method with { Body = topLevel };
    }

    /// <param name="canCopy">Whether the start and the one contribution after it may become a copy, given the statements after them.</param>
    private static IrBlock Visit(IrBlock block, System.Func<IEnumerable<IrStatement>, Assign, IrVariable, bool>? canCopy = null)
    {
        var statements = block.Statements.Select(statement => statement.MapBlocks(nested => Visit(nested))).ToList();
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
            if (statements[firstUse] is AddAssign { Value: VariableRef { Variable: var contribution } } only
                && only.Target.Equals(adjoint) && contribution.Type.IsMatrix()
                && canCopy?.Invoke(statements.Skip(firstUse + 1), start, contribution) == true)
            {
                statements[firstUse] = new Assign(adjoint, new VariableRef(contribution));
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
