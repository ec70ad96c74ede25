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

namespace AutoGrad.CodeFixes;

/// <summary>
/// AG0001 (a type around a [Differentiable] method is not partial): adds <c>partial</c> to that type and to every type
/// around it that lacks it, in one step, since each of them must be partial for the generated code to join it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypesPartial)), Shared]
public sealed class MakeContainingTypesPartial : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["AG0001"];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{type.Identifier.ValueText}' and the types around it partial", token => AddPartial(context.Document, type, token), nameof(MakeContainingTypesPartial)),
                diagnostic);
        }
    }

    private static async Task<Document> AddPartial(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        var types = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(declaration => !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)).ToList();
        return document.WithSyntaxRoot(root.ReplaceNodes(types, (_, rewritten) => WithPartial(rewritten)));
    }

    /// <summary><c>partial</c> last among the modifiers, just before <c>class</c>/<c>struct</c>/<c>record</c>; first, with the keyword's indentation, if there are none.</summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0)
            return declaration.AddModifiers(partial);
        var keyword = declaration.Keyword;
        return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
