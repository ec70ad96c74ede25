using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// Lowers a method body from Roslyn operations into the IR, in single-assignment form:
/// <list type="bullet">
/// <item>every assignment to a local or parameter defines a new variable; after an <c>if</c>, a
/// variable the arms left different is declared before it and assigned at the end of each arm;
/// a variable a loop assigns is carried: set before the loop and at the end of each iteration;</item>
/// <item>floating-point subexpressions get variables of their own (three-address form), so each
/// derivative rule sees variables, not trees; conditions stay trees and are evaluated as written;</item>
/// <item>jumps become structure: code after an <c>if</c> that returns (or, in a loop, breaks or
/// continues) on some path is lowered into the arms that fall through; every return assigns one
/// result variable; <c>break</c> sets a carried flag the loop condition tests; a <c>return</c> inside
/// a loop sets a flag and a value that every loop around it carries and tests, like a break out of
/// all of them, and the code after each such loop runs only when the flag is not set.</item>
/// </list>
/// This file holds statements and control flow; expressions and loops have files of their own.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly CancellationToken cancellationToken;
    /// <summary>For what callees do with the arrays passed to them (<see cref="ArrayParameters"/>).</summary>
    private readonly Compilation compilation;
    private readonly List<DiagnosticInfo> diagnostics = [];
    private readonly List<CallSite> callSites = [];
    private readonly Dictionary<int, OpaqueCall> opaqueCalls = [];
    private readonly List<NoDiffArgument> noDiffArguments = [];
    /// <summary>
    /// Locals already reported (a local array, a deconstruction's): the statements that use them are not lowered, so the
    /// first report stands alone instead of heading a cascade about each use.
    /// </summary>
    private readonly HashSet<ISymbol> refusedLocals = new(SymbolEqualityComparer.Default);
    /// <summary>The span local each constant table the method reads is bound to, and the bindings, which start the body.</summary>
    private readonly Dictionary<IFieldSymbol, IrVariable> constantTables = new(SymbolEqualityComparer.Default);
    private readonly List<IrStatement> tableBindings = [];
    private readonly IrType returnType;
    private List<IrStatement> block = [];
    private Environment environment = new();
    private int nextVariableId;
    /// <summary>How many arms of an <c>if</c> the lowering is inside.</summary>
    private int armDepth;

    private BodyLowerer(IrType returnType, Compilation compilation, CancellationToken cancellationToken)
    {
        this.returnType = returnType;
        this.compilation = compilation;
        this.cancellationToken = cancellationToken;
    }

    public sealed record Lowered(
        IrMethod Method,
        ImmutableArray<DiagnosticInfo> Diagnostics,
        ImmutableArray<CallSite> CallSites,
        ImmutableArray<OpaqueCall> OpaqueCalls,
        ImmutableArray<NoDiffArgument> NoDiffArguments);

    public static Lowered Lower(IMethodSymbol method, IrType returnType, IBlockOperation body, CancellationToken cancellationToken)
    {
        var lowerer = new BodyLowerer(returnType, body.SemanticModel!.Compilation, cancellationToken);
        var parameters = ImmutableArray.CreateBuilder<IrParameter>();
        foreach (var parameter in method.Parameters)
        {
            var type = TypeMapping.Map(parameter, lowerer.compilation)!.Value;
            var variable = lowerer.NewVariable(parameter.Name, type, VariableRole.Parameter);
            lowerer.environment.Variables[parameter] = variable;
            parameters.Add(new IrParameter(variable, TypeMapping.IsActive(parameter), EnumType: TypeMapping.EnumName(parameter.Type)));
        }

        lowerer.CollectLocalFunctions(body);
        lowerer.LowerSequence(body.Operations, 0, null);
        lowerer.ReportPendingScratchUses();
        // A void method ends without a Return: its effects are the spans it writes.
        if (lowerer.environment.Result is { } result)
            lowerer.block.Add(new Return(new VariableRef(result)));

        var irBody = IrBlock.From(lowerer.tableBindings.Concat(lowerer.block));
        var irMethod = new IrMethod(method.Name, returnType, parameters.ToEquatableArray(), irBody, lowerer.nextVariableId);
        return new Lowered(irMethod, [.. lowerer.diagnostics], [.. lowerer.callSites], [.. lowerer.opaqueCalls.Values], [.. lowerer.noDiffArguments]);
    }

    // ---- Sequences and jumps ----------------------------------------------------------------

    /// <summary>What follows the statements being lowered, for code that a jump moves into the arms of an <c>if</c>.</summary>
    private abstract record Continuation;

    /// <summary>The statements from <see cref="Index"/> on, then <see cref="Next"/>.</summary>
    private sealed record Rest(ImmutableArray<IOperation> Statements, int Index, Continuation? Next) : Continuation;

    /// <summary>The end of an iteration of <see cref="Loop"/>: carried variables take this path's values.</summary>
    private sealed record EndOfIteration(LoopContext Loop) : Continuation;

    /// <summary>
    /// Lowers <paramref name="statements"/> from <paramref name="index"/>, then the continuation.
    /// A jump ends the path; an <c>if</c> that may jump takes the rest into its arms.
    /// </summary>
    private void LowerSequence(ImmutableArray<IOperation> statements, int index, Continuation? rest)
    {
        for (var i = index; i < statements.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var statement = statements[i];
            if (UsesRefusedLocal(statement))
                continue;
            switch (statement)
            {
                case IReturnOperation ret:
                    LowerReturn(ret);
                    return;
                case IBranchOperation { BranchKind: BranchKind.Break } when loops.Count > 0:
                    LowerBreak(loops.Peek());
                    return;
                case IBranchOperation { BranchKind: BranchKind.Continue } when loops.Count > 0:
                    Continue(loops.Peek().ContinueTarget);
                    return;
                case IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: var otherwise } guard when ThrowOf(whenTrue) is { } thrown:
                    LowerGuard(LowerExpression(guard.Condition, flatten: false), thrown);
                    if (otherwise is not null)
                    {
                        LowerSequence(ImmutableArray.Create(otherwise), 0, new Rest(statements, i + 1, rest));
                        return;
                    }
                    break;
                case IConditionalOperation conditional when ContainsJump(conditional):
                    LowerIfThatJumps(conditional, new Rest(statements, i + 1, rest));
                    return;
                case ISwitchOperation switchStatement when ContainsJump(switchStatement):
                    LowerSwitch(switchStatement, new Rest(statements, i + 1, rest));
                    return;
                case ILoopOperation loop when ContainsReturn(loop):
                    LowerLoop(loop);
                    LowerAfterLoopThatReturns(new Rest(statements, i + 1, rest));
                    return;
                case IBlockOperation nested:
                    LowerSequence(nested.Operations, 0, new Rest(statements, i + 1, rest));
                    return;
                default:
                    LowerStatement(statement);
                    break;
            }
        }
        Continue(rest);
    }

    private void Continue(Continuation? rest)
    {
        switch (rest)
        {
            case Rest statements:
                LowerSequence(statements.Statements, statements.Index, statements.Next);
                break;
            case EndOfIteration end:
                EndIteration(end.Loop);
                break;
        }
    }

    private void LowerStatement(IOperation statement)
    {
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                        LowerDeclarator(declarator, declaration.Initializer);
                }
                break;
            case IExpressionStatementOperation { Operation: var expression }:
                LowerExpressionStatement(expression);
                break;
            case IConditionalOperation conditional:
                LowerIf(conditional);
                break;
            case ISwitchOperation switchStatement:
                LowerSwitch(switchStatement, null);
                break;
            case IEmptyOperation:
                break;
            case ILoopOperation loop:
                LowerLoop(loop);
                break;
            case IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation }:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, statement.Syntax, "throw outside a guard",
                    "check and throw in one statement, if (…) throw …; or in a switch section that only throws");
                break;
            case ILocalFunctionOperation declaration:
                LowerLocalFunctionDeclaration(declaration);
                break;
            default:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, statement.Syntax, OperationNames.Describe(statement.Kind) + " statement",
                    "rewrite it with assignments, if/else, loops and return");
                break;
        }
    }

    private void LowerDeclarator(IVariableDeclaratorOperation declarator, IVariableInitializerOperation? sharedInitializer)
    {
        var local = declarator.Symbol;
        var initializer = declarator.Initializer ?? sharedInitializer;
        if (initializer is not null && ScratchAllocation(local, initializer.Value) is { } scratch)
        {
            LowerScratch(local, scratch.Element, scratch.Length);
            return;
        }
        if (TypeMapping.Map(local.Type) is not { } type || type.IsArray())
        {
            var typeSyntax = (declarator.Syntax.Parent as Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclarationSyntax)?.Type ?? declarator.Syntax;
            // As written: var t = new double[3] is double[], not the nullable double[]? the compiler infers.
            Report(DiagnosticDescriptors.UnsupportedLocalType, typeSyntax, local.Name, local.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString());
            refusedLocals.Add(local);
            return;
        }
        if (initializer is not null)
            Define(local, type, LowerValue(initializer.Value), initializer.Value);
    }

    private void LowerExpressionStatement(IOperation expression)
    {
        switch (expression)
        {
            case ISimpleAssignmentOperation { Target: var target } assignment when SpanElement(target) is { } element:
                LowerElementAssignment(element, assignment.Value, null, assignment);
                break;
            case ICompoundAssignmentOperation { Target: var target, OperatorMethod: null } compound when SpanElement(target) is { } element:
                LowerElementAssignment(element, compound.Value, OperationNames.Arithmetic(compound.OperatorKind), compound);
                break;
            case ISimpleAssignmentOperation assignment when AssignableSymbol(assignment.Target) is { } symbol:
                // Refused before the value is lowered, so a value that cannot be lowered either is not reported as well.
                if (!RefusedReassignment(symbol, TypeOf(assignment.Target), assignment))
                    Define(symbol, TypeOf(assignment.Target), LowerValue(assignment.Value), assignment);
                break;
            case ICompoundAssignmentOperation compound when AssignableSymbol(compound.Target) is { } symbol && compound.OperatorMethod is null:
                if (OperationNames.Arithmetic(compound.OperatorKind) is not { } op)
                {
                    ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, compound.Syntax, $"'{compound.OperatorKind}' compound assignment", "write the operation out with + - * /");
                    break;
                }
                Define(symbol, TypeOf(compound.Target), ArithmeticOnTarget(compound.Target, op, LowerValue(compound.Value), flatten: true), compound);
                break;
            case IIncrementOrDecrementOperation step when AssignableSymbol(step.Target) is { } symbol && step.OperatorMethod is null:
                var targetType = TypeOf(step.Target);
                var one = Constant.Of(targetType, 1);
                var stepOperator = step.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
                Define(symbol, targetType, ArithmeticOnTarget(step.Target, stepOperator, one, flatten: targetType.IsFloatingPoint()), step);
                break;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } invocation when DifferentiableSignature.HasDifferentiableAttribute(invocation.TargetMethod)
                || CustomDerivatives.TargetFor(invocation.TargetMethod, compilation) is not null:
                LowerOutputCall(invocation);
                break;
            case IInvocationOperation invocation:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, invocation.Syntax, "call whose result is discarded",
                    "differentiable methods compute a value; remove the call or use its result");
                break;
            default:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, expression.Syntax, OperationNames.Describe(expression.Kind) + " statement",
                    "assign to a local, a parameter or an element of an output span, or return the value");
                // What it would have assigned (var (a, b) = …) has no value: its uses are not reported again.
                refusedLocals.UnionWith(WrittenLocals(expression));
                break;
        }
    }

    /// <summary><c>target op value</c>, converting as C# does for compound assignment, back to the target's type.</summary>
    private IrExpression ArithmeticOnTarget(IOperation target, BinaryOperator op, IrExpression value, bool flatten)
    {
        var targetValue = Atomize(LowerExpression(target, flatten), flatten);
        return Arithmetic(targetValue, op, value, flatten);
    }

    private IrExpression Arithmetic(IrExpression targetValue, BinaryOperator op, IrExpression value, bool flatten)
    {
        var operationType = TypeMapping.Promote(targetValue.Type, value.Type);
        var left = Atomize(ConvertTo(targetValue, operationType), flatten);
        var right = Atomize(ConvertTo(value, operationType), flatten);
        var result = new Binary(op, left, right, operationType);
        return operationType == targetValue.Type ? result : new Convert(Atomize(result, flatten), targetValue.Type);
    }

    private void LowerReturn(IReturnOperation ret)
    {
        if (loops.Count > 0)
        {
            LowerReturnInLoop(ret);
            return;
        }
        if (ret.ReturnedValue is null)
            return;
        var value = LowerValue(ret.ReturnedValue);
        var result = NewVariable("result", returnType, VariableRole.Temporary);
        block.Add(new Assign(result, ConvertTo(value, returnType)));
        environment.Result = result;
    }

    private void LowerIf(IConditionalOperation conditional)
        => LowerBranch(LowerExpression(conditional.Condition, flatten: false), Arm(conditional.WhenTrue, null), Arm(conditional.WhenFalse, null));

    private void LowerIfThatJumps(IConditionalOperation conditional, Continuation rest)
        => LowerJumpingBranch(LowerExpression(conditional.Condition, flatten: false), Arm(conditional.WhenTrue, rest), Arm(conditional.WhenFalse, rest));

    /// <summary>An <c>if</c> whose arms fall through: each is lowered from the same environment, and what they leave different is merged after it.</summary>
    private void LowerBranch(IrExpression condition, System.Action whenTrue, System.Action whenFalse)
    {
        var before = environment;
        var (thenBlock, thenEnvironment) = LowerArm(whenTrue, before);
        var (elseBlock, elseEnvironment) = LowerArm(whenFalse, before);
        environment = before.Clone();
        block.AddRange(MergeLocals(thenEnvironment, elseEnvironment, thenBlock, elseBlock));
        block.Add(new If(condition, IrBlock.From(thenBlock), IrBlock.From(elseBlock)));
    }

    /// <summary>
    /// An <c>if</c> whose arms both take the rest with them (to the end of the method, or of the loop
    /// iteration), so after it only the result is live.
    /// </summary>
    private void LowerJumpingBranch(IrExpression condition, System.Action whenTrue, System.Action whenFalse)
    {
        var before = environment;
        JoinJumpingArms(condition, before, LowerArm(whenTrue, before), LowerArm(whenFalse, before));
    }

    /// <summary>
    /// The <c>if</c> of two arms that each ran to the end of the method (or of the loop iteration):
    /// when both returned a value, one result variable takes it from each.
    /// </summary>
    private void JoinJumpingArms(IrExpression condition, Environment before,
        (List<IrStatement> Block, Environment Environment) whenTrue, (List<IrStatement> Block, Environment Environment) whenFalse)
    {
        environment = before.Clone();
        if (whenTrue.Environment.Result is { } thenResult && whenFalse.Environment.Result is { } elseResult)
        {
            var result = NewVariable("result", returnType, VariableRole.Temporary);
            block.Add(new Declare(result));
            whenTrue.Block.Add(new Assign(result, new VariableRef(thenResult)));
            whenFalse.Block.Add(new Assign(result, new VariableRef(elseResult)));
            environment.Result = result;
        }
        block.Add(new If(condition, IrBlock.From(whenTrue.Block), IrBlock.From(whenFalse.Block)));
    }

    /// <summary>An arm as written (or none), followed by <paramref name="rest"/>.</summary>
    private System.Action Arm(IOperation? arm, Continuation? rest)
        => () => LowerSequence(arm is null ? ImmutableArray<IOperation>.Empty : ImmutableArray.Create(arm), 0, rest);

    private (List<IrStatement> Block, Environment Environment) LowerArm(System.Action lower, Environment before)
    {
        var outerBlock = block;
        block = [];
        environment = before.Clone();
        armDepth++;
        lower();
        armDepth--;
        var result = (block, environment);
        block = outerBlock;
        return result;
    }

    /// <summary>
    /// Variables the arms left different get a variable of their own, declared before the
    /// <c>if</c> and assigned at the end of each arm (the single-assignment form's join).
    /// </summary>
    private List<IrStatement> MergeLocals(Environment whenTrue, Environment whenFalse, List<IrStatement> thenBlock, List<IrStatement> elseBlock)
    {
        var declarations = new List<IrStatement>();
        foreach (var pair in whenTrue.Variables)
        {
            var key = pair.Key;
            if (!whenFalse.Variables.TryGetValue(key, out var fromElse))
                continue;
            var fromThen = pair.Value;
            if (fromThen == fromElse)
            {
                environment.Variables[key] = fromThen;
                continue;
            }
            var merged = NewVariable(fromThen.Name, fromThen.Type, fromThen.Role == VariableRole.Parameter ? VariableRole.Local : fromThen.Role);
            declarations.Add(new Declare(merged));
            thenBlock.Add(new Assign(merged, new VariableRef(fromThen)));
            elseBlock.Add(new Assign(merged, new VariableRef(fromElse)));
            environment.Variables[key] = merged;
        }
        return declarations;
    }

    /// <summary>Whether the statement reads or writes a local already reported; if so, what it writes is refused as well.</summary>
    private bool UsesRefusedLocal(IOperation statement)
    {
        if (refusedLocals.Count == 0
            || !statement.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(reference => refusedLocals.Contains(reference.Local)))
            return false;
        refusedLocals.UnionWith(WrittenLocals(statement));
        return true;
    }

    private static IEnumerable<ISymbol> WrittenLocals(IOperation statement)
        => statement.DescendantsAndSelf().Select(operation => operation switch
            {
                IVariableDeclaratorOperation declarator => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                ILocalReferenceOperation { IsDeclaration: true } declared => declared.Local,
                _ => (ISymbol?)null,
            })
            .OfType<ISymbol>();

    /// <summary>A span or an array parameter is one view of its elements from start to end: assigning it again is refused.</summary>
    private bool RefusedReassignment(ISymbol symbol, IrType type, IOperation at)
    {
        if (!environment.Variables.TryGetValue(symbol, out var current) || !(type.IsSpan() || current.Type.IsSpan()))
            return false;
        var what = symbol switch
        {
            IParameterSymbol { Type: IArrayTypeSymbol } => "reassignment of an array parameter",
            ILocalSymbol { Type: IArrayTypeSymbol } => "reassignment of a scratch array",
            _ => "reassignment of a span",
        };
        ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, at.Syntax, what, "declare a new span local for each slice, or a new buffer for new contents");
        return true;
    }

    private void Define(ISymbol symbol, IrType type, IrExpression value, IOperation at)
    {
        if (RefusedReassignment(symbol, type, at))
            return;
        // A Span<T> local is a slice of an output. The transforms follow an output through slices passed
        // as arguments, not through a local: the adjoint lost what was written through one (a call writing
        // it got no derivative at all), and element writes through one produced code that did not compile.
        // (A value already refused, a stackalloc, lowers to a placeholder constant: one diagnostic is enough.)
        if (type.IsWritableSpan() && value is not Constant)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, at.Syntax,
                "a Span<T> local (a slice of an output span)",
                "pass the slice itself ('output.Slice(a, n)' or 'output[a..b]') where the local is used, or write into the output's own elements");
        }
        var variable = NewVariable(symbol.Name, type, VariableRole.Local);
        block.Add(new Assign(variable, ConvertTo(value, type)));
        environment.Variables[symbol] = variable;
    }

    /// <summary>
    /// The current variable of each local and parameter (keyed by symbol) and of the flags the
    /// lowering adds (keyed by their own object), and of the result once a return was seen.
    /// </summary>
    private sealed class Environment
    {
        public Dictionary<object, IrVariable> Variables { get; private init; } = new(KeyComparer.Instance);

        public IrVariable? Result { get; set; }

        public Environment Clone() => new()
        {
            Variables = new Dictionary<object, IrVariable>(Variables, KeyComparer.Instance),
            Result = Result,
        };

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new();

            public new bool Equals(object? x, object? y)
                => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

            public int GetHashCode(object obj)
                => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
