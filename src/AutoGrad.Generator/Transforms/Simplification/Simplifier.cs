using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Helpers of the simplification passes, which clean a transformed method until it reads like
/// derivative code written by hand: simplify expressions, propagate constants and copies, share
/// common subexpressions, remove dead code, fold adjoint accumulations and inline single-use
/// intermediates. Their order and repetition are declared in <see cref="Pipeline"/>. Primal values
/// are only rewritten exactly (see <see cref="ExpressionSimplifier"/>).
/// </summary>
public static class Simplifier
{
    /// <summary>
    /// What a pass must never remove writes to: ref and out parameters are what the method returns,
    /// and additions into a matrix parameter's elements are an adjoint partner's result.
    /// </summary>
    internal static HashSet<IrVariable> Outputs(IrMethod method)
        => new(method.Parameters
            .Where(parameter => parameter.Kind != ParameterKind.Value || parameter.Variable.Type.IsMatrix())
            .Select(parameter => parameter.Variable));

    /// <summary>Simplifies every expression of the block (exactly where a primal value is computed).</summary>
    /// <remarks>
    /// Also removes statements that simplify to nothing, of which C# warns in the user's build:
    /// <list type="bullet">
    /// <item>a branch whose condition folds to a constant is replaced by its live arm, and a loop whose
    /// condition is false (a counted loop whose range is empty) is removed (the dead code of <c>if (true) … else …</c>, CS0162). The live
    /// arm's statements join the enclosing block; a variable declared for the arms
    /// (<see cref="Declare"/>) stays declared before them, and is assigned by the arm;</item>
    /// <item>an assignment of a variable to itself (<c>x = x</c>, CS1717), such as a tangent's update
    /// <c>ẋ = 2·(0.5·ẋ)</c> once simplified; a loop then no longer carries what only it assigned.</item>
    /// </list>
    /// </remarks>
    internal static IrBlock SimplifyExpressions(IrBlock block)
        => IrBlock.From(block.Statements.Select(SimplifyStatement).SelectMany(WithoutNoOps));

    /// <summary>
    /// The primal without the arms of branches whose condition is constant (<c>1f switch { &lt; -0.5f => …, _ => … }</c>, <c>if (k &gt; 3 &amp;&amp; false)</c>),
    /// and nothing else changed: before the transforms, so that none of them keeps a value for an arm that never runs —
    /// the simplifier would later drop that arm with the value's store but not the replayed arm's restore.
    /// </summary>
    internal static IrBlock FoldConstantBranches(IrBlock block)
        => IrBlock.From(block.Statements.SelectMany(statement => statement switch
        {
            If branch when ExpressionSimplifier.Simplify(branch.Condition, exact: true) is Constant condition
                => FoldConstantBranches(condition.Integer != 0 ? branch.Then : branch.Else).Statements,
            // A loop keeps carrying only what its folded body still assigns (a break's flag set in an arm that never runs).
            Loop loop => [loop.WithBody(FoldConstantBranches(loop.Body))],
            CountedLoop counted => [counted.WithBody(FoldConstantBranches(counted.Body))],
            _ => (IEnumerable<IrStatement>)[statement.MapBlocks(FoldConstantBranches)],
        }));

    private static IEnumerable<IrStatement> WithoutNoOps(IrStatement statement) => statement switch
    {
        If { Condition: Constant condition } branch => (condition.Integer != 0 ? branch.Then : branch.Else).Statements,
        Loop { Condition: Constant { Integer: 0 } } => [],
        Loop loop => [loop.WithBody(loop.Body)],
        CountedLoop counted when counted.RunsAtAll() is var runs && ExpressionSimplifier.Simplify(runs, exact: true) is Constant { Integer: 0 } => [],
        CountedLoop counted => [counted.WithBody(counted.Body)],
        Assign { Value: VariableRef { Variable: var source } } assign when source.Equals(assign.Target) => [],
        _ => [statement],
    };

    private static IrStatement SimplifyStatement(IrStatement statement)
    {
        var exact = statement switch
        {
            Assign assign => !assign.Target.IsDerivative,
            AddAssign => false,
            // An output's elements (y[i] = …) are primal values: exact; a derivative span's (yDot[i] = …, a fused adjoint's) are not.
            ElementAssign write => !write.Span.IsDerivative,
            _ => true,
        };
        return statement.MapExpressions(expression => ExpressionSimplifier.Simplify(expression, exact)).MapBlocks(SimplifyExpressions);
    }

    internal static IrExpression Substitute(IrExpression expression, IReadOnlyDictionary<IrVariable, IrExpression> replacements)
        => replacements.Count == 0
            ? expression
            : expression.Rewrite(node => node is VariableRef reference && replacements.TryGetValue(reference.Variable, out var replacement) ? replacement : node);
}
