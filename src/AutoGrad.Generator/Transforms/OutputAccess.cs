using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>How a method uses an output span, which decides how its adjoint reads the cotangent.</summary>
internal static class OutputAccess
{
    /// <summary>
    /// True when the output is never read back and is written at one place, which writes each
    /// element at most once: outside loops, or in a single loop indexed by its counter (a counted loop's,
    /// or in a general loop an integer it carries and steps by a non-zero constant). Then each element's cotangent goes to the one value
    /// written there, and the adjoint can read it directly.
    /// </summary>
    public static bool IsWrittenOncePerElement(IrBlock body, IrVariable output)
    {
        // Its length may be read; its elements may not (nor may it be passed on).
        if (body.Flatten().Any(statement => statement.Expressions().Any(expression => ReadsElementsOf(expression, output))))
            return false;
        var sites = new List<(ElementAssign Write, List<IrStatement> Loops)>();
        Collect(body, output, [], sites);
        if (sites.Count != 1 || sites[0].Write.Accumulate)
            return false;
        var (write, loops) = sites[0];
        return loops.Count switch
        {
            0 => true,
            1 => write.Index is VariableRef { Variable: var counter } && loops[0] switch
            {
                CountedLoop counted => counted.Counter.Equals(counter),
                Loop general => LoopCounters.Step(general, counter) is not null,
                _ => false,
            },
            _ => false,
        };
    }

    /// <summary>
    /// Whether the method provably overwrites every element of the output on every path that returns:
    /// what the output held before the call then cannot survive it. The proof is a statement run on
    /// every path with no <c>return</c> before it — at the top level of the body (lowering turns a
    /// <c>return</c> into a flag and the code after it into an arm of an <c>if</c>), or in both arms of
    /// a top-level <c>if</c> — that is
    /// <list type="bullet">
    /// <item>a counted loop over the whole span that writes <c>output[counter] = …</c> unconditionally, at the
    /// top level of its body: <c>for (i = 0; i &lt; output.Length; i++)</c> or <c>for (i = output.Length - 1; i &gt;= 0; i--)</c>
    /// (a bound or start may go through a local set once, <c>int n = output.Length</c>); a loop with a <c>break</c>
    /// or <c>return</c> in it is a general loop, and a <c>continue</c> before the write puts the write in an arm;</item>
    /// <item>a call that passes the whole output for an output that its callee provably overwrites
    /// (<paramref name="calleeOverwrites"/>).</item>
    /// </list>
    /// Anything else — an early return, a write under an <c>if</c>, a loop that may stop short or starts
    /// at 1, writes of some elements, a slice passed to a callee — counts as not overwriting.
    /// </summary>
    /// <param name="calleeOverwrites">Whether the call's callee provably overwrites all of the output passed for its parameter.</param>
    public static bool OverwritesEveryElement(IrBlock body, IrVariable output, System.Func<DifferentiableCall, int, bool> calleeOverwrites)
    {
        // Integers set once, outside loops (each such value holds wherever it is read): what a loop's start or bound may go through.
        var once = new HashSet<IrVariable>(body.Flatten().SelectMany(statement => statement.OwnWrites()).GroupBy(variable => variable).Where(group => group.Count() == 1).Select(group => group.Key));
        var values = OutsideLoops(body).OfType<Assign>().Where(assign => assign.Target.Type.IsInteger() && once.Contains(assign.Target))
            .ToDictionary(assign => assign.Target, assign => assign.Value);
        return Overwrites(body, output, values, calleeOverwrites);
    }

    private static IEnumerable<IrStatement> OutsideLoops(IrBlock block)
        => block.Statements.SelectMany(statement => statement is If branch ? [statement, .. OutsideLoops(branch.Then), .. OutsideLoops(branch.Else)] : new[] { statement });

    private static bool Overwrites(IrBlock block, IrVariable output, Dictionary<IrVariable, IrExpression> values, System.Func<DifferentiableCall, int, bool> calleeOverwrites)
    {
        for (var at = 0; at < block.Statements.Count; at++)
        {
            switch (block.Statements[at])
            {
                case Return:
                    return false;
                case CountedLoop loop when IsWholeSpanWrite(loop, output, values):
                    return true;
                case ExpressionStatement { Expression: DifferentiableCall call }
                    when Enumerable.Range(0, call.Arguments.Count).Any(i => call.Target.Writes(i) && call.Arguments[i] is VariableRef { Variable: var passed } && passed.Equals(output) && calleeOverwrites(call, i)):
                    return true;
                case If branch when Overwrites(branch.Then, output, values, calleeOverwrites) && Overwrites(branch.Else, output, values, calleeOverwrites):
                    return true;
                case If branch when branch.Then.Flatten().Concat(branch.Else.Flatten()).Any(statement => statement is Return):
                    // Lowering puts the code after a return in the other arm; should a path leave here, what follows is not on every path.
                    return false;
            }
        }
        return false;
    }

    private static bool IsWholeSpanWrite(CountedLoop loop, IrVariable output, Dictionary<IrVariable, IrExpression> values)
        => loop.WritesEveryElementOf(output, expression => Resolve(expression, values), bound => bound is SpanLength { Span: var span } && span.Equals(output));

    /// <summary>The expression with a variable set once (to a variable set once …) replaced by its value.</summary>
    private static IrExpression Resolve(IrExpression expression, Dictionary<IrVariable, IrExpression> values)
    {
        for (var depth = 0; depth < 8 && expression is VariableRef { Variable: var variable } && values.TryGetValue(variable, out var value); depth++)
            expression = value;
        return expression;
    }

    private static void Collect(IrBlock block, IrVariable output, List<IrStatement> loops, List<(ElementAssign, List<IrStatement>)> sites)
    {
        foreach (var statement in block.Statements)
        {
            if (statement is ElementAssign element && element.Span.Equals(output))
                sites.Add((element, loops));
            var inner = statement is Loop or CountedLoop ? [.. loops, statement] : loops;
            foreach (var nested in statement.Blocks())
                Collect(nested, output, inner, sites);
        }
    }

    private static bool ReadsElementsOf(IrExpression expression, IrVariable output) => expression switch
    {
        SpanLength => false,
        ElementRead read when read.Collection.Equals(output) => true,
        Slice slice when slice.Span.Equals(output) => true,
        VariableRef reference when reference.Variable.Equals(output) => true,
        _ => expression.Children().Any(child => ReadsElementsOf(child, output)),
    };
}
