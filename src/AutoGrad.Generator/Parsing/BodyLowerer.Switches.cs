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
        if (rest is null)
            LowerSectionsFrom(0);
        else
            LowerJumpingSectionsFrom(0);

        void LowerSectionsFrom(int index)
        {
            if (index == sections.Count)
            {
                LowerSequence(fallback, 0, null);
                return;
            }
            var before = environment;
            var (thenBlock, thenEnvironment) = LowerArm(() => LowerSequence(sections[index].Body, 0, null), before);
            var (elseBlock, elseEnvironment) = LowerArm(() => LowerSectionsFrom(index + 1), before);
            environment = before.Clone();
            block.AddRange(MergeLocals(thenEnvironment, elseEnvironment, thenBlock, elseBlock));
            block.Add(new If(sections[index].Condition, IrBlock.From(thenBlock), IrBlock.From(elseBlock)));
        }

        void LowerJumpingSectionsFrom(int index)
        {
            if (index == sections.Count)
            {
                LowerSequence(fallback, 0, rest);
                return;
            }
            var before = environment;
            var whenTrue = LowerArm(() => LowerSequence(sections[index].Body, 0, rest), before);
            var whenFalse = LowerArm(() => LowerJumpingSectionsFrom(index + 1), before);
            JoinJumpingArms(sections[index].Condition, before, whenTrue, whenFalse);
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
        var closing = switchStatement.Cases.Select(section => ClosingBreak(section.Body)).OfType<IOperation>().ToImmutableHashSet();
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
        IBranchOperation { BranchKind: BranchKind.Break } last when SymbolEqualityComparer.Default.Equals(last.Target, exit) => body.RemoveAt(body.Length - 1),
        IBlockOperation last => body.RemoveAt(body.Length - 1).AddRange(WithoutClosingBreak(last.Operations, exit)),
        _ => body,
    };

    private static IBranchOperation? ClosingBreak(ImmutableArray<IOperation> body) => body.LastOrDefault() switch
    {
        IBranchOperation { BranchKind: BranchKind.Break } last => last,
        IBlockOperation last => ClosingBreak(last.Operations),
        _ => null,
    };
}
