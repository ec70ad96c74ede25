using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Expressions: three-address lowering of values, spans and calls.
internal sealed partial class BodyLowerer
{
    // ---- Expressions ---------------------------------------------------------------------

    /// <summary>Lowers a value about to be assigned: its operands get variables, the top node does not.</summary>
    private IrExpression LowerValue(IOperation operation)
        => LowerExpression(operation, flatten: TypeMapping.Map(operation.Type) is { } type && (type.IsFloatingPoint() || type.IsMatrix()));

    /// <summary>
    /// Lowers an expression. With <paramref name="flatten"/>, floating-point operands are moved into
    /// variables of their own; without it (conditions, integer arithmetic) the tree stays as written,
    /// so short-circuit evaluation is kept.
    /// </summary>
    private IrExpression LowerExpression(IOperation operation, bool flatten)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // SizeCheck bounds the nesting; on a host thread with an unusually small stack this turns an
        // overflow (which would kill the compiler) into an exception, reported as AG0020.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var type = TypeMapping.Map(operation.Type);
        if (operation.ConstantValue.HasValue)
        {
            if (type is { } constantType && TypeMapping.Constant(operation.ConstantValue.Value, constantType) is { } constant)
                return constant;
            return Unsupported(operation, "constant of type " + (operation.Type?.ToDisplayString() ?? "null"), "use a numeric or boolean constant");
        }
        if (LowerArrayAccess(operation) is { } arrayAccess)
            return arrayAccess;
        if (type is null)
            return Unsupported(operation, "value of type " + (operation.Type?.ToDisplayString() ?? "unknown"), "use double, float, int, long or bool");

        var operandsFlatten = flatten && (type.Value.IsFloatingPoint() || type.Value.IsMatrix());
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return Read(local.Local, operation);
            case IParameterReferenceOperation parameter:
                return Read(parameter.Parameter, operation);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return new FieldRef(field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), field.Name, type.Value, OfEnum: field.Type.TypeKind == TypeKind.Enum);
            case IFieldReferenceOperation field:
                return Unsupported(operation, field.Field.IsStatic ? "mutable static field" : "instance field",
                    "read constants from 'const' or 'static readonly' fields, and pass other values as parameters");
            case IConversionOperation conversion:
                return LowerConversion(conversion, type.Value, operandsFlatten);
            case IUnaryOperation { OperatorMethod: var unaryOperator } unary when MatrixMapping.IsMatrixOperator(unaryOperator):
                return LowerMatrixOperator(unaryOperator!, [unary.Operand], type.Value, operation);
            case IBinaryOperation { OperatorMethod: var binaryOperator } binary when MatrixMapping.IsMatrixOperator(binaryOperator):
                return LowerMatrixOperator(binaryOperator!, [binary.LeftOperand, binary.RightOperand], type.Value, operation);
            case IInvocationOperation invocation when MatrixMapping.IsOps(invocation.TargetMethod):
                return LowerOpsCall(invocation, type.Value);
            case IUnaryOperation unary when unary.OperatorMethod is null:
                return LowerUnary(unary, type.Value, operandsFlatten);
            case IBinaryOperation binary when binary.OperatorMethod is null:
                return LowerBinary(binary, type.Value, operandsFlatten);
            case IConditionalOperation conditional:
                return operandsFlatten ? LowerConditionalAsIf(conditional, type.Value) : LowerConditionalExpression(conditional, type.Value);
            case ISwitchExpressionOperation switchExpression:
                return LowerSwitchExpression(switchExpression, type.Value, operandsFlatten);
            case IIsPatternOperation isPattern:
                // 'v is > 0 and < 1', 'mode is Mode.A or Mode.B': each test of the pattern against v (a real v named first where
                // operands are flattened; an integer one is pure and tested as it is written).
                return LowerPattern(isPattern.Pattern, Atomize(LowerExpression(isPattern.Value, operandsFlatten), operandsFlatten));
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer when IsSpan(instance):
                return LowerElementRead(instance, indexer.Arguments[0].Value, operation);
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } when IsSpan(instance):
                return SpanOf(instance) is { } lengthOf ? new SpanLength(lengthOf) : Constant.Of(IrType.Int, 0);
            case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { } instance } slice when IsSpan(instance):
                return LowerSlice(instance, slice.Arguments[0].Value, slice.Arguments.Length > 1 ? slice.Arguments[1].Value : null, null);
            case IImplicitIndexerReferenceOperation { Instance: var instance, Argument: IRangeOperation range } when IsSpan(instance):
                return LowerSlice(instance, range.LeftOperand, null, range.RightOperand);
            case IInvocationOperation invocation:
                return LowerInvocation(invocation, type.Value, operandsFlatten);
            default:
            {
                var (what, instead) = OperationNames.DescribeUnsupported(operation);
                return Unsupported(operation, what, instead);
            }
        }
    }

    /// <summary>
    /// How many operands being lowered run only on some paths of the expression around them (the right of <c>&amp;&amp;</c>
    /// and <c>||</c>, the arms of a <c>?:</c> or a switch expression kept as a tree, a switch arm's guard): nothing in them may
    /// become a statement, which would run before the expression, and always.
    /// </summary>
    private int conditionallyEvaluated;

    private IrExpression Read(ISymbol symbol, IOperation operation)
    {
        if (environment.Variables.TryGetValue(symbol, out var variable))
            return new VariableRef(variable);
        return Unsupported(operation, "read of a variable before it is assigned", "assign the variable first");
    }

    // ---- Arrays ---------------------------------------------------------------------------

    /// <summary>
    /// The span variable an array is read or written through: an array parameter's own (<see cref="ArrayParameters"/>),
    /// or a constant table's.
    /// </summary>
    private IrVariable? ArrayAsSpan(IOperation operation) => ArraySpan(operation) ?? ConstantTable(operation);

    /// <summary>The span variable of an array parameter or a scratch array local (what a table is not: a table is read only as a read-only span).</summary>
    private IrVariable? ArraySpan(IOperation operation)
    {
        ISymbol? array = operation switch
        {
            IParameterReferenceOperation { Parameter: var parameter } when ArrayParameters.ElementOf(parameter.Type) is not null => parameter,
            ILocalReferenceOperation { Local: var local } when ArrayParameters.ElementOf(local.Type) is not null => local,
            _ => null,
        };
        return array is not null && environment.Variables.TryGetValue(array, out var span) ? span : null;
    }

    /// <summary>
    /// A <c>static readonly</c> array of <c>double</c> or <c>float</c> (a table of coefficients), read as
    /// a constant: bound once, at the start of the method, to a read-only span local, which no
    /// derivative flows into. Passed where a differentiable callee takes an active span, it gets a
    /// zero tangent and its adjoint is discarded, as for any constant span argument.
    /// </summary>
    private IrVariable? ConstantTable(IOperation operation)
    {
        // Only as a read-only span: a table converted to Span<T> would be written.
        if (operation is IConversionOperation { Operand: var converted } conversion && IsSpan(conversion))
        {
            if (TypeMapping.Map(conversion.Type)?.IsWritableSpan() != false)
                return null;
            operation = converted;
        }
        if (operation is not IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, Type: IArrayTypeSymbol { Rank: 1, ElementType: var element } } field }
            || TypeMapping.Map(element) is not { } elementType || !elementType.IsFloatingPoint())
        {
            return null;
        }
        if (!constantTables.TryGetValue(field, out var table))
        {
            table = NewVariable(HintFor(field.Name), elementType.ReadOnlySpanOf(), VariableRole.Local);
            constantTables[field] = table;
            tableBindings.Add(new Assign(table, new FieldRef(field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), field.Name, table.Type)));
        }
        return table;
    }

    /// <summary>
    /// <c>a[i]</c>, <c>a.Length</c>, <c>a.AsSpan(…)</c>, and <c>a</c> where a span or an array is wanted, for an array
    /// parameter or a constant table: the operations of the span it is read through.
    /// </summary>
    private IrExpression? LowerArrayAccess(IOperation operation)
    {
        switch (operation)
        {
            case IArrayElementReferenceOperation { ArrayReference: var array, Indices.Length: 1 } element when element.Indices[0] is not IRangeOperation && ArrayAsSpan(array) is { } span:
                CheckReadBack(span, operation);
                return new ElementRead(span, LowerIndex(element.Indices[0]));
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } when ArrayAsSpan(instance) is { } span:
                return new SpanLength(span);
            case IConversionOperation { Operand: var array } conversion when IsSpan(conversion) && ArraySpan(array) is { } span:
                return new VariableRef(span);
            case IConversionOperation conversion when IsSpan(conversion) && ConstantTable(conversion) is { } table:
                return new VariableRef(table);
            case IConversionOperation { Operand: IArrayElementReferenceOperation { Indices.Length: 1 } ranged } conversion when IsSpan(conversion) && ranged.Indices[0] is IRangeOperation:
                return LowerArrayAccess(ranged);
            case IArrayElementReferenceOperation { ArrayReference: var array, Indices.Length: 1 } element when element.Indices[0] is IRangeOperation range && ArrayAsSpan(array) is not null:
                // a[i..j] is a copy: as a slice only where nothing can write it (a copy written would leave a alone).
                if (!IsOnlyRead(element))
                    return Unsupported(element, "range of an array passed to be written", "pass a.AsSpan(start, length), which writes into a itself");
                return LowerSlice(array, range.LeftOperand, null, range.RightOperand);
            case IInvocationOperation { TargetMethod: { Name: "AsSpan", IsExtensionMethod: true } asSpan } invocation
                when invocation.Arguments.Length > 0 && ArrayAsSpan(invocation.Arguments[0].Value) is not null:
                if (asSpan.Parameters.Skip(1).Any(parameter => parameter.Type.SpecialType != SpecialType.System_Int32))
                    return Unsupported(invocation, "AsSpan with an Index or a Range", "use AsSpan(start) or AsSpan(start, length)");
                var arguments = invocation.Arguments.OrderBy(argument => argument.Parameter!.Ordinal).ToList();
                if (arguments.Count == 1)
                    return SpanOf(arguments[0].Value) is { } whole ? new VariableRef(whole) : Constant.Of(IrType.Int, 0);
                return LowerSlice(arguments[0].Value, arguments[1].Value, arguments.Count > 2 ? arguments[2].Value : null, null);
            case IParameterReferenceOperation or ILocalReferenceOperation when ArrayAsSpan(operation) is { } span:
                return new VariableRef(span);
            default:
                return null;
        }
    }

    /// <summary>Whether a value is only read: converted to a read-only span, or passed for a parameter the callee only reads.</summary>
    private bool IsOnlyRead(IOperation value) => value.Parent switch
    {
        IConversionOperation conversion => TypeMapping.Map(conversion.Type) is { } type && type.IsSpan() && !type.IsWritableSpan(),
        IArgumentOperation { Parameter: { } parameter } => TypeMapping.Map(parameter, compilation) is { } type && type.IsSpan() && !type.IsWritableSpan(),
        _ => false,
    };

    // ---- Spans ----------------------------------------------------------------------------

    private static bool IsSpan(IOperation operation) => TypeMapping.Map(operation.Type)?.IsSpan() ?? false;

    /// <summary>The span variable an expression names: a span parameter or local, through an implicit Span-to-ReadOnlySpan conversion.</summary>
    private IrVariable? SpanOf(IOperation operation)
    {
        switch (operation)
        {
            case IConversionOperation conversion when IsSpan(conversion.Operand):
                return SpanOf(conversion.Operand);
            case IConversionOperation conversion when ConstantTable(conversion) is { } table:
                return table;
            case IConversionOperation { Operand: var array } when ArraySpan(array) is { } arraySpan:
                return arraySpan;
            case ILocalReferenceOperation local when environment.Variables.TryGetValue(local.Local, out var localSpan):
                return localSpan;
            case IParameterReferenceOperation parameter when environment.Variables.TryGetValue(parameter.Parameter, out var parameterSpan):
                return parameterSpan;
            case IInvocationOperation or IImplicitIndexerReferenceOperation or IArrayElementReferenceOperation when IsSpan(operation) || LowerArrayAccess(operation) is not null:
                // A slice of a slice (x.Slice(1)[2], x.AsSpan()[1..]): bound to a span local of its own, as if the user had declared it.
                if (conditionOfLoops > 0 || conditionallyEvaluated > 0)
                {
                    ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "slice of a slice in a loop's condition or behind a short circuit",
                        "declare the slice as a span local before the statement");
                    return null;
                }
                if (LowerExpression(operation, flatten: false) is not { Type: var type } slice || !type.IsSpan())
                    return null;
                if (slice is VariableRef { Variable: var named })
                    return named;
                var bound = NewVariable("slice", type, VariableRole.Local);
                block.Add(new Assign(bound, slice));
                return bound;
            default:
                ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "span expression",
                    "index, slice or take the length of a span parameter or of a span local holding a slice");
                return null;
        }
    }

    private IrExpression LowerElementRead(IOperation instance, IOperation index, IOperation operation)
    {
        if (SpanOf(instance) is not { } span)
            return Constant.Of(TypeMapping.Map(operation.Type) ?? IrType.Double, 0);
        CheckReadBack(span, operation);
        return new ElementRead(span, LowerIndex(index));
    }

    /// <summary>
    /// The adjoint keeps what a loop reads back from an output, per iteration of that loop; in a
    /// nested loop the value would be re-read after later writes, so that is refused.
    /// </summary>
    private void CheckReadBack(IrVariable span, IOperation operation)
    {
        if (scratchDepths.ContainsKey(span))
        {
            // The loop one level out keeps what its iteration reads, so that loop must rebuild the buffer.
            RequireOwnBuffer(span, loops.Count + conditionOfLoops - 1, operation.Syntax, "read of a scratch buffer more than one loop deeper than where it is allocated or rewritten whole",
                "read it into a local one loop further out, or allocate the buffer (or write all of it, for (int i = 0; i < n; i++) t[i] = …;) inside the outer of the loops");
            return;
        }
        if (span.Type.IsWritableSpan() && loops.Count + conditionOfLoops > 1)
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, "read of an output span inside nested loops",
                "compute the value in a local instead of reading it back from the output");
        }
    }

    /// <summary>An index or bound: an <c>int</c> expression, kept as a tree.</summary>
    private IrExpression LowerIndex(IOperation index)
    {
        if (TypeMapping.Map(index.Type) != IrType.Int)
            return Unsupported(index, "index of type " + (index.Type?.ToDisplayString() ?? "unknown"), "index spans with an int expression (no '^' or ranges here)");
        return LowerExpression(index, flatten: false);
    }

    /// <summary><c>span.Slice(start, length)</c>, <c>span.Slice(start)</c>, <c>span[start..end]</c>.</summary>
    private IrExpression LowerSlice(IOperation instance, IOperation? start, IOperation? length, IOperation? end)
    {
        if (SpanOf(instance) is not { } span)
            return Constant.Of(IrType.Int, 0);
        var from = start is null ? Constant.Of(IrType.Int, 0) : LowerRangeBound(start, span);
        IrExpression count;
        if (length is not null)
            count = LowerIndex(length);
        else if (end is not null)
            count = new Binary(BinaryOperator.Subtract, LowerRangeBound(end, span), from, IrType.Int);
        else
            count = new Binary(BinaryOperator.Subtract, new SpanLength(span), from, IrType.Int);
        return new Slice(span, from, count);
    }

    /// <summary>A range bound: an int, or <c>^k</c> (counted from the end).</summary>
    private IrExpression LowerRangeBound(IOperation bound, IrVariable span)
    {
        var operand = bound is IConversionOperation { Operand: var converted } ? converted : bound;
        if (operand is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat, Operand: var fromEnd })
            return new Binary(BinaryOperator.Subtract, new SpanLength(span), LowerIndex(fromEnd), IrType.Int);
        return LowerIndex(operand);
    }

    /// <summary>The element of an output span being assigned to, if the target is one.</summary>
    private (IOperation Span, IOperation Index)? SpanElement(IOperation target) => target switch
    {
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer when IsSpan(instance) => (instance, indexer.Arguments[0].Value),
        IArrayElementReferenceOperation { ArrayReference: var array, Indices.Length: 1 } element when ArrayAsSpan(array) is not null => (array, element.Indices[0]),
        _ => null,
    };

    /// <summary><c>y[i] = v</c>, <c>y[i] += v</c>, and other compound assignments to an element (a read-back and a write).</summary>
    private void LowerElementAssignment((IOperation Span, IOperation Index) element, IOperation value, BinaryOperator? compound, IOperation at)
    {
        if (SpanOf(element.Span) is not { } span)
            return;
        if (!span.Type.IsWritableSpan())
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, at.Syntax, "write to a read-only span", "write only to Span<T> parameters (the method's outputs)");
            return;
        }
        if (at is ICompoundAssignmentOperation && compound is null)
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedExpression, at.Syntax, "compound assignment of this kind", "write the operation out with + - * /");
            return;
        }
        var index = LowerIndex(element.Index);
        var elementType = span.Type.ElementType();
        var lowered = ConvertTo(LowerValue(value), elementType);
        if (compound == BinaryOperator.Add)
        {
            block.Add(new ElementAssign(span, index, Atomize(lowered, flatten: true), Accumulate: true));
            NoteScratchWrite(span);
            return;
        }
        if (compound is { } op)
        {
            CheckReadBack(span, at);
            var current = Atomize(new ElementRead(span, index), flatten: true);
            lowered = Arithmetic(current, op, Atomize(lowered, flatten: true), flatten: true);
        }
        block.Add(new ElementAssign(span, index, Atomize(lowered, flatten: true), Accumulate: false));
        NoteScratchWrite(span);
    }

    private IrExpression LowerConversion(IConversionOperation conversion, IrType type, bool flatten)
    {
        if ((type.IsSpan() && IsSpan(conversion.Operand)) || (type.IsMatrix() && conversion.Conversion.IsIdentity))
            return LowerExpression(conversion.Operand, flatten);
        if (conversion.OperatorMethod is not null || !(conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity || Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetConversion(conversion).IsEnumeration))
            return Unsupported(conversion, "conversion to " + conversion.Type!.ToDisplayString(), "use numeric conversions between double, float, int and long");
        // An enum over byte, short or uint wraps what it is given, which the int or long the IR keeps it in would not.
        if (conversion.Type is INamedTypeSymbol { EnumUnderlyingType.SpecialType: not (SpecialType.System_Int32 or SpecialType.System_Int64) } narrowEnum)
            return Unsupported(conversion, $"conversion to '{narrowEnum.Name}' (an enum over {narrowEnum.EnumUnderlyingType!.ToDisplayString()})", "convert to it only from a constant, or declare the enum over int");
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
        var shortCircuit = op is BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr;
        conditionallyEvaluated += shortCircuit ? 1 : 0;
        var right = Atomize(LowerExpression(binary.RightOperand, flatten), flatten);
        conditionallyEvaluated -= shortCircuit ? 1 : 0;
        return new Binary(op, left, right, type);
    }

    private IrExpression LowerConditionalExpression(IConditionalOperation conditional, IrType type)
    {
        var condition = LowerExpression(conditional.Condition, flatten: false);
        conditionallyEvaluated++;
        var whenTrue = LowerExpression(conditional.WhenTrue, flatten: false);
        var whenFalse = LowerExpression(conditional.WhenFalse!, flatten: false);
        conditionallyEvaluated--;
        return new Conditional(condition, ConvertTo(whenTrue, type), ConvertTo(whenFalse, type), type);
    }

    /// <summary>
    /// <c>v switch { p₁ =&gt; a₁, …, _ =&gt; aₙ }</c> is the chain <c>p₁(v) ? a₁ : … : aₙ</c>, with constant, relational
    /// (<c>&lt; 0</c>), <c>and</c>/<c>or</c>/<c>not</c> and discard patterns and <c>when</c> guards: as an <c>if</c> chain for a
    /// floating-point value (only the arm taken is evaluated and differentiated), as nested conditionals elsewhere. The last arm
    /// must be <c>_</c> without a guard, so the chain is exhaustive as written.
    /// </summary>
    private IrExpression LowerSwitchExpression(ISwitchExpressionOperation switchExpression, IrType type, bool flatten)
    {
        var arms = switchExpression.Arms;
        if (arms.IsEmpty || arms[arms.Length - 1] is not { Pattern: IDiscardPatternOperation, Guard: null })
            return Unsupported(switchExpression, "switch expression without a final '_' arm", "end the switch with '_ => …'");
        var value = LowerExpression(switchExpression.Value, flatten: false);
        if (flatten && value is not (Constant or VariableRef))
        {
            var switched = NewVariable("switched", value.Type, VariableRole.Temporary);
            block.Add(new Assign(switched, value));
            value = new VariableRef(switched);
        }
        var conditions = new List<IrExpression>(arms.Length - 1);
        // Past the first pattern, what the chain evaluates depends on the patterns before: guards (always) and, kept as a tree, arms.
        conditionallyEvaluated++;
        foreach (var arm in arms.Take(arms.Length - 1))
        {
            var matches = LowerPattern(arm.Pattern, value);
            if (arm.Guard is { } guard)
                matches = new Binary(BinaryOperator.ConditionalAnd, matches, LowerExpression(guard, flatten: false), IrType.Bool);
            conditions.Add(matches);
        }
        conditionallyEvaluated--;
        if (!flatten)
        {
            conditionallyEvaluated++;
            IrExpression chain = ConvertTo(LowerExpression(arms[arms.Length - 1].Value, flatten: false), type);
            for (var index = arms.Length - 2; index >= 0; index--)
                chain = new Conditional(conditions[index], ConvertTo(LowerExpression(arms[index].Value, flatten: false), type), chain, type);
            conditionallyEvaluated--;
            return chain;
        }
        var result = NewVariable("choice", type, VariableRole.Temporary);
        block.Add(new Declare(result));
        block.Add(ArmChain(0));
        return new VariableRef(result);

        IrStatement ArmChain(int index)
        {
            var outerBlock = block;
            block = [];
            block.Add(new Assign(result, ConvertTo(LowerExpression(arms[index].Value, flatten: true), type)));
            var chosen = IrBlock.From(block);
            block = outerBlock;
            if (index == arms.Length - 1)
                return new If(Constant.Bool(true), chosen, IrBlock.Empty);
            var otherwise = index + 1 == arms.Length - 1 ? LastArm() : IrBlock.From([ArmChain(index + 1)]);
            return new If(conditions[index], chosen, otherwise);
        }

        IrBlock LastArm()
        {
            var outerBlock = block;
            block = [];
            block.Add(new Assign(result, ConvertTo(LowerExpression(arms[arms.Length - 1].Value, flatten: true), type)));
            var last = IrBlock.From(block);
            block = outerBlock;
            return last;
        }
    }

    /// <summary>Whether <paramref name="value"/> matches a constant, relational, <c>and</c>/<c>or</c>/<c>not</c>, discard or <c>var</c> pattern.</summary>
    private IrExpression LowerPattern(IPatternOperation pattern, IrExpression value)
    {
        switch (pattern)
        {
            case IDiscardPatternOperation:
                return Constant.Bool(true);
            case IConstantPatternOperation { Value: var constant } when constant.ConstantValue is { HasValue: true, Value: not (double.NaN or float.NaN) }:
                return new Binary(BinaryOperator.Equal, value, ConvertTo(LowerExpression(constant, flatten: false), value.Type), IrType.Bool);
            case IRelationalPatternOperation { Value: var bound } relational when OperationNames.Binary(relational.OperatorKind) is
                { } comparison and (BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal or BinaryOperator.NotEqual)
                && bound.ConstantValue is { HasValue: true, Value: not (double.NaN or float.NaN) }:
                return new Binary(comparison, value, ConvertTo(LowerExpression(bound, flatten: false), value.Type), IrType.Bool);
            case IBinaryPatternOperation binary:
                return new Binary(binary.OperatorKind == BinaryOperatorKind.And ? BinaryOperator.ConditionalAnd : BinaryOperator.ConditionalOr,
                    LowerPattern(binary.LeftPattern, value), LowerPattern(binary.RightPattern, value), IrType.Bool);
            case INegatedPatternOperation negated:
                return new Unary(UnaryOperator.Not, LowerPattern(negated.Pattern, value), IrType.Bool);
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } when value is VariableRef { Variable: var named } && TypeMapping.Map(local.Type) == named.Type:
                // case var a when …: a names the value, which always matches its own type.
                environment.Variables[local] = named;
                return Constant.Bool(true);
            default:
                return Unsupported(pattern, "pattern", "match with constants, relational patterns (< 0), and/or/not, and '_'");
        }
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
        if (method.MethodKind == MethodKind.LocalFunction)
            return LowerLocalFunctionCall(invocation, type, flatten);
        if (invocation.Instance is not null)
            return Unsupported(invocation, "instance method call", "call static methods, or mark the method [Differentiable]");

        // A plain method with a [DerivativeOf] adjoint is called like a differentiable one.
        var custom = CustomDerivatives.TargetFor(method, compilation);
        if (DifferentiableSignature.HasDifferentiableAttribute(method) || custom is not null)
        {
            // A callee with matrices is inlined when this method is generated: it must be compiled here, and straight-line here.
            if (TypeMapping.Map(method.ReturnType)?.IsMatrix() == true || method.Parameters.Any(parameter => TypeMapping.Map(parameter.Type)?.IsMatrix() == true))
            {
                if (method.DeclaringSyntaxReferences.IsEmpty)
                    return Unsupported(invocation, "call of a differentiable method with matrices from another assembly", "copy its expression into this method");
                if (RefusedHere(invocation))
                    return Constant.Of(type.IsMatrix() ? type.ElementType() : type, 0);
            }
            var arguments = LowerArguments(invocation, flatten);
            if (arguments is null)
                return Constant.Of(type, 0);
            var target = custom ?? DifferentiableSignature.Target(method, compilation);
            if (Enumerable.Range(0, arguments.Value.Count).Any(i => target.Writes(i) && IrTraversal.SpanOrVariable(arguments.Value[i])?.Type.IsWritableSpan() == true))
                return Unsupported(invocation, "call of a differentiable method that returns a value and writes a span", "make the method void, with its value written into an output span");
            // The adjoint hands the callee's adjoint a copy of the span taken at the call: what the call read, if the reverse sweep
            // reaches the call with the span as the call found it — outside loops, or in the loop whose iterations each rebuild the buffer.
            foreach (var read in arguments.Value.Select(IrTraversal.SpanOrVariable).OfType<IrVariable>().Where(span => span.Type.IsWritableSpan()).Distinct())
            {
                RequireOwnBuffer(read, loops.Count + conditionOfLoops, invocation.Syntax, "call that passes an output span or a scratch buffer to a differentiable method that returns a value, inside a loop",
                    "make the call outside loops, or in the loop the buffer is allocated (or written whole) in; or pass it to a void differentiable method that writes what it computes into an output span");
            }
            if (custom is not null && IsCustomDerivativeInaccessible(invocation))
                return Constant.Of(type, 0);
            callSites.Add(new CallSite(target.Id, method.Name, LocationInfo.From(invocation.Syntax)));
            if (custom is null && DifferentiableSignature.WhyNotCallable(method, compilation) is { } reason)
                Report(DiagnosticDescriptors.CalleeNotDifferentiable, invocation.Syntax, method.Name, reason);
            NoteNoDiffArguments(invocation, target, arguments.Value);
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
        if (!type.IsFloatingPoint() || !flatten)
            return call;
        // A floating-point result gets its own variable so activity analysis can tell whether a derivative would have to flow through it.
        var result = NewVariable(HintFor(method.Name), type, VariableRole.Temporary);
        block.Add(new Assign(result, call));
        // Only the user's own methods can be marked [Differentiable]; a library's gets a wrapper with a custom adjoint.
        var remedy = method.DeclaringSyntaxReferences.IsEmpty
            ? $"wrap it in a method of yours and give that a [DerivativeOf] adjoint (docs/diagnostics.md#ag0008), pass it only values marked [NoDiff], or compute the value in this method"
            : "mark it [Differentiable], pass it only values marked [NoDiff], or compute the value in this method";
        opaqueCalls[result.Id] = new OpaqueCall(result, method.ContainingType.Name + "." + method.Name, LocationInfo.From(invocation.Syntax), remedy);
        return new VariableRef(result);
    }

    /// <summary>
    /// A call of a void differentiable method, which writes into the spans (outputs of this method,
    /// or slices of them) passed for its outputs.
    /// </summary>
    private void LowerOutputCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (LowerArguments(invocation, flatten: true) is not { } arguments)
            return;
        var custom = CustomDerivatives.TargetFor(method, compilation);
        if (custom is not null && IsCustomDerivativeInaccessible(invocation))
            return;
        var target = custom ?? DifferentiableSignature.Target(method, compilation);
        callSites.Add(new CallSite(target.Id, method.Name, LocationInfo.From(invocation.Syntax)));
        if (custom is null && DifferentiableSignature.WhyNotCallable(method, compilation) is { } reason)
            Report(DiagnosticDescriptors.CalleeNotDifferentiable, invocation.Syntax, method.Name, reason);
        NoteNoDiffArguments(invocation, target, arguments);
        block.Add(new ExpressionStatement(new DifferentiableCall(target, arguments, IrType.Void)));
        for (var i = 0; i < arguments.Count; i++)
        {
            if (target.Writes(i))
                NoteScratchWrite(IrTraversal.SpanOrVariable(arguments[i]));
        }
    }

    /// <summary>
    /// The floating-point values passed for the callee's <c>[NoDiff]</c> parameters: whether each is active is known only after
    /// parsing, when the activity check warns of one that is (AG0101).
    /// </summary>
    private void NoteNoDiffArguments(IInvocationOperation invocation, DifferentiableTarget target, EquatableArray<IrExpression> arguments)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || target.ActiveParameters[parameter.Ordinal]
                || arguments[parameter.Ordinal] is not VariableRef { Variable: var value } || !value.Type.IsDifferentiable())
                continue;
            noDiffArguments.Add(new NoDiffArgument(value, argument.Value.Syntax.ToString(), invocation.TargetMethod.Name, parameter.Name, LocationInfo.From(argument.Syntax)));
        }
    }

    /// <summary>AG0019 at a call of a function whose custom adjoint or tangent generated code here could not call (a private one in another type).</summary>
    private bool IsCustomDerivativeInaccessible(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.SemanticModel is not { } semantics
            || semantics.GetEnclosingSymbol(invocation.Syntax.SpanStart, cancellationToken)?.ContainingType is not { } caller
            || CustomDerivatives.Inaccessible(method, caller, semantics.Compilation) is not { } hidden)
            return false;
        Report(DiagnosticDescriptors.DerivativeNotUsable, invocation.Syntax, hidden.Kind, hidden.Name, method.Name,
            $"generated code in '{caller.Name}', which calls '{method.Name}', cannot access it; make it as accessible as '{method.Name}'");
        return true;
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
            var parameterType = TypeMapping.Map(argument.Parameter, compilation);
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
        if (!flatten || !(expression.Type.IsFloatingPoint() || expression.Type.IsMatrix()) || expression is Constant or VariableRef or FieldRef)
            return expression;
        var temporary = NewVariable(HintFor(expression), expression.Type, VariableRole.Temporary);
        block.Add(new Assign(temporary, expression));
        return new VariableRef(temporary);
    }

    private static IrExpression ConvertTo(IrExpression expression, IrType type)
    {
        // Span<T> passes where ReadOnlySpan<T> is wanted by C#'s own implicit conversion.
        if (expression.Type == type || (expression.Type.IsSpan() && type.IsSpan()))
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
        MatrixCall call => HintFor(call.Function.ToString()),
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

    private IrType TypeOf(IOperation operation) => TypeMapping.Map(operation.Type) ?? ArrayAsSpan(operation)?.Type ?? IrType.Double;

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
}
