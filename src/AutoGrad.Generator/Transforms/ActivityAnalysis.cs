using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Which variables need derivatives: those that depend on an active parameter (varied) and on
/// which the result depends (useful), through differentiable operations. Conditions, integer
/// conversions and piecewise-constant functions cut the dependence. In single-assignment form
/// without loops one forward and one backward pass over the statements are exact.
/// </summary>
public sealed class ActivityAnalysis
{
    private readonly HashSet<IrVariable> varied = [];
    private readonly HashSet<IrVariable> useful = [];

    private ActivityAnalysis()
    {
    }

    public IrVariable? Result { get; private set; }

    public bool IsVaried(IrVariable variable) => varied.Contains(variable);

    public bool IsUseful(IrVariable variable) => useful.Contains(variable);

    public bool IsActive(IrVariable variable) => varied.Contains(variable) && useful.Contains(variable);

    public bool ResultIsVaried => Result is not null && varied.Contains(Result);

    public static ActivityAnalysis Analyze(IrMethod method)
    {
        var analysis = new ActivityAnalysis();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.IsActive)
                analysis.varied.Add(parameter.Variable);
        }
        var statements = method.Body.Flatten().ToList();
        foreach (var statement in statements)
        {
            if (statement is Assign assign && DifferentiableOperands(assign).Any(analysis.varied.Contains))
                analysis.varied.Add(assign.Target);
            if (statement is Return { Value: VariableRef result })
                analysis.Result = result.Variable;
        }

        if (analysis.Result is { } returned)
            analysis.useful.Add(returned);
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            if (statements[i] is Assign assign && analysis.useful.Contains(assign.Target))
                analysis.useful.UnionWith(DifferentiableOperands(assign));
        }
        return analysis;
    }

    /// <summary>The variables a derivative could flow to from the assignment's target.</summary>
    public static IEnumerable<IrVariable> DifferentiableOperands(Assign assign)
    {
        if (assign.Value is DifferentiableCall call)
        {
            for (var i = 0; i < call.Arguments.Count; i++)
            {
                if (call.Target.ActiveParameters[i] && call.Arguments[i] is VariableRef argument)
                    yield return argument.Variable;
            }
            yield break;
        }
        foreach (var partial in DerivativeRules.Of(assign.Value, assign.Target))
            yield return partial.Operand;
    }
}
