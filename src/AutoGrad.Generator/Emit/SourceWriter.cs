using System.Text;

namespace AutoGrad.Generator.Emit;

/// <summary>Writes lines of C# with indentation; braces open and close blocks.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder text = new();
    private int depth;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < depth; i++)
                text.Append(IndentUnit);
            text.Append(line);
        }
        text.Append('\n');
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
