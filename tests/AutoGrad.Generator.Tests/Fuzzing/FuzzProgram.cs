using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

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
internal sealed class Statement(string head, Node[] expressions, List<Statement>[] blocks, bool essential = false, string? tail = null, string[]? labels = null)
{
    public string Head { get; } = head;

    /// <summary>For a switch statement, each block's case labels (<c>case 0:</c>, <c>default:</c>): the blocks are its sections, each closed by <c>break;</c>.</summary>
    public string[]? Labels { get; } = labels;

    /// <summary>Printed after the block, over the same expressions: a do loop's <c>while (…);</c>.</summary>
    public string? Tail { get; } = tail;

    public List<Node> Expressions { get; } = [.. expressions];

    /// <summary>None for a simple statement; the body of a loop; the then and else arms of an if (else may be empty).</summary>
    public List<List<Statement>> Blocks { get; } = [.. blocks];

    public bool Essential { get; } = essential;

    public bool IsIf => Head.StartsWith("if (", System.StringComparison.Ordinal);

    public static Statement Simple(string head, params Node[] expressions) => new(head, expressions, []);

    public Statement Clone()
        => new(Head, [.. Expressions.Select(e => e.Clone())], [.. Blocks.Select(b => b.Select(s => s.Clone()).ToList())], Essential, Tail, Labels);

    public void Print(StringBuilder text, int indent)
    {
        var pad = new string(' ', indent * 4);
        string Formatted(string template) => Expressions.Count == 0
            ? template
            : string.Format(CultureInfo.InvariantCulture, template, [.. Expressions.Select(e => (object)e.ToString())]);
        text.Append(pad).AppendLine(Formatted(Head));
        if (Labels is not null)
        {
            text.Append(pad).AppendLine("{");
            for (var i = 0; i < Blocks.Count; i++)
            {
                text.Append(pad).Append("    ").AppendLine(Labels[i]);
                text.Append(pad).AppendLine("    {");
                foreach (var statement in Blocks[i])
                    statement.Print(text, indent + 2);
                text.Append(pad).AppendLine("    }");
                // A section that throws has no end to break from (CS0162).
                if (Blocks[i] is not [{ Head: var last }] || !last.StartsWith("throw ", System.StringComparison.Ordinal))
                    text.Append(pad).AppendLine("    break;");
            }
            text.Append(pad).AppendLine("}");
            return;
        }
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
        if (Tail is not null)
            text.Append(pad).AppendLine(Formatted(Tail));
    }
}

/// <summary>A generated [Differentiable] method: its parameter list as text and its body.</summary>
internal sealed class FuzzMethod(string signature, List<Statement> body, string name = "", bool inHelperClass = false)
{
    /// <summary>Everything before the body, e.g. <c>public static double F(double a0, [NoDiff] double c0)</c>.</summary>
    public string Signature { get; } = signature;

    public List<Statement> Body { get; } = body;

    /// <summary>The method's name before <see cref="FuzzProgram.Renames"/>: what the call tokens name.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the method lives in the program's second class (<see cref="FuzzProgram.HelperClassName"/>).</summary>
    public bool InHelperClass { get; } = inHelperClass;

    public FuzzMethod Clone() => new(Signature, [.. Body.Select(s => s.Clone())], Name, InHelperClass);
}

/// <summary>
/// A generated program: one partial class of differentiable methods, the last of which is the one
/// checked, and maybe a second class of helpers that the first calls qualified or through <c>using static</c>.
/// Calls are written as tokens, <c>«H0|q»</c> (qualified) or <c>«H0|u»</c> (unqualified where C# allows it),
/// resolved when printed, when the identifiers are also renamed by <see cref="Renames"/>.
/// </summary>
internal sealed partial class FuzzProgram(int seed, bool isFloat, List<FuzzMethod> methods, IReadOnlyDictionary<string, string>? renames = null, bool usingStatic = false)
{
    public int Seed { get; } = seed;

    public bool IsFloat { get; } = isFloat;

    public List<FuzzMethod> Methods { get; } = methods;

    /// <summary>Identifiers (parameters, locals, methods) given other names when printed: <c>t1</c> → <c>sin</c>, <c>H0</c> → <c>sq</c>.</summary>
    public IReadOnlyDictionary<string, string> Renames { get; } = renames ?? new Dictionary<string, string>();

    /// <summary>Whether each class imports the other with <c>using static</c>, so that calls across need no qualifier.</summary>
    public bool UsingStatic { get; } = usingStatic;

    public FuzzProgram Clone() => new(Seed, IsFloat, [.. Methods.Select(m => m.Clone())], Renames, UsingStatic);

    /// <summary>
    /// The enum a scalar helper may take for its int (<see cref="FuzzPatterns.Enums"/>), as the generator writes it: printed as
    /// <c>{class}Mode</c> and declared beside the classes, so that saved regressions, compiled together, each have their own.
    /// </summary>
    public const string EnumName = "FuzzMode";

    public static readonly string[] EnumMembers = ["A", "B", "C", "D"];

    /// <summary>The name of the program's second class, whose methods the first calls qualified (<c>P12Helpers.G(x)</c>).</summary>
    public static string HelperClassName(string className) => className + "Helpers";

    public string ToSource(string className)
    {
        var helperClass = HelperClassName(className);
        var inHelpers = Methods.Where(m => m.InHelperClass).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder()
            .AppendLine("using System;")
            .AppendLine("using AutoGrad;");
        if (UsingStatic && inHelpers.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"using static Fuzz.{className};")
                .AppendLine(CultureInfo.InvariantCulture, $"using static Fuzz.{helperClass};");
        }
        text.AppendLine()
            .AppendLine("namespace Fuzz;");
        var usesEnum = Methods.Any(m => m.Signature.Contains(EnumName, StringComparison.Ordinal));
        if (usesEnum)
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"public enum {EnumName} {{ {string.Join(", ", EnumMembers)} }}");
        // The checked method's class comes first: EntrySignature reads the first class's last method.
        foreach (var (name, helpers) in new[] { (className, false), (helperClass, true) })
        {
            var methods = Methods.Where(m => m.InHelperClass == helpers).ToList();
            if (methods.Count == 0)
                continue;
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"public static partial class {name}")
                .AppendLine("{");
            for (var i = 0; i < methods.Count; i++)
            {
                if (i > 0)
                    text.AppendLine();
                var method = new StringBuilder();
                method.AppendLine("    [Differentiable]").Append("    ").AppendLine(methods[i].Signature).AppendLine("    {");
                foreach (var statement in methods[i].Body)
                    statement.Print(method, 2);
                method.AppendLine("    }");
                text.Append(CallToken().Replace(method.ToString(), token =>
                {
                    var callee = token.Groups[1].Value;
                    var calleeInHelpers = inHelpers.Contains(callee);
                    var qualified = token.Groups[2].Value == "q";
                    var sameClass = calleeInHelpers == helpers;
                    return (sameClass ? !qualified : !qualified && UsingStatic) ? callee : $"{(calleeInHelpers ? helperClass : className)}.{callee}";
                }));
            }
            text.AppendLine("}");
        }
        var source = text.ToString();
        if (usesEnum)
            source = EnumToken().Replace(source, className + "Mode");
        if (Renames.Count == 0)
            return source;
        var pattern = new Regex(@"\b(" + string.Join("|", Renames.Keys.Select(Regex.Escape)) + @")\b");
        return pattern.Replace(source, match => Renames[match.Value]);
    }

    [GeneratedRegex(@"\b" + EnumName + @"\b")]
    private static partial Regex EnumToken();

    [GeneratedRegex("«([A-Za-z0-9_]+)\\|([qu])»")]
    private static partial Regex CallToken();

    /// <summary>Statements and expression nodes: the size the minimizer reduces.</summary>
    public int Size => Methods.Sum(m => Count(m.Body));

    private static int Count(List<Statement> block)
        => block.Sum(s => 1 + s.Expressions.Sum(CountNodes) + s.Blocks.Sum(Count));

    private static int CountNodes(Node node) => 1 + node.Children.Sum(CountNodes);
}
