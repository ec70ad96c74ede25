using System;
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
    /// <summary>Each variable's entry in <see cref="usages"/>: one table for all five counts and positions.</summary>
    private readonly Dictionary<IrVariable, int> indexes = [];
    private Usage[] usages = new Usage[16];

    /// <param name="LastWrite">-1 while never written.</param>
    /// <param name="LastRead">-1 while never read.</param>
    private record struct Usage(int Reads, int Assignments, int OtherWrites, int LastWrite, int LastRead);

    /// <summary>The variables of the statement being visited: one list for all of them.</summary>
    private readonly List<IrVariable> scratch = [];

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
            scratch.Clear();
            statement.ForEachExpression(scratch, static (expression, variables) => expression.AddReadVariables(variables));
            scratch.AddRange(statement.DirectReads());
            // A write through a span or array (span[i] = …) uses the variable as a read does: it must hold its value.
            scratch.AddRange(statement.WritesThrough());
            foreach (var variable in scratch)
                Read(variable, here);
            scratch.Clear();
            statement.AddOwnWrites(scratch);
            foreach (var variable in scratch)
            {
                // Only an assignment defines; accumulating, element writes and ref/out arguments modify.
                var isDefinition = statement is Assign assign && assign.Target.Equals(variable);
                Write(variable, isDefinition, here);
            }
            foreach (var nested in statement.Blocks())
                Visit(nested, ref position);
        }
    }

    private ref Usage Of(IrVariable variable)
    {
        if (!indexes.TryGetValue(variable, out var index))
        {
            index = indexes.Count;
            indexes.Add(variable, index);
            if (index == usages.Length)
                Array.Resize(ref usages, 2 * usages.Length);
            usages[index] = new Usage(0, 0, 0, LastWrite: -1, LastRead: -1);
        }
        return ref usages[index];
    }

    private Usage Find(IrVariable variable) => indexes.TryGetValue(variable, out var index) ? usages[index] : new Usage(0, 0, 0, LastWrite: -1, LastRead: -1);

    private void Read(IrVariable variable, int position)
    {
        ref var usage = ref Of(variable);
        usage.Reads++;
        usage.LastRead = position;
    }

    public int Reads(IrVariable variable) => Find(variable).Reads;

    /// <summary>Position of the last read, or -1 for a variable never read.</summary>
    public int LastRead(IrVariable variable) => Find(variable).LastRead;

    public bool IsWritten(IrVariable variable) => Find(variable).LastWrite >= 0;

    /// <summary>Assigned exactly once and never accumulated into or written through <c>ref</c>/<c>out</c>.</summary>
    public bool IsSingleAssignment(IrVariable variable) => Find(variable) is { Assignments: 1, OtherWrites: 0 };

    /// <summary>Position of the last write, or -1 for a variable never written (a value parameter).</summary>
    public int LastWrite(IrVariable variable) => Find(variable).LastWrite;

    private void Write(IrVariable variable, bool isDefinition, int position)
    {
        ref var usage = ref Of(variable);
        if (isDefinition)
            usage.Assignments++;
        else
            usage.OtherWrites++;
        usage.LastWrite = Math.Max(usage.LastWrite, position);
    }
}
