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

        var components = StronglyConnectedComponents(byId);
        var componentOf = new Dictionary<string, int>();
        for (var i = 0; i < components.Count; i++)
        {
            foreach (var id in components[i])
                componentOf[id] = i;
        }
        var cycles = components.Where(component => component.Count > 1 || component.Any(id => byId[id].Calls.Any(call => call.CalleeId == id)));
        foreach (var cycle in cycles)
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
                    if (blocked.Contains(node.Id) && IsInCycleWith(node, callee, componentOf))
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

    private static bool IsInCycleWith(CallGraphNode caller, CallGraphNode callee, Dictionary<string, int> componentOf)
        => componentOf.TryGetValue(caller.Id, out var a) && componentOf.TryGetValue(callee.Id, out var b) && a == b;

    /// <summary>Tarjan's strongly connected components, iteratively (no recursion on deep call chains), in a stable order.</summary>
    private static List<HashSet<string>> StronglyConnectedComponents(Dictionary<string, CallGraphNode> byId)
    {
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();
        var next = 0;

        foreach (var root in byId.Keys.OrderBy(id => id, System.StringComparer.Ordinal))
        {
            if (index.ContainsKey(root))
                continue;
            var work = new Stack<(string Id, int Edge)>();
            work.Push((root, 0));
            index[root] = lowLink[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (id, edge) = work.Pop();
                var calls = byId[id].Calls;
                if (edge < calls.Count)
                {
                    work.Push((id, edge + 1));
                    var callee = calls[edge].CalleeId;
                    if (!byId.ContainsKey(callee))
                        continue;
                    if (!index.ContainsKey(callee))
                    {
                        index[callee] = lowLink[callee] = next++;
                        stack.Push(callee);
                        onStack.Add(callee);
                        work.Push((callee, 0));
                    }
                    else if (onStack.Contains(callee))
                    {
                        lowLink[id] = System.Math.Min(lowLink[id], index[callee]);
                    }
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Id;
                    lowLink[parent] = System.Math.Min(lowLink[parent], lowLink[id]);
                }
                if (lowLink[id] == index[id])
                {
                    var component = new HashSet<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != id);
                    components.Add(component);
                }
            }
        }
        return components;
    }
}
