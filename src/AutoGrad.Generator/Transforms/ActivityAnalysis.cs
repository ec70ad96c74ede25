using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Which variables need derivatives: those that depend on an active parameter (varied) and on
/// which the outputs depend (useful), through differentiable operations. Conditions, integer
/// conversions and piecewise-constant functions cut the dependence. The outputs are the returned
/// value and the active output spans; a span is varied or useful as a whole (all its elements).
/// Loops carry dependence around, so both passes repeat until nothing changes.
/// <para>
/// A call to another differentiable method passes dependence only where the callee's
/// <see cref="DependenceSummary"/> says its outputs depend on the parameter: an argument the
/// callee's outputs ignore is not useful, so no derivative is computed for it — as if the callee
/// were inlined. (Otherwise its adjoint would be exactly zero and still be multiplied through the
/// partials that produced it, where an infinite one, such as Cbrt's at 0, makes 0·∞ = NaN.)
/// Without a summary for a callee, every output is taken to depend on every active parameter.
/// </para>
/// </summary>
public sealed class ActivityAnalysis
{
    private readonly HashSet<IrVariable> varied = [];
    private readonly HashSet<IrVariable> useful = [];
    private readonly IReadOnlyDictionary<string, DependenceSummary> callees;

    private ActivityAnalysis(IReadOnlyDictionary<string, DependenceSummary>? callees)
    {
        this.callees = callees ?? new Dictionary<string, DependenceSummary>();
    }

    public IrVariable? Result { get; private set; }

    public bool IsVaried(IrVariable variable) => varied.Contains(variable);

    public bool IsUseful(IrVariable variable) => useful.Contains(variable);

    public bool IsActive(IrVariable variable) => varied.Contains(variable) && useful.Contains(variable);

    /// <summary>Whether any output (the result, or a value written into an output span) depends on an active parameter.</summary>
    public bool OutputsDependOnInputs { get; private set; }

    /// <param name="callees">The dependence summaries of the differentiable methods it may call, by ID.</param>
    public static ActivityAnalysis Analyze(IrMethod method, IReadOnlyDictionary<string, DependenceSummary>? callees = null)
    {
        var statements = method.Body.Flatten().ToList();
        var result = statements.OfType<Return>().Select(ret => (ret.Value as VariableRef)?.Variable).LastOrDefault();
        // An active output span has derivative partners whatever is written into it.
        var activeOutputs = method.Parameters.Where(parameter => parameter.IsActive && parameter.Variable.Type.IsWritableSpan()).Select(parameter => parameter.Variable).ToList();
        return Analyze(method, statements, result is null ? activeOutputs : [.. activeOutputs, result], callees);
    }

    /// <summary>
    /// The activity of derivative code that is differentiated again (the forward transform applied to
    /// an adjoint): every value that depends on an active parameter through any statement — an
    /// assignment, an accumulation, an element written, a value stored or a buffer copied — is active.
    /// Usefulness is not narrowed: the adjoint's outputs are all its accumulators, and the simplifier
    /// drops the tangents that reach none of them.
    /// </summary>
    public static ActivityAnalysis OfDerivativeCode(IrMethod method)
    {
        var analysis = new ActivityAnalysis(null);
        analysis.varied.UnionWith(method.Parameters.Where(parameter => parameter.IsActive).Select(parameter => parameter.Variable));
        var statements = method.Body.Flatten().ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var statement in statements)
            {
                var (targets, sources) = analysis.Flow(statement);
                if (targets.Any(target => !analysis.varied.Contains(target)) && sources.Any(analysis.varied.Contains))
                {
                    foreach (var target in targets)
                        changed |= analysis.varied.Add(target);
                }
            }
        }
        while (changed);
        analysis.useful.UnionWith(analysis.varied);
        return analysis;
    }

    /// <summary>What a statement of derivative code writes, and the variables whose derivatives flow into it.</summary>
    private (IEnumerable<IrVariable> Targets, IEnumerable<IrVariable> Sources) Flow(IrStatement statement) => statement switch
    {
        Assign assign => ([assign.Target], DifferentiableOperands(assign)),
        AddAssign addAssign => ([addAssign.Target], DifferentiableOperands(new Assign(addAssign.Target, addAssign.Value))),
        ElementAssign { Value: VariableRef value } element => ([element.Span], [value.Variable]),
        Store { Value: VariableRef value } store => ([store.Buffer], [value.Variable]),
        CopyIntoBuffer copy => ([copy.Buffer], [copy.Source]),
        ExpressionStatement { Expression: DifferentiableCall call } => (OutputArguments(call), InputArguments(call)),
        // A callee's adjoint: what it adds into (ref arguments, writable spans) depends on everything it reads.
        ExpressionStatement { Expression: MethodCall { AdjointOf: not null } call } => (
            call.Arguments.Select(argument => argument.WrittenVariable ?? (argument.Value.Type.IsWritableSpan() || argument.Value.Type.IsArray() ? IrTraversal.SpanOrVariable(argument.Value) : null))
                .Where(variable => variable is not null).Select(variable => variable!),
            call.ReadVariables().Where(variable => variable.Type.IsDifferentiable() || variable.Type.IsArray())),
        _ => ([], []),
    };

    /// <summary>
    /// Which active parameters each output of <paramref name="method"/> depends on, for its callers:
    /// one backward (usefulness) pass per output, through the summaries of its own callees.
    /// </summary>
    public static DependenceSummary Summarize(string id, IrMethod method, IReadOnlyDictionary<string, DependenceSummary>? callees = null)
    {
        var statements = method.Body.Flatten().ToList();
        var result = statements.OfType<Return>().Select(ret => (ret.Value as VariableRef)?.Variable).LastOrDefault();
        var parameters = method.Parameters.Select(parameter => parameter.Variable).ToList();
        var dependence = new List<bool>();
        var readsContent = new bool[parameters.Count];
        for (var output = -1; output < parameters.Count; output++)
        {
            IrVariable? start = output < 0 ? result : method.Parameters[output].IsActive && parameters[output].Type.IsWritableSpan() ? parameters[output] : null;
            var analysis = start is null ? null : Analyze(method, statements, [start], callees);
            for (var input = 0; input < parameters.Count; input++)
                dependence.Add(analysis is not null && method.Parameters[input].IsActive && analysis.useful.Contains(parameters[input]));
            // What the output held before the call survives it unless every element is provably overwritten
            // on every path (seed 200135: an early return before the write kept the caller's active values).
            if (output >= 0 && analysis is not null)
            {
                readsContent[output] = statements.Any(statement => ReadsContent(statement, parameters[output], analysis.useful, callees))
                    || !OutputAccess.OverwritesEveryElement(method.Body, parameters[output], (call, parameter) => CalleeOverwrites(call, parameter, callees));
            }
        }
        return new DependenceSummary(id, parameters.Count, dependence.ToEquatableArray(), readsContent.ToEquatableArray());
    }

    /// <summary>
    /// Whether the statement carries what the output span held into what it ends up holding: adds
    /// into it, reads it back into a value the output depends on (<paramref name="useful"/>), or
    /// passes it for an output of a callee that does (passed for an input, it is only read).
    /// </summary>
    private static bool ReadsContent(IrStatement statement, IrVariable output, HashSet<IrVariable> useful, IReadOnlyDictionary<string, DependenceSummary>? callees)
    {
        if (statement is ElementAssign { Accumulate: true } accumulation && accumulation.Span.Equals(output))
            return true;
        if (statement is Assign assign && useful.Contains(assign.Target) && assign.Value.ElementReads().Any(read => read.Collection.Equals(output)))
            return true;
        if (statement is ElementAssign write && write.Span.Equals(output) && write.Value.ElementReads().Any(read => read.Collection.Equals(output)))
            return true;
        return statement is ExpressionStatement { Expression: DifferentiableCall call }
               && Enumerable.Range(0, call.Arguments.Count).Any(i => call.Target.Writes(i) && IrTraversal.SpanOrVariable(call.Arguments[i])?.Equals(output) == true
                   && (callees is null || !callees.TryGetValue(call.Target.Id, out var callee) || callee.ReadsOutputContent[i]));
    }

    /// <summary>Whether the callee provably overwrites all of the span passed for its output <paramref name="parameter"/>: its summary says it does not read what it held.</summary>
    private static bool CalleeOverwrites(DifferentiableCall call, int parameter, IReadOnlyDictionary<string, DependenceSummary>? callees)
        => call.Target.ActiveParameters[parameter] && callees is not null && callees.TryGetValue(call.Target.Id, out var callee) && !callee.ReadsOutputContent[parameter];

    private static ActivityAnalysis Analyze(IrMethod method, List<IrStatement> statements, List<IrVariable> outputs, IReadOnlyDictionary<string, DependenceSummary>? callees)
    {
        var analysis = new ActivityAnalysis(callees);
        analysis.varied.UnionWith(method.Parameters.Where(parameter => parameter.IsActive).Select(parameter => parameter.Variable));
        analysis.useful.UnionWith(outputs);
        analysis.Result = statements.OfType<Return>().Select(ret => (ret.Value as VariableRef)?.Variable).LastOrDefault();

        // A scratch buffer varies with what is written into it (an output parameter's activity is its own, from its signature).
        var scratch = new HashSet<IrVariable>(statements.OfType<RentBuffer>().Where(rent => rent.Zeroed).Select(rent => rent.Buffer));
        bool changed;
        do
        {
            changed = false;
            foreach (var statement in statements)
            {
                switch (statement)
                {
                    case Assign assign when !analysis.varied.Contains(assign.Target) && analysis.DifferentiableOperands(assign).Any(analysis.varied.Contains):
                        changed |= analysis.varied.Add(assign.Target);
                        break;
                    case ElementAssign { Value: VariableRef value } element when scratch.Contains(element.Span) && analysis.varied.Contains(value.Variable):
                        changed |= analysis.varied.Add(element.Span);
                        break;
                    case ExpressionStatement { Expression: DifferentiableCall call }:
                        foreach (var (output, written) in ActiveArgumentsOf(call).Where(argument => call.Target.Writes(argument.Parameter) && scratch.Contains(argument.Variable)))
                        {
                            if (analysis.InputsReaching(call, output).Any(analysis.varied.Contains))
                                changed |= analysis.varied.Add(written);
                        }
                        break;
                }
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
                        foreach (var operand in analysis.DifferentiableOperands(assign))
                            changed |= analysis.useful.Add(operand);
                        break;
                    case ElementAssign { Value: VariableRef value } element when analysis.useful.Contains(element.Span):
                        changed |= analysis.useful.Add(value.Variable);
                        break;
                    case ExpressionStatement { Expression: DifferentiableCall call }:
                        foreach (var (output, _) in ActiveArgumentsOf(call).Where(argument => call.Target.Writes(argument.Parameter) && analysis.useful.Contains(argument.Variable)))
                        {
                            foreach (var input in analysis.InputsReaching(call, output))
                                changed |= analysis.useful.Add(input);
                        }
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
    private IEnumerable<IrVariable> DifferentiableOperands(Assign assign)
    {
        switch (assign.Value)
        {
            case DifferentiableCall call:
                foreach (var argument in InputsReaching(call, -1))
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

    /// <summary>
    /// The spans a call writes: arguments passed for the callee's active output spans. Which these are
    /// is the callee's signature's to say, not the argument's type: this method's own output span is a
    /// <c>Span&lt;T&gt;</c> also where it is passed for a <c>ReadOnlySpan&lt;T&gt;</c> input, which the call only reads.
    /// </summary>
    public static IEnumerable<IrVariable> OutputArguments(DifferentiableCall call)
        => ActiveArgumentsOf(call).Where(argument => call.Target.Writes(argument.Parameter)).Select(argument => argument.Variable);

    /// <summary>What a call reads that derivatives flow from: arguments for the callee's active inputs (an output span of this method among them).</summary>
    public static IEnumerable<IrVariable> InputArguments(DifferentiableCall call)
        => ActiveArgumentsOf(call).Where(argument => !call.Target.Writes(argument.Parameter)).Select(argument => argument.Variable);

    /// <summary>The arguments for the callee's active parameters, with the parameter's index.</summary>
    private static IEnumerable<(int Parameter, IrVariable Variable)> ActiveArgumentsOf(DifferentiableCall call)
    {
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (call.Target.ActiveParameters[i] && IrTraversal.SpanOrVariable(call.Arguments[i]) is { } argument)
                yield return (i, argument);
        }
    }

    /// <summary>The input arguments of a call that the callee's output (-1: its result; else the index of an output span parameter) depends on.</summary>
    private IEnumerable<IrVariable> InputsReaching(DifferentiableCall call, int output)
    {
        callees.TryGetValue(call.Target.Id, out var summary);
        return ActiveArgumentsOf(call)
            .Where(argument => !call.Target.Writes(argument.Parameter) && (summary is null || summary.Depends(output, argument.Parameter)))
            .Select(argument => argument.Variable);
    }
}
