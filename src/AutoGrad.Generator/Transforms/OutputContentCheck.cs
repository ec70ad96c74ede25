using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Refuses a call of a void differentiable method that adds into (or reads back) an output span
/// this method has already written: the callee's derivatives treat what the output held before the
/// call as a constant, so the derivative of what this method wrote there would be lost — a wrong
/// gradient, not an error, were it generated. Found by differential fuzzing (seed 1771). A callee
/// that may leave some elements unwritten (an early return before its write loop, seed 200135) keeps
/// what they held just the same: <see cref="DependenceSummary.ReadsOutputContent"/> covers both.
/// </summary>
internal static class OutputContentCheck
{
    public static IReadOnlyList<DiagnosticInfo> Find(IrMethod method, IReadOnlyDictionary<string, DependenceSummary> summaries)
    {
        var diagnostics = new List<DiagnosticInfo>();
        Visit(method.Body, new HashSet<IrVariable>(), summaries, method.Name, diagnostics);
        return diagnostics;
    }

    /// <param name="written">Outputs written so far on the way here (in a loop: also anywhere in its body, by an earlier iteration).</param>
    private static void Visit(IrBlock block, HashSet<IrVariable> written, IReadOnlyDictionary<string, DependenceSummary> summaries, string caller, List<DiagnosticInfo> diagnostics)
    {
        foreach (var statement in block.Statements)
        {
            if (statement is Loop or CountedLoop)
            {
                var body = statement.Blocks().Single();
                var inLoop = new HashSet<IrVariable>(written);
                inLoop.UnionWith(body.Flatten().SelectMany(IrTraversal.SpanElementWrites));
                Visit(body, inLoop, summaries, caller, diagnostics);
                written.UnionWith(inLoop);
                continue;
            }
            if (statement is ExpressionStatement { Expression: DifferentiableCall call })
            {
                summaries.TryGetValue(call.Target.Id, out var callee);
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    // Only a span passed for one of the callee's outputs: one read as an input is read as it is now.
                    if (!call.Target.Writes(i) || IrTraversal.SpanOrVariable(call.Arguments[i]) is not { } output || !output.Type.IsWritableSpan() || !written.Contains(output))
                        continue;
                    if (callee is null || callee.ReadsOutputContent[i])
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedExpression, null,
                            $"a call of '{call.Target.Name}', which may keep what its output held before the call (it adds into it, reads it back, or does not provably write every element on every path: a return before the write, a write under an if, a loop that may stop short), with '{output.Name}' after '{caller}' wrote there",
                            $"call '{call.Target.Name}' before writing '{output.Name}'; or make '{call.Target.Name}' write every element of its output on every path (for (int i = 0; i < o.Length; i++) o[i] = …; with no return before it); or add into '{output.Name}' in '{caller}'"));
                    }
                }
            }
            // Each arm of an if starts from what was written before the if, not from what an
            // earlier arm wrote: the arms exclude each other (seed 15385: V0(x[1..], o[1..]) in one
            // arm, V0(x, o) in the other). After the if, either arm's writes may have happened.
            var before = new HashSet<IrVariable>(written);
            foreach (var nested in statement.Blocks())
            {
                var inArm = new HashSet<IrVariable>(before);
                Visit(nested, inArm, summaries, caller, diagnostics);
                written.UnionWith(inArm);
            }
            written.UnionWith(statement.SpanElementWrites());
        }
    }
}
