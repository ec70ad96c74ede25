using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// A <c>T[]</c> parameter (T = float or double) is differentiated as the span it is used as: an input,
/// like a <c>ReadOnlySpan&lt;T&gt;</c>, when the method never writes its elements, and an output, like a
/// <c>Span&lt;T&gt;</c>, when it does — directly (<c>p[i] = v</c>), through a writable span of it, or by passing
/// it to a callee that writes it. The method's own body decides, so the method and its callers agree.
/// </summary>
internal static class ArrayParameters
{
    /// <summary>The element type of a one-dimensional float or double array, or null.</summary>
    public static IrType? ElementOf(ITypeSymbol? type)
        => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: var element }
            ? element switch
            {
                SpecialType.System_Double => IrType.Double,
                SpecialType.System_Single => IrType.Float,
                _ => null,
            }
            : null;

    /// <summary>The span type an array parameter is differentiated as; null if the parameter is not such an array.</summary>
    public static IrType? SpanTypeOf(IParameterSymbol parameter, Compilation compilation)
        => ElementOf(parameter.Type) is { } element
            ? IsWritten(parameter, compilation) ? element.SpanOf() : element.ReadOnlySpanOf()
            : null;

    private static readonly ConditionalWeakTable<IParameterSymbol, StrongBox<bool>> Known = new();

    [System.ThreadStatic]
    private static HashSet<IParameterSymbol>? inProgress;

    public static bool IsWritten(IParameterSymbol parameter, Compilation compilation)
    {
        if (Known.TryGetValue(parameter, out var known))
            return known.Value;
        inProgress ??= new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        // A cycle of calls (refused as AG0009) must not recurse forever on its way to that diagnostic.
        if (!inProgress.Add(parameter))
            return false;
        try
        {
            var written = parameter.ContainingSymbol is IMethodSymbol method && (method.DeclaringSyntaxReferences.IsEmpty
                ? WrittenByCompiledMethod(method, parameter)
                : WrittenInBody(method, parameter, compilation));
            return Known.GetValue(parameter, _ => new StrongBox<bool>(written)).Value;
        }
        finally
        {
            inProgress.Remove(parameter);
        }
    }

    /// <summary>A method from another assembly: its generated forward method gives the parameter's tangent a writable span exactly when it is an output.</summary>
    private static bool WrittenByCompiledMethod(IMethodSymbol method, IParameterSymbol parameter)
        => method.ContainingType.GetMembers(method.Name + "Forward").OfType<IMethodSymbol>()
            .SelectMany(forward => forward.Parameters)
            .Any(partner => partner.Name == parameter.Name + "Dot" && TypeMapping.Map(partner.Type)?.IsWritableSpan() == true);

    private static bool WrittenInBody(IMethodSymbol method, IParameterSymbol parameter, Compilation compilation)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            return false;
        SyntaxNode? body = syntax switch
        {
            BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };
        if (body is null || compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(body) is not { } operation)
            return false;
        return operation.Descendants()
            .OfType<IParameterReferenceOperation>()
            .Where(reference => SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            .Any(reference => WritesThrough(reference, compilation));
    }

    /// <summary>Whether a use of the array (or of a span over it) lets its elements be written.</summary>
    private static bool WritesThrough(IOperation array, Compilation compilation)
    {
        switch (array.Parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == array:
                return IsWriteTarget(element);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == array:
                return IsWriteTarget(indexer);
            case IConversionOperation conversion:
                return TypeMapping.Map(conversion.Type)?.IsWritableSpan() == true && WritesThrough(conversion, compilation);
            case IInvocationOperation { TargetMethod.Name: "Slice" } slice when slice.Instance == array:
                return WritesThrough(slice, compilation);
            case IImplicitIndexerReferenceOperation range when range.Instance == array:
                return TypeMapping.Map(range.Type)?.IsWritableSpan() == true && WritesThrough(range, compilation);
            case IArgumentOperation { Parameter: { } parameter } argument:
                if (argument.Parent is IInvocationOperation { TargetMethod.Name: "AsSpan" } asSpan && parameter.Ordinal == 0 && asSpan.TargetMethod.IsExtensionMethod)
                    return WritesThrough(asSpan, compilation);
                if (ElementOf(parameter.Type) is not null)
                    return IsWritten(parameter, compilation);
                return TypeMapping.Map(parameter.Type)?.IsWritableSpan() == true;
            case IVariableInitializerOperation or ISimpleAssignmentOperation:
                // Held in a local: a writable span local may be written later; an array local is refused on its own.
                return TypeMapping.Map(array.Type)?.IsWritableSpan() == true;
            default:
                return false;
        }
    }

    private static bool IsWriteTarget(IOperation element) => element.Parent switch
    {
        ISimpleAssignmentOperation assignment => assignment.Target == element,
        ICompoundAssignmentOperation compound => compound.Target == element,
        IIncrementOrDecrementOperation => true,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
        _ => false,
    };
}
