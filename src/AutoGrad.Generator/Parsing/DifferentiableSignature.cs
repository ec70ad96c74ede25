using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// The rules a <c>[Differentiable]</c> method's declaration must follow, checked both for the
/// method being generated (with diagnostics at the offending syntax) and for methods it calls.
/// </summary>
internal static class DifferentiableSignature
{
    public static bool HasDifferentiableAttribute(IMethodSymbol method)
        => TypeMapping.HasAttribute(method, TypeMapping.DifferentiableAttribute);

    public static DifferentiableTarget Target(IMethodSymbol method, Compilation compilation) => new(
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
        method.Name,
        method.GetDocumentationCommentId() ?? method.ToDisplayString(),
        method.Parameters.Select(TypeMapping.IsActive).ToEquatableArray(),
        method.Parameters.Select(parameter => TypeMapping.Map(parameter, compilation)?.IsWritableSpan() == true).ToEquatableArray())
    {
        PrimalName = TakesArrays(method) ? method.Name + DifferentiableTarget.PrimalSuffix : method.Name,
        EnumParameters = method.Parameters.Any(parameter => parameter.Type.TypeKind == TypeKind.Enum)
            ? method.Parameters.Select(parameter => TypeMapping.EnumName(parameter.Type) ?? "").ToEquatableArray()
            : default,
    };

    public static bool TakesArrays(IMethodSymbol method) => method.Parameters.Any(parameter => ArrayParameters.ElementOf(parameter.Type) is not null);

    /// <summary>Diagnostics for the declaration of the method being differentiated (not its body).</summary>
    public static List<DiagnosticInfo> Check(IMethodSymbol method, MethodDeclarationSyntax syntax, Compilation compilation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
            => diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                Report(DiagnosticDescriptors.TypeNotPartial, LocationInfo.From(type.Identifier), type.Identifier.ValueText, method.Name);
        }
        if (!method.IsStatic)
            Report(DiagnosticDescriptors.MethodNotStatic, LocationInfo.From(syntax.Identifier), method.Name);
        if (method.IsGenericMethod)
            Report(DiagnosticDescriptors.GenericMethod, LocationInfo.From(syntax.TypeParameterList ?? (SyntaxNode)syntax), method.Name);
        if (syntax.Body is null && syntax.ExpressionBody is null)
            Report(DiagnosticDescriptors.MethodHasNoBody, LocationInfo.From(syntax.Identifier), method.Name);
        // A generic method's types are its type parameters: AG0013 says it all.
        if (!method.IsGenericMethod && !HasSupportedReturnType(method, compilation))
            Report(DiagnosticDescriptors.UnsupportedReturnType, LocationInfo.From(syntax.ReturnType), method.Name, method.ReturnType.ToDisplayString());

        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var parameterSyntax = i < syntax.ParameterList.Parameters.Count ? syntax.ParameterList.Parameters[i] : null;
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var modifier = parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant();
                var remedy = modifier switch
                {
                    "params" => "drop 'params' and take the array (or a span) as an ordinary parameter",
                    "in" => "drop 'in': differentiable methods take their parameters by value",
                    _ => "differentiable methods take their parameters by value: return the value instead, or write it into a Span<T> or array output",
                };
                Report(DiagnosticDescriptors.UnsupportedParameterKind, LocationInfo.From(parameterSyntax ?? (SyntaxNode)syntax), parameter.Name, modifier, remedy);
            }
            else if (TypeMapping.Map(parameter, compilation) is null && !(method.IsGenericMethod && MentionsTypeParameter(parameter.Type)))
            {
                Report(DiagnosticDescriptors.UnsupportedParameterType, LocationInfo.From(parameterSyntax?.Type ?? (SyntaxNode)syntax), parameter.Name, parameter.Type.ToDisplayString());
            }
        }

        foreach (var clash in NameClashes(method, compilation))
            Report(DiagnosticDescriptors.NameClash, LocationInfo.From(syntax.Identifier), clash.Generated, method.Name, clash.Existing);
        return diagnostics;
    }

    private static bool MentionsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(MentionsTypeParameter),
        _ => false,
    };

    /// <summary>Why a called <c>[Differentiable]</c> method has no generated derivatives to call, or null if it has.</summary>
    public static string? WhyNotCallable(IMethodSymbol method, Compilation compilation)
    {
        if (!method.IsStatic)
            return "it is not static";
        if (method.IsGenericMethod)
            return "it is generic";
        if (!HasSupportedReturnType(method, compilation))
            return "its return type is not supported";
        if (method.Parameters.Any(parameter => parameter.RefKind != RefKind.None || parameter.IsParams || TypeMapping.Map(parameter, compilation) is null))
            return "it has a parameter AutoGrad does not support";
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            // Compiled elsewhere: its derivatives exist only if AutoGrad ran on that assembly.
            var members = method.ContainingType.GetMembers();
            var hasForward = members.Any(member => member.Name == method.Name + "Forward");
            var hasAdjoint = members.Any(member => member.Name == method.Name + "Adjoint");
            return hasForward && hasAdjoint ? null : "its assembly was not built with the AutoGrad generator";
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var isPartial = type.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
                return $"its containing type '{type.Name}' is not partial";
        }
        if (NameClashes(method, compilation).Any())
            return "a generated name would clash with an existing member";
        return null;
    }

    /// <summary>double or float; or void when the method writes at least one output span.</summary>
    private static bool HasSupportedReturnType(IMethodSymbol method, Compilation compilation)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            return false;
        if (method.ReturnsVoid)
            return method.Parameters.Any(parameter => TypeMapping.Map(parameter, compilation)?.IsWritableSpan() == true);
        return TypeMapping.Map(method.ReturnType) is { } type && (type.IsFloatingPoint() || type.IsMatrix());
    }

    private static IEnumerable<(string Generated, string Existing)> NameClashes(IMethodSymbol method, Compilation compilation)
    {
        foreach (var suffix in TakesArrays(method) ? new[] { "Forward", "Adjoint", DifferentiableTarget.PrimalSuffix } : ["Forward", "Adjoint"])
        {
            var generated = method.Name + suffix;
            var existing = method.ContainingType.GetMembers(generated).FirstOrDefault();
            if (existing is not null && !existing.IsImplicitlyDeclared)
                yield return (generated, $"'{method.ContainingType.Name}' already has a member named '{generated}'");
        }

        var parameterNames = new HashSet<string>(method.Parameters.Select(parameter => parameter.Name));
        foreach (var parameter in method.Parameters.Where(TypeMapping.IsActive))
        {
            foreach (var partner in new[] { parameter.Name + "Dot", parameter.Name + "Bar" })
            {
                if (parameterNames.Contains(partner))
                    yield return (partner, $"'{method.Name}' already has a parameter named '{partner}'");
            }
        }
        foreach (var partner in new[] { "resultDot", "resultBar" })
        {
            if (parameterNames.Contains(partner))
                yield return (partner, $"'{method.Name}' already has a parameter named '{partner}'");
        }

        // Overloads: F(double x, [NoDiff] double c, [NoDiff] double d) and F(double x, double y) would both get
        // FForward(double, double, double, double, out double), which C# cannot declare twice.
        // A method with array parameters also gets overloads taking the arrays, which must not clash either.
        foreach (var arraysAsWritten in new[] { false, true })
        {
            if (arraysAsWritten && !TakesArrays(method))
                continue;
            if (GeneratedParameterTypes(method, compilation, arraysAsWritten) is not { } own)
                yield break;
            foreach (var overload in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(overload, method) || !HasDifferentiableAttribute(overload)
                    || GeneratedParameterTypes(overload, compilation, arraysAsWritten) is not { } other)
                    continue;
                for (var k = 0; k < own.Length; k++)
                {
                    if (own[k] is not null && own[k] == other[k])
                        yield return (method.Name + GeneratedSuffixes[k], $"so would its overload '{overload.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}', with the same parameter types");
                }
            }
        }
    }

    private static readonly string[] GeneratedSuffixes = ["Forward", "Adjoint", "HessianVector", DifferentiableTarget.PrimalSuffix];

    /// <summary>
    /// The parameter types of the generated Forward, Adjoint, HessianVector and (only for a method taking arrays, else null) Primal, as C# compares signatures
    /// (types and whether by reference: <c>ref</c> and <c>out</c> count as the same); null if a type is not supported.
    /// With <paramref name="arraysAsWritten"/>, of the overloads taking array parameters as arrays, else of the span ones.
    /// </summary>
    private static string?[]? GeneratedParameterTypes(IMethodSymbol method, Compilation compilation, bool arraysAsWritten)
    {
        var primalTypes = new List<string>();
        var forward = new List<string>();
        var adjoint = new List<string>();
        var hessianVector = new List<string>();
        foreach (var parameter in method.Parameters)
        {
            if (TypeMapping.Map(parameter, compilation) is not { } type)
                return null;
            var declared = TypeMapping.EnumName(parameter.Type) ?? type.ToCSharp();
            var primal = arraysAsWritten && ArrayParameters.ElementOf(parameter.Type) is { } element ? element.ArrayOf().ToCSharp() : declared;
            primalTypes.Add(declared);
            forward.Add(primal);
            adjoint.Add(primal);
            hessianVector.Add(primal);
            if (!TypeMapping.IsActive(parameter))
                continue;
            var partnerType = type switch
            {
                IrType.ReadOnlySpanOfFloat => IrType.SpanOfFloat,
                IrType.ReadOnlySpanOfDouble => IrType.SpanOfDouble,
                IrType.SpanOfFloat => IrType.ReadOnlySpanOfFloat,
                IrType.SpanOfDouble => IrType.ReadOnlySpanOfDouble,
                _ => type,
            };
            var partner = (type.IsSpan() || type.IsMatrix() ? "" : "ref ") + partnerType.ToCSharp();
            forward.Add(type.ToCSharp());
            adjoint.Add(partner);
            hessianVector.AddRange([type.ToCSharp(), partner, partner]);
        }
        if (!method.ReturnsVoid)
        {
            if (TypeMapping.Map(method.ReturnType) is not { } result)
                return null;
            forward.Add("ref " + result.ToCSharp());
            adjoint.Add(result.ToCSharp());
            hessianVector.AddRange([result.ToCSharp(), result.ToCSharp()]);
        }
        // The primal over spans exists only beside the span overloads.
        var primalOverSpans = TakesArrays(method) && !arraysAsWritten ? string.Join(", ", primalTypes) : null;
        return [string.Join(", ", forward), string.Join(", ", adjoint), string.Join(", ", hessianVector), primalOverSpans];
    }
}
