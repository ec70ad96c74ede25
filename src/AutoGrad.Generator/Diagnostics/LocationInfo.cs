using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AutoGrad.Generator.Diagnostics;

/// <summary>
/// A source location as plain values: unlike <see cref="Location"/> it compares equal across
/// compilations, so it can live in pipeline models without defeating caching.
/// </summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
            return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    /// <summary>
    /// Maps back into the compilation's syntax tree when it is there, so that the diagnostic is a
    /// real source location (which is what makes <c>#pragma warning disable</c> apply to it).
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length)
                    return Location.Create(tree, Span);
            }
        }
        return Location.Create(FilePath, Span, LineSpan);
    }
}
