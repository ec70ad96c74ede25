using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Parsing;

/// <summary>Which methods the call graph stops from being generated, and the diagnostics that say why.</summary>
/// <param name="Blocked">IDs of methods that get no generated code, sorted.</param>
public sealed record CallGraphVerdict(EquatableArray<string> Blocked, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool Allows(string id) => !Blocked.Contains(id);
}

/// <summary>
/// Checks every differentiable method of the compilation together: recursion among them
/// (AG0009), and calls of one that has no generated derivatives (AG0014) — a caller of a method
/// that cannot be generated cannot be generated either, transitively.
/// </summary>
internal static class CallGraphCheck
{
    public static CallGraphVerdict Check(ImmutableArray<CallGraphNode> nodes)
    {
        var byId = new Dictionary<string, CallGraphNode>();
        foreach (var node in nodes)
            byId[node.Id] = node;

        var diagnostics = new List<DiagnosticInfo>();
        var blocked = new HashSet<string>(nodes.Where(node => node.WhyNot is not null).Select(node => node.Id));

        foreach (var cycle in StronglyConnectedCycles(byId))
        {
            foreach (var id in cycle)
            {
                blocked.Add(id);
                foreach (var call in byId[id].Calls.Where(call => cycle.Contains(call.CalleeId)))
                {
                    var path = call.CalleeId == id ? "a direct call" : "'" + byId[call.CalleeId].Name + "'";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Recursion, call.Location, byId[id].Name, path));
                }
            }
        }

        // A caller of a blocked method is blocked too; report it once per call site.
        var reported = new HashSet<CallSite>();
        bool changed;
        do
        {
            changed = false;
            foreach (var node in byId.Values.OrderBy(node => node.Id, System.StringComparer.Ordinal))
            {
                foreach (var call in node.Calls)
                {
                    if (!byId.TryGetValue(call.CalleeId, out var callee) || !blocked.Contains(callee.Id) || call.CalleeId == node.Id)
                        continue;
                    if (blocked.Contains(node.Id) && IsInCycleWith(node, callee, byId))
                        continue;
                    if (reported.Add(call) && node.WhyNot is null)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CalleeNotDifferentiable, call.Location, callee.Name, callee.WhyNot ?? "it is part of a recursion"));
                    changed |= blocked.Add(node.Id);
                }
            }
        }
        while (changed);

        return new CallGraphVerdict(
            blocked.OrderBy(id => id, System.StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static bool IsInCycleWith(CallGraphNode caller, CallGraphNode callee, Dictionary<string, CallGraphNode> byId)
        => Reaches(callee.Id, caller.Id, byId, []);

    private static bool Reaches(string from, string to, Dictionary<string, CallGraphNode> byId, HashSet<string> seen)
    {
        if (from == to)
            return true;
        if (!seen.Add(from) || !byId.TryGetValue(from, out var node))
            return false;
        return node.Calls.Any(call => Reaches(call.CalleeId, to, byId, seen));
    }

    /// <summary>The sets of methods that call each other in a cycle (a method calling itself is one).</summary>
    private static IEnumerable<HashSet<string>> StronglyConnectedCycles(Dictionary<string, CallGraphNode> byId)
    {
        var assigned = new HashSet<string>();
        foreach (var id in byId.Keys.OrderBy(id => id, System.StringComparer.Ordinal))
        {
            if (assigned.Contains(id))
                continue;
            var component = new HashSet<string>(byId.Keys.Where(other => Reaches(id, other, byId, []) && Reaches(other, id, byId, [])));
            assigned.UnionWith(component);
            var isCycle = component.Count > 1 || byId[id].Calls.Any(call => call.CalleeId == id);
            if (isCycle)
                yield return component;
        }
    }
}
