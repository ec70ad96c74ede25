using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// <see cref="LoopDependences"/> on hand-built loops, and the passes that reorder loops asking it:
/// <see cref="LoopFusion"/> and the <see cref="Vectorizer"/> leave scans alone and still take reductions.
/// </summary>
public sealed class LoopDependenceTests
{
    private static readonly IrVariable X = new(0, "x", IrType.ReadOnlySpanOfDouble, VariableRole.Parameter);
    private static readonly IrVariable Y = new(1, "y", IrType.SpanOfDouble, VariableRole.Parameter);
    private static readonly IrVariable I = new(2, "i", IrType.Int, VariableRole.Local);
    private static readonly IrVariable S = new(3, "s", IrType.Double, VariableRole.Local);
    private static readonly IrVariable T = new(4, "t", IrType.Double, VariableRole.Temporary);
    private static readonly IrVariable SBar = new(5, "sBar", IrType.Double, VariableRole.Adjoint);
    private static readonly IrVariable XBar = new(6, "xBar", IrType.SpanOfDouble, VariableRole.Adjoint);
    private static readonly IrVariable YBar = new(7, "yBar", IrType.ReadOnlySpanOfDouble, VariableRole.Adjoint);
    private static readonly IrVariable Flag = new(8, "flag", IrType.Bool, VariableRole.Parameter);
    private static readonly IrVariable I2 = new(9, "i2", IrType.Int, VariableRole.Local);
    private static readonly IrVariable ABar = new(10, "aBar", IrType.Double, VariableRole.Adjoint);

    private static VariableRef Ref(IrVariable variable) => new(variable);

    private static IrExpression Int(long value) => Constant.Of(IrType.Int, value);

    private static IrExpression Add(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Add, a, b, a.Type);

    private static IrExpression Sub(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Subtract, a, b, a.Type);

    private static IrExpression Mul(IrExpression a, IrExpression b) => new Binary(BinaryOperator.Multiply, a, b, a.Type);

    private static IrExpression At(IrVariable span, IrExpression index) => new ElementRead(span, index);

    private static IrExpression Max(IrExpression a, IrExpression b) => new IntrinsicCall(Intrinsic.Max, EquatableArray.Create(a, b), IrType.Double);

    /// <summary><c>for (i = 0; i &lt; x.Length; i++) body</c>, carrying <paramref name="carried"/>.</summary>
    private static CountedLoop Up(IrVariable counter, IEnumerable<IrStatement> body, params IrVariable[] carried)
        => new(counter, Int(0), new SpanLength(X), 1, Inclusive: false, IrBlock.From(body), EquatableArray.Create(carried));

    /// <summary><c>for (i = x.Length - 1; i &gt;= 0; i--) body</c>.</summary>
    private static CountedLoop Down(IrVariable counter, IEnumerable<IrStatement> body)
        => new(counter, Sub(new SpanLength(X), Int(1)), Int(0), -1, Inclusive: true, IrBlock.From(body), EquatableArray<IrVariable>.Empty);

    private static LoopDependences Analyze(CountedLoop loop, params IrVariable[] readOutside) => LoopDependences.Of(loop, ReadsOutside.Of(readOutside));

    [Fact]
    public void A_sum_is_a_reduction()
    {
        var dependences = Analyze(Up(I, [new Assign(S, Add(Ref(S), At(X, Ref(I))))], S), S);
        Assert.True(dependences.MayReorder);
        var reduction = Assert.Single(dependences.Reductions);
        Assert.Equal((S, ReductionOperator.Sum), (reduction.Target, reduction.Operator));
        Assert.Equal(At(X, Ref(I)), reduction.Term);
    }

    [Fact]
    public void An_accumulation_into_an_outside_variable_read_nowhere_else_is_a_reduction()
    {
        var dependences = Analyze(Up(I, [new AddAssign(ABar, Mul(Ref(SBar), At(X, Ref(I)))), new ElementAssign(XBar, Ref(I), Ref(SBar), Accumulate: true)]), ABar);
        Assert.True(dependences.MayReorder);
        Assert.Equal(ABar, Assert.Single(dependences.Reductions).Target);
    }

    [Fact]
    public void A_sum_through_a_temporary_copied_back_is_a_reduction()
    {
        var dependences = Analyze(Up(I, [new Assign(T, Add(Ref(S), At(X, Ref(I)))), new Assign(S, Ref(T))], S), S);
        Assert.True(dependences.MayReorder);
        Assert.Equal(2, Assert.Single(dependences.Reductions).Updates.Count);
    }

    [Fact]
    public void A_running_maximum_is_a_reduction_until_it_is_written_out()
    {
        var reduction = Analyze(Up(I, [new Assign(S, Max(Ref(S), At(X, Ref(I))))], S), S);
        Assert.Equal(ReductionOperator.Max, Assert.Single(reduction.Reductions).Operator);

        var scan = Analyze(Up(I, [new Assign(S, Max(Ref(S), At(X, Ref(I)))), new ElementAssign(Y, Ref(I), Ref(S), Accumulate: false)], S), S);
        Assert.False(scan.MayReorder);
        Assert.Equal(S, Assert.Single(scan.Carried));
    }

    /// <summary>The prefix sum's reverse loop: sBar is an accumulated adjoint, not in Carried, but read before its write.</summary>
    [Fact]
    public void The_prefix_sums_adjoint_carries_its_running_cotangent()
    {
        var loop = Down(I, [
            new Assign(T, Add(Ref(SBar), At(YBar, Ref(I)))),
            new Assign(SBar, Ref(T)),
            new ElementAssign(XBar, Ref(I), Ref(T), Accumulate: true),
        ]);
        Assert.Empty(loop.Carried);
        var dependences = Analyze(loop);
        Assert.False(dependences.MayReorder);
        Assert.Equal(SBar, Assert.Single(dependences.Carried));
        Assert.Empty(dependences.Reductions);
        Assert.Empty(dependences.Memory);
    }

    [Fact]
    public void An_accumulation_also_read_in_the_body_is_carried()
    {
        var dependences = Analyze(Up(I, [new AddAssign(SBar, At(YBar, Ref(I))), new ElementAssign(XBar, Ref(I), Ref(SBar), Accumulate: true)]));
        Assert.Equal(SBar, Assert.Single(dependences.Carried));

        // So is one whose term reads itself. (A loop whose condition reads a value its body writes is a general
        // loop, which no pass reorders.)
        Assert.Equal(SBar, Assert.Single(Analyze(Up(I, [new AddAssign(SBar, Mul(Ref(SBar), At(YBar, Ref(I))))])).Carried));
    }

    [Fact]
    public void A_value_written_in_the_body_and_read_after_the_loop_is_the_last_iterations()
    {
        var body = new IrStatement[] { new Assign(T, Mul(At(X, Ref(I)), At(X, Ref(I)))), new ElementAssign(Y, Ref(I), Ref(T), Accumulate: false) };
        Assert.True(Analyze(Up(I, body)).MayReorder);
        var dependences = Analyze(Up(I, body), T);
        Assert.False(dependences.MayReorder);
        Assert.Equal(T, Assert.Single(dependences.LastValues));
    }

    [Fact]
    public void A_value_written_on_one_arm_only_may_come_from_an_earlier_iteration()
    {
        IrStatement oneArm = new If(Ref(Flag), IrBlock.From([new Assign(T, At(X, Ref(I)))]), IrBlock.Empty);
        IrStatement bothArms = new If(Ref(Flag), IrBlock.From([new Assign(T, At(X, Ref(I)))]), IrBlock.From([new Assign(T, Constant.Of(IrType.Double, 0))]));
        IrStatement use = new ElementAssign(Y, Ref(I), Ref(T), Accumulate: false);
        Assert.Equal(T, Assert.Single(Analyze(Up(I, [oneArm, use])).Carried));
        Assert.True(Analyze(Up(I, [bothArms, use])).MayReorder);
    }

    [Fact]
    public void A_ref_argument_reads_and_writes_its_variable()
    {
        var call = new MethodCall("global::Demo.C", "Step", EquatableArray.Create(new Argument(At(X, Ref(I))), new Argument(Ref(S), ArgumentKind.Ref)), IrType.Void);
        Assert.Equal(S, Assert.Single(Analyze(Up(I, [new ExpressionStatement(call)])).Carried));

        var output = call with { Arguments = EquatableArray.Create(new Argument(At(X, Ref(I))), new Argument(Ref(S), ArgumentKind.Out)) };
        Assert.True(Analyze(Up(I, [new ExpressionStatement(output), new ElementAssign(Y, Ref(I), Ref(S), Accumulate: false)])).MayReorder);
    }

    [Fact]
    public void Elements_at_another_index_than_the_counters_are_dependences()
    {
        // y[i] = x[i]; y[i] += y[i − 1]: reads what the previous iteration wrote.
        var readBack = Analyze(Up(I, [
            new ElementAssign(Y, Ref(I), At(X, Ref(I)), Accumulate: false),
            new ElementAssign(Y, Ref(I), At(Y, Sub(Ref(I), Int(1))), Accumulate: true),
        ]));
        Assert.Equal(Y, Assert.Single(readBack.Memory));

        // y[i + 1] = x[i], read back at i + 1: one element per iteration, wherever it is.
        Assert.True(Analyze(Up(I, [new ElementAssign(Y, Add(Ref(I), Int(1)), At(X, Ref(I)), Accumulate: false),
            new ElementAssign(Y, Add(Ref(I), Int(1)), Constant.Of(IrType.Double, 1), Accumulate: true)])).MayReorder);

        // y[2·i]: not proved one element per iteration, so a dependence.
        Assert.Equal(Y, Assert.Single(Analyze(Up(I, [new ElementAssign(Y, Mul(Ref(I), Int(2)), At(X, Ref(I)), Accumulate: false)])).Memory));

        // Reading a span nobody writes, anywhere, is not.
        Assert.True(Analyze(Up(I, [new ElementAssign(Y, Ref(I), At(X, Sub(Ref(I), Int(1))), Accumulate: false)])).MayReorder);
    }

    [Fact]
    public void A_span_passed_to_a_call_is_accessed_whole()
    {
        var call = new MethodCall("global::Demo.C", "FAdjoint", EquatableArray.Create(new Argument(Ref(X)), new Argument(Ref(XBar))), IrType.Void);
        var dependences = Analyze(Up(I, [new ExpressionStatement(call), new ElementAssign(XBar, Ref(I), Constant.Of(IrType.Double, 1), Accumulate: true)]));
        Assert.Equal(XBar, Assert.Single(dependences.Memory));
    }

    /// <summary>The prefix sum's adjoint before fusion: a forward loop, then the reverse loop that carries sBar.</summary>
    private static IrMethod PrefixSumAdjoint(IEnumerable<IrStatement> reverseBody, params IrVariable[] extraParameters)
    {
        var body = new List<IrStatement>
        {
            new Assign(S, Constant.Of(IrType.Double, 0)),
            Up(I, [new Assign(T, Add(Ref(S), At(X, Ref(I)))), new ElementAssign(Y, Ref(I), Ref(T), Accumulate: false), new Assign(S, Ref(T))], S),
            new Assign(SBar, Constant.Of(IrType.Double, 0)),
            Down(I2, reverseBody),
        };
        var parameters = new[] { X, XBar, Y, YBar }.Concat(extraParameters)
            .Select(variable => new IrParameter(variable, false, variable.Type.IsSpan() ? ParameterKind.Value : ParameterKind.Ref));
        return new IrMethod("PrefixSumAdjoint", IrType.Void, parameters.ToEquatableArray(), IrBlock.From(body), 100);
    }

    [Fact]
    public void Loop_fusion_leaves_a_scan_running_backwards_and_still_fuses_a_reduction()
    {
        var t2 = new IrVariable(11, "sBar2", IrType.Double, VariableRole.Adjoint);
        var scan = PrefixSumAdjoint([
            new Assign(t2, Add(Ref(SBar), At(YBar, Ref(I2)))),
            new Assign(SBar, Ref(t2)),
            new ElementAssign(XBar, Ref(I2), Ref(t2), Accumulate: true),
        ]);
        Assert.Equal(2, LoopFusion.Apply(IndependentLoops.Mark(scan)).Body.Statements.OfType<CountedLoop>().Count());

        // xBar[i] += yBar[i]; aBar += yBar[i]·x[i]: independent iterations and a sum, fused into the forward loop.
        var independent = PrefixSumAdjoint([
            new ElementAssign(XBar, Ref(I2), At(YBar, Ref(I2)), Accumulate: true),
            new AddAssign(ABar, Mul(At(YBar, Ref(I2)), At(X, Ref(I2)))),
        ], ABar);
        Assert.Single(LoopFusion.Apply(IndependentLoops.Mark(independent)).Body.Statements.OfType<CountedLoop>());
    }

    private static IrMethod WithLoop(CountedLoop loop, IEnumerable<IrStatement>? after = null, params IrVariable[] extraParameters)
    {
        var body = new List<IrStatement> { new Assign(S, Constant.Of(IrType.Double, 0)), loop };
        body.AddRange(after ?? []);
        var parameters = new[] { X, Y, YBar, XBar }.Concat(extraParameters)
            .Select(variable => new IrParameter(variable, false, variable.Type.IsSpan() ? ParameterKind.Value : ParameterKind.Ref));
        return new IrMethod("M", IrType.Void, parameters.ToEquatableArray(), IrBlock.From(body), 100);
    }

    private static bool HasVectorPath(IrMethod method) => Vectorizer.Apply(IndependentLoops.Mark(method)).Body.Flatten().Any(statement => statement is VectorStore || statement.Expressions().Any(expression => expression.Contains(node => node is SimdEnabled)));

    [Fact]
    public void The_vectorizer_leaves_scans_scalar_and_still_takes_reductions()
    {
        // A tangent's prefix sum: sDot carried and written out.
        Assert.False(HasVectorPath(WithLoop(Up(I, [new Assign(T, Add(Ref(S), At(X, Ref(I)))), new ElementAssign(Y, Ref(I), Ref(T), Accumulate: false), new Assign(S, Ref(T))], S))));
        // The adjoint's: an accumulated cotangent read in the body.
        Assert.False(HasVectorPath(WithLoop(Up(I, [new AddAssign(SBar, At(YBar, Ref(I))), new ElementAssign(XBar, Ref(I), Ref(SBar), Accumulate: true)]), extraParameters: SBar)));
        // A temporary the code after the loop reads: the vector path would leave it unset.
        Assert.False(HasVectorPath(WithLoop(Up(I, [new Assign(T, Mul(At(X, Ref(I)), At(X, Ref(I)))), new ElementAssign(Y, Ref(I), Ref(T), Accumulate: false)]),
            [new Assign(S, Ref(T))], S)));

        Assert.True(HasVectorPath(WithLoop(Up(I, [new Assign(S, Add(Ref(S), Mul(At(X, Ref(I)), At(X, Ref(I)))))], S), extraParameters: S)));
        Assert.True(HasVectorPath(WithLoop(Up(I, [new AddAssign(ABar, Mul(At(YBar, Ref(I)), At(X, Ref(I)))), new ElementAssign(XBar, Ref(I), At(YBar, Ref(I)), Accumulate: true)]), extraParameters: ABar)));
    }
}
