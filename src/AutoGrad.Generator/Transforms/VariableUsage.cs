using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Where each variable is read and written; a write through a span or array (<c>span[i] = …</c>)
/// counts as a read of the variable (<see cref="IrTraversal.WritesThrough"/>). Statements are numbered in pre-order. Outside loops
/// that is execution order; a variable a loop body writes is written at a position after every
/// read in that body, so "last written before p" still means "stable from p on".
/// </summary>
internal sealed class VariableUsage
{
    private readonly Dictionary<IrVariable, int> reads = [];
    private readonly Dictionary<IrVariable, int> assignments = [];
    private readonly Dictionary<IrVariable, int> otherWrites = [];
    private readonly Dictionary<IrVariable, int> lastWrite = [];
    private readonly Dictionary<IrVariable, int> lastRead = [];

    public static VariableUsage Of(IrBlock body)
    {
        var usage = new VariableUsage();
        var position = 0;
        usage.Visit(body, ref position);
        return usage;
    }

    private void Visit(IrBlock block, ref int position)
    {
        foreach (var statement in block.Statements)
        {
            var here = position++;
            // A write through a span or array (span[i] = …) uses the variable as a read does: it must hold its value.
            foreach (var expression in statement.Expressions())
            {
                foreach (var variable in expression.ReadVariables())
                    Read(variable, here);
            }
            foreach (var variable in statement.DirectReads())
                Read(variable, here);
            foreach (var variable in statement.WritesThrough())
                Read(variable, here);
            foreach (var variable in statement.OwnWrites())
            {
                // Only an assignment defines; accumulating, element writes and ref/out arguments modify.
                var isDefinition = statement is Assign assign && assign.Target.Equals(variable);
                Write(isDefinition ? assignments : otherWrites, variable, here);
            }
            foreach (var nested in statement.Blocks())
                Visit(nested, ref position);
        }
    }

    private void Read(IrVariable variable, int position)
    {
        Increment(reads, variable);
        lastRead[variable] = position;
    }

    public int Reads(IrVariable variable) => reads.TryGetValue(variable, out var count) ? count : 0;

    /// <summary>Position of the last read, or -1 for a variable never read.</summary>
    public int LastRead(IrVariable variable) => lastRead.TryGetValue(variable, out var position) ? position : -1;

    public bool IsWritten(IrVariable variable) => lastWrite.ContainsKey(variable);

    /// <summary>Assigned exactly once and never accumulated into or written through <c>ref</c>/<c>out</c>.</summary>
    public bool IsSingleAssignment(IrVariable variable)
        => assignments.TryGetValue(variable, out var count) && count == 1 && !otherWrites.ContainsKey(variable);

    /// <summary>Position of the last write, or -1 for a variable never written (a value parameter).</summary>
    public int LastWrite(IrVariable variable) => lastWrite.TryGetValue(variable, out var position) ? position : -1;

    private static void Increment(Dictionary<IrVariable, int> counts, IrVariable variable)
        => counts[variable] = counts.TryGetValue(variable, out var count) ? count + 1 : 1;

    private void Write(Dictionary<IrVariable, int> counts, IrVariable variable, int position)
    {
        Increment(counts, variable);
        lastWrite[variable] = lastWrite.TryGetValue(variable, out var last) && last > position ? last : position;
    }
}
