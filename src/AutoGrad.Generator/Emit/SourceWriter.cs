using System.Collections.Generic;
using System.Text;

namespace AutoGrad.Generator.Emit;

/// <summary>Writes lines of C# with indentation; braces open and close blocks.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder text = new();
    private int depth;

    /// <summary>A line at the current indentation; code longer than <see cref="LineLimit"/> continues on lines indented once more (<see cref="LineBreaker"/>).</summary>
    public void WriteLine(string line = "")
    {
        var width = LineLimit - depth * IndentUnit.Length;
        if (line.Length <= width || line.TrimStart().StartsWith("//", System.StringComparison.Ordinal))
        {
            WriteIndented(line, depth);
            return;
        }
        var pieces = LineBreaker.Break(line, width, IndentUnit.Length);
        for (var i = 0; i < pieces.Count; i++)
            WriteIndented(pieces[i], i == 0 ? depth : depth + 1);
    }

    private void WriteIndented(string line, int level)
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < level; i++)
                text.Append(IndentUnit);
            text.Append(line);
        }
        text.Append('\n');
    }

    /// <summary>The longest line a person reads without scrolling: longer ones are broken where C# allows.</summary>
    public const int LineLimit = 160;

    /// <summary>
    /// <c>head item, item, … tail</c> on one line when it fits; else the head, then one item a line,
    /// indented once more, the tail after the last (a parameter list, a chain of conditions).
    /// </summary>
    public void WriteWrapped(string head, IReadOnlyList<string> items, string separator, string tail)
    {
        var oneLine = head + string.Join(separator, items) + tail;
        if (depth * IndentUnit.Length + oneLine.Length <= LineLimit || items.Count < 2)
        {
            WriteLine(oneLine);
            return;
        }
        WriteLine(head.TrimEnd());
        depth++;
        for (var i = 0; i < items.Count; i++)
            WriteLine(i < items.Count - 1 ? items[i] + separator.TrimEnd() : items[i] + tail);
        depth--;
    }

    /// <summary>A documentation comment, broken between words into lines that fit.</summary>
    public void WriteDocumentation(string text)
    {
        var width = LineLimit - depth * IndentUnit.Length - "/// ".Length;
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                WriteLine("/// " + line);
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        WriteLine("/// " + line);
    }

    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        depth++;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        depth++;
    }

    public void CloseBlock()
    {
        depth--;
        WriteLine("}");
    }

    public override string ToString() => text.ToString();
}
