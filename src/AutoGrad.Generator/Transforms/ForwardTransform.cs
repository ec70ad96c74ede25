using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Forward mode: each active assignment <c>v = op(a, b)</c> is followed by its tangent
/// <c>vDot = ∂op/∂a·aDot + ∂op/∂b·bDot</c>; a call to a differentiable method becomes a call of
/// its <c>Forward</c>. The method gains <c>pDot</c> after each active parameter and <c>out resultDot</c>.
/// </summary>
public sealed class ForwardTransform
{
    public const string ResultTangentName = "resultDot";

    private readonly ActivityAnalysis activity;
    private readonly VariableFactory variables;
    private readonly DerivativeVariables tangents;
    private readonly IrVariable resultTangent;

    private ForwardTransform(IrMethod primal, ActivityAnalysis activity)
    {
        this.activity = activity;
        variables = new VariableFactory(primal.NextVariableId);
        tangents = new DerivativeVariables(variables, "Dot", VariableRole.Tangent);
        resultTangent = variables.Create(ResultTangentName, primal.ReturnType, VariableRole.Tangent);
    }

    public static IrMethod Apply(IrMethod primal, ActivityAnalysis activity)
    {
        var transform = new ForwardTransform(primal, activity);
        var parameters = transform.tangents.InterleavedParameters(primal, ParameterKind.Value);
        parameters.Add(new IrParameter(transform.resultTangent, IsActive: false, ParameterKind.Out));
        var body = transform.Transform(primal.Body);
        return new IrMethod(primal.Name + "Forward", primal.ReturnType, parameters.ToEquatableArray(), body, transform.variables.NextId);
    }

    private IrBlock Transform(IrBlock block)
    {
        var output = new List<IrStatement>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case Declare declare:
                    output.Add(declare);
                    if (activity.IsActive(declare.Variable))
                        output.Add(new Declare(TangentOf(declare.Variable)));
                    break;
                case Assign { Value: DifferentiableCall call } assign when activity.IsActive(assign.Target):
                    output.Add(new Assign(assign.Target, ForwardCall(call, TangentOf(assign.Target))));
                    break;
                case Assign assign:
                    output.Add(assign);
                    if (activity.IsActive(assign.Target))
                        output.Add(new Assign(TangentOf(assign.Target), Tangent(assign)));
                    break;
                case If conditional:
                    output.Add(conditional with { Then = Transform(conditional.Then), Else = Transform(conditional.Else) });
                    break;
                case Return ret:
                    output.Add(new Assign(resultTangent, TangentOfValue(ret.Value, resultTangent.Type)));
                    output.Add(ret);
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }
        return IrBlock.From(output);
    }

    /// <summary>Σ ∂op/∂a·aDot over the active operands (zero when none is: a merge of an inactive arm).</summary>
    private IrExpression Tangent(Assign assign)
    {
        var type = assign.Target.Type;
        IrExpression? sum = null;
        foreach (var partial in DerivativeRules.Of(assign.Value, assign.Target))
        {
            if (!activity.IsActive(partial.Operand))
                continue;
            var term = DerivativeRules.Mul(partial.Derivative, ConvertIfNeeded(new VariableRef(TangentOf(partial.Operand)), type));
            sum = sum is null ? term : DerivativeRules.Add(sum, term);
        }
        return sum ?? DerivativeRules.Zero(type);
    }

    /// <summary><c>F(a, c)</c> becomes <c>FForward(a, aDot, c, out vDot)</c>; a constant argument's tangent is zero.</summary>
    private MethodCall ForwardCall(DifferentiableCall call, IrVariable resultTangentVariable)
    {
        var arguments = new List<Argument>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            arguments.Add(new Argument(argument));
            if (call.Target.ActiveParameters[i])
                arguments.Add(new Argument(TangentOfValue(argument, argument.Type)));
        }
        arguments.Add(new Argument(new VariableRef(resultTangentVariable), ArgumentKind.Out));
        return new MethodCall(call.Target.ContainingType, call.Target.ForwardName, arguments.ToEquatableArray(), call.Type);
    }

    private IrExpression TangentOfValue(IrExpression value, IrType type)
        => value is VariableRef reference && activity.IsActive(reference.Variable)
            ? new VariableRef(TangentOf(reference.Variable))
            : DerivativeRules.Zero(type);

    private IrVariable TangentOf(IrVariable variable) => tangents.Of(variable);

    internal static IrExpression ConvertIfNeeded(IrExpression expression, IrType type)
        => expression.Type == type ? expression : new Convert(expression, type);
}
