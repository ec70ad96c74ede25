using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Loops: for, while, do-while and foreach over a span, with break, continue and return.
internal sealed partial class BodyLowerer
{
    private readonly Stack<LoopContext> loops = new();

    /// <summary>How many loop conditions are being lowered: their reads happen inside those loops too.</summary>
    private int conditionOfLoops;

    /// <summary>The key of the flag a <c>return</c> inside a loop sets; every loop around it carries the flag and stops on it.</summary>
    private readonly object returnedKey = new();

    /// <summary>The key of the value a <c>return</c> inside a loop returns, carried out of the loops beside the flag.</summary>
    private readonly object returnValueKey = new();

    /// <summary>What the body of the loop being lowered needs to end an iteration.</summary>
    private sealed class LoopContext
    {
        /// <summary>The header variable of each carried key, in a stable order.</summary>
        public List<KeyValuePair<object, IrVariable>> Headers { get; } = [];

        /// <summary>The key of the flag <c>break</c> sets, if the loop has a break.</summary>
        public object? BreakFlag { get; set; }

        /// <summary>Where <c>continue</c> goes: the for-loop's increments, then the end of the iteration.</summary>
        public Continuation ContinueTarget { get; set; } = null!;

        /// <summary>Scratch buffers allocated outside the loop that each iteration rebuilds before reading (<see cref="PrivatizeScratch"/>).</summary>
        public HashSet<IrVariable> OwnScratch { get; } = [];
    }

    /// <summary>
    /// <c>for (init; condition; step) body</c>, <c>while (condition) body</c> and <c>do body while (condition)</c> become a
    /// <see cref="Loop"/>: every variable the loop assigns is carried (its header variable is set
    /// before the loop and at the end of each iteration, on every path); <c>break</c> sets a
    /// carried flag the condition tests first. A <c>return</c> in the body is a break out of every
    /// loop around it: it sets the returned flag and value, which those loops carry and whose flag
    /// their conditions test first (<see cref="LowerAfterLoopThatReturns"/> skips the code after them).
    /// So a loop that may return is a general loop, not a counted range: the reverse sweep counts
    /// the iterations it actually made. A <c>for</c> over a fixed range (<see cref="CountedForm"/>) becomes
    /// a <see cref="CountedLoop"/> instead: this is the one place that decides which loops are counted.
    /// </summary>
    private void LowerLoop(ILoopOperation loop) => WithScratchHoistedBefore(() => LowerLoopAsWritten(loop));

    private void LowerLoopAsWritten(ILoopOperation loop)
    {
        ImmutableArray<IOperation> before, atBottom;
        IOperation? condition;
        var conditionAfterBody = false;
        ForEachWalk? walk = null;
        switch (loop)
        {
            case IForLoopOperation forLoop:
                (before, condition, atBottom) = (forLoop.Before, forLoop.Condition, forLoop.AtLoopBottom);
                break;
            case IWhileLoopOperation { ConditionIsTop: true } whileLoop:
                (before, condition, atBottom) = (ImmutableArray<IOperation>.Empty, whileLoop.Condition, ImmutableArray<IOperation>.Empty);
                break;
            case IWhileLoopOperation { ConditionIsTop: false } doWhile:
                (before, condition, atBottom) = (ImmutableArray<IOperation>.Empty, doWhile.Condition, ImmutableArray<IOperation>.Empty);
                conditionAfterBody = true;
                break;
            case IForEachLoopOperation forEach when !ContainsBreak(forEach.Body) && !ContainsReturn(forEach):
                if (WalkOf(forEach) is { } wholeWalk)
                    LowerForEach(forEach, wholeWalk);
                return;
            case IForEachLoopOperation forEach:
                if ((walk = WalkOf(forEach)) is null)
                    return;
                (before, condition, atBottom) = (ImmutableArray<IOperation>.Empty, null, ImmutableArray<IOperation>.Empty);
                break;
            default:
                // for, while, do and foreach are all handled above: this is a loop kind C# may add.
                Report(DiagnosticDescriptors.LoopNotSupported, LocationInfo.From(loop.Syntax.GetFirstToken()), loop.Syntax.GetFirstToken().Text);
                return;
        }

        if (loop is IForLoopOperation candidate && CountedForm(candidate) is { } counted)
        {
            LowerCountedLoop(candidate, counted);
            return;
        }

        foreach (var statement in before)
            LowerStatement(statement);

        // A foreach that may leave early walks its span by a position carried like any variable, stepped as each iteration starts.
        object? positionKey = null;
        if (walk is not null)
        {
            positionKey = new object();
            var position = NewVariable("index", IrType.Int, VariableRole.Temporary);
            block.Add(new Assign(position, Constant.Of(IrType.Int, 0)));
            environment.Variables[positionKey] = position;
        }
        var context = ContextCarrying(AssignedSymbols(loop.Body).Concat(atBottom.SelectMany(AssignedSymbols)));
        if (positionKey is not null)
            context.Headers.Add(new(positionKey, environment.Variables[positionKey]));
        if (ContainsBreak(loop.Body))
        {
            context.BreakFlag = new object();
            var flag = NewVariable("broke", IrType.Bool, VariableRole.Temporary);
            block.Add(new Assign(flag, Constant.Bool(false)));
            environment.Variables[context.BreakFlag] = flag;
            context.Headers.Add(new(context.BreakFlag, flag));
        }
        var returns = ContainsReturn(loop);
        if (returns)
            CarryReturn(context);
        // do { body } while (c) is while (first || c) { first = false; body }: the condition is not evaluated before the
        // first iteration, and after each one it is, as the do loop evaluates it.
        object? firstIteration = null;
        if (conditionAfterBody)
        {
            firstIteration = new object();
            var first = NewVariable("first", IrType.Bool, VariableRole.Temporary);
            block.Add(new Assign(first, Constant.Bool(true)));
            environment.Variables[firstIteration] = first;
            context.Headers.Add(new(firstIteration, first));
        }

        // The condition runs in every iteration: for reads of outputs it is inside this loop (a nested
        // loop's condition is recomputed in the reverse sweep, from what the output holds by then).
        conditionOfLoops++;
        var loopCondition = walk is { Span: var walked }
            ? new Binary(BinaryOperator.Less, new VariableRef(environment.Variables[positionKey!]), new SpanLength(walked), IrType.Bool)
            : condition is null ? Constant.Bool(true) : LowerExpression(condition, flatten: false);
        conditionOfLoops--;
        if (firstIteration is not null)
            loopCondition = new Binary(BinaryOperator.ConditionalOr, new VariableRef(environment.Variables[firstIteration]), loopCondition, IrType.Bool);
        if (context.BreakFlag is { } breakFlag)
        {
            var notBroken = new Unary(UnaryOperator.Not, new VariableRef(environment.Variables[breakFlag]), IrType.Bool);
            loopCondition = new Binary(BinaryOperator.ConditionalAnd, notBroken, loopCondition, IrType.Bool);
        }
        if (returns)
        {
            var notReturned = new Unary(UnaryOperator.Not, new VariableRef(environment.Variables[returnedKey]), IrType.Bool);
            loopCondition = new Binary(BinaryOperator.ConditionalAnd, notReturned, loopCondition, IrType.Bool);
        }

        var atHeader = environment.Clone();
        var end = new EndOfIteration(context);
        context.ContinueTarget = atBottom.IsEmpty ? end : new Rest(atBottom, 0, end);
        Action? atStart = null;
        if (firstIteration is not null)
        {
            atStart = () =>
            {
                var notFirst = NewVariable("first", IrType.Bool, VariableRole.Temporary);
                block.Add(new Assign(notFirst, Constant.Bool(false)));
                environment.Variables[firstIteration] = notFirst;
            };
        }
        if (walk is not null)
        {
            atStart = () =>
            {
                var position = environment.Variables[positionKey!];
                BindElement(walk, (IForEachLoopOperation)loop, new VariableRef(position));
                var next = NewVariable("index", IrType.Int, VariableRole.Temporary);
                block.Add(new Assign(next, new Binary(BinaryOperator.Add, new VariableRef(position), Constant.Of(IrType.Int, 1), IrType.Int)));
                environment.Variables[positionKey!] = next;
            };
        }
        var body = LowerBody(loop, context, atStart);
        environment = atHeader;
        block.Add(new Loop(loopCondition, body, context.Headers.Select(header => header.Value).ToEquatableArray()));
    }

    /// <summary>What makes a source <c>for</c> loop a <see cref="CountedLoop"/>.</summary>
    private sealed record CountedFor(ILocalSymbol Counter, IrType Type, IOperation Initial, IOperation Bound, BinaryOperator Comparison, long Step);

    /// <summary>
    /// Decides, once and from the source, whether a <c>for</c> loop counts over a range fixed before it starts:
    /// its counter is declared in the initializer (an <c>int</c> or <c>long</c>), the condition compares it with
    /// a bound the body cannot change (<c>i &lt; n</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>), the loop's bottom steps it by
    /// one constant in the direction of the comparison, the body neither assigns it nor passes it by reference,
    /// and no <c>break</c> or <c>return</c> leaves the loop. Any other loop is the general <see cref="Loop"/>.
    /// </summary>
    private static CountedFor? CountedForm(IForLoopOperation loop)
    {
        if (loop.Before.Length != 1
            || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
            || declarations[0] is not { Declarators: { Length: 1 } declarators } declaration
            || declarators[0] is not { } declarator
            || (declarator.Initializer ?? declaration.Initializer) is not { Value: var initial }
            || TypeMapping.Map(declarator.Symbol.Type) is not { } type || type is not (IrType.Int or IrType.Long)
            || loop.Condition is not IBinaryOperation { OperatorMethod: null, LeftOperand: ILocalReferenceOperation { Local: var compared }, RightOperand: var bound } condition
            || !SymbolEqualityComparer.Default.Equals(compared, declarator.Symbol)
            || ContainsBreak(loop.Body)
            || loop.Body.DescendantsAndSelf().Any(descendant => descendant is IReturnOperation))
        {
            return null;
        }
        var counter = declarator.Symbol;
        var comparison = condition.OperatorKind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperator.Less,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperator.Greater,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterOrEqual,
            _ => (BinaryOperator?)null,
        };
        if (comparison is null || loop.AtLoopBottom.Length != 1 || StepOf(loop.AtLoopBottom[0], counter) is not { } step)
            return null;
        if (step == 0 || (step > 0) != (comparison is BinaryOperator.Less or BinaryOperator.LessOrEqual))
            return null;
        var assigned = new HashSet<ISymbol?>(AssignedSymbols(loop.Body).Concat(PassedByReference(loop.Body)), SymbolEqualityComparer.Default);
        if (assigned.Contains(counter) || !IsInvariant(bound, assigned, counter))
            return null;
        return new CountedFor(counter, type, initial, bound, comparison.Value, step);
    }

    /// <summary>The constant a loop's bottom steps the counter by (<c>i++</c>, <c>i--</c>, <c>i += 2</c>, <c>i -= 2</c>), or null.</summary>
    private static long? StepOf(IOperation atBottom, ILocalSymbol counter)
    {
        var operation = atBottom is IExpressionStatementOperation statement ? statement.Operation : atBottom;
        return operation switch
        {
            IIncrementOrDecrementOperation { OperatorMethod: null, Target: ILocalReferenceOperation { Local: var target } } step
                when SymbolEqualityComparer.Default.Equals(target, counter) => step.Kind == OperationKind.Increment ? 1 : -1,
            ICompoundAssignmentOperation { OperatorMethod: null, Target: ILocalReferenceOperation { Local: var target }, Value.ConstantValue: { HasValue: true, Value: var amount } } compound
                when SymbolEqualityComparer.Default.Equals(target, counter) && compound.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
                => amount switch
                {
                    int value => compound.OperatorKind == BinaryOperatorKind.Add ? value : -(long)value,
                    long value => compound.OperatorKind == BinaryOperatorKind.Add ? value : -value,
                    _ => null,
                },
            _ => null,
        };
    }

    /// <summary>Locals and parameters the body passes by <c>ref</c> or <c>out</c>: the callee may change them.</summary>
    private static IEnumerable<ISymbol?> PassedByReference(IOperation body)
        => body.DescendantsAndSelf().OfType<IArgumentOperation>()
            .Where(argument => argument.Parameter is { RefKind: not RefKind.None })
            .Select(argument => AssignableSymbol(argument.Value));

    /// <summary>
    /// Whether a loop's bound has one value for the whole loop: built of constants, locals and parameters the body
    /// does not assign, span and array lengths, static readonly tables, integer arithmetic and <c>Math</c> functions.
    /// </summary>
    private static bool IsInvariant(IOperation bound, HashSet<ISymbol?> assigned, ILocalSymbol counter) => bound.DescendantsAndSelf().All(operation => operation switch
    {
        _ when operation.ConstantValue.HasValue => true,
        ILocalReferenceOperation local => !assigned.Contains(local.Local) && !SymbolEqualityComparer.Default.Equals(local.Local, counter),
        IParameterReferenceOperation parameter => !assigned.Contains(parameter.Parameter),
        IPropertyReferenceOperation { Property.Name: "Length", Instance: not null } => true,
        IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } } => true,
        IBinaryOperation { OperatorMethod: null } or IUnaryOperation { OperatorMethod: null } or IConversionOperation { OperatorMethod: null } => true,
        IInvocationOperation { TargetMethod.ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } } => true,
        IArgumentOperation => true,
        _ => false,
    });

    /// <summary>
    /// A <c>for</c> loop over a fixed range becomes a <see cref="CountedLoop"/>: the start and the bound are
    /// lowered once, before it; the counter is the node's own, scoped to it; the body is lowered as a general
    /// loop's is (its other assigned variables carried), and <c>continue</c> ends the iteration (the node steps).
    /// </summary>
    private void LowerCountedLoop(IForLoopOperation loop, CountedFor counted)
    {
        var start = ConvertTo(LowerExpression(counted.Initial, flatten: false), counted.Type);
        var end = ConvertTo(LowerExpression(counted.Bound, flatten: false), counted.Type);

        var context = ContextCarrying(AssignedSymbols(loop.Body));
        var counter = NewVariable(counted.Counter.Name, counted.Type, VariableRole.Local);

        var atHeader = environment.Clone();
        environment.Variables[counted.Counter] = counter;
        context.ContinueTarget = new EndOfIteration(context);
        var body = LowerBody(loop, context);
        environment = atHeader;
        var inclusive = counted.Comparison is BinaryOperator.LessOrEqual or BinaryOperator.GreaterOrEqual;
        block.Add(new CountedLoop(counter, start, end, counted.Step, inclusive, body, context.Headers.Select(header => header.Value).ToEquatableArray()));
    }

    /// <summary>What a <c>foreach</c> walks: the span, and the loop variable with its type.</summary>
    private sealed record ForEachWalk(IrVariable Span, ILocalSymbol Element, IrType ElementType);

    /// <summary>
    /// The span a <c>foreach</c> walks and its loop variable; null, reported, for a deconstruction, a non-numeric variable, or a span
    /// the body reassigns (the walk must see one span from start to end).
    /// </summary>
    private ForEachWalk? WalkOf(IForEachLoopOperation loop)
    {
        if (loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: var element } || TypeMapping.Map(element.Type) is not { } elementType)
        {
            Report(DiagnosticDescriptors.LoopNotSupported, LocationInfo.From(loop.Syntax.GetFirstToken()), "foreach with a deconstruction or a non-numeric variable");
            return null;
        }
        if (SpanOf(loop.Collection) is not { } span)
            return null;
        var assigned = AssignedSymbols(loop.Body).Concat(PassedByReference(loop.Body));
        if (AssignableSymbol(StripConversions(loop.Collection)) is { } walked && assigned.Contains(walked, SymbolEqualityComparer.Default))
        {
            Report(DiagnosticDescriptors.LoopNotSupported, LocationInfo.From(loop.Syntax.GetFirstToken()), "foreach over a span its body reassigns");
            return null;
        }
        return new ForEachWalk(span, element, elementType);
    }

    /// <summary>The loop variable takes the element at <paramref name="position"/> (converted to its type), read inside the loop.</summary>
    private void BindElement(ForEachWalk walk, IForEachLoopOperation loop, IrExpression position)
    {
        CheckReadBack(walk.Span, loop.Collection);
        var value = NewVariable(walk.Element.Name, walk.ElementType, VariableRole.Local);
        block.Add(new Assign(value, ConvertTo(new ElementRead(walk.Span, position), walk.ElementType)));
        environment.Variables[walk.Element] = value;
    }

    /// <summary>
    /// <c>foreach (var v in span) body</c> that runs to the end is the counted loop <c>for (int i = 0; i &lt; span.Length; i++) { var v = span[i]; body }</c>,
    /// which loop fusion and the vectorizer treat as any counted loop. One that may break or return is a general loop over a carried
    /// position (<see cref="LowerLoop"/>).
    /// </summary>
    private void LowerForEach(IForEachLoopOperation loop, ForEachWalk walk)
    {
        var context = ContextCarrying(AssignedSymbols(loop.Body));
        var counter = NewVariable("index", IrType.Int, VariableRole.Local);
        var atHeader = environment.Clone();
        context.ContinueTarget = new EndOfIteration(context);
        var body = LowerBody(loop, context, atStart: () => BindElement(walk, loop, new VariableRef(counter)));
        environment = atHeader;
        block.Add(new CountedLoop(counter, Constant.Of(IrType.Int, 0), new SpanLength(walk.Span), 1, Inclusive: false, body,
            context.Headers.Select(header => header.Value).ToEquatableArray()));
    }

    private static IOperation StripConversions(IOperation operation)
        => operation is IConversionOperation conversion ? StripConversions(conversion.Operand) : operation;

    /// <summary>A loop context carrying each of <paramref name="assigned"/> that holds a value before the loop.</summary>
    private LoopContext ContextCarrying(IEnumerable<ISymbol?> assigned)
    {
        var context = new LoopContext();
        foreach (var key in assigned.Distinct(SymbolEqualityComparer.Default))
        {
            if (key is null || !environment.Variables.TryGetValue(key, out var current))
                continue;
            context.Headers.Add(new(key, CarryInto(current)));
        }
        return context;
    }

    /// <summary>The loop's body as a block of its own, lowered with <paramref name="context"/> as the innermost loop.</summary>
    /// <param name="atStart">Lowers what each iteration does before the body (a foreach's element read, a do loop's flag), inside the loop.</param>
    private IrBlock LowerBody(ILoopOperation loop, LoopContext context, Action? atStart = null)
    {
        var outerBlock = block;
        block = [];
        loops.Push(context);
        atStart?.Invoke();
        LowerSequence(ImmutableArray.Create(loop.Body), 0, context.ContinueTarget);
        loops.Pop();
        var body = PrivatizeScratch(IrBlock.From(block), context, loops.Count + 1);
        block = outerBlock;
        return body;
    }

    /// <summary>
    /// The returned flag and value become carried values of the loop: set before the outermost loop
    /// a return leaves (not returned, and a zero that no path reads), carried on from the loop
    /// around it by a nested one.
    /// </summary>
    private void CarryReturn(LoopContext context)
    {
        if (loops.Count == 0)
        {
            var flag = NewVariable("returned", IrType.Bool, VariableRole.Temporary);
            block.Add(new Assign(flag, Constant.Bool(false)));
            environment.Variables[returnedKey] = flag;
            if (returnType.IsFloatingPoint())
            {
                var value = NewVariable("result", returnType, VariableRole.Temporary);
                block.Add(new Assign(value, Constant.Of(returnType, 0)));
                environment.Variables[returnValueKey] = value;
            }
        }
        foreach (var key in new[] { returnedKey, returnValueKey })
        {
            if (environment.Variables.TryGetValue(key, out var current))
                context.Headers.Add(new(key, loops.Count == 0 ? current : CarryInto(current)));
        }
    }

    /// <summary>
    /// <c>return</c> inside a loop: the value and the flag are set, and the iteration ends; the loops
    /// around it stop on the flag, and the code after each of them is skipped.
    /// </summary>
    private void LowerReturnInLoop(IReturnOperation ret)
    {
        if (returnType.IsMatrix())
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, ret.Syntax, "return of a matrix inside a loop",
                "assign the matrix to a local, break out of the loop, and return it after the loop");
            return;
        }
        if (ret.ReturnedValue is not null)
        {
            var value = LowerValue(ret.ReturnedValue);
            var result = NewVariable("result", returnType, VariableRole.Temporary);
            block.Add(new Assign(result, ConvertTo(value, returnType)));
            environment.Variables[returnValueKey] = result;
        }
        var flag = NewVariable("returned", IrType.Bool, VariableRole.Temporary);
        block.Add(new Assign(flag, Constant.Bool(true)));
        environment.Variables[returnedKey] = flag;
        EndIteration(loops.Peek());
    }

    /// <summary>
    /// After a loop that may return: if it did, the rest of the enclosing iteration (or of the method)
    /// is skipped — the enclosing loop ends its iteration carrying the flag out, or the method's result
    /// is the returned value; otherwise the rest runs.
    /// </summary>
    private void LowerAfterLoopThatReturns(Continuation rest)
    {
        if (!environment.Variables.TryGetValue(returnedKey, out var returned))
        {
            // The loop was refused (and reported); lower the rest for its diagnostics.
            Continue(rest);
            return;
        }
        var before = environment;
        var whenReturned = LowerArm(() =>
        {
            if (loops.Count > 0)
                EndIteration(loops.Peek());
            else if (environment.Variables.TryGetValue(returnValueKey, out var value))
                environment.Result = value;
        }, before);
        var otherwise = LowerArm(() => Continue(rest), before);
        if (whenReturned.Environment.Result is not null && otherwise.Environment.Result is null)
        {
            // A method that returns a value and has no return after the loop: the compiler accepted
            // it, so the loop only ends by returning (while (true) { … return …; }).
            environment = whenReturned.Environment;
            block.AddRange(whenReturned.Block);
            return;
        }
        JoinJumpingArms(new VariableRef(returned), before, whenReturned, otherwise);
    }

    /// <summary>A header variable for a carried value: the loop's state at the start of each iteration.</summary>
    private IrVariable CarryInto(IrVariable current)
    {
        var header = NewVariable(current.Name, current.Type, current.Role == VariableRole.Parameter ? VariableRole.Local : current.Role);
        block.Add(new Assign(header, new VariableRef(current)));
        foreach (var key in environment.Variables.Where(pair => pair.Value == current).Select(pair => pair.Key).ToList())
            environment.Variables[key] = header;
        return header;
    }

    /// <summary>The end of one path through an iteration: each header takes this path's value.</summary>
    private void EndIteration(LoopContext loop)
    {
        foreach (var header in loop.Headers)
        {
            var current = environment.Variables[header.Key];
            if (current != header.Value)
                block.Add(new Assign(header.Value, new VariableRef(current)));
        }
    }

    private void LowerBreak(LoopContext loop)
    {
        var flag = NewVariable("broke", IrType.Bool, VariableRole.Temporary);
        block.Add(new Assign(flag, Constant.Bool(true)));
        environment.Variables[loop.BreakFlag!] = flag;
        EndIteration(loop);
    }

    /// <summary>Locals and parameters the operation assigns (their symbols, in order of appearance).</summary>
    private static IEnumerable<ISymbol?> AssignedSymbols(IOperation operation)
        => operation.DescendantsAndSelf().Select(descendant => descendant switch
        {
            ISimpleAssignmentOperation assignment => AssignableSymbol(assignment.Target),
            ICompoundAssignmentOperation compound => AssignableSymbol(compound.Target),
            IIncrementOrDecrementOperation step => AssignableSymbol(step.Target),
            _ => null,
        }).Where(symbol => symbol is not null);

    /// <summary>Whether the operation contains a jump that leaves it: a return, or a break or continue of an enclosing loop.</summary>
    private static bool ContainsJump(IOperation operation) => ContainsJump(operation, null);

    /// <param name="switchExit">Where a break of the innermost switch around the operation goes: such a break stays inside it.</param>
    private static bool ContainsJump(IOperation operation, ILabelSymbol? switchExit) => operation switch
    {
        IReturnOperation => true,
        IBranchOperation { BranchKind: BranchKind.Break } branch when switchExit is not null && SymbolEqualityComparer.Default.Equals(branch.Target, switchExit) => false,
        IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
        // A nested loop owns its breaks and continues; only its returns leave it.
        ILoopOperation nested => nested.Descendants().Any(descendant => descendant is IReturnOperation),
        ISwitchOperation nested => nested.ChildOperations.Any(child => ContainsJump(child, nested.ExitLabel)),
        _ => operation.ChildOperations.Any(child => ContainsJump(child, switchExit)),
    };

    /// <summary>Whether a <c>return</c> leaves the loop (from its body, or from a loop nested in it).</summary>
    private static bool ContainsReturn(ILoopOperation loop) => loop.Body.DescendantsAndSelf().Any(descendant => descendant is IReturnOperation);

    /// <summary>Whether the operation contains a break of the loop around it (a nested loop's or switch's breaks are their own).</summary>
    private static bool ContainsBreak(IOperation operation) => operation switch
    {
        IBranchOperation { BranchKind: BranchKind.Break } => true,
        ILoopOperation or ISwitchOperation => false,
        _ => operation.ChildOperations.Any(ContainsBreak),
    };
}
