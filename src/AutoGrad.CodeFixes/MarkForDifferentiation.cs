using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AutoGrad.CodeFixes;

/// <summary>
/// AG0008 (an active value passed to a method AutoGrad cannot differentiate) has two remedies, both offered:
/// <list type="bullet">
/// <item>mark the callee <c>[Differentiable]</c>, when its source is in the solution (a library's method cannot be marked);</item>
/// <item>mark <c>[NoDiff]</c> each parameter of the calling method that the call's arguments read, when the derivative
/// is not wanted through it.</item>
/// </list>
/// The attributes are written qualified and simplified, so a file without <c>using AutoGrad;</c> still compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkForDifferentiation)), Shared]
public sealed class MarkForDifferentiation : CodeFixProvider
{
    private const string DifferentiableAttribute = "AutoGrad.DifferentiableAttribute";
    private const string NoDiffAttribute = "AutoGrad.NoDiffAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["AG0008"];

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol callee)
                continue;
            if (callee.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault() is { } reference
                && context.Document.Project.Solution.GetDocument(reference.SyntaxTree) is { } calleeDocument
                && !callee.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == DifferentiableAttribute))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Mark '{callee.Name}' [Differentiable]",
                        token => AddAttribute(calleeDocument, reference.Span, "global::AutoGrad.Differentiable", token),
                        nameof(MarkForDifferentiation) + ".Differentiable"),
                    diagnostic);
            }
            foreach (var parameter in ParametersRead(invocation, model, context.CancellationToken))
            {
                if (parameter.DeclaringSyntaxReferences.FirstOrDefault() is not { } declaration)
                    continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Mark parameter '{parameter.Name}' [NoDiff]",
                        token => AddAttribute(context.Document, declaration.Span, "global::AutoGrad.NoDiff", token),
                        nameof(MarkForDifferentiation) + ".NoDiff." + parameter.Name),
                    diagnostic);
            }
        }
    }

    /// <summary>The calling method's parameters the call's arguments read, not already [NoDiff], in the order they appear.</summary>
    private static IEnumerable<IParameterSymbol> ParametersRead(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var caller = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) as IMethodSymbol;
        return invocation.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Select(name => model.GetSymbolInfo(name, cancellationToken).Symbol as IParameterSymbol)
            .Where(parameter => parameter is not null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, caller)
                                && !parameter.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == NoDiffAttribute))
            .Select(parameter => parameter!)
            .Distinct<IParameterSymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>Adds <c>[name]</c> to the method or parameter declared at <paramref name="span"/>, simplified against the file's usings.</summary>
    private static async Task<Document> AddAttribute(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root?.FindNode(span).AncestorsAndSelf().FirstOrDefault(node => node is MethodDeclarationSyntax or ParameterSyntax);
        if (root is null || declaration is null)
            return document;
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(name))))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        SyntaxNode marked = declaration switch
        {
            MethodDeclarationSyntax method => WithLeadingAttribute(method, attribute),
            ParameterSyntax parameter => parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Add(attribute.WithTrailingTrivia(SyntaxFactory.Space)))
                .WithLeadingTrivia(parameter.GetLeadingTrivia()),
            _ => declaration,
        };
        var edited = document.WithSyntaxRoot(root.ReplaceNode(declaration, marked));
        return await Simplifier.ReduceAsync(edited, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The attribute on a line of its own above the method, indented as the method is.</summary>
    private static MethodDeclarationSyntax WithLeadingAttribute(MethodDeclarationSyntax method, AttributeListSyntax attribute)
    {
        var leading = method.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
        var lists = method.AttributeLists.Insert(0, attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n")));
        var rest = method.WithoutLeadingTrivia().WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation));
        return rest.WithAttributeLists(lists);
    }
}
