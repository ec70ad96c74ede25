using System.Collections.Generic;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Breaks a statement too long for one line. C# lets a line break stand wherever a space does
/// outside a literal, so every break is safe; the choice is for the reader: at the shallowest nesting
/// that fits, after a comma rather than before an operator, before a loosely binding operator rather
/// than a tightly binding one, and as far right as fits.
/// </summary>
internal static class LineBreaker
{
    /// <summary>Operators a line may start with, by how loosely they bind: a break before a looser one reads better.</summary>
    private static readonly (string Operator, int Rank)[] BreakBeforeOperators =
        [("? ", 1), (": ", 1), ("?? ", 1), ("|| ", 2), ("&& ", 2), ("+ ", 3), ("- ", 3), ("* ", 4), ("/ ", 4)];

    /// <summary>
    /// The line as pieces, the first at most <paramref name="width"/> characters and the others at
    /// most <paramref name="width"/> minus <paramref name="continuationIndent"/> (they are indented
    /// that much more), where a break allows it; a piece with no break in reach stays long.
    /// </summary>
    public static List<string> Break(string line, int width, int continuationIndent)
    {
        var pieces = new List<string>();
        var candidates = Candidates(line);
        var start = 0;
        var available = width;
        while (line.Length - start > available)
        {
            var breakAt = Choose(candidates, start, start + available, minimumLength: available / 3);
            if (breakAt < 0)
                break;
            pieces.Add(line.Substring(start, breakAt - start).TrimEnd());
            start = breakAt + 1;
            available = width - continuationIndent;
        }
        pieces.Add(line.Substring(start));
        return pieces;
    }

    /// <summary>Of the breaks within <c>(start, end]</c>, the shallowest, loosest and rightmost; short first pieces only when nothing else fits.</summary>
    private static int Choose(List<(int Position, int Depth, int Rank)> candidates, int start, int end, int minimumLength)
    {
        var best = -1;
        var bestKey = (Depth: int.MaxValue, Rank: int.MaxValue);
        foreach (var preferLong in new[] { true, false })
        {
            foreach (var (position, depth, rank) in candidates)
            {
                if (position <= start || position > end || (preferLong && position - start < minimumLength))
                    continue;
                if ((depth, rank).CompareTo(bestKey) < 0 || ((depth, rank) == bestKey && position > best))
                    (best, bestKey) = (position, (depth, rank));
            }
            if (best >= 0)
                return best;
        }
        return best;
    }

    /// <summary>Spaces outside literals after a comma (rank 0) or before an operator (its rank), each with its bracket depth.</summary>
    private static List<(int Position, int Depth, int Rank)> Candidates(string line)
    {
        var candidates = new List<(int, int, int)>();
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } open)
            {
                if (c == '\\')
                    i++;
                else if (c == open)
                    quote = null;
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ' ' when i > 0 && line[i - 1] == ',':
                    candidates.Add((i, depth, 0));
                    break;
                case ' ' when i > 0 && line[i - 1] != ' ' && OperatorRank(line, i + 1) is { } rank:
                    candidates.Add((i, depth, rank));
                    break;
            }
        }
        return candidates;
    }

    private static int? OperatorRank(string line, int at)
    {
        foreach (var (op, rank) in BreakBeforeOperators)
        {
            if (string.CompareOrdinal(line, at, op, 0, op.Length) == 0)
                return rank;
        }
        return null;
    }
}
