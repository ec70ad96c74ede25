using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Reverse mode without a tape. The adjoint runs the primal as a forward sweep (single-assignment
/// form keeps every value it computed in a local) and then a reverse sweep that visits the
/// assignments backwards, adding <c>vBar·∂op/∂a</c> into <c>aBar</c> for each active operand.
/// Branches are replayed from the condition the forward sweep saved; a call to a differentiable
/// method becomes a call of its <c>Adjoint</c>, which recomputes the callee's own values.
/// The method gains <c>ref pBar</c> after each active parameter and <c>resultBar = 1</c> last.
/// </summary>
public sealed class ReverseTransform
{
    public const string ResultAdjointName = "resultBar";

    private readonly ActivityAnalysis activity;
    private readonly VariableFactory variables;
    private readonly DerivativeVariables adjoints;
    private readonly HashSet<IrVariable> declaredAhead = [];
    private readonly IrVariable resultAdjoint;
    private readonly Dictionary<IrType, IrVariable> discards = [];

    private ReverseTransform(IrMethod primal, ActivityAnalysis activity)
    {
        this.activity = activity;
        variables = new VariableFactory(primal.NextVariableId);
        adjoints = new DerivativeVariables(variables, "Bar", VariableRole.Adjoint);
        resultAdjoint = variables.Create(ResultAdjointName, primal.ReturnType, VariableRole.Adjoint);
    }

    public static IrMethod Apply(IrMethod primal, ActivityAnalysis activity)
    {
        var transform = new ReverseTransform(primal, activity);
        var parameters = transform.adjoints.InterleavedParameters(primal, ParameterKind.Ref);
        parameters.Add(new IrParameter(transform.resultAdjoint, IsActive: false, ParameterKind.Value, DerivativeRules.One(primal.ReturnType)));

        var statements = primal.Body.Statements;
        var ret = (Return)statements[statements.Count - 1];
        var body = new IrBlock(statements.Take(statements.Count - 1).ToEquatableArray());
        var seed = ret.Value is VariableRef result && activity.IsActive(result.Variable)
            ? new AddAssign(transform.AdjointOf(result.Variable), new VariableRef(transform.resultAdjoint))
            : null;
        var (forward, reverse) = transform.Sweep(body, seed);

        var output = new List<IrStatement>();
        foreach (var discarded in transform.discards.Values)
            output.Add(new Assign(discarded, DerivativeRules.Zero(discarded.Type)));
        output.AddRange(forward);
        output.AddRange(reverse);
        output.Add(ret);
        return new IrMethod(primal.Name + "Adjoint", primal.ReturnType, parameters.ToEquatableArray(), IrBlock.From(output), transform.variables.NextId);
    }

    /// <summary>
    /// The forward sweep of a block and its reverse sweep. The reverse sweep starts by zeroing the
    /// adjoints of the variables the block defines (the simplifier folds each zero into the first
    /// contribution); <paramref name="seed"/>, if any, is the first contribution.
    /// </summary>
    private (List<IrStatement> Forward, List<IrStatement> Reverse) Sweep(IrBlock block, IrStatement? seed)
    {
        var forward = new List<IrStatement>();
        var contributions = new List<List<IrStatement>>();
        var defined = new List<IrVariable>();
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case Declare declare:
                    forward.Add(declare);
                    declaredAhead.Add(declare.Variable);
                    if (activity.IsActive(declare.Variable))
                        defined.Add(declare.Variable);
                    break;
                case Assign assign:
                    forward.Add(assign);
                    if (!activity.IsActive(assign.Target))
                        break;
                    if (!declaredAhead.Contains(assign.Target))
                        defined.Add(assign.Target);
                    contributions.Add(AdjointOf(assign));
                    break;
                case If conditional:
                    var (thenForward, thenReverse) = Sweep(conditional.Then, null);
                    var (elseForward, elseReverse) = Sweep(conditional.Else, null);
                    var condition = conditional.Condition;
                    if (thenReverse.Count > 0 || elseReverse.Count > 0)
                    {
                        // The reverse sweep must take the branch the forward sweep took.
                        var taken = variables.Create("branchTaken", IrType.Bool, VariableRole.Temporary);
                        forward.Add(new Assign(taken, condition));
                        condition = new VariableRef(taken);
                        contributions.Add([new If(condition, IrBlock.From(thenReverse), IrBlock.From(elseReverse))]);
                    }
                    forward.Add(new If(condition, IrBlock.From(thenForward), IrBlock.From(elseForward)));
                    break;
                default:
                    forward.Add(statement);
                    break;
            }
        }

        var reverse = new List<IrStatement>();
        foreach (var variable in defined)
            reverse.Add(new Assign(AdjointOf(variable), DerivativeRules.Zero(variable.Type)));
        if (seed is not null)
            reverse.Add(seed);
        for (var i = contributions.Count - 1; i >= 0; i--)
            reverse.AddRange(contributions[i]);
        return (forward, reverse);
    }

    /// <summary>The reverse-sweep statements of one active assignment.</summary>
    private List<IrStatement> AdjointOf(Assign assign)
    {
        var targetAdjoint = new VariableRef(AdjointOf(assign.Target));
        if (assign.Value is DifferentiableCall call)
            return [new ExpressionStatement(AdjointCall(call, targetAdjoint))];

        var statements = new List<IrStatement>();
        foreach (var partial in DerivativeRules.Of(assign.Value, assign.Target))
        {
            if (!activity.IsActive(partial.Operand))
                continue;
            var contribution = DerivativeRules.Mul(targetAdjoint, partial.Derivative);
            statements.Add(new AddAssign(AdjointOf(partial.Operand), ForwardTransform.ConvertIfNeeded(contribution, partial.Operand.Type)));
        }
        return statements;
    }

    /// <summary><c>v = F(a, c)</c> becomes <c>FAdjoint(a, ref aBar, c, vBar)</c>, which adds into <c>aBar</c>.</summary>
    private MethodCall AdjointCall(DifferentiableCall call, IrExpression resultAdjointValue)
    {
        var arguments = new List<Argument>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            arguments.Add(new Argument(argument));
            if (!call.Target.ActiveParameters[i])
                continue;
            var adjoint = argument is VariableRef reference && activity.IsActive(reference.Variable)
                ? AdjointOf(reference.Variable)
                : Discard(argument.Type);
            arguments.Add(new Argument(new VariableRef(adjoint), ArgumentKind.Ref));
        }
        arguments.Add(new Argument(resultAdjointValue));
        return new MethodCall(call.Target.ContainingType, call.Target.AdjointName, arguments.ToEquatableArray(), call.Type);
    }

    /// <summary>Receives the adjoint a callee computes for an argument that is constant here.</summary>
    private IrVariable Discard(IrType type)
    {
        if (!discards.TryGetValue(type, out var discard))
        {
            discard = variables.Create("unusedBar", type, VariableRole.Adjoint);
            discards[type] = discard;
        }
        return discard;
    }

    private IrVariable AdjointOf(IrVariable variable) => adjoints.Of(variable);
}
