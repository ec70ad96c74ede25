using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// The first check on a parsed method, from its activity: an error where a derivative would have to
/// flow through a call AutoGrad cannot see into (AG0008), a warning where an active value goes to a
/// callee's <c>[NoDiff]</c> parameter (AG0101), and one when no derivative flows at all (AG0100).
/// It runs on the parser's result within the same pipeline step, so parsing itself needs no analysis.
/// </summary>
internal static class ActivityCheck
{
    /// <summary>The parse result with the check's diagnostics; without a model when one is an error.</summary>
    public static ParseResult Apply(ParseResult parsed)
    {
        // A method the parser already reported on is not checked again: its diagnostics say why.
        if (parsed.Model is not { } model || !parsed.Diagnostics.IsEmpty)
            return parsed;
        var diagnostics = Find(model.Primal, parsed.OpaqueCalls, parsed.NoDiffArguments, parsed.Node).ToList();
        if (diagnostics.Count == 0)
            return parsed;
        var diagnosticArray = diagnostics.ToEquatableArray();
        return diagnostics.Any(diagnostic => DiagnosticDescriptors.ById(diagnostic.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            ? parsed with { Model = null, Node = parsed.Node with { WhyNot = "its body is not supported" }, Diagnostics = diagnosticArray }
            : parsed with { Diagnostics = diagnosticArray };
    }

    private static IEnumerable<DiagnosticInfo> Find(IrMethod method, EquatableArray<OpaqueCall> opaqueCalls, EquatableArray<NoDiffArgument> noDiffArguments, CallGraphNode node)
    {
        var activity = ActivityAnalysis.Analyze(method);
        var opaqueResults = new HashSet<IrVariable>(opaqueCalls.Select(call => call.Result));
        var opaqueArguments = method.Body.Flatten()
            .OfType<Assign>()
            .Where(assign => opaqueResults.Contains(assign.Target))
            .ToDictionary(assign => assign.Target, assign => assign.Value.ReadVariables().ToList());
        var blockedByOpaqueCall = false;
        foreach (var call in opaqueCalls)
        {
            if (activity.IsUseful(call.Result) && opaqueArguments[call.Result].Any(activity.IsVaried))
            {
                blockedByOpaqueCall = true;
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.NonDifferentiableCall, call.Location, call.MethodName, call.Remedy);
            }
        }
        foreach (var argument in noDiffArguments.Where(argument => activity.IsVaried(argument.Value)))
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ActiveValueIntoNoDiffParameter, argument.Location, argument.Argument, argument.Callee, argument.Parameter);
        // Where an opaque call cut the dependence, AG0008 already says why; "nothing depends on x" would mislead.
        if (!activity.OutputsDependOnInputs && !blockedByOpaqueCall)
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ResultNotActive, node.Location, node.Name);
    }
}
