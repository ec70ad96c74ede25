using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// The pipeline's first step: from a method carrying <c>[Differentiable]</c> to a
/// <see cref="ParseResult"/>. The only place that reads Roslyn symbols and operations.
/// </summary>
internal static class MethodParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var id = method.GetDocumentationCommentId() ?? method.ToDisplayString();
        try
        {
            return ParseMethod(context, method, syntax, id, cancellationToken);
        }
        catch (System.InsufficientExecutionStackException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.NestedTooDeeply, LocationInfo.From(syntax.Identifier), "method's code",
                "too many", SizeCheck.MaximumDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (fewer on this thread's small stack)");
            return Failed(id, method.Name, "it is nested too deeply", [diagnostic], [], syntax);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(syntax.Identifier), method.Name, exception.Message);
            return Failed(id, method.Name, "the generator failed on it", [diagnostic], [], syntax);
        }
    }

    private static ParseResult ParseMethod(GeneratorAttributeSyntaxContext context, IMethodSymbol method, MethodDeclarationSyntax syntax, string id, CancellationToken cancellationToken)
    {
        // The compiler already reports errors in the method; generating from broken code would only add noise.
        if (syntax.ContainsDiagnostics || !HasValidNames(method))
            return Failed(id, method.Name, "it does not compile", [], [], syntax);

        var diagnostics = DifferentiableSignature.Check(method, syntax, context.SemanticModel.Compilation);
        if (diagnostics.Count > 0)
            return Failed(id, method.Name, "its declaration is not supported", diagnostics, [], syntax);

        // From the syntax alone, before binding: the compiler takes tens of seconds to bind 10,000 statements.
        if (SizeCheck.Check(method.Name, (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!, cancellationToken) is { } tooLarge)
            return Failed(id, method.Name, "it is too large or nested too deeply", [tooLarge], [], syntax);

        if (context.SemanticModel.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            return Failed(id, method.Name, "it does not compile", [], [], syntax);

        var body = context.SemanticModel.GetOperation(syntax, cancellationToken) switch
        {
            IMethodBodyOperation { BlockBody: { } block } => block,
            IMethodBodyOperation { ExpressionBody: { } expression } => expression,
            _ => null,
        };
        if (body is null)
            return Failed(id, method.Name, "it does not compile", [], [], syntax);

        var returnType = method.ReturnsVoid ? IrType.Void : TypeMapping.Map(method.ReturnType)!.Value;
        var lowered = BodyLowerer.Lower(method, returnType, body, cancellationToken);
        diagnostics.AddRange(lowered.Diagnostics);
        if (diagnostics.Any(diagnostic => DiagnosticDescriptors.ById(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error))
            return Failed(id, method.Name, "its body is not supported", diagnostics, lowered.CallSites, syntax);

        var model = new MethodModel(
            id,
            HintName(method),
            method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
            ContainingTypes(method.ContainingType).ToEquatableArray(),
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Accessibility(method.DeclaredAccessibility),
            lowered.Method,
            VisibleNames(method, syntax, context.SemanticModel, cancellationToken).ToEquatableArray(),
            FreeAliases(syntax, context.SemanticModel).ToEquatableArray(),
            method.Parameters.Where(parameter => ArrayParameters.ElementOf(parameter.Type) is not null).Select(parameter => parameter.Name).ToEquatableArray());
        var node = new CallGraphNode(id, method.Name, null, lowered.CallSites.ToEquatableArray(), LocationInfo.From(syntax.Identifier));
        return new ParseResult(model, node, diagnostics.ToEquatableArray(), lowered.OpaqueCalls.ToEquatableArray(), lowered.NoDiffArguments.ToEquatableArray());
    }

    /// <summary>
    /// The names a generated local must not take (<see cref="MethodModel.ReservedNames"/>): what is visible
    /// inside the containing types, what the file imports with <c>using static</c>, and what the method's
    /// code refers to other than its own parameters and locals. Generated code qualifies every call and
    /// field with <c>global::</c>, so this is a second guard: no generated name even shadows one of these.
    /// </summary>
    internal static IEnumerable<string> VisibleNames(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        void AddMembers(INamespaceOrTypeSymbol container)
        {
            foreach (var member in container.GetMembers())
            {
                if (!member.CanBeReferencedByName)
                    continue;
                names.Add(member.Name);
                if (member is IMethodSymbol)
                    names.UnionWith([member.Name + "Forward", member.Name + "Adjoint", member.Name + "HessianVector"]);
            }
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            names.Add(type.Name);
            names.UnionWith(type.TypeParameters.Select(parameter => parameter.Name));
            for (var inherited = type; inherited is { SpecialType: not SpecialType.System_Object }; inherited = inherited.BaseType)
                AddMembers(inherited);
        }
        var root = syntax.SyntaxTree.GetCompilationUnitRoot(cancellationToken);
        foreach (var directive in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.Alias is { } alias)
                names.Add(alias.Name.Identifier.ValueText);
            else if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && directive.Name is { } name
                && semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is INamedTypeSymbol imported)
                AddMembers(imported);
        }
        // A name can only mean a parameter or local of the method if the method declares one so spelled:
        // only those names are bound to tell (binding each name costs more than the rest of this together).
        var declared = new HashSet<string>(DeclaredNames(syntax), System.StringComparer.Ordinal);
        foreach (var identifier in syntax.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = identifier.Identifier.ValueText;
            if (names.Contains(name))
                continue;
            if (!declared.Contains(name) || semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol))
                names.Add(name);
        }
        return names.OrderBy(name => name, System.StringComparer.Ordinal);
    }

    /// <summary>The names of the parameters, locals and range variables the method's syntax declares (lambdas' included).</summary>
    private static IEnumerable<string> DeclaredNames(MethodDeclarationSyntax syntax)
        => syntax.DescendantNodes().Select(node => node switch
        {
            ParameterSyntax parameter => parameter.Identifier,
            VariableDeclaratorSyntax declarator => declarator.Identifier,
            SingleVariableDesignationSyntax designation => designation.Identifier,
            ForEachStatementSyntax forEach => forEach.Identifier,
            CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
            FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or JoinIntoClauseSyntax or QueryContinuationSyntax => RangeVariable(node),
            _ => default,
        }).Where(token => token.RawKind != 0).Select(token => token.ValueText);

    private static SyntaxToken RangeVariable(SyntaxNode clause) => clause switch
    {
        FromClauseSyntax from => from.Identifier,
        LetClauseSyntax let => let.Identifier,
        JoinClauseSyntax join => join.Identifier,
        JoinIntoClauseSyntax into => into.Identifier,
        QueryContinuationSyntax continuation => continuation.Identifier,
        _ => default,
    };

    /// <summary>
    /// The file aliases whose names, where the method is declared, find nothing or only the type they
    /// alias: a type or namespace of that name in the method's namespaces, a member of its types, a type
    /// parameter, a global using would all take precedence over the alias or clash with it.
    /// </summary>
    private static IEnumerable<string> FreeAliases(MethodDeclarationSyntax syntax, SemanticModel semanticModel)
        => FileAlias.All
            .Where(alias => semanticModel.LookupSymbols(syntax.SpanStart, name: alias.Name)
                .All(symbol => symbol is INamedTypeSymbol type && type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == alias.Target))
            .Select(alias => alias.Name);

    /// <summary>Half-typed code can leave a containing type or namespace without a name; the generated file could not reopen it.</summary>
    private static bool HasValidNames(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!SyntaxFacts.IsValidIdentifier(type.Name))
                return false;
        }
        for (var ns = method.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (!SyntaxFacts.IsValidIdentifier(ns.Name))
                return false;
        }
        return method.ContainingType is not null && SyntaxFacts.IsValidIdentifier(method.Name);
    }

    private static ParseResult Failed(string id, string name, string reason, IEnumerable<DiagnosticInfo> diagnostics, IEnumerable<CallSite> calls, MethodDeclarationSyntax syntax)
        => new(null, new CallGraphNode(id, name, reason, calls.ToEquatableArray(), LocationInfo.From(syntax.Identifier)), diagnostics.ToEquatableArray());

    internal static IEnumerable<ContainingTypeInfo> ContainingTypes(INamedTypeSymbol innermost)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var type = innermost; type is not null; type = type.ContainingType)
            chain.Add(type);
        chain.Reverse();
        foreach (var type in chain)
        {
            var keyword = type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            var modifiers = new List<string>();
            if (type.IsStatic)
                modifiers.Add("static");
            if (type.TypeKind == TypeKind.Struct && type.IsReadOnly)
                modifiers.Add("readonly");
            if (type.IsRefLikeType)
                modifiers.Add("ref");
            var typeParameters = type.TypeParameters.IsEmpty ? "" : "<" + string.Join(", ", type.TypeParameters.Select(parameter => parameter.Name)) + ">";
            yield return new ContainingTypeInfo(keyword, type.Name, string.Join(" ", modifiers), typeParameters);
        }
    }

    internal static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>
    /// <c>Namespace.Outer.Inner.Method.g.cs</c>, unique per method: an overloaded method adds its
    /// parameter list as its documentation-comment ID spells it (<c>Sum(System.ReadOnlySpan{System.Double})</c>),
    /// and a name that another member, type or namespace spells the same but for case adds a hash of that
    /// ID, since hint names are compared ignoring case. Stable: the same on every machine and run.
    /// </summary>
    internal static string HintName(IMethodSymbol method)
    {
        var name = new StringBuilder();
        if (!method.ContainingNamespace.IsGlobalNamespace)
            name.Append(method.ContainingNamespace.ToDisplayString()).Append('.');
        var types = new List<string>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            types.Insert(0, type.Arity == 0 ? type.Name : type.Name + "`" + type.Arity.ToString(CultureInfo.InvariantCulture));
        name.Append(string.Join(".", types)).Append('.').Append(method.Name);
        var id = method.GetDocumentationCommentId() ?? method.ToDisplayString();
        if (method.ContainingType.GetMembers(method.Name).Length > 1 && id.IndexOf('(') is var open and >= 0)
            name.Append(id, open, id.Length - open);
        if (SpelledAlikeButForCase(method))
            name.Append('.').Append(StableHash.Of(id));
        return Sanitize(name.ToString()) + ".g.cs";
    }

    /// <summary>Whether the method, a type around it or a namespace around that has a sibling whose name differs only in case.</summary>
    private static bool SpelledAlikeButForCase(IMethodSymbol method)
    {
        static bool Clashes(ISymbol symbol, IEnumerable<ISymbol> siblings)
            => siblings.Any(sibling => sibling.Name != symbol.Name && string.Equals(sibling.Name, symbol.Name, System.StringComparison.OrdinalIgnoreCase));
        if (Clashes(method, method.ContainingType.GetMembers()))
            return true;
        for (ISymbol symbol = method.ContainingType; symbol.ContainingSymbol is { } parent; symbol = parent)
        {
            var siblings = parent switch
            {
                INamespaceSymbol ns => ns.GetMembers().Cast<ISymbol>(),
                INamedTypeSymbol type => type.GetMembers(),
                _ => [],
            };
            if (Clashes(symbol, siblings))
                return true;
        }
        return false;
    }

    /// <summary>Keeps what documentation IDs and file names share; anything else becomes '_'.</summary>
    private static string Sanitize(string hint)
    {
        var text = new StringBuilder(hint.Length);
        foreach (var character in hint)
            text.Append(char.IsLetterOrDigit(character) || character is '.' or '_' or '`' or '(' or ')' or ',' or '{' or '}' or '[' or ']' or '@' or '~' or '#' ? character : '_');
        return text.ToString();
    }
}
