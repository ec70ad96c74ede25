using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Reverse mode without a tape. The adjoint runs the primal as a forward sweep and then a reverse
/// sweep that visits the assignments backwards, adding <c>vBar·∂op/∂a</c> into <c>aBar</c>.
/// <list type="bullet">
/// <item>Outside loops, single-assignment form keeps every value in a local: nothing is stored.
/// Branches are replayed from the condition the forward sweep saved.</item>
/// <item>A loop is run backwards iteration by iteration. Each reverse iteration recomputes the
/// iteration's values from what it starts with; what it starts with — the carried values, and
/// outputs read back — is the only thing kept, in pooled buffers indexed by the iteration, and
/// only when the reverse sweep reads it (the simplifier drops the rest). So <c>s += f(x[i])</c>
/// keeps nothing. See docs/how-it-works.md.</item>
/// <item>A top-level loop whose iterations only add into sums runs once, each iteration followed by its reverse
/// statements, when nothing before the reverse sweep needs the sums (<see cref="OneSweepLoops"/>).</item>
/// <item>A call to a differentiable method becomes a call of its <c>Adjoint</c>, which recomputes
/// the callee's own values.</item>
/// </list>
/// The method gains <c>ref pBar</c> (for a span, a writable <c>Span&lt;T&gt; pBar</c>; for an output,
/// the <c>ReadOnlySpan&lt;T&gt;</c> of its incoming cotangent) after each active parameter, and,
/// unless void, <c>resultBar = 1</c> last.
/// </summary>
public sealed partial class ReverseTransform
{
    public const string ResultAdjointName = "resultBar";

    private readonly IrMethod primal;
    private readonly ActivityAnalysis activity;
    private readonly VariableFactory variables;
    private readonly DerivativeVariables adjoints;
    private readonly HashSet<IrVariable> declaredAhead = [];
    private readonly HashSet<IrVariable> carried = [];
    private readonly Dictionary<IrVariable, IrExpression> spanAdjointSlices = [];
    private readonly Dictionary<IrType, IrVariable> discards = [];
    private readonly Dictionary<IrVariable, IrVariable> outputCotangents = [];
    private readonly IrVariable resultAdjoint;

    private ReverseTransform(IrMethod primal, ActivityAnalysis activity)
    {
        this.primal = primal;
        this.activity = activity;
        variables = new VariableFactory(primal.NextVariableId);
        adjoints = new DerivativeVariables(variables, "Bar", VariableRole.Adjoint, AdjointType);
        resultAdjoint = variables.Create(ResultAdjointName, primal.ReturnType, VariableRole.Adjoint);
        foreach (var loop in primal.Body.Flatten().OfType<Loop>())
            carried.UnionWith(loop.Carried);
        foreach (var loop in primal.Body.Flatten().OfType<CountedLoop>())
            carried.UnionWith(loop.Carried);
    }

    /// <summary>A span read gets a writable adjoint; an output span gets the read-only cotangent it receives.</summary>
    private static IrType AdjointType(IrType type) => type switch
    {
        IrType.ReadOnlySpanOfFloat => IrType.SpanOfFloat,
        IrType.ReadOnlySpanOfDouble => IrType.SpanOfDouble,
        IrType.SpanOfFloat => IrType.ReadOnlySpanOfFloat,
        IrType.SpanOfDouble => IrType.ReadOnlySpanOfDouble,
        _ => type,
    };

    public static IrMethod Apply(IrMethod primal, ActivityAnalysis activity)
    {
        var transform = new ReverseTransform(primal, activity);
        var parameters = transform.adjoints.InterleavedParameters(primal, ParameterKind.Ref);
        // Spans and matrices are passed by value: their elements are what is written.
        parameters = parameters.Select(parameter => parameter.Kind == ParameterKind.Ref && (parameter.Variable.Type.IsSpan() || parameter.Variable.Type.IsMatrix()) ? parameter with { Kind = ParameterKind.Value } : parameter).ToList();
        if (primal.ReturnType != IrType.Void)
        {
            // A scalar result's cotangent defaults to 1 (the gradient); a matrix result's must be given.
            var seedDefault = primal.ReturnType.IsFloatingPoint() ? DerivativeRules.One(primal.ReturnType) : null;
            parameters.Add(new IrParameter(transform.resultAdjoint, IsActive: false, ParameterKind.Value, seedDefault));
        }

        var statements = primal.Body.Statements;
        var ret = statements.Count > 0 ? statements[statements.Count - 1] as Return : null;
        var body = ret is null ? primal.Body : new IrBlock(statements.Take(statements.Count - 1).ToEquatableArray());
        var seed = new List<IrStatement>();
        if (ret?.Value is VariableRef result && activity.IsActive(result.Variable))
        {
            // A matrix result's cotangent must have its shape: added in, a smaller one would be broadcast.
            if (result.Type.IsMatrix())
                seed.Add(MatrixDerivativeRules.ShapeCheck(transform.resultAdjoint, result.Variable, "the result"));
            seed.Add(new AddAssign(transform.AdjointOf(result.Variable), new VariableRef(transform.resultAdjoint)));
        }

        var output = new List<IrStatement>(transform.adjoints.PartnerLengthChecks(primal));
        output.AddRange(transform.OutputCotangentBuffers());
        var (forward, reverse) = transform.Sweep(body, seed, atTopLevel: true);
        foreach (var discarded in transform.discards.Values)
            output.Add(new Assign(discarded, DerivativeRules.Zero(discarded.Type)));
        output.AddRange(forward);
        output.AddRange(reverse);
        if (ret is not null)
            output.Add(ret);
        return new IrMethod(primal.Name + "Adjoint", primal.ReturnType, parameters.ToEquatableArray(), IrBlock.From(output), transform.variables.NextId);
    }

    /// <summary>
    /// An output that is read back, accumulated into, or written more than once per element needs
    /// a writable copy of its cotangent: reading an element adds to it, overwriting it takes it.
    /// An output written once per element reads its cotangent directly.
    /// </summary>
    private IEnumerable<IrStatement> OutputCotangentBuffers()
    {
        foreach (var parameter in primal.Parameters.Where(parameter => parameter.IsActive && parameter.Variable.Type.IsWritableSpan()))
        {
            var output = parameter.Variable;
            if (OutputAccess.IsWrittenOncePerElement(primal.Body, output))
                continue;
            var buffer = variables.Create(output.Name + "BarCopy", output.Type.ElementType().ArrayOf(), VariableRole.Adjoint);
            outputCotangents[output] = buffer;
            yield return new CopyIntoBuffer(buffer, AdjointOf(output));
        }
    }

    /// <summary>
    /// A scratch buffer's cotangent: zeros of the buffer's length, rented beside it, which its reads add into and its
    /// writes take, as an output's writable cotangent copy (<see cref="OutputCotangentBuffers"/>) — nothing comes in
    /// from the caller, since the buffer dies with the call. Allocated where the buffer is, so it exists wherever the reverse sweep reaches a use.
    /// </summary>
    private RentBuffer ScratchCotangent(RentBuffer scratch)
    {
        var cotangent = variables.Create(scratch.Buffer.Name + "Bar", scratch.Buffer.Type, VariableRole.Adjoint);
        outputCotangents[scratch.Buffer] = cotangent;
        return scratch with { Buffer = cotangent, Pooled = variables.Create(scratch.Buffer.Name + "BarPooled", scratch.Pooled.Type, VariableRole.Adjoint) };
    }

    /// <summary>
    /// The forward sweep of a block and its reverse sweep. The reverse sweep starts by giving the
    /// adjoints of the variables the block defines their initial value — zero (the simplifier folds
    /// it into the first contribution), or for a span slice the same slice of the span's adjoint;
    /// <paramref name="seed"/> holds the first contribution (for the method's body: the result's cotangent).
    /// </summary>
    /// <param name="atTopLevel">The block is the method's own (not a branch or a loop body): a loop here may keep its values on the stack.</param>
    private (List<IrStatement> Forward, List<IrStatement> Reverse) Sweep(IrBlock block, IReadOnlyList<IrStatement> seed, bool atTopLevel)
    {
        var forward = new List<IrStatement>();
        var contributions = new List<List<IrStatement>>();
        var defined = new List<IrVariable>();
        // At the top level, which statement of the block each forward statement and contribution comes from, and each
        // loop's one-sweep form: what OneSweepLoops needs to run a loop's iterations once rather than in both sweeps.
        var forwardOrigins = new List<int>();
        var contributionOrigins = new List<int>();
        var oneSweepForms = new Dictionary<int, CountedLoop>();
        var position = -1;
        foreach (var statement in block.Statements)
        {
            position++;
            switch (statement)
            {
                case Declare declare:
                    forward.Add(declare);
                    declaredAhead.Add(declare.Variable);
                    if (activity.IsActive(declare.Variable))
                        defined.Add(declare.Variable);
                    break;
                case Assign assign:
                    // A callee's value read from a span written here: its adjoint gets the span as the call read it.
                    var savedSpans = activity.IsActive(assign.Target) && assign.Value is DifferentiableCall spanReader
                                     && spanReader.Arguments.Any(argument => argument.Type.IsWritableSpan())
                        ? SaveOutputs(spanReader, forward)
                        : null;
                    forward.Add(assign);
                    if (!activity.IsActive(assign.Target))
                        break;
                    if (declaredAhead.Add(assign.Target))
                        defined.Add(assign.Target);
                    if (assign.Value is Slice slice)
                        spanAdjointSlices[assign.Target] = slice with { Span = AdjointOf(slice.Span) };
                    else
                        contributions.Add(AdjointOf(assign, savedSpans));
                    break;
                case ExpressionStatement { Expression: DifferentiableCall call } outputCall:
                    if (ActivityAnalysis.OutputArguments(call).Any(activity.IsActive))
                    {
                        var saved = SaveOutputs(call, forward);
                        contributions.Add(AdjointOfOutputCall(call, saved));
                    }
                    forward.Add(outputCall);
                    break;
                case RentBuffer { Zeroed: true } scratch:
                    forward.Add(scratch);
                    if (activity.IsActive(scratch.Buffer))
                        forward.Add(ScratchCotangent(scratch));
                    break;
                case ClearSpan clear when outputCotangents.TryGetValue(clear.Target, out var clearedCotangent):
                    // A scratch buffer starting an iteration afresh: what it held has no cotangent left.
                    forward.Add(clear);
                    contributions.Add([new ClearSpan(new VariableRef(clearedCotangent))]);
                    break;
                case ElementAssign element:
                    forward.Add(element);
                    if (activity.IsActive(element.Span))
                        contributions.Add(AdjointOfWrite(element));
                    break;
                case If conditional:
                    var (thenForward, thenReverse) = Sweep(conditional.Then, [], atTopLevel: false);
                    var (elseForward, elseReverse) = Sweep(conditional.Else, [], atTopLevel: false);
                    var condition = conditional.Condition;
                    if (thenReverse.Count > 0 || elseReverse.Count > 0)
                    {
                        // The reverse sweep must take the branch the forward sweep took.
                        var taken = variables.Create("branchTaken", IrType.Bool, VariableRole.Temporary);
                        forward.Add(new Assign(taken, condition));
                        condition = new VariableRef(taken);
                        contributions.Add([new If(condition, IrBlock.From(thenReverse), IrBlock.From(elseReverse))]);
                    }
                    forward.Add(new If(condition, IrBlock.From(thenForward), IrBlock.From(elseForward)));
                    break;
                case Loop or CountedLoop:
                    var initialValues = LoopCounters.InitialValues(forward, forward.Count, statement);
                    var (setup, loopForward, loopReverse, oneSweep) = SweepLoop(statement, initialValues, atTopLevel);
                    // Counting and buffers are set up before the carried variables are, so the loop still reads as a for loop.
                    var setupAt = forward.Count - initialValues.Count;
                    forward.InsertRange(setupAt, setup);
                    if (atTopLevel)
                        forwardOrigins.InsertRange(setupAt, Enumerable.Repeat(position, setup.Count));
                    forward.AddRange(loopForward);
                    contributions.Add(loopReverse);
                    if (oneSweep is not null)
                        oneSweepForms[position] = oneSweep;
                    break;
                default:
                    forward.Add(statement);
                    break;
            }
            if (!atTopLevel)
                continue;
            forwardOrigins.AddRange(Enumerable.Repeat(position, forward.Count - forwardOrigins.Count));
            contributionOrigins.AddRange(Enumerable.Repeat(position, contributions.Count - contributionOrigins.Count));
        }

        var moved = atTopLevel ? OneSweepLoops(block, forward, forwardOrigins, contributions, contributionOrigins, oneSweepForms) : [];
        var reverse = new List<IrStatement>();
        foreach (var variable in defined)
        {
            var initial = spanAdjointSlices.TryGetValue(variable, out var slice) ? slice
                : variable.Type.IsMatrix() ? MatrixDerivativeRules.Zero(new VariableRef(variable))
                : DerivativeRules.Zero(variable.Type);
            reverse.Add(new Assign(AdjointOf(variable), initial));
        }
        reverse.AddRange(seed);
        for (var i = contributions.Count - 1; i >= 0; i--)
            reverse.AddRange(contributions[i]);
        reverse.AddRange(moved);
        return (forward, reverse);
    }

    /// <summary>The reverse-sweep statements of one active assignment.</summary>
    /// <param name="savedSpans">Copies of the spans written here that a called method read, as it read them (<see cref="SaveOutputs"/>).</param>
    private List<IrStatement> AdjointOf(Assign assign, Dictionary<IrVariable, IrVariable>? savedSpans)
    {
        var targetAdjoint = new VariableRef(AdjointOf(assign.Target));
        var statements = new List<IrStatement>();
        switch (assign.Value)
        {
            case DifferentiableCall call:
                statements.Add(new ExpressionStatement(AdjointCall(call, targetAdjoint, savedSpans)));
                break;
            case ElementRead read when activity.IsActive(read.Collection):
                statements.Add(AddToElement(read.Collection, read.Index, targetAdjoint));
                break;
            case var value when MatrixDerivativeRules.Applies(value):
                foreach (var (operand, contribution) in MatrixDerivativeRules.Adjoints(value, assign.Target, targetAdjoint))
                {
                    if (activity.IsActive(operand))
                        statements.Add(new AddAssign(AdjointOf(operand), contribution));
                }
                break;
            default:
                foreach (var partial in DerivativeRules.Of(assign.Value, assign.Target))
                {
                    if (!activity.IsActive(partial.Operand))
                        continue;
                    var contribution = DerivativeRules.Mul(targetAdjoint, partial.Derivative);
                    statements.Add(new AddAssign(AdjointOf(partial.Operand), ForwardTransform.ConvertIfNeeded(contribution, partial.Operand.Type)));
                }
                break;
        }
        // A carried variable is overwritten each iteration: the value it held has no adjoint left.
        if (carried.Contains(assign.Target))
            statements.Add(new Assign(AdjointOf(assign.Target), DerivativeRules.Zero(assign.Target.Type)));
        return statements;
    }

    /// <summary>The reverse of <c>y[i] = v</c> or <c>y[i] += v</c>: <c>v</c> receives the element's cotangent (which an overwrite then takes).</summary>
    private List<IrStatement> AdjointOfWrite(ElementAssign element)
    {
        var statements = new List<IrStatement>();
        if (outputCotangents.TryGetValue(element.Span, out var buffer))
        {
            if (element.Value is VariableRef { Variable: var value } && activity.IsActive(value))
                statements.Add(new AddAssign(AdjointOf(value), new ElementRead(buffer, element.Index)));
            if (!element.Accumulate)
                statements.Add(new ElementAssign(buffer, element.Index, DerivativeRules.Zero(buffer.Type.ElementType()), Accumulate: false));
        }
        else if (element.Value is VariableRef { Variable: var value } && activity.IsActive(value))
        {
            statements.Add(new AddAssign(AdjointOf(value), new ElementRead(AdjointOf(element.Span), element.Index)));
        }
        return statements;
    }

    /// <summary><c>xBar[i] += v</c> for a span read; for an output read back, into its cotangent copy.</summary>
    private IrStatement AddToElement(IrVariable span, IrExpression index, IrExpression value)
    {
        var target = outputCotangents.TryGetValue(span, out var buffer) ? buffer : AdjointOf(span);
        return new ElementAssign(target, index, value, Accumulate: true);
    }

    /// <summary><c>v = F(a, c)</c> becomes <c>FAdjoint(a, ref aBar, c, vBar)</c>, which adds into <c>aBar</c>.</summary>
    private MethodCall AdjointCall(DifferentiableCall call, IrExpression? resultAdjointValue, Dictionary<IrVariable, IrVariable>? savedOutputs = null)
    {
        var arguments = new List<Argument>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            var saved = savedOutputs is not null && argument.Type.IsWritableSpan() && IrTraversal.SpanOrVariable(argument) is { } output
                && savedOutputs.TryGetValue(output, out var copy) ? copy : null;
            arguments.Add(new Argument(saved is null ? argument : BufferSlice(argument, saved), EnumType: call.Target.EnumTypeOf(i)));
            if (!call.Target.ActiveParameters[i])
                continue;
            arguments.Add(AdjointArgument(argument));
        }
        if (resultAdjointValue is not null)
            arguments.Add(new Argument(resultAdjointValue));
        return new MethodCall(call.Target.ContainingType, call.Target.AdjointName, arguments.ToEquatableArray(), call.Type, AdjointOf: call.Target);
    }

    /// <summary>
    /// A call that writes outputs: its adjoint reads their cotangents (from this method's copy) and
    /// adds into the inputs' adjoints; the callee overwrote those elements, so their cotangents are then spent.
    /// <para>
    /// The rule for a span's cotangent: it is spent when the statement that overwrote the span is
    /// reversed, and not before; the statements after it that read the span are reversed first and add
    /// into it. So only the spans passed for the callee's outputs are cleared here. This method's output
    /// passed for one of the callee's inputs (<c>Dense(w2, b2, hidden, output)</c>, <c>hidden</c> a
    /// <c>Span&lt;T&gt;</c> read as a <c>ReadOnlySpan&lt;T&gt;</c>) only receives the callee's contribution,
    /// which the reverse of whatever wrote <c>hidden</c> — an earlier call, or element writes — then reads.
    /// </para>
    /// </summary>
    private List<IrStatement> AdjointOfOutputCall(DifferentiableCall call, Dictionary<IrVariable, IrVariable> savedOutputs)
    {
        var statements = new List<IrStatement> { new ExpressionStatement(AdjointCall(call, null, savedOutputs)) };
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var argument = call.Arguments[i];
            if (call.Target.Writes(i) && IrTraversal.SpanOrVariable(argument) is { } output && outputCotangents.TryGetValue(output, out var buffer))
                statements.Add(new ClearSpan(BufferSlice(argument, buffer)));
        }
        return statements;
    }

    /// <summary>
    /// The callee's adjoint writes its primal outputs again, in the reverse sweep, after this method's
    /// forward sweep has written its own final values there; so it gets a copy of the outputs as they
    /// were before the call (the callee may read them back), saved in the forward sweep. An output of
    /// this method passed for one of the callee's inputs is saved too: the callee's adjoint recomputes
    /// from what the call read, and a later statement may overwrite it.
    /// </summary>
    private Dictionary<IrVariable, IrVariable> SaveOutputs(DifferentiableCall call, List<IrStatement> forward)
    {
        var saved = new Dictionary<IrVariable, IrVariable>();
        foreach (var argument in call.Arguments.Where(argument => argument.Type.IsWritableSpan()))
        {
            if (IrTraversal.SpanOrVariable(argument) is not { } output || saved.ContainsKey(output))
                continue;
            var buffer = variables.Create(output.Name + "BeforeCall", output.Type.ElementType().ArrayOf(), VariableRole.Temporary);
            saved[output] = buffer;
            forward.Add(new CopyIntoBuffer(buffer, output));
        }
        return saved;
    }

    /// <summary>The part of a cotangent copy that corresponds to an output argument (the whole output, or a slice of it).</summary>
    private static Slice BufferSlice(IrExpression argument, IrVariable buffer) => argument switch
    {
        Slice slice => slice with { Span = buffer },
        VariableRef reference => new Slice(buffer, Constant.Of(IrType.Int, 0), new SpanLength(reference.Variable)),
        _ => throw new System.InvalidOperationException("Output argument " + argument.GetType().Name),
    };

    private Argument AdjointArgument(IrExpression argument)
    {
        var variable = IrTraversal.SpanOrVariable(argument);
        var active = variable is not null && activity.IsActive(variable);
        if (variable is not null && outputCotangents.TryGetValue(variable, out var buffer))
            return new Argument(BufferSlice(argument, buffer));
        if (argument.Type.IsSpan())
        {
            if (!active)
                return new Argument(new ZeroSpan(argument is Slice zeroSlice ? zeroSlice.Length : new SpanLength(variable!), AdjointType(argument.Type)));
            return new Argument(argument is Slice slice ? slice with { Span = AdjointOf(slice.Span) } : new VariableRef(AdjointOf(variable!)));
        }
        return new Argument(new VariableRef(active ? AdjointOf(variable!) : Discard(argument.Type)), ArgumentKind.Ref);
    }

    /// <summary>Receives the adjoint a callee computes for an argument that is constant here.</summary>
    private IrVariable Discard(IrType type)
    {
        if (!discards.TryGetValue(type, out var discard))
        {
            discard = variables.Create("unusedBar", type, VariableRole.Adjoint);
            discards[type] = discard;
        }
        return discard;
    }

    private IrVariable AdjointOf(IrVariable variable) => adjoints.Of(variable);

}
