using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Which active parameters of a differentiable method each of its outputs depends on, through
/// differentiable operations: what its callers' activity analysis needs to know about a call.
/// </summary>
/// <param name="Id">The method's documentation-comment ID, as in <see cref="IR.DifferentiableTarget.Id"/>.</param>
/// <param name="ParameterCount">The number of parameters (all of them, active or not).</param>
/// <param name="Dependence">Row <c>output + 1</c>, column <c>input</c>: row 0 is the result, row <c>k + 1</c> the output span parameter <c>k</c>.</param>
/// <param name="ReadsOutputContent">
/// Per parameter: an active output span whose content before the call may reach what it holds after
/// the call — the method adds into it, reads it back, or does not provably overwrite every element on
/// every path (an early return, a write under an <c>if</c>, a loop that may stop short; see
/// <see cref="OutputAccess.OverwritesEveryElement"/>), so elements it leaves alone keep their content.
/// </param>
public sealed record DependenceSummary(string Id, int ParameterCount, EquatableArray<bool> Dependence, EquatableArray<bool> ReadsOutputContent)
{
    /// <summary>Whether the output (-1: the result; else an output span parameter's index) depends on the parameter <paramref name="input"/>.</summary>
    public bool Depends(int output, int input) => Dependence[(output + 1) * ParameterCount + input];
}

/// <summary>
/// The pipeline's dependence step: the summaries of all differentiable methods of the compilation,
/// callees before callers. A method in a recursion gets none (the call graph blocks it anyway), and
/// neither does a caller of a method without a model; their callers then assume full dependence.
/// </summary>
public sealed record DependenceSummaries(EquatableArray<DependenceSummary> Summaries)
{
    public IReadOnlyDictionary<string, DependenceSummary> ById() => Summaries.ToDictionary(summary => summary.Id, summary => summary);

    public static DependenceSummaries Compute(ImmutableArray<MethodModel> models)
    {
        var byId = new Dictionary<string, MethodModel>();
        foreach (var model in models)
            byId[model.Id] = model;
        var done = new Dictionary<string, DependenceSummary>();
        var visiting = new HashSet<string>();

        // Callees first; iteratively, so a deep call chain does not overflow the stack.
        foreach (var root in byId.Keys.OrderBy(id => id, System.StringComparer.Ordinal))
        {
            var work = new Stack<(string Id, bool Expanded)>();
            work.Push((root, false));
            while (work.Count > 0)
            {
                var (id, expanded) = work.Pop();
                if (done.ContainsKey(id) || !byId.TryGetValue(id, out var model))
                    continue;
                if (expanded)
                {
                    visiting.Remove(id);
                    done[id] = ActivityAnalysis.Summarize(id, model.Primal, done);
                    continue;
                }
                if (!visiting.Add(id))
                    continue; // a recursion: summarized with whatever its callees have so far
                work.Push((id, true));
                foreach (var callee in Callees(model).Where(callee => !done.ContainsKey(callee) && !visiting.Contains(callee)))
                    work.Push((callee, false));
            }
        }
        return new DependenceSummaries(done.Values.OrderBy(summary => summary.Id, System.StringComparer.Ordinal).ToEquatableArray());
    }

    private static IEnumerable<string> Callees(MethodModel model) => Callees(model.Primal);

    /// <summary>The IDs of the differentiable methods the method calls.</summary>
    internal static IEnumerable<string> Callees(IR.IrMethod method)
        => method.Body.Flatten()
            .SelectMany(statement => statement.Expressions())
            .SelectMany(Calls)
            .Select(call => call.Target.Id)
            .Distinct();

    private static IEnumerable<IR.DifferentiableCall> Calls(IR.IrExpression expression)
    {
        if (expression is IR.DifferentiableCall call)
            yield return call;
        foreach (var inner in expression.Children().SelectMany(Calls))
            yield return inner;
    }
}
