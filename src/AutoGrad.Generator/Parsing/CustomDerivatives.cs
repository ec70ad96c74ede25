using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// <c>[DerivativeOf(nameof(F))]</c>: methods that supply F's adjoint (and optionally its tangent)
/// by hand. Checked on their own by the pipeline's CustomDerivative step (diagnostics, and the
/// <c>FForward</c> derived from the adjoint when no tangent is given); found again by the lowering
/// of a <c>[Differentiable]</c> caller of F, which then calls them like generated derivatives.
/// </summary>
internal static class CustomDerivatives
{
    public const string DerivativeOfAttribute = "AutoGrad.DerivativeOfAttribute";

    /// <summary>The suffix of generated Hessian-vector products, whose contract a custom one follows.</summary>
    private const string HessianVectorSuffix = "HessianVector";

    /// <summary>The values of the runtime's <c>DerivativeKind</c>.</summary>
    private enum Kind
    {
        Adjoint = 0,
        Tangent = 1,
        HessianVector = 2,
    }

    private static string NameOf(Kind kind) => kind switch
    {
        Kind.Tangent => "tangent",
        Kind.HessianVector => "Hessian-vector product",
        _ => "adjoint",
    };

    /// <summary>One method carrying <c>[DerivativeOf]</c>, resolved against its function.</summary>
    /// <param name="Function">Null when the name does not resolve to one method.</param>
    /// <param name="Problem">The first thing wrong with the method on its own, or null.</param>
    private sealed record Analysis(IMethodSymbol Method, Kind Kind, IMethodSymbol? Function, DiagnosticInfo? Problem);

    /// <summary>Everything known about the custom derivatives of one function.</summary>
    /// <param name="Problems">What stops a resolved derivative from being used, by method.</param>
    private sealed record Resolution(IMethodSymbol? Adjoint, IMethodSymbol? Tangent, IMethodSymbol? HessianVector, Dictionary<IMethodSymbol, DiagnosticInfo> Problems)
    {
        public bool Usable => Adjoint is not null && !Problems.ContainsKey(Adjoint);
    }

    /// <summary>
    /// The target a call of <paramref name="function"/> becomes when it has a usable custom adjoint
    /// (the caller then calls it and the tangent, custom or generated); null otherwise.
    /// </summary>
    public static DifferentiableTarget? TargetFor(IMethodSymbol function, Compilation compilation)
    {
        if (DifferentiableSignature.HasDifferentiableAttribute(function) || function.ContainingType is null
            || !function.ContainingType.GetMembers().Any(member => member is IMethodSymbol && AttributeOf(member) is not null))
            return null;
        var resolution = Resolve(function);
        if (!resolution.Usable)
            return null;
        return DifferentiableSignature.Target(function, compilation) with
        {
            AdjointName = resolution.Adjoint!.Name,
            ForwardName = resolution.Tangent?.Name ?? function.Name + "Forward",
            HessianVectorName = resolution.HessianVector?.Name ?? function.Name + HessianVectorSuffix,
            IsCustom = true,
        };
    }

    /// <summary>
    /// A custom derivative of <paramref name="function"/> that generated code in <paramref name="within"/>
    /// could not call (a private adjoint called from another type), as (kind, name); null if none.
    /// The tangent derived from an adjoint has the function's own accessibility.
    /// </summary>
    public static (string Kind, string Name)? Inaccessible(IMethodSymbol function, ISymbol within, Compilation compilation)
    {
        var resolution = Resolve(function);
        if (resolution.Adjoint is { } adjoint && !compilation.IsSymbolAccessibleWithin(adjoint, within))
            return ("adjoint", adjoint.Name);
        if (resolution.Tangent is { } tangent && !compilation.IsSymbolAccessibleWithin(tangent, within))
            return ("tangent", tangent.Name);
        if (resolution.HessianVector is { } product && !compilation.IsSymbolAccessibleWithin(product, within))
            return (NameOf(Kind.HessianVector), product.Name);
        return null;
    }

    /// <summary>The pipeline step: the diagnostics of one <c>[DerivativeOf]</c> method, and the tangent to generate from it if it is the adjoint and no tangent is given.</summary>
    public static CustomDerivativeResult Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        // The compiler reports broken code itself.
        if (syntax.ContainsDiagnostics || context.Attributes.Length != 1
            || context.SemanticModel.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            return new CustomDerivativeResult(null, null, EquatableArray<DiagnosticInfo>.Empty);
        var analysis = Analyze(method, context.Attributes[0]);
        if (analysis.Problem is { } problem)
            return new CustomDerivativeResult(null, null, EquatableArray.Create(problem));
        var function = analysis.Function!;
        var resolution = Resolve(function);
        if (resolution.Problems.TryGetValue(method, out var refused))
            return new CustomDerivativeResult(null, null, EquatableArray.Create(refused));
        if (!SymbolEqualityComparer.Default.Equals(resolution.Adjoint, method) || (resolution.Tangent is not null && resolution.HessianVector is not null))
            return new CustomDerivativeResult(null, null, EquatableArray<DiagnosticInfo>.Empty);

        var model = new CustomForwardModel(
            function.ContainingNamespace.IsGlobalNamespace ? null : function.ContainingNamespace.ToDisplayString(),
            MethodParser.ContainingTypes(function.ContainingType).ToEquatableArray(),
            MethodParser.Accessibility(function.DeclaredAccessibility),
            function.Name,
            method.Name,
            function.ReturnsVoid ? IrType.Void : TypeMapping.Map(function.ReturnType)!.Value,
            function.Parameters.Select(parameter => new CustomParameter(parameter.Name, TypeMapping.Map(parameter.Type)!.Value, TypeMapping.IsActive(parameter), TypeMapping.EnumName(parameter.Type))).ToEquatableArray(),
            DeriveForward: resolution.Tangent is null,
            StubHessianVector: resolution.HessianVector is null);
        return new CustomDerivativeResult(MethodParser.HintName(function), model, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static AttributeData? AttributeOf(ISymbol symbol)
        => symbol.GetAttributes().FirstOrDefault(attribute => attribute.AttributeClass?.ToDisplayString() == DerivativeOfAttribute);

    /// <summary>The function's derivative methods, in declaration order: the first adjoint and the first tangent are used, others are refused.</summary>
    private static Resolution Resolve(IMethodSymbol function)
    {
        var problems = new Dictionary<IMethodSymbol, DiagnosticInfo>(SymbolEqualityComparer.Default);
        var derivatives = function.ContainingType.GetMembers()
            .OfType<IMethodSymbol>()
            .Select(member => (Method: member, Attribute: AttributeOf(member)))
            .Where(pair => pair.Attribute is not null && pair.Attribute.ConstructorArguments.FirstOrDefault().Value as string == function.Name)
            .Select(pair => Analyze(pair.Method, pair.Attribute!))
            .Where(analysis => analysis.Problem is null && SymbolEqualityComparer.Default.Equals(analysis.Function, function))
            .ToList();
        var byKind = new Dictionary<Kind, IMethodSymbol>();
        foreach (var kind in new[] { Kind.Adjoint, Kind.Tangent, Kind.HessianVector })
        {
            var ofKind = derivatives.Where(analysis => analysis.Kind == kind).Select(analysis => analysis.Method).ToList();
            if (ofKind.Count > 0)
                byKind[kind] = ofKind[0];
            foreach (var duplicate in ofKind.Skip(1))
                problems[duplicate] = Refusal(duplicate, NameOf(kind), function, $"'{function.Name}' already has the custom {NameOf(kind)} '{ofKind[0].Name}'");
        }
        byKind.TryGetValue(Kind.Adjoint, out var adjoint);
        byKind.TryGetValue(Kind.Tangent, out var tangent);
        byKind.TryGetValue(Kind.HessianVector, out var product);
        foreach (var (kind, orphan) in new[] { (Kind.Tangent, tangent), (Kind.HessianVector, product) })
        {
            if (adjoint is null && orphan is not null)
                problems[orphan] = Refusal(orphan, NameOf(kind), function, $"'{function.Name}' has no custom adjoint, and reverse mode needs one; add a method with [DerivativeOf(nameof({function.Name}))] and the adjoint signature");
        }
        if (adjoint is not null && tangent is null && function.ReturnsVoid)
            problems[adjoint] = Refusal(adjoint, "adjoint", function, $"'{function.Name}' writes outputs, so AutoGrad cannot derive its tangent from one adjoint call; supply the tangent with [DerivativeOf(nameof({function.Name}), Kind = DerivativeKind.Tangent)]");
        else if (adjoint is not null && (tangent is null || product is null) && WhyNoGeneratedMembers(function, tangent is null, product is null) is { } reason)
            problems[adjoint] = Refusal(adjoint, "adjoint", function, reason);
        return new Resolution(adjoint, tangent, product, problems);
    }

    /// <summary>
    /// Why the members AutoGrad adds beside F for an adjoint alone cannot be added, or null: the
    /// tangent derived from the adjoint, and a Hessian-vector product that says it needs a custom one
    /// (a caller's generated product calls its callees'; F's cannot be derived from its adjoint).
    /// </summary>
    private static string? WhyNoGeneratedMembers(IMethodSymbol function, bool forward, bool product)
    {
        var generated = new List<string>();
        if (forward)
            generated.Add(function.Name + "Forward");
        if (product)
            generated.Add(function.Name + HessianVectorSuffix);
        var what = $"AutoGrad adds '{string.Join("' and '", generated)}' beside it";
        var remedy = forward
            ? $", or supply the tangent with [DerivativeOf(nameof({function.Name}), Kind = DerivativeKind.Tangent)]"
            : "";
        // Compiled elsewhere: the members exist if AutoGrad ran on that assembly.
        if (function.DeclaringSyntaxReferences.IsEmpty)
        {
            return generated.All(name => function.ContainingType.GetMembers(name).Any())
                ? null
                : $"its assembly has no '{string.Join("' or '", generated)}', so it was not built with the AutoGrad generator";
        }
        for (var type = function.ContainingType; type is not null; type = type.ContainingType)
        {
            var isPartial = type.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial || type.DeclaringSyntaxReferences.IsEmpty)
                return $"{what}, which needs the type '{type.Name}' to be partial; make it partial{remedy}";
        }
        if (generated.FirstOrDefault(name => function.ContainingType.GetMembers(name).Any(member => !member.IsImplicitlyDeclared)) is { } clash)
            return $"{what}, but '{function.ContainingType.Name}' already has a member named '{clash}'; rename it{remedy}";
        var names = new HashSet<string>(function.Parameters.Select(parameter => parameter.Name));
        var taken = function.Parameters.Where(TypeMapping.IsActive)
            .SelectMany(parameter => new[] { parameter.Name + "Dot", parameter.Name + "Bar", parameter.Name + "BarArray", parameter.Name + "BarDot" })
            .Concat(["resultDot", "resultBar", "resultBarDot", "value"])
            .FirstOrDefault(names.Contains);
        return taken is null ? null : $"{what}, which need the name '{taken}' that '{function.Name}' has for a parameter; rename the parameter";
    }

    /// <summary>Resolves the attribute's function and checks the method against the contract; stops at the first problem.</summary>
    private static Analysis Analyze(IMethodSymbol method, AttributeData attribute)
    {
        var kind = attribute.NamedArguments.Where(argument => argument.Key == "Kind").Select(argument => argument.Value.Value).FirstOrDefault() is int value ? (Kind)value : Kind.Adjoint;
        var kindName = NameOf(kind);
        var name = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "";
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        var nameLocation = Locate((SyntaxNode?)attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault() ?? attributeSyntax);
        Analysis Failed(DiagnosticInfo problem) => new(method, kind, null, problem);

        var candidates = method.ContainingType.GetMembers(name)
            .OfType<IMethodSymbol>()
            .Where(candidate => candidate.MethodKind == MethodKind.Ordinary && !SymbolEqualityComparer.Default.Equals(candidate, method))
            .ToList();
        if (candidates.Count == 0)
            return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.DerivativeTargetNotFound, nameLocation, name, method.ContainingType.Name));
        IMethodSymbol function;
        if (candidates.Count == 1)
        {
            function = candidates[0];
        }
        else
        {
            var matching = candidates.Where(candidate => WhyNotSupported(candidate) is null && Mismatch(candidate, method, kind) is null).ToList();
            if (matching.Count != 1)
                return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.DerivativeTargetAmbiguous, nameLocation, name, candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), matching.Count == 0 ? "none" : matching.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), method.Name));
            function = matching[0];
        }

        if (WhyNotSupported(function) is { } unsupported)
            return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.DerivativeNotUsable, nameLocation, kindName, method.Name, function.Name, unsupported));
        if (Mismatch(function, method, kind) is { } mismatch)
            return Failed(DiagnosticInfo.Create(DiagnosticDescriptors.DerivativeSignatureMismatch, mismatch.Location, method.Name, kindName, function.Name, mismatch.What, Expected(function, method.Name, kind)));
        return new Analysis(method, kind, function, null);
    }

    private static DiagnosticInfo Refusal(IMethodSymbol method, string kind, IMethodSymbol function, string why)
        => DiagnosticInfo.Create(DiagnosticDescriptors.DerivativeNotUsable, NameLocation(method), kind, method.Name, function.Name, why);

    /// <summary>Why the function cannot have custom derivatives, or null.</summary>
    private static string? WhyNotSupported(IMethodSymbol function)
    {
        if (DifferentiableSignature.HasDifferentiableAttribute(function))
            return $"'{function.Name}' is [Differentiable], so AutoGrad generates its derivatives; remove [Differentiable] or the custom derivative";
        if (!function.IsStatic)
            return $"'{function.Name}' is not static";
        if (function.IsGenericMethod)
            return $"'{function.Name}' is generic";
        var writesOutputs = function.ReturnsVoid && function.Parameters.Any(parameter => TypeMapping.Map(parameter.Type)?.IsWritableSpan() == true && TypeMapping.IsActive(parameter));
        if (!writesOutputs && (function.ReturnsByRef || function.ReturnsByRefReadonly || TypeMapping.Map(function.ReturnType) is not { } result || !result.IsFloatingPoint()))
            return $"'{function.Name}' returns '{function.ReturnType.ToDisplayString()}'; custom derivatives are for functions returning double or float, or void ones writing Span<double> or Span<float> outputs";
        foreach (var parameter in function.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
                return $"its parameter '{parameter.Name}' is {(parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant())}; take parameters by value";
            if (TypeMapping.Map(parameter.Type) is not { } type || type.IsMatrix() || (type.IsWritableSpan() && !function.ReturnsVoid))
                return $"its parameter '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}'; custom derivatives take double, float, ReadOnlySpan of them, int, long and bool, and (in a void function) Span outputs";
        }
        return null;
    }

    /// <summary>One parameter the contract wants: its type, ref-kind, usual name and what it stands for.</summary>
    private sealed record Expectation(IrType Type, RefKind RefKind, string Name, string Role);

    /// <summary>
    /// The signature F would have generated: the adjoint (each active input followed by its adjoint
    /// partner, an output by its cotangent, then resultBar), the tangent (each followed by its tangent,
    /// then out resultDot), or the Hessian-vector product, the adjoint's tangent (each argument of the
    /// adjoint that carries a derivative followed by its tangent, of the same type and ref-kind).
    /// </summary>
    private static List<Expectation> Contract(IMethodSymbol function, Kind kind)
    {
        var expected = new List<Expectation>();
        foreach (var parameter in function.Parameters)
        {
            var type = TypeMapping.Map(parameter.Type)!.Value;
            expected.Add(new Expectation(type, RefKind.None, parameter.Name, $"'{function.Name}'s parameter '{parameter.Name}'"));
            if (!TypeMapping.IsActive(parameter))
                continue;
            var tangent = type.IsWritableSpan()
                ? new Expectation(type, RefKind.None, parameter.Name + "Dot", $"the tangent of the output '{parameter.Name}', written")
                : new Expectation(type.IsSpan() ? type.ElementType().ReadOnlySpanOf() : type, RefKind.None, parameter.Name + "Dot", $"the tangent of '{parameter.Name}'");
            var adjoint = type.IsWritableSpan()
                ? new Expectation(type.ElementType().ReadOnlySpanOf(), RefKind.None, parameter.Name + "Bar", $"the cotangent of the output '{parameter.Name}', read")
                : type.IsSpan()
                    ? new Expectation(type.ElementType().SpanOf(), RefKind.None, parameter.Name + "Bar", $"the adjoint of '{parameter.Name}', added into")
                    : new Expectation(type, RefKind.Ref, parameter.Name + "Bar", $"the adjoint of '{parameter.Name}', added into");
            if (kind != Kind.Adjoint)
                expected.Add(tangent);
            if (kind != Kind.Tangent)
                expected.Add(adjoint);
            if (kind == Kind.HessianVector)
                expected.Add(adjoint with { Name = adjoint.Name + "Dot", Role = $"the tangent of '{adjoint.Name}'" });
        }
        if (function.ReturnsVoid)
            return expected;
        var result = TypeMapping.Map(function.ReturnType)!.Value;
        if (kind == Kind.Tangent)
            expected.Add(new Expectation(result, RefKind.Out, "resultDot", "the tangent of the result"));
        else
            expected.Add(new Expectation(result, RefKind.None, "resultBar", "the cotangent of the result"));
        if (kind == Kind.HessianVector)
            expected.Add(new Expectation(result, RefKind.None, "resultBarDot", "the tangent of 'resultBar'"));
        return expected;
    }

    /// <summary>The first difference between the method and the contract, with where to report it.</summary>
    private static (string What, LocationInfo? Location)? Mismatch(IMethodSymbol function, IMethodSymbol method, Kind kind)
    {
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
        if (!method.IsStatic)
            return ("it must be static", NameLocation(method));
        if (method.IsGenericMethod)
            return ("it must not be generic", Locate((SyntaxNode?)syntax?.TypeParameterList ?? syntax));
        var expected = Contract(function, kind);
        var result = function.ReturnsVoid ? IrType.Void : TypeMapping.Map(function.ReturnType)!.Value;
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            if (i >= method.Parameters.Length)
            {
                var after = i == 0 ? "" : $" after '{method.Parameters[i - 1].Name}'";
                return ($"parameter {i + 1} is missing: '{Display(want.Type, want.RefKind)} {want.Name}'{after}, {want.Role}", Locate(syntax?.ParameterList));
            }
            var parameter = method.Parameters[i];
            var actual = TypeMapping.Map(parameter.Type);
            if (actual != want.Type || parameter.RefKind != want.RefKind || parameter.IsParams)
            {
                var actualText = (parameter.RefKind == RefKind.None ? "" : parameter.RefKind.ToString().ToLowerInvariant() + " ") + parameter.Type.ToDisplayString();
                return ($"parameter {i + 1} '{parameter.Name}' must be '{Display(want.Type, want.RefKind)}', {want.Role}, but is '{actualText}'", ParameterLocation(parameter, syntax));
            }
        }
        if (method.Parameters.Length > expected.Count)
        {
            var extra = method.Parameters[expected.Count];
            return ($"parameter {expected.Count + 1} '{extra.Name}' is not part of the contract, which ends with '{expected[expected.Count - 1].Name}'", ParameterLocation(extra, syntax));
        }
        if (result == IrType.Void ? !method.ReturnsVoid : method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnsVoid || TypeMapping.Map(method.ReturnType) != result)
        {
            var must = result == IrType.Void ? $"must return 'void', as '{function.Name}' does" : $"must return '{result.ToCSharp()}', the value of '{function.Name}'";
            return ($"it returns '{method.ReturnType.ToDisplayString()}', but {must}", Locate(syntax?.ReturnType));
        }
        return null;
    }

    /// <summary>The signature the contract wants, written out for the message.</summary>
    private static string Expected(IMethodSymbol function, string name, Kind kind)
    {
        var result = function.ReturnsVoid ? IrType.Void : TypeMapping.Map(function.ReturnType)!.Value;
        var parameters = Contract(function, kind).Select(want => Display(want.Type, want.RefKind) + " " + want.Name);
        return $"static {Display(result, RefKind.None)} {name}({string.Join(", ", parameters)})";
    }

    private static string Display(IrType type, RefKind refKind)
    {
        var text = type.ToCSharp().Replace("global::System.", "");
        return refKind switch
        {
            RefKind.Ref => "ref " + text,
            RefKind.Out => "out " + text,
            _ => text,
        };
    }

    /// <summary>Null for a method compiled elsewhere (it is only resolved for a caller, never reported).</summary>
    private static LocationInfo? Locate(SyntaxNode? node) => node is null ? null : LocationInfo.From(node);

    private static LocationInfo? ParameterLocation(IParameterSymbol parameter, MethodDeclarationSyntax? method)
        => parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } syntax ? LocationInfo.From(syntax) : Locate(method?.ParameterList);

    private static LocationInfo? NameLocation(IMethodSymbol method)
        => method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax syntax ? LocationInfo.From(syntax.Identifier) : LocationInfo.From(method.Locations.FirstOrDefault());
}
