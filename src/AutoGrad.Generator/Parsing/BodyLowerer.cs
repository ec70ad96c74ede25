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
/// variable the arms left different is declared before it and assigned at the end of each arm;</item>
/// <item>floating-point subexpressions get variables of their own (three-address form), so each
/// derivative rule sees variables, not trees; conditions stay trees and are evaluated as written;</item>
/// <item>the body gets a single exit: code after an <c>if</c> that returns on some path is lowered
/// into the arms that fall through, and every return assigns one result variable.</item>
/// </list>
/// </summary>
internal sealed class BodyLowerer
{
    private readonly CancellationToken cancellationToken;
    private readonly List<DiagnosticInfo> diagnostics = [];
    private readonly List<CallSite> callSites = [];
    private readonly Dictionary<int, OpaqueCall> opaqueCalls = [];
    private List<IrStatement> block = [];
    private Environment environment = new();
    private int nextVariableId;
    private readonly IrType returnType;

    private BodyLowerer(IrType returnType, CancellationToken cancellationToken)
    {
        this.returnType = returnType;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>A call to a method AutoGrad cannot see into, whose result is <see cref="Result"/>.</summary>
    public sealed record OpaqueCall(IrVariable Result, string MethodName, LocationInfo? Location);

    public sealed record Lowered(
        IrMethod Method,
        ImmutableArray<DiagnosticInfo> Diagnostics,
        ImmutableArray<CallSite> CallSites,
        ImmutableArray<OpaqueCall> OpaqueCalls);

    public static Lowered Lower(IMethodSymbol method, IrType returnType, IBlockOperation body, CancellationToken cancellationToken)
    {
        var lowerer = new BodyLowerer(returnType, cancellationToken);
        var parameters = ImmutableArray.CreateBuilder<IrParameter>();
        foreach (var parameter in method.Parameters)
        {
            var type = TypeMapping.Map(parameter.Type)!.Value;
            var variable = lowerer.NewVariable(parameter.Name, type, VariableRole.Parameter);
            lowerer.environment.Variables[parameter] = variable;
            parameters.Add(new IrParameter(variable, TypeMapping.IsActive(parameter)));
        }

        lowerer.LowerSequence(body.Operations, 0, null);
        if (lowerer.environment.Result is { } result)
            lowerer.block.Add(new Return(new VariableRef(result)));

        var irMethod = new IrMethod(method.Name, returnType, parameters.ToEquatableArray(), IrBlock.From(lowerer.block), lowerer.nextVariableId);
        return new Lowered(irMethod, [.. lowerer.diagnostics], [.. lowerer.callSites], [.. lowerer.opaqueCalls.Values]);
    }

    // ---- Statements ----------------------------------------------------------------------

    /// <summary>What follows the statements being lowered, for code that must be moved into the arms of an <c>if</c>.</summary>
    private sealed record Continuation(ImmutableArray<IOperation> Statements, int Index, Continuation? Next);

    /// <summary>
    /// Lowers <paramref name="statements"/> from <paramref name="index"/>, then the continuation.
    /// Stops at a <c>return</c>; an <c>if</c> that may return takes the rest into its arms.
    /// </summary>
    private void LowerSequence(ImmutableArray<IOperation> statements, int index, Continuation? rest)
    {
        for (var i = index; i < statements.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var statement = statements[i];
            switch (statement)
            {
                case IReturnOperation ret:
                    LowerReturn(ret);
                    return;
                case IConditionalOperation conditional when ContainsReturn(conditional):
                    LowerIfThatReturns(conditional, new Continuation(statements, i + 1, rest));
                    return;
                case IBlockOperation nested:
                    LowerSequence(nested.Operations, 0, new Continuation(statements, i + 1, rest));
                    return;
                default:
                    LowerStatement(statement);
                    break;
            }
        }
        if (rest is not null)
            LowerSequence(rest.Statements, rest.Index, rest.Next);
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
            case IEmptyOperation:
                break;
            case ILoopOperation loop:
                Report(DiagnosticDescriptors.LoopNotSupported, LoopLocation(loop), LoopName(loop));
                break;
            case ILocalFunctionOperation:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, statement.Syntax, "local function",
                    "move it out of the method and mark it [Differentiable] (or make its arguments constant)");
                break;
            default:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, statement.Syntax, OperationNames.Describe(statement.Kind) + " statement",
                    "rewrite it with assignments, if/else and return");
                break;
        }
    }

    private void LowerDeclarator(IVariableDeclaratorOperation declarator, IVariableInitializerOperation? sharedInitializer)
    {
        var local = declarator.Symbol;
        if (TypeMapping.Map(local.Type) is not { } type)
        {
            var typeSyntax = (declarator.Syntax.Parent as Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclarationSyntax)?.Type ?? declarator.Syntax;
            Report(DiagnosticDescriptors.UnsupportedLocalType, typeSyntax, local.Name, local.Type.ToDisplayString());
            return;
        }
        var initializer = declarator.Initializer ?? sharedInitializer;
        if (initializer is not null)
            Define(local, type, LowerValue(initializer.Value));
    }

    private void LowerExpressionStatement(IOperation expression)
    {
        switch (expression)
        {
            case ISimpleAssignmentOperation assignment when AssignableSymbol(assignment.Target) is { } symbol:
                Define(symbol, TypeOf(assignment.Target), LowerValue(assignment.Value));
                break;
            case ICompoundAssignmentOperation compound when AssignableSymbol(compound.Target) is { } symbol && compound.OperatorMethod is null:
                if (OperationNames.Arithmetic(compound.OperatorKind) is not { } op)
                {
                    ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, compound.Syntax, $"'{compound.OperatorKind}' compound assignment", "write the operation out with + - * /");
                    break;
                }
                Define(symbol, TypeOf(compound.Target), ArithmeticOnTarget(compound.Target, op, LowerValue(compound.Value), flatten: true));
                break;
            case IIncrementOrDecrementOperation step when AssignableSymbol(step.Target) is { } symbol && step.OperatorMethod is null:
                var targetType = TypeOf(step.Target);
                var one = Constant.Of(targetType, 1);
                var stepOperator = step.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
                Define(symbol, targetType, ArithmeticOnTarget(step.Target, stepOperator, one, flatten: true));
                break;
            case IInvocationOperation invocation:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, invocation.Syntax, "call whose result is discarded",
                    "differentiable methods compute a value; remove the call or use its result");
                break;
            default:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, expression.Syntax, OperationNames.Describe(expression.Kind) + " statement",
                    "assign to a local or parameter, or return the value");
                break;
        }
    }

    /// <summary><c>target op value</c>, converting as C# does for compound assignment, back to the target's type.</summary>
    private IrExpression ArithmeticOnTarget(IOperation target, BinaryOperator op, IrExpression value, bool flatten)
    {
        var targetValue = LowerExpression(target, flatten);
        var operationType = TypeMapping.Promote(targetValue.Type, value.Type);
        var left = Atomize(ConvertTo(targetValue, operationType), flatten);
        var right = Atomize(ConvertTo(value, operationType), flatten);
        var result = new Binary(op, left, right, operationType);
        return operationType == targetValue.Type ? result : new Convert(Atomize(result, flatten), targetValue.Type);
    }

    private void LowerReturn(IReturnOperation ret)
    {
        if (ret.ReturnedValue is null)
            return;
        var value = LowerValue(ret.ReturnedValue);
        var result = NewVariable("result", returnType, VariableRole.Temporary);
        block.Add(new Assign(result, ConvertTo(value, returnType)));
        environment.Result = result;
    }

    private void LowerIf(IConditionalOperation conditional)
    {
        var condition = LowerExpression(conditional.Condition, flatten: false);
        var before = environment;
        var (thenBlock, thenEnvironment) = LowerArm(conditional.WhenTrue, null, before);
        var (elseBlock, elseEnvironment) = LowerArm(conditional.WhenFalse, null, before);
        environment = before.Clone();
        var declarations = MergeLocals(thenEnvironment, elseEnvironment, thenBlock, elseBlock);
        block.AddRange(declarations);
        block.Add(new If(condition, IrBlock.From(thenBlock), IrBlock.From(elseBlock)));
    }

    /// <summary>Both arms take the rest of the method with them, so after this only the result is live.</summary>
    private void LowerIfThatReturns(IConditionalOperation conditional, Continuation rest)
    {
        var condition = LowerExpression(conditional.Condition, flatten: false);
        var before = environment;
        var (thenBlock, thenEnvironment) = LowerArm(conditional.WhenTrue, rest, before);
        var (elseBlock, elseEnvironment) = LowerArm(conditional.WhenFalse, rest, before);
        environment = before.Clone();
        if (thenEnvironment.Result is { } thenResult && elseEnvironment.Result is { } elseResult)
        {
            var result = NewVariable("result", returnType, VariableRole.Temporary);
            block.Add(new Declare(result));
            thenBlock.Add(new Assign(result, new VariableRef(thenResult)));
            elseBlock.Add(new Assign(result, new VariableRef(elseResult)));
            environment.Result = result;
        }
        block.Add(new If(condition, IrBlock.From(thenBlock), IrBlock.From(elseBlock)));
    }

    private (List<IrStatement> Block, Environment Environment) LowerArm(IOperation? arm, Continuation? rest, Environment before)
    {
        var outerBlock = block;
        block = [];
        environment = before.Clone();
        var statements = arm is null ? ImmutableArray<IOperation>.Empty : ImmutableArray.Create(arm);
        LowerSequence(statements, 0, rest);
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
            var symbol = pair.Key;
            if (!whenFalse.Variables.TryGetValue(symbol, out var fromElse))
                continue;
            var fromThen = pair.Value;
            if (fromThen == fromElse)
            {
                environment.Variables[symbol] = fromThen;
                continue;
            }
            var merged = NewVariable(symbol.Name, fromThen.Type, VariableRole.Local);
            declarations.Add(new Declare(merged));
            thenBlock.Add(new Assign(merged, new VariableRef(fromThen)));
            elseBlock.Add(new Assign(merged, new VariableRef(fromElse)));
            environment.Variables[symbol] = merged;
        }
        return declarations;
    }

    private void Define(ISymbol symbol, IrType type, IrExpression value)
    {
        var variable = NewVariable(symbol.Name, type, VariableRole.Local);
        block.Add(new Assign(variable, ConvertTo(value, type)));
        environment.Variables[symbol] = variable;
    }

    // ---- Expressions ---------------------------------------------------------------------

    /// <summary>Lowers a value about to be assigned: its operands get variables, the top node does not.</summary>
    private IrExpression LowerValue(IOperation operation)
        => LowerExpression(operation, flatten: TypeMapping.Map(operation.Type)?.IsFloatingPoint() ?? false);

    /// <summary>
    /// Lowers an expression. With <paramref name="flatten"/>, floating-point operands are moved into
    /// variables of their own; without it (conditions, integer arithmetic) the tree stays as written,
    /// so short-circuit evaluation is kept.
    /// </summary>
    private IrExpression LowerExpression(IOperation operation, bool flatten)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var type = TypeMapping.Map(operation.Type);
        if (operation.ConstantValue.HasValue)
        {
            if (type is { } constantType && TypeMapping.Constant(operation.ConstantValue.Value, constantType) is { } constant)
                return constant;
            return Unsupported(operation, "constant of type " + (operation.Type?.ToDisplayString() ?? "null"), "use a numeric or boolean constant");
        }
        if (type is null)
            return Unsupported(operation, "value of type " + (operation.Type?.ToDisplayString() ?? "unknown"), "use double, float, int, long or bool");

        var operandsFlatten = flatten && type.Value.IsFloatingPoint();
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Read(local.Local, operation);
            case IParameterReferenceOperation parameter:
                return Read(parameter.Parameter, operation);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return new FieldRef(field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), field.Name, type.Value);
            case IFieldReferenceOperation field:
                return Unsupported(operation, field.Field.IsStatic ? "mutable static field" : "instance field",
                    "read constants from 'const' or 'static readonly' fields, and pass other values as parameters");
            case IConversionOperation conversion:
                return LowerConversion(conversion, type.Value, operandsFlatten);
            case IUnaryOperation unary when unary.OperatorMethod is null:
                return LowerUnary(unary, type.Value, operandsFlatten);
            case IBinaryOperation binary when binary.OperatorMethod is null:
                return LowerBinary(binary, type.Value, operandsFlatten);
            case IConditionalOperation conditional:
                return operandsFlatten ? LowerConditionalAsIf(conditional, type.Value) : LowerConditionalExpression(conditional, type.Value);
            case IInvocationOperation invocation:
                return LowerInvocation(invocation, type.Value, operandsFlatten);
            default:
                return Unsupported(operation, OperationNames.Describe(operation.Kind), "use arithmetic, Math functions, conditionals and calls");
        }
    }

    private IrExpression Read(ISymbol symbol, IOperation operation)
    {
        if (environment.Variables.TryGetValue(symbol, out var variable))
            return new VariableRef(variable);
        return Unsupported(operation, "read of a variable before it is assigned", "assign the variable first");
    }

    private IrExpression LowerConversion(IConversionOperation conversion, IrType type, bool flatten)
    {
        if (conversion.OperatorMethod is not null || !(conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity))
            return Unsupported(conversion, "conversion to " + conversion.Type!.ToDisplayString(), "use numeric conversions between double, float, int and long");
        var operand = LowerExpression(conversion.Operand, flatten);
        return ConvertTo(Atomize(operand, flatten), type);
    }

    private IrExpression LowerUnary(IUnaryOperation unary, IrType type, bool flatten)
    {
        var operand = Atomize(LowerExpression(unary.Operand, flatten), flatten);
        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => new Unary(UnaryOperator.Negate, operand, type),
            UnaryOperatorKind.Not => new Unary(UnaryOperator.Not, operand, type),
            _ => Unsupported(unary, $"'{unary.OperatorKind}' operator", "use arithmetic and logical operators"),
        };
    }

    private IrExpression LowerBinary(IBinaryOperation binary, IrType type, bool flatten)
    {
        if (OperationNames.Binary(binary.OperatorKind) is not { } op)
            return Unsupported(binary, $"'{binary.OperatorKind}' operator", "use + - * / %, comparisons and logical operators");
        var left = Atomize(LowerExpression(binary.LeftOperand, flatten), flatten);
        var right = Atomize(LowerExpression(binary.RightOperand, flatten), flatten);
        return new Binary(op, left, right, type);
    }

    private IrExpression LowerConditionalExpression(IConditionalOperation conditional, IrType type)
    {
        var condition = LowerExpression(conditional.Condition, flatten: false);
        var whenTrue = LowerExpression(conditional.WhenTrue, flatten: false);
        var whenFalse = LowerExpression(conditional.WhenFalse!, flatten: false);
        return new Conditional(condition, ConvertTo(whenTrue, type), ConvertTo(whenFalse, type), type);
    }

    /// <summary>A floating-point <c>c ? a : b</c> becomes an <c>if</c>, so only the arm taken is evaluated and differentiated.</summary>
    private IrExpression LowerConditionalAsIf(IConditionalOperation conditional, IrType type)
    {
        var condition = LowerExpression(conditional.Condition, flatten: false);
        var result = NewVariable("choice", type, VariableRole.Temporary);
        var outerBlock = block;
        block = [];
        block.Add(new Assign(result, ConvertTo(LowerExpression(conditional.WhenTrue, flatten: true), type)));
        var thenBlock = block;
        block = [];
        block.Add(new Assign(result, ConvertTo(LowerExpression(conditional.WhenFalse!, flatten: true), type)));
        var elseBlock = block;
        block = outerBlock;
        block.Add(new Declare(result));
        block.Add(new If(condition, IrBlock.From(thenBlock), IrBlock.From(elseBlock)));
        return new VariableRef(result);
    }

    private IrExpression LowerInvocation(IInvocationOperation invocation, IrType type, bool flatten)
    {
        var method = invocation.TargetMethod;
        if (IntrinsicMapping.Resolve(method) is { } intrinsic)
        {
            var arguments = LowerArguments(invocation, flatten);
            if (arguments is null)
                return Constant.Of(type, 0);
            return new IntrinsicCall(intrinsic, arguments.Value, type);
        }
        if (invocation.Instance is not null)
            return Unsupported(invocation, "instance method call", "call static methods, or mark the method [Differentiable]");

        if (DifferentiableSignature.HasDifferentiableAttribute(method))
        {
            var arguments = LowerArguments(invocation, flatten);
            if (arguments is null)
                return Constant.Of(type, 0);
            var target = DifferentiableSignature.Target(method);
            callSites.Add(new CallSite(target.Id, method.Name, LocationInfo.From(invocation.Syntax)));
            if (DifferentiableSignature.WhyNotCallable(method) is { } reason)
                Report(DiagnosticDescriptors.CalleeNotDifferentiable, invocation.Syntax, method.Name, reason);
            return new DifferentiableCall(target, arguments.Value, type);
        }

        var opaqueArguments = LowerArguments(invocation, flatten);
        if (opaqueArguments is null)
            return Constant.Of(type, 0);
        var name = method.IsGenericMethod
            ? $"{method.Name}<{string.Join(", ", method.TypeArguments.Select(argument => argument.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))}>"
            : method.Name;
        var call = new MethodCall(
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            name,
            opaqueArguments.Value.Select(argument => new Argument(argument)).ToEquatableArray(),
            type);
        if (!type.IsFloatingPoint())
            return call;
        // A floating-point result gets its own variable so activity analysis can tell whether a derivative would have to flow through it.
        var result = NewVariable(HintFor(method.Name), type, VariableRole.Temporary);
        block.Add(new Assign(result, call));
        opaqueCalls[result.Id] = new OpaqueCall(result, method.ContainingType.Name + "." + method.Name, LocationInfo.From(invocation.Syntax));
        return new VariableRef(result);
    }

    /// <summary>Arguments in parameter order, each converted to its parameter's type; null when one cannot be lowered.</summary>
    private EquatableArray<IrExpression>? LowerArguments(IInvocationOperation invocation, bool flatten)
    {
        var lowered = new IrExpression?[invocation.TargetMethod.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.ParamArray || argument.Parameter is null || argument.Parameter.RefKind != RefKind.None)
            {
                Unsupported(argument, "ref, out, in or params argument", "pass arguments by value");
                return null;
            }
            var parameterType = TypeMapping.Map(argument.Parameter.Type);
            if (parameterType is null)
            {
                Unsupported(argument, "argument of type " + argument.Parameter.Type.ToDisplayString(), "call methods whose parameters are double, float, int, long or bool");
                return null;
            }
            var value = LowerExpression(argument.Value, flatten);
            lowered[argument.Parameter.Ordinal] = Atomize(ConvertTo(Atomize(value, flatten), parameterType.Value), flatten);
        }
        if (lowered.Any(argument => argument is null))
            return null;
        return lowered.Select(argument => argument!).ToEquatableArray();
    }

    // ---- Helpers -------------------------------------------------------------------------

    /// <summary>In three-address form a compound floating-point operand gets a variable of its own.</summary>
    private IrExpression Atomize(IrExpression expression, bool flatten)
    {
        if (!flatten || !expression.Type.IsFloatingPoint() || expression is Constant or VariableRef or FieldRef)
            return expression;
        var temporary = NewVariable(HintFor(expression), expression.Type, VariableRole.Temporary);
        block.Add(new Assign(temporary, expression));
        return new VariableRef(temporary);
    }

    private static IrExpression ConvertTo(IrExpression expression, IrType type)
    {
        if (expression.Type == type)
            return expression;
        if (expression is Constant constant)
            return Constant.Of(type, constant.Value);
        return new Convert(expression, type);
    }

    private static string HintFor(IrExpression expression) => expression switch
    {
        Binary { Operator: BinaryOperator.Add } => "sum",
        Binary { Operator: BinaryOperator.Subtract } => "difference",
        Binary { Operator: BinaryOperator.Multiply } => "product",
        Binary { Operator: BinaryOperator.Divide } => "quotient",
        Binary { Operator: BinaryOperator.Remainder } => "remainder",
        Unary { Operator: UnaryOperator.Negate } => "negated",
        Convert => "converted",
        IntrinsicCall call => HintFor(call.Function.MethodName()),
        DifferentiableCall call => HintFor(call.Target.Name),
        _ => "value",
    };

    private static string HintFor(string methodName)
        => methodName.Length == 0 ? "value" : char.ToLowerInvariant(methodName[0]) + methodName.Substring(1);

    private IrVariable NewVariable(string name, IrType type, VariableRole role) => new(nextVariableId++, name, type, role);

    private static ISymbol? AssignableSymbol(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private IrType TypeOf(IOperation operation) => TypeMapping.Map(operation.Type) ?? IrType.Double;

    private static bool ContainsReturn(IOperation operation) => operation.Descendants().Any(descendant => descendant is IReturnOperation);

    private static string LoopName(ILoopOperation loop) => loop switch
    {
        IForLoopOperation => "for",
        IForEachLoopOperation => "foreach",
        IWhileLoopOperation { ConditionIsTop: false } => "do-while",
        IWhileLoopOperation => "while",
        _ => "loop",
    };

    private static LocationInfo? LoopLocation(ILoopOperation loop)
        => LocationInfo.From(loop.Syntax.GetFirstToken());

    private IrExpression Unsupported(IOperation operation, string what, string instead)
    {
        ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, what, instead);
        var type = TypeMapping.Map(operation.Type) ?? IrType.Double;
        return type == IrType.Bool ? Constant.Bool(false) : Constant.Of(type, 0);
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] arguments)
        => diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(node), arguments));

    /// <summary>AG0006/AG0007 name the construct with its article: "a switch statement", "an instance field".</summary>
    private void ReportUnsupported(DiagnosticDescriptor descriptor, SyntaxNode node, string construct, string instead)
        => Report(descriptor, node, OperationNames.WithArticle(construct), instead);

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    /// <summary>The current variable of each local and parameter, and of the result once a return was seen.</summary>
    private sealed class Environment
    {
        public Dictionary<ISymbol, IrVariable> Variables { get; private init; } = new(SymbolEqualityComparer.Default);

        public IrVariable? Result { get; set; }

        public Environment Clone() => new()
        {
            Variables = new Dictionary<ISymbol, IrVariable>(Variables, SymbolEqualityComparer.Default),
            Result = Result,
        };
    }
}
