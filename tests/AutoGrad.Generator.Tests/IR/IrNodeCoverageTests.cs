using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using Xunit;
using Convert = AutoGrad.Generator.IR.Convert;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>
/// Every IR walk against the fields of every node kind, read by reflection: a kind the walks do not
/// list, or a field a walk forgets (as renaming once forgot BindStart, VectorStore, MatMulInto and
/// VectorLoad), fails here rather than silently in a pass. Adding a node kind means adding its sample.
/// </summary>
public sealed class IrNodeCoverageTests
{
    private static int nextId = 1;

    private static IrVariable Variable(IrType type) => new(nextId, $"v{nextId++}", type, VariableRole.Local);

    private static VariableRef Read(IrType type) => new(Variable(type));

    private static IrBlock Block(params IrStatement[] statements) => IrBlock.From(statements);

    /// <summary>One of each expression kind, every field filled with its own variables.</summary>
    private static IEnumerable<IrExpression> ExpressionSamples()
    {
        var target = new DifferentiableTarget("global::P", "G", "M:P.G(System.Double)", EquatableArray.Create(true), EquatableArray.Create(false));
        yield return Constant.Of(IrType.Double, 1.5);
        yield return Read(IrType.Double);
        yield return new FieldRef("global::P", "Table", IrType.ReadOnlySpanOfDouble);
        yield return new Unary(UnaryOperator.Negate, Read(IrType.Double), IrType.Double);
        yield return new Binary(BinaryOperator.Add, Read(IrType.Double), Read(IrType.Double), IrType.Double);
        yield return new Conditional(Read(IrType.Bool), Read(IrType.Double), Read(IrType.Double), IrType.Double);
        yield return new Convert(Read(IrType.Int), IrType.Double);
        yield return new IntrinsicCall(Intrinsic.Sin, EquatableArray.Create<IrExpression>(Read(IrType.Double)), IrType.Double);
        yield return new MatrixCall(MatrixFunction.Add, EquatableArray.Create<IrExpression>(Read(IrType.MatrixOfDouble), Read(IrType.MatrixOfDouble)), IrType.MatrixOfDouble);
        yield return new DifferentiableCall(target, EquatableArray.Create<IrExpression>(Read(IrType.Double)), IrType.Double);
        yield return new MethodCall("global::P", "GAdjoint",
            EquatableArray.Create(new Argument(Read(IrType.Double)), new Argument(Read(IrType.Double), ArgumentKind.Ref), new Argument(Read(IrType.Double), ArgumentKind.Out)),
            IrType.Double, target);
        yield return new ElementRead(Variable(IrType.ReadOnlySpanOfDouble), Read(IrType.Int));
        yield return new SpanLength(Variable(IrType.ReadOnlySpanOfDouble));
        yield return new Slice(Variable(IrType.SpanOfDouble), Read(IrType.Int), Read(IrType.Int));
        yield return new ZeroSpan(Read(IrType.Int), IrType.SpanOfDouble);
        yield return new VectorLoad(Variable(IrType.ReadOnlySpanOfDouble), Read(IrType.Int));
        yield return new Broadcast(Read(IrType.Double));
        yield return new VectorSum(Read(IrType.Vector256OfDouble));
        yield return new VectorExtremum(true, Read(IrType.Vector256OfDouble));
        yield return new SimdEnabled();
    }

    /// <summary>One of each statement kind, every field filled with its own variables.</summary>
    private static IEnumerable<IrStatement> StatementSamples()
    {
        var apply = new IrMethod("Apply", IrType.Void, EquatableArray<IrParameter>.Empty, IrBlock.Empty, 1);
        var epilogue = new GemmEpilogue("Epilogue", EquatableArray.Create(Variable(IrType.MatrixOfDouble)), Variable(IrType.Int), apply);
        yield return new Declare(Variable(IrType.Double));
        yield return new Assign(Variable(IrType.Double), Read(IrType.Double));
        yield return new AddAssign(Variable(IrType.Double), Read(IrType.Double));
        yield return new ExpressionStatement(new MethodCall("global::P", "H", EquatableArray.Create(new Argument(Read(IrType.Double), ArgumentKind.Ref)), IrType.Void));
        yield return new If(Read(IrType.Bool), Block(new Assign(Variable(IrType.Double), Read(IrType.Double))), Block(new Assign(Variable(IrType.Double), Read(IrType.Double))));
        yield return new Return(Read(IrType.Double));
        yield return new ElementAssign(Variable(IrType.SpanOfDouble), Read(IrType.Int), Read(IrType.Double), Accumulate: true);
        var carried = Variable(IrType.Double);
        yield return new Loop(Read(IrType.Bool), Block(new Assign(carried, Read(IrType.Double))), EquatableArray.Create(carried));
        var carriedByCounted = Variable(IrType.Double);
        yield return new CountedLoop(Variable(IrType.Int), Read(IrType.Int), Read(IrType.Int), 1, false,
            Block(new Assign(carriedByCounted, Read(IrType.Double))), EquatableArray.Create(carriedByCounted));
        yield return new Store(Variable(IrType.ArrayOfDouble), Read(IrType.Int), Read(IrType.Double));
        yield return new RentBuffer(Variable(IrType.SpanOfDouble), Variable(IrType.ArrayOfDouble), Read(IrType.Int));
        yield return new BindStart(Variable(IrType.Double), Variable(IrType.SpanOfDouble));
        yield return new VectorStore(Variable(IrType.SpanOfDouble), Read(IrType.Int), Read(IrType.Vector256OfDouble));
        yield return new ClearSpan(new Slice(Variable(IrType.SpanOfDouble), Read(IrType.Int), Read(IrType.Int)));
        yield return new CopyIntoBuffer(Variable(IrType.ArrayOfDouble), Variable(IrType.ReadOnlySpanOfDouble));
        yield return new Require(Read(IrType.Bool), "x", "too short", EquatableArray.Create(new SpanCovers(Variable(IrType.SpanOfDouble), Variable(IrType.SpanOfDouble))));
        yield return new MatMulInto(Variable(IrType.MatrixOfDouble), Variable(IrType.MatrixOfDouble), false, Variable(IrType.MatrixOfDouble), true, epilogue,
            EquatableArray.Create(Variable(IrType.MatrixOfDouble)));
    }

    public static TheoryData<string> ExpressionKinds => [.. ExpressionSamples().Select(sample => sample.GetType().Name)];

    public static TheoryData<string> StatementKinds => [.. StatementSamples().Select(sample => sample.GetType().Name)];

    private static IrExpression ExpressionSample(string kind) => ExpressionSamples().Single(sample => sample.GetType().Name == kind);

    private static IrStatement StatementSample(string kind) => StatementSamples().Single(sample => sample.GetType().Name == kind);

    [Fact]
    public void Every_node_kind_has_a_sample()
    {
        static IEnumerable<string> Kinds<T>() => typeof(T).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(T)) && !type.IsAbstract).Select(type => type.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Kinds<IrExpression>(), ExpressionSamples().Select(sample => sample.GetType().Name).Order(StringComparer.Ordinal));
        Assert.Equal(Kinds<IrStatement>(), StatementSamples().Select(sample => sample.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExpressionKinds))]
    public void Children_are_every_expression_field(string kind)
    {
        var sample = ExpressionSample(kind);
        Assert.Equal(DirectExpressions(sample).ToHashSet(ReferenceEqualityComparer.Instance), sample.Children().ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Theory]
    [MemberData(nameof(ExpressionKinds))]
    public void Rewrite_visits_every_node_and_keeps_an_unchanged_one(string kind)
    {
        var sample = ExpressionSample(kind);
        var visited = new List<IrExpression>();
        var same = sample.Rewrite(node =>
        {
            visited.Add(node);
            return node;
        });
        Assert.Same(sample, same);
        // ref/out arguments are storage, never rewritten.
        var expected = sample is MethodCall call ? 1 + call.Arguments.Count(argument => argument.Kind == ArgumentKind.Value) : 1 + sample.Children().Count();
        Assert.Equal(expected, visited.Count);
    }

    [Theory]
    [MemberData(nameof(ExpressionKinds))]
    public void Renaming_reaches_every_variable_of_an_expression(string kind)
    {
        var sample = ExpressionSample(kind);
        var renaming = VariablesIn(sample).Distinct().ToDictionary(variable => variable, variable => variable with { Id = variable.Id + 100_000 });
        var renamed = sample.Rename(renaming);
        Assert.DoesNotContain(VariablesIn(renamed), renaming.ContainsKey);
    }

    [Theory]
    [MemberData(nameof(StatementKinds))]
    public void Renaming_reaches_every_variable_of_a_statement(string kind)
    {
        var sample = StatementSample(kind);
        var renaming = VariablesIn(sample).Distinct().ToDictionary(variable => variable, variable => variable with { Id = variable.Id + 100_000 });
        var renamed = sample.Rename(renaming);
        Assert.DoesNotContain(VariablesIn(renamed), renaming.ContainsKey);
        Assert.Equal(kind, renamed.GetType().Name);
    }

    [Theory]
    [MemberData(nameof(StatementKinds))]
    public void Expressions_and_blocks_are_every_field(string kind)
    {
        var sample = StatementSample(kind);
        var expressions = sample.Expressions().ToHashSet(ReferenceEqualityComparer.Instance);
        Assert.Subset(expressions, DirectExpressions(sample).ToHashSet(ReferenceEqualityComparer.Instance));
        var blocks = Fields(sample).OfType<IrBlock>().ToList();
        Assert.Equal(blocks, sample.Blocks());
        Assert.Same(sample, sample.MapBlocks(block => block));
        Assert.Same(sample, sample.MapExpressions(expression => expression));
    }

    [Theory]
    [MemberData(nameof(StatementKinds))]
    public void Every_variable_of_a_statement_is_read_written_or_declared(string kind)
    {
        var sample = StatementSample(kind);
        var accounted = sample.Reads().Concat(sample.Writes()).ToHashSet();
        var unaccounted = VariablesIn(sample).Where(variable => !accounted.Contains(variable)).ToList();
        // A declaration only names its variable; a check's guarantees are facts about spans, not uses.
        if (sample is Declare declare)
            unaccounted.Remove(declare.Variable);
        if (sample is Require require)
            unaccounted.RemoveAll(variable => require.Guarantees.Any(fact => fact.Covering == variable || fact.Indexed == variable));
        Assert.Empty(unaccounted);
    }

    [Theory]
    [MemberData(nameof(StatementKinds))]
    public void Every_other_walk_takes_every_statement(string kind)
    {
        var sample = StatementSample(kind);
        Assert.False(string.IsNullOrWhiteSpace(IrPrinter.Print(sample)));
        Assert.All(sample.SpanElementWrites(), span => Assert.True(span.Type.IsSpan()));
    }

    /// <summary>The public fields of a node (records: their positional properties), flattened through arrays.</summary>
    private static IEnumerable<object> Fields(object node)
    {
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Derived views (ClearSpan.Target, Argument.WrittenVariable, Constant.Value) repeat a field.
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null)
                continue;
            var value = property.GetValue(node);
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                    yield return item;
            }
            else if (value is not null)
            {
                yield return value;
            }
        }
    }

    /// <summary>The expressions a node holds directly (arguments' values included).</summary>
    private static IEnumerable<IrExpression> DirectExpressions(object node)
        => Fields(node).SelectMany(field => field switch
        {
            IrExpression expression => [expression],
            Argument argument => [argument.Value],
            _ => Enumerable.Empty<IrExpression>(),
        });

    /// <summary>Every variable a node mentions, nested nodes included (not an epilogue's own scope).</summary>
    private static IEnumerable<IrVariable> VariablesIn(object node)
        => Fields(node).SelectMany(field => field switch
        {
            IrVariable variable => [variable],
            IrExpression or IrStatement or IrBlock or Argument or SpanCovers => VariablesIn(field),
            _ => Enumerable.Empty<IrVariable>(),
        });
}
