using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>What an expression node evaluates to: the method's floating-point type, a bool, or an int.</summary>
internal enum NodeType
{
    Real,
    Bool,
    Int,
}

/// <summary>
/// An expression of a generated program: a C# template whose <c>{0}</c>, <c>{1}</c>, … are the printed
/// children. Domain guards (the <c>x * x + 1</c> under a <c>Log</c>) live in the template, so replacing a
/// child by anything of its type keeps the program inside the functions' domains.
/// </summary>
internal sealed class Node(NodeType type, string template, params Node[] children)
{
    public NodeType Type { get; } = type;

    public string Template { get; } = template;

    public List<Node> Children { get; } = [.. children];

    public Node Clone() => new(Type, Template, [.. Children.Select(child => child.Clone())]);

    public override string ToString()
        => Children.Count == 0
            ? Template
            : string.Format(CultureInfo.InvariantCulture, Template, [.. Children.Select(child => (object)child.ToString())]);
}

/// <summary>
/// A statement: a head template over <see cref="Expressions"/> (<c>double t1 = {0};</c>, <c>if ({0})</c>,
/// <c>for (…)</c>) and, for compound statements, blocks printed in braces. <see cref="Essential"/>
/// statements (a while loop's counter and its increment) are never dropped by the minimizer, so every
/// reduced program still terminates.
/// </summary>
internal sealed class Statement(string head, Node[] expressions, List<Statement>[] blocks, bool essential = false)
{
    public string Head { get; } = head;

    public List<Node> Expressions { get; } = [.. expressions];

    /// <summary>None for a simple statement; the body of a loop; the then and else arms of an if (else may be empty).</summary>
    public List<List<Statement>> Blocks { get; } = [.. blocks];

    public bool Essential { get; } = essential;

    public bool IsIf => Head.StartsWith("if (", System.StringComparison.Ordinal);

    public static Statement Simple(string head, params Node[] expressions) => new(head, expressions, []);

    public Statement Clone()
        => new(Head, [.. Expressions.Select(e => e.Clone())], [.. Blocks.Select(b => b.Select(s => s.Clone()).ToList())], Essential);

    public void Print(StringBuilder text, int indent)
    {
        var pad = new string(' ', indent * 4);
        var head = Expressions.Count == 0
            ? Head
            : string.Format(CultureInfo.InvariantCulture, Head, [.. Expressions.Select(e => (object)e.ToString())]);
        text.Append(pad).AppendLine(head);
        for (var i = 0; i < Blocks.Count; i++)
        {
            if (i == 1)
            {
                if (Blocks[1].Count == 0)
                    break;
                text.Append(pad).AppendLine("else");
            }
            text.Append(pad).AppendLine("{");
            foreach (var statement in Blocks[i])
                statement.Print(text, indent + 1);
            text.Append(pad).AppendLine("}");
        }
    }
}

/// <summary>A generated [Differentiable] method: its parameter list as text and its body.</summary>
internal sealed class FuzzMethod(string signature, List<Statement> body)
{
    /// <summary>Everything before the body, e.g. <c>public static double F(double a0, [NoDiff] double c0)</c>.</summary>
    public string Signature { get; } = signature;

    public List<Statement> Body { get; } = body;

    public FuzzMethod Clone() => new(Signature, [.. Body.Select(s => s.Clone())]);
}

/// <summary>A generated program: one partial class of differentiable methods, the last of which is the one checked.</summary>
internal sealed class FuzzProgram(int seed, bool isFloat, List<FuzzMethod> methods)
{
    public int Seed { get; } = seed;

    public bool IsFloat { get; } = isFloat;

    public List<FuzzMethod> Methods { get; } = methods;

    public FuzzProgram Clone() => new(Seed, IsFloat, [.. Methods.Select(m => m.Clone())]);

    public string ToSource(string className)
    {
        var text = new StringBuilder()
            .AppendLine("using System;")
            .AppendLine("using AutoGrad;")
            .AppendLine()
            .AppendLine("namespace Fuzz;")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"public static partial class {className}")
            .AppendLine("{");
        for (var i = 0; i < Methods.Count; i++)
        {
            if (i > 0)
                text.AppendLine();
            text.AppendLine("    [Differentiable]").Append("    ").AppendLine(Methods[i].Signature).AppendLine("    {");
            foreach (var statement in Methods[i].Body)
                statement.Print(text, 2);
            text.AppendLine("    }");
        }
        return text.AppendLine("}").ToString();
    }

    /// <summary>Statements and expression nodes: the size the minimizer reduces.</summary>
    public int Size => Methods.Sum(m => Count(m.Body));

    private static int Count(List<Statement> block)
        => block.Sum(s => 1 + s.Expressions.Sum(CountNodes) + s.Blocks.Sum(Count));

    private static int CountNodes(Node node) => 1 + node.Children.Sum(CountNodes);
}
