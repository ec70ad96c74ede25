using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Which variables need derivatives: those that depend on an active parameter (varied) and on
/// which the outputs depend (useful), through differentiable operations. Conditions, integer
/// conversions and piecewise-constant functions cut the dependence. The outputs are the returned
/// value and the active output spans; a span is varied or useful as a whole (all its elements).
/// Loops carry dependence around, so both passes repeat until nothing changes.
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

    /// <summary>Whether any output (the result, or a value written into an output span) depends on an active parameter.</summary>
    public bool OutputsDependOnInputs { get; private set; }

    public static ActivityAnalysis Analyze(IrMethod method)
    {
        var analysis = new ActivityAnalysis();
        // An active output span has derivative partners whatever is written into it.
        var activeOutputs = method.Parameters.Where(parameter => parameter.IsActive && parameter.Variable.Type.IsWritableSpan()).Select(parameter => parameter.Variable).ToList();
        analysis.varied.UnionWith(method.Parameters.Where(parameter => parameter.IsActive).Select(parameter => parameter.Variable));
        analysis.useful.UnionWith(activeOutputs);

        var statements = method.Body.Flatten().ToList();
        analysis.Result = statements.OfType<Return>().Select(ret => (ret.Value as VariableRef)?.Variable).LastOrDefault();
        if (analysis.Result is { } result)
            analysis.useful.Add(result);

        bool changed;
        do
        {
            changed = false;
            foreach (var assign in statements.OfType<Assign>())
            {
                if (!analysis.varied.Contains(assign.Target) && DifferentiableOperands(assign).Any(analysis.varied.Contains))
                    changed |= analysis.varied.Add(assign.Target);
            }
        }
        while (changed);

        do
        {
            changed = false;
            for (var i = statements.Count - 1; i >= 0; i--)
            {
                switch (statements[i])
                {
                    case Assign assign when analysis.useful.Contains(assign.Target):
                        foreach (var operand in DifferentiableOperands(assign))
                            changed |= analysis.useful.Add(operand);
                        break;
                    case ElementAssign { Value: VariableRef value } element when analysis.useful.Contains(element.Span):
                        changed |= analysis.useful.Add(value.Variable);
                        break;
                    case ExpressionStatement { Expression: DifferentiableCall call } when OutputArguments(call).Any(analysis.useful.Contains):
                        foreach (var input in InputArguments(call))
                            changed |= analysis.useful.Add(input);
                        break;
                }
            }
        }
        while (changed);

        analysis.OutputsDependOnInputs = (analysis.Result is { } returned && analysis.varied.Contains(returned))
            || statements.OfType<ElementAssign>().Any(element => element.Value is VariableRef value && analysis.varied.Contains(value.Variable))
            || statements.OfType<ExpressionStatement>().Any(statement => statement.Expression is DifferentiableCall call && InputArguments(call).Any(analysis.varied.Contains));
        return analysis;
    }

    /// <summary>The variables a derivative could flow to from the assignment's target (a span stands for its elements).</summary>
    public static IEnumerable<IrVariable> DifferentiableOperands(Assign assign)
    {
        switch (assign.Value)
        {
            case DifferentiableCall call:
                foreach (var argument in InputArguments(call))
                    yield return argument;
                yield break;
            case ElementRead read:
                yield return read.Collection;
                yield break;
            case Slice slice:
                yield return slice.Span;
                yield break;
        }
        if (MatrixDerivativeRules.Applies(assign.Value))
        {
            foreach (var operand in MatrixDerivativeRules.Operands(assign.Value))
                yield return operand;
            yield break;
        }
        foreach (var partial in DerivativeRules.Of(assign.Value, assign.Target))
            yield return partial.Operand;
    }

    /// <summary>The spans a call writes: arguments passed for the callee's active output spans.</summary>
    public static IEnumerable<IrVariable> OutputArguments(DifferentiableCall call)
        => ActiveArguments(call).Where(variable => variable.Type.IsWritableSpan());

    /// <summary>What a call reads that derivatives flow from: arguments for the callee's active inputs.</summary>
    public static IEnumerable<IrVariable> InputArguments(DifferentiableCall call)
        => ActiveArguments(call).Where(variable => !variable.Type.IsWritableSpan());

    private static IEnumerable<IrVariable> ActiveArguments(DifferentiableCall call)
    {
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (call.Target.ActiveParameters[i] && SpanOrVariable(call.Arguments[i]) is { } argument)
                yield return argument;
        }
    }

    /// <summary>The variable an argument passes: a scalar or span variable, or the span a slice is taken of.</summary>
    public static IrVariable? SpanOrVariable(IrExpression argument) => argument switch
    {
        VariableRef reference => reference.Variable,
        Slice slice => slice.Span,
        _ => null,
    };
}
