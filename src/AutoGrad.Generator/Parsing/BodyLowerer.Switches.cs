using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Switch statements: an if chain over the sections.
internal sealed partial class BodyLowerer
{
    /// <summary>One section of a switch statement: when it is taken, and what it runs (without its closing <c>break</c>).</summary>
    private sealed record SwitchSection(IrExpression Condition, ImmutableArray<IOperation> Body);

    /// <summary>
    /// <c>switch (v) { case a: …; break; case b: case c: …; break; default: …; break; }</c> is the chain
    /// <c>if (v == a) … else if (v == b || v == c) … else …</c>, with <c>v</c> evaluated once, the sections tested in
    /// the order written and the default section last (a C# section cannot fall into the next, so only the order
    /// of the tests matters). A section's closing <c>break</c> ends its arm. With <paramref name="rest"/>, some
    /// section returns, or breaks or continues a loop around the switch: each arm then takes the rest of the
    /// method (or of the iteration) with it, as an <c>if</c> that jumps does.
    /// </summary>
    private void LowerSwitch(ISwitchOperation switchStatement, Continuation? rest)
    {
        if (!AreBreaksClosing(switchStatement))
        {
            Continue(rest);
            return;
        }
        var value = LowerExpression(switchStatement.Value, flatten: false);
        // A variable, which a 'case var a' pattern can name.
        if (value is not VariableRef)
        {
            var switched = NewVariable("switched", value.Type, VariableRole.Temporary);
            block.Add(new Assign(switched, value));
            value = new VariableRef(switched);
        }

        var sections = new List<SwitchSection>();
        var fallback = ImmutableArray<IOperation>.Empty;
        foreach (var section in switchStatement.Cases)
        {
            var body = WithoutClosingBreak(section.Body, switchStatement.ExitLabel);
            if (section.Clauses.Any(clause => clause is IDefaultCaseClauseOperation))
            {
                fallback = body;
                continue;
            }
            var conditions = section.Clauses.Select(clause => ClauseMatches(clause, value)).ToList();
            var condition = conditions.Skip(1).Aggregate(conditions[0], (taken, next) => new Binary(BinaryOperator.ConditionalOr, taken, next, IrType.Bool));
            sections.Add(new SwitchSection(condition, body));
        }

        LowerThrowingSections(sections, ref fallback);

        LowerSectionsFrom(0);

        // Each section is the then-arm of an if whose else-arm holds the sections after it.
        void LowerSectionsFrom(int index)
        {
            if (index == sections.Count)
            {
                LowerSequence(fallback, 0, rest);
                return;
            }
            System.Action section = () => LowerSequence(sections[index].Body, 0, rest);
            if (rest is null)
                LowerBranch(sections[index].Condition, section, () => LowerSectionsFrom(index + 1));
            else
                LowerJumpingBranch(sections[index].Condition, section, () => LowerSectionsFrom(index + 1));
        }
    }

    /// <summary>Whether <paramref name="value"/> matches a case label: a constant, or a pattern with its <c>when</c> guard.</summary>
    private IrExpression ClauseMatches(ICaseClauseOperation clause, IrExpression value)
    {
        switch (clause)
        {
            case ISingleValueCaseClauseOperation { Value: var constant } when constant.ConstantValue is { HasValue: true, Value: not (double.NaN or float.NaN) }:
                return new Binary(BinaryOperator.Equal, value, ConvertTo(LowerExpression(constant, flatten: false), value.Type), IrType.Bool);
            case IPatternCaseClauseOperation { Pattern: var pattern, Guard: var guard }:
                var matches = LowerPattern(pattern, value);
                return guard is null ? matches : new Binary(BinaryOperator.ConditionalAnd, matches, LowerExpression(guard, flatten: false), IrType.Bool);
            default:
                return Unsupported(clause, "case label", "use constants, relational patterns (case < 0:), and/or/not, and default");
        }
    }

    /// <summary>
    /// A <c>break</c> of the switch is taken only as the last statement of its section: one before it (<c>if (c) break;</c>)
    /// would leave the section halfway, which the if chain cannot express. Reported where it is.
    /// </summary>
    private bool AreBreaksClosing(ISwitchOperation switchStatement)
    {
        var closing = switchStatement.Cases.Select(section => ClosingBreak(section.Body, switchStatement.ExitLabel)).OfType<IOperation>().ToImmutableHashSet();
        var early = switchStatement.Cases.SelectMany(section => section.Body).SelectMany(statement => statement.DescendantsAndSelf())
            .OfType<IBranchOperation>()
            .FirstOrDefault(branch => branch.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(branch.Target, switchStatement.ExitLabel) && !closing.Contains(branch));
        if (early is null)
            return true;
        ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, early.Syntax, "break before the end of a switch section",
            "end the section there (move what follows into an else), or return");
        return false;
    }

    /// <summary>The section's statements without its closing break, which may end a block (<c>case 1: { …; break; }</c>).</summary>
    private static ImmutableArray<IOperation> WithoutClosingBreak(ImmutableArray<IOperation> body, ILabelSymbol exit) => body.LastOrDefault() switch
    {
        IBranchOperation last when last == ClosingBreak(body, exit) => body.RemoveAt(body.Length - 1),
        IBlockOperation last => body.RemoveAt(body.Length - 1).AddRange(WithoutClosingBreak(last.Operations, exit)),
        _ => body,
    };

    /// <summary>The break of the switch that ends a section, at its end or at the end of the block it ends with.</summary>
    private static IBranchOperation? ClosingBreak(ImmutableArray<IOperation> body, ILabelSymbol exit) => body.LastOrDefault() switch
    {
        IBranchOperation { BranchKind: BranchKind.Break } last when SymbolEqualityComparer.Default.Equals(last.Target, exit) => last,
        IBlockOperation last => ClosingBreak(last.Operations, exit),
        _ => null,
    };
}
