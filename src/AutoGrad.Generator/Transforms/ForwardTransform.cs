using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Forward mode: each active assignment <c>v = op(a, b)</c> is followed by its tangent
/// <c>vDot = ∂op/∂a·aDot + ∂op/∂b·bDot</c>; an element read <c>t = x[i]</c> by <c>tDot = xDot[i]</c>;
/// a write <c>y[i] = v</c> by <c>yDot[i] = vDot</c>; a call to a differentiable method becomes a
/// call of its <c>Forward</c>. Loops stay loops: a carried value's tangent is carried with it.
/// The method gains <c>pDot</c> after each active parameter and, unless void, <c>out resultDot</c>.
/// </summary>
public sealed class ForwardTransform
{
    public const string ResultTangentName = "resultDot";

    private readonly ActivityAnalysis activity;
    private readonly VariableFactory variables;
    private readonly DerivativeVariables tangents;
    /// <summary>Null when the method's result gets no tangent (a Hessian-vector product returns only the value).</summary>
    private readonly IrVariable? resultTangent;

    private ForwardTransform(IrMethod method, ActivityAnalysis activity, bool withResultTangent)
    {
        this.activity = activity;
        variables = new VariableFactory(method.NextVariableId);
        tangents = new DerivativeVariables(variables, "Dot", VariableRole.Tangent, type => type);
        resultTangent = withResultTangent ? variables.Create(ResultTangentName, method.ReturnType, VariableRole.Tangent) : null;
    }

    public static IrMethod Apply(IrMethod primal, ActivityAnalysis activity)
    {
        var transform = new ForwardTransform(primal, activity, withResultTangent: primal.ReturnType != IrType.Void);
        var parameters = transform.tangents.InterleavedParameters(primal, ParameterKind.Value);
        if (transform.resultTangent is not null)
            parameters.Add(new IrParameter(transform.resultTangent, IsActive: false, ParameterKind.Out));
        // Every active output is overwritten by the method: its tangent starts at zero.
        var overwritten = primal.Parameters.Where(parameter => parameter.IsActive && parameter.Variable.Type.IsWritableSpan());
        return transform.Build(primal, primal.Name + "Forward", parameters, overwritten);
    }

    /// <summary>
    /// The tangent of derivative code (forward over reverse): each active parameter of
    /// <paramref name="adjoint"/> — a primal input, an adjoint partner, the result's cotangent — gets
    /// its tangent after it, passed the same way (by <c>ref</c> for a <c>ref</c>, zero by default for
    /// a defaulted cotangent). The adjoint partners accumulate, so their tangents accumulate too and
    /// are not cleared; only the primal's own outputs are overwritten.
    /// </summary>
    public static IrMethod ApplyToDerivative(IrMethod adjoint, ActivityAnalysis activity, string name)
    {
        var transform = new ForwardTransform(adjoint, activity, withResultTangent: false);
        var parameters = new List<IrParameter>();
        foreach (var parameter in adjoint.Parameters)
        {
            parameters.Add(parameter with { IsActive = false });
            if (parameter.IsActive)
            {
                var zero = parameter.DefaultValue is null ? null : DerivativeRules.Zero(parameter.Variable.Type);
                parameters.Add(new IrParameter(transform.tangents.Of(parameter.Variable), IsActive: false, parameter.Kind, zero));
            }
        }
        var overwritten = adjoint.Parameters.Where(parameter => parameter.IsActive && parameter.Variable.Type.IsWritableSpan() && !parameter.Variable.IsDerivative);
        return transform.Build(adjoint, name, parameters, overwritten);
    }

    private IrMethod Build(IrMethod method, string name, List<IrParameter> parameters, IEnumerable<IrParameter> overwrittenOutputs)
    {
        var body = new List<IrStatement>(tangents.PartnerLengthChecks(method));
        var transformed = Transform(method.Body).Statements.ToList();
        // An output's tangent is zero wherever the method does not write it: cleared before the first
        // statement that touches an output's tangent (so after the checks that come before it). Not after
        // a later check: a call may have written the tangent before it, and the clear would erase that.
        var outputTangents = overwrittenOutputs.Select(output => tangents.Of(output.Variable)).ToList();
        var clears = outputTangents.Select(tangent => (IrStatement)new ClearSpan(new VariableRef(tangent)));
        var firstWrite = transformed.FindIndex(statement => statement.Reads().Concat(statement.Writes()).Any(outputTangents.Contains));
        var lastCheck = transformed.FindLastIndex(statement => statement is Require);
        var clearAt = firstWrite < 0 ? transformed.Count : firstWrite;
        // Nor after a statement that may return: a path that returns before the first write (or a method
        // that never writes the output and ends in a return) would leave the caller's buffer as it was.
        var firstReturn = transformed.FindIndex(statement => statement is Return || statement.Blocks().Any(block => block.Flatten().OfType<Return>().Any()));
        if (firstReturn >= 0 && firstReturn < clearAt)
            clearAt = firstReturn;
        // Not between a loop and the assignments that set up its carried variables (they read as the loop's set-up).
        var carriedByLoop = clearAt < transformed.Count ? transformed[clearAt] switch
        {
            Loop loop => loop.Carried,
            CountedLoop counted => counted.Carried,
            _ => default,
        } : default;
        if (!carriedByLoop.IsEmpty)
        {
            while (clearAt > lastCheck + 1 && transformed[clearAt - 1] is Assign setup && carriedByLoop.Contains(setup.Target))
                clearAt--;
        }
        transformed.InsertRange(System.Math.Min(clearAt, transformed.Count), clears);
        body.AddRange(transformed);
        return new IrMethod(name, method.ReturnType, parameters.ToEquatableArray(), IrBlock.From(body), variables.NextId);
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
                case ExpressionStatement { Expression: DifferentiableCall call }:
                    output.Add(new ExpressionStatement(ForwardCall(call, null)));
                    break;
                case ExpressionStatement { Expression: MethodCall { AdjointOf: { } callee } adjointCall }:
                    output.Add(new ExpressionStatement(HessianVectorCall(adjointCall, callee, output)));
                    break;
                case ElementAssign element:
                    output.Add(element);
                    if (activity.IsActive(element.Span))
                        output.Add(element with { Span = TangentOf(element.Span), Value = TangentOfValue(element.Value, element.Value.Type) });
                    break;
                case If conditional:
                    output.Add(conditional with { Then = Transform(conditional.Then), Else = Transform(conditional.Else) });
                    break;
                case Loop loop:
                    var carriedTangents = loop.Carried.Where(activity.IsActive).Select(TangentOf);
                    output.Add(new Loop(loop.Condition, Transform(loop.Body), loop.Carried.Concat(carriedTangents).ToEquatableArray()));
                    break;
                case CountedLoop counted:
                    var countedTangents = counted.Carried.Where(activity.IsActive).Select(TangentOf);
                    output.Add(counted with { Body = Transform(counted.Body), Carried = counted.Carried.Concat(countedTangents).ToEquatableArray() });
                    break;
                case Return ret:
                    if (resultTangent is not null)
                        output.Add(new Assign(resultTangent, TangentOfValue(ret.Value, resultTangent.Type)));
                    output.Add(ret);
                    break;
                case AddAssign addAssign:
                    output.Add(addAssign);
                    if (activity.IsActive(addAssign.Target) && IrTraversal.SpanOrVariable(addAssign.Value) is { } added && activity.IsActive(added))
                        output.Add(new AddAssign(TangentOf(addAssign.Target), TangentOfValue(addAssign.Value, addAssign.Value.Type)));
                    break;
                case Store store:
                    output.Add(store);
                    if (activity.IsActive(store.Buffer))
                        output.Add(store with { Buffer = TangentOf(store.Buffer), Value = TangentOfValue(store.Value, store.Value.Type) });
                    break;
                case RentBuffer rent:
                    output.Add(rent);
                    if (activity.IsActive(rent.Buffer))
                        output.Add(rent with { Buffer = TangentOf(rent.Buffer), Pooled = TangentOf(rent.Pooled) });
                    break;
                case CopyIntoBuffer copy:
                    output.Add(copy);
                    if (activity.IsActive(copy.Buffer))
                        output.Add(new CopyIntoBuffer(TangentOf(copy.Buffer), TangentOf(copy.Source)));
                    break;
                case ClearSpan clear:
                    output.Add(clear);
                    if (activity.IsActive(clear.Target))
                        output.Add(new ClearSpan(TangentOfValue(clear.Span, clear.Span.Type)));
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }
        return IrBlock.From(output);
    }

    /// <summary>The tangent of an assignment's value (zero when no operand is active: a merge of an inactive arm).</summary>
    private IrExpression Tangent(Assign assign)
    {
        var type = assign.Target.Type;
        switch (assign.Value)
        {
            case ElementRead read:
                return activity.IsActive(read.Collection) ? read with { Collection = TangentOf(read.Collection) } : DerivativeRules.Zero(type);
            case Slice slice:
                return slice with { Span = TangentOf(slice.Span) };
            case var value when MatrixDerivativeRules.Applies(value):
                return MatrixDerivativeRules.Tangent(value, assign.Target,
                    operand => activity.IsActive(operand) ? new VariableRef(TangentOf(operand)) : null);
        }
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
    private MethodCall ForwardCall(DifferentiableCall call, IrVariable? resultTangentVariable)
    {
        var arguments = new List<Argument>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            arguments.Add(new Argument(argument, EnumType: call.Target.EnumTypeOf(i)));
            if (call.Target.ActiveParameters[i])
                arguments.Add(new Argument(TangentOfValue(argument, argument.Type)));
        }
        if (resultTangentVariable is not null)
            arguments.Add(new Argument(new VariableRef(resultTangentVariable), ArgumentKind.Out));
        return new MethodCall(call.Target.ContainingType, call.Target.ForwardName, arguments.ToEquatableArray(), call.Type);
    }

    /// <summary>
    /// The tangent of a callee's adjoint call <c>GAdjoint(a, ref aBar, c, vBar)</c> is its product
    /// <c>GHessianVector(a, aDot, ref aBar, ref aBarDot, c, vBar, vBarDot)</c>: after each argument for
    /// an active parameter of the callee and after its adjoint partner and the cotangent, their tangents.
    /// </summary>
    private MethodCall HessianVectorCall(MethodCall adjointCall, DifferentiableTarget callee, List<IrStatement> output)
    {
        var arguments = new List<Argument>();
        var next = 0;
        void WithTangent(Argument argument)
        {
            arguments.Add(argument);
            arguments.Add(TangentArgument(argument, output));
        }
        for (var i = 0; i < callee.ActiveParameters.Count; i++)
        {
            var primalArgument = adjointCall.Arguments[next++];
            if (!callee.ActiveParameters[i])
            {
                arguments.Add(primalArgument);
                continue;
            }
            WithTangent(primalArgument);
            WithTangent(adjointCall.Arguments[next++]);
        }
        if (next < adjointCall.Arguments.Count)
            WithTangent(adjointCall.Arguments[next]);
        return new MethodCall(callee.ContainingType, callee.HessianVectorName, arguments.ToEquatableArray(), adjointCall.Type);
    }

    /// <summary>A tangent passed the way its argument is; a <c>ref</c> to a constant gets a zeroed variable of its own.</summary>
    private Argument TangentArgument(Argument argument, List<IrStatement> output)
    {
        if (argument.Kind == ArgumentKind.Ref && argument.Value is VariableRef { Variable: var variable })
        {
            var tangent = TangentOf(variable);
            if (!activity.IsActive(variable))
                output.Add(new Assign(tangent, DerivativeRules.Zero(tangent.Type)));
            return new Argument(new VariableRef(tangent), ArgumentKind.Ref);
        }
        if (argument.Value is ZeroSpan zero)
            return new Argument(zero);
        return new Argument(TangentOfValue(argument.Value, argument.Value.Type));
    }

    /// <summary>The tangent of a value used as an operand or argument: its tangent variable, or zero.</summary>
    private IrExpression TangentOfValue(IrExpression value, IrType type)
    {
        if (IrTraversal.SpanOrVariable(value) is { } variable && activity.IsActive(variable))
        {
            return value switch
            {
                Slice slice => slice with { Span = TangentOf(slice.Span) },
                _ => new VariableRef(TangentOf(variable)),
            };
        }
        if (type.IsSpan())
            return new ZeroSpan(value is Slice slice ? slice.Length : new SpanLength(IrTraversal.SpanOrVariable(value)!), type);
        if (type.IsMatrix())
            return MatrixDerivativeRules.Call(MatrixFunction.ZerosLike, value);
        return DerivativeRules.Zero(type);
    }

    private IrVariable TangentOf(IrVariable variable) => tangents.Of(variable);

    internal static IrExpression ConvertIfNeeded(IrExpression expression, IrType type)
        => expression.Type == type ? expression : new Convert(expression, type);
}
