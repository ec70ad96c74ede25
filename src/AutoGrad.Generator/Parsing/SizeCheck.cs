using System.Collections.Generic;
using AutoGrad.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Parsing;

/// <summary>
/// Bounds what the rest of the generator has to handle, before anything recursive runs: the lowering,
/// the transforms and the emitter walk expressions and blocks recursively, so code nested deeper than
/// <see cref="MaximumDepth"/> is refused (AG0020) rather than risking the compiler's stack; and a
/// method with more than <see cref="MaximumSize"/> statements and expressions is refused (AG0021)
/// rather than taking minutes and generating code longer than a .NET method may be. The walk itself is iterative (Roslyn's <c>DescendantNodes</c>).
/// </summary>
internal static class SizeCheck
{
    /// <summary>
    /// Levels of expressions inside expressions and statements inside statements. A level of nested
    /// calls costs the lowering about 3 KB of stack (measured: 250 nested Math.Sin exhaust a 1 MB
    /// thread, the smallest stack a compiler host gives a generator); 128 levels fit in it with room to
    /// spare (LargeInputTests). Parentheses, names, member accesses and literals are not levels.
    /// </summary>
    public const int MaximumDepth = 128;

    /// <summary>
    /// Statements and expressions of one method: about 4,000 statements of a few operations each. The
    /// passes are linear in a method's length (~5 ms a statement on the developers' machine, so ~20 s
    /// at the bound, LargeInputTests), and the Hessian-vector product of a method this long already
    /// has some 60,000 locals, near what a .NET method may hold (AG0022 checks that in the output).
    /// </summary>
    public const int MaximumSize = 40_000;

    public static DiagnosticInfo? Check(string methodName, SyntaxNode body, System.Threading.CancellationToken cancellationToken)
    {
        var depths = new Dictionary<SyntaxNode, int>();
        var size = 0;
        foreach (var node in body.DescendantNodesAndSelf())
        {
            var level = Counts(node) ? 1 : 0;
            size += level;
            var depth = (node.Parent is { } parent && depths.TryGetValue(parent, out var outer) ? outer : 0) + level;
            if (depth > MaximumDepth)
            {
                var what = node is StatementSyntax ? "statement" : "expression";
                return DiagnosticInfo.Create(DiagnosticDescriptors.NestedTooDeeply, LocationInfo.From(node), what, Text(depth), Text(MaximumDepth));
            }
            if (size > MaximumSize)
                return DiagnosticInfo.Create(DiagnosticDescriptors.MethodTooLarge, LocationInfo.From(body), methodName, "more than " + Text(MaximumSize), Text(MaximumSize));
            if ((size & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            // Only nodes with children need their depth kept: leaves are most of a tree.
            if (node.ChildNodes() is var children && children.GetEnumerator().MoveNext())
                depths[node] = depth;
        }
        return null;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool Counts(SyntaxNode node)
        => node is StatementSyntax and not BlockSyntax
           || node is ExpressionSyntax and not ParenthesizedExpressionSyntax and not IdentifierNameSyntax and not LiteralExpressionSyntax and not PredefinedTypeSyntax and not MemberAccessExpressionSyntax;
}
