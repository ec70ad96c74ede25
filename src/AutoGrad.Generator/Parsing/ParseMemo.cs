using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoGrad.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// Parsing again only what an edit can have changed. Roslyn runs the parse step of every
/// <c>[Differentiable]</c> method for every new compilation — on every keystroke in an IDE — and parsing binds
/// the method's body, the most expensive part of an edit. Yet what a method parses to depends only on
/// <list type="bullet">
/// <item>its own text and where it stands (locations are part of the result), and</item>
/// <item>the declarations of the compilation — types, members, signatures, attributes, field initializers,
/// usings — with its references and options; never on the body of another method, accessor or operator.</item>
/// </list>
/// So the result is kept per <see cref="Environment"/> (everything but those bodies) and reused when the method's
/// text and position are the same: after an edit inside one body, every method but the edited one (and those
/// after it in its file, which moved) comes from here. Pure: a hit is what parsing again would give.
/// </summary>
internal static class ParseMemo
{
    /// <summary>Environments kept: the current one and a few before it (an undo, another project in the same process).</summary>
    private const int EnvironmentsKept = 4;

    private static readonly ConditionalWeakTable<Compilation, Environment> Environments = new();
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<ulong>> TreeDeclarations = new();
    private static readonly object Gate = new();
    private static readonly List<(Environment Environment, Dictionary<string, Entry> Methods)> Memo = [];

    /// <summary>The method's text and position when it was parsed, and what it parsed to.</summary>
    private sealed record Entry(string Text, int Start, LinePosition Position, ParseResult Result);

    public static ParseResult GetOrParse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken, System.Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult> parse)
    {
        var node = context.TargetNode;
        var environment = Environments.GetValue(context.SemanticModel.Compilation, compilation => Environment.Of(compilation, cancellationToken));
        var key = node.SyntaxTree.FilePath + "|" + (context.TargetSymbol.GetDocumentationCommentId() ?? context.TargetSymbol.ToDisplayString());
        var text = node.ToFullString();
        var start = node.FullSpan.Start;
        var position = node.SyntaxTree.GetLineSpan(node.FullSpan, cancellationToken).StartLinePosition;
        var methods = MethodsOf(environment);
        lock (Gate)
        {
            if (methods.TryGetValue(key, out var entry) && entry.Start == start && entry.Position == position && entry.Text == text)
                return entry.Result;
        }
        var result = parse(context, cancellationToken);
        lock (Gate)
            methods[key] = new Entry(text, start, position, result);
        return result;
    }

    private static Dictionary<string, Entry> MethodsOf(Environment environment)
    {
        lock (Gate)
        {
            var index = Memo.FindIndex(pair => pair.Environment.Equals(environment));
            if (index >= 0)
            {
                var found = Memo[index];
                Memo.RemoveAt(index);
                Memo.Add(found);
                return found.Methods;
            }
            if (Memo.Count == EnvironmentsKept)
                Memo.RemoveAt(0);
            var methods = new Dictionary<string, Entry>();
            Memo.Add((environment, methods));
            return methods;
        }
    }

    /// <summary>
    /// What every method's parse may depend on besides its own text: the declarations of every tree (bodies left out),
    /// the trees' paths and parse options, the references (the same objects) and the compilation's options.
    /// </summary>
    private sealed class Environment
    {
        private readonly ulong declarations;
        private readonly string assemblyName;
        private readonly CompilationOptions options;
        private readonly System.WeakReference<MetadataReference>[] references;

        private Environment(ulong declarations, string assemblyName, CompilationOptions options, IEnumerable<MetadataReference> references)
        {
            this.declarations = declarations;
            this.assemblyName = assemblyName;
            this.options = options;
            this.references = [.. references.Select(reference => new System.WeakReference<MetadataReference>(reference))];
        }

        public static Environment Of(Compilation compilation, CancellationToken cancellationToken)
        {
            var hash = Fnv.Start;
            foreach (var tree in compilation.SyntaxTrees)
            {
                hash = Fnv.Add(hash, tree.FilePath);
                hash = Fnv.Add(hash, TreeDeclarations.GetValue(tree, each => new StrongBox<ulong>(Declarations(each, cancellationToken))).Value);
            }
            return new Environment(hash, compilation.AssemblyName ?? "", compilation.Options, compilation.References);
        }

        public override bool Equals(object? obj)
            => obj is Environment other
               && declarations == other.declarations
               && assemblyName == other.assemblyName
               && options.Equals(other.options)
               && references.Length == other.references.Length
               && references.Zip(other.references, (mine, theirs) => mine.TryGetTarget(out var a) && theirs.TryGetTarget(out var b) && ReferenceEquals(a, b)).All(same => same);

        public override int GetHashCode() => declarations.GetHashCode();
    }

    /// <summary>A hash of the tree's tokens outside the bodies of methods, constructors, operators and accessors, and of its parse options.</summary>
    private static ulong Declarations(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var hash = Fnv.Add(Fnv.Start, string.Join(",", ((CSharpParseOptions)tree.Options).PreprocessorSymbolNames) + ((CSharpParseOptions)tree.Options).LanguageVersion);
        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens(node => !IsBody(node)))
        {
            hash = Fnv.Add(hash, (ulong)token.RawKind);
            hash = Fnv.Add(hash, token.Text);
        }
        return hash;
    }

    /// <summary>Code whose text nothing outside it can see: the bodies of members (field initializers and global statements are not).</summary>
    private static bool IsBody(SyntaxNode node)
        => node is BlockSyntax or ArrowExpressionClauseSyntax
           && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax;

    /// <summary>64-bit FNV-1a.</summary>
    private static class Fnv
    {
        public const ulong Start = 14695981039346656037;

        public static ulong Add(ulong hash, string text)
        {
            foreach (var character in text)
                hash = (hash ^ character) * 1099511628211;
            return (hash ^ 0xFFFF) * 1099511628211;
        }

        public static ulong Add(ulong hash, ulong value)
        {
            for (var shift = 0; shift < 64; shift += 16)
                hash = (hash ^ ((value >> shift) & 0xFFFF)) * 1099511628211;
            return hash;
        }
    }
}
