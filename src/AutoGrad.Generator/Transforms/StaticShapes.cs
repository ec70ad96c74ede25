using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Matrices that have one shape whatever shapes the inputs have: an elementwise operation keeps the
/// shape of its one matrix operand (of both, when they are already known to agree), a zero start and
/// a copy take their argument's. Shapes are otherwise run-time facts (operations broadcast), so
/// anything else stays unknown. Only matrices bound at most once count (by an assignment or as a
/// call's out argument): a rebound one may change shape between its bindings.
/// </summary>
internal sealed class StaticShapes
{
    private readonly Dictionary<IrVariable, IrVariable> parent = [];

    private StaticShapes()
    {
    }

    public static StaticShapes Of(IrMethod method)
    {
        var statements = method.Body.Flatten().ToList();
        var bindings = statements.OfType<Assign>().Select(assign => assign.Target)
            .Concat(statements.SelectMany(statement => statement.Expressions()).SelectMany(expression => expression.ArgumentWrites()))
            .GroupBy(variable => variable).ToDictionary(group => group.Key, group => group.Count());
        bool Fixed(IrVariable matrix) => !bindings.TryGetValue(matrix, out var count) || count == 1;

        var shapes = new StaticShapes();
        foreach (var assign in statements.OfType<Assign>().Where(assign => assign.Target.Type.IsMatrix() && Fixed(assign.Target)))
        {
            var operands = MatrixOperands(assign.Value).ToList();
            if (operands.Count == 0 || !operands.All(Fixed))
                continue;
            bool keepsShape = assign.Value is VariableRef
                || assign.Value is MatrixCall { Function: var function } call && (function.IsElementwise() || function is MatrixFunction.ZerosLike or MatrixFunction.BroadcastLike)
                   && call.Arguments.All(argument => argument is VariableRef || !argument.Type.IsMatrix());
            if (keepsShape && operands.All(operand => shapes.Same(operand, operands[0])))
                shapes.Join(assign.Target, operands[0]);
        }
        return shapes;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have one shape on every run.</summary>
    public bool Same(IrVariable a, IrVariable b) => Root(a).Equals(Root(b));

    private static IEnumerable<IrVariable> MatrixOperands(IrExpression value) => value switch
    {
        VariableRef { Variable: var matrix } when matrix.Type.IsMatrix() => [matrix],
        MatrixCall call => call.Arguments.OfType<VariableRef>().Select(argument => argument.Variable).Where(variable => variable.Type.IsMatrix()),
        _ => [],
    };

    private void Join(IrVariable a, IrVariable b) => parent[Root(a)] = Root(b);

    private IrVariable Root(IrVariable matrix)
    {
        while (parent.TryGetValue(matrix, out var up))
            matrix = up;
        return matrix;
    }
}
