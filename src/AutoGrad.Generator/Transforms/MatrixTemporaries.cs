using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Gives every matrix the derivative rules nest inside another expression a variable of its own,
/// so that each matrix is computed into storage of its own, once, and can be handed back to the
/// pool when the method ends. Two shapes stay as they are: <c>m = f(…)</c> (the variable is the
/// storage) and <c>mBar += op(a)·op(b)</c>, which the GEMM adds into <c>mBar</c> directly.
/// </summary>
internal static class MatrixTemporaries
{
    public static IrMethod Apply(IrMethod method)
    {
        var variables = new VariableFactory(method.NextVariableId);
        var body = Visit(method.Body, variables);
        return method with { Body = body, NextVariableId = variables.NextId };
    }

    private static IrBlock Visit(IrBlock block, VariableFactory variables)
    {
        var output = new List<IrStatement>();
        foreach (var statement in block.Statements)
        {
            IrExpression Hoist(IrExpression expression) => expression.Rewrite(node =>
            {
                if (node is not MatrixCall { Type: var type } call || !type.IsMatrix())
                    return node;
                var temporary = variables.Create(char.ToLowerInvariant(call.Function.ToString()[0]) + call.Function.ToString().Substring(1), type, VariableRole.Temporary);
                output.Add(new Assign(temporary, call));
                return new VariableRef(temporary);
            });
            IrExpression Operands(MatrixCall call) => call with { Arguments = call.Arguments.Select(Hoist).ToEquatableArray() };

            switch (statement)
            {
                case Assign { Value: MatrixCall call } assign when call.Type.IsMatrix():
                    output.Add(assign with { Value = Operands(call) });
                    break;
                case AddAssign { Value: MatrixCall { Function: MatrixFunction.MatMul or MatrixFunction.MatMulTransposedLeft or MatrixFunction.MatMulTransposedRight } product } accumulation
                    when accumulation.Target.Type.IsMatrix():
                    output.Add(accumulation with { Value = Operands(product) });
                    break;
                default:
                    output.Add(statement.MapExpressions(Hoist).MapBlocks(nested => Visit(nested, variables)));
                    break;
            }
        }
        return IrBlock.From(output);
    }
}
