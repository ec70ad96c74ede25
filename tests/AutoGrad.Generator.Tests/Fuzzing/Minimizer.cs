using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Shrinks a failing program while it still fails the same check: drops statements (never a while
/// loop's counter), replaces an if by one of its arms, and replaces an expression by one of its
/// operands or by a constant. Candidates are checked in batches (one compilation each); the first
/// one that still fails is kept, until no candidate fails or the time is up.
/// </summary>
internal static partial class Minimizer
{
    private const int ChunkSize = 40;

    public static FuzzFailure Minimize(FuzzFailure failure, TimeSpan budget)
    {
        if (failure.Case.Program is not { } program)
            return failure;
        var key = Key(failure);
        var clock = Stopwatch.StartNew();
        var seen = new HashSet<string>(StringComparer.Ordinal) { program.ToSource("M") };
        var round = 0;
        var current = failure;

        while (clock.Elapsed < budget)
        {
            round++;
            var candidates = Reductions(program).Where(c => seen.Add(c.ToSource("M"))).ToList();
            FuzzFailure? smaller = null;
            for (var start = 0; start < candidates.Count && smaller is null && clock.Elapsed < budget; start += ChunkSize)
            {
                var chunk = candidates.Skip(start).Take(ChunkSize)
                    .Select((c, j) => FuzzCase.FromProgram(c, $"M{program.Seed.ToString(CultureInfo.InvariantCulture)}r{round.ToString(CultureInfo.InvariantCulture)}c{(start + j).ToString(CultureInfo.InvariantCulture)}"))
                    .ToList();
                var order = chunk.Select((c, j) => (c.ClassName, j)).ToDictionary(x => x.ClassName, x => x.j, StringComparer.Ordinal);
                smaller = DifferentialChecker.Run(chunk)
                    .Where(f => Key(f) == key)
                    .OrderBy(f => order[f.Case.ClassName])
                    .FirstOrDefault();
            }
            if (smaller is null)
                break;
            current = smaller;
            program = smaller.Case.Program!;
        }
        return current;
    }

    /// <summary>The check and, for a diagnostic, its ID: what a smaller program must still fail.</summary>
    private static string Key(FuzzFailure failure)
        => failure.Check == "generator diagnostic" ? failure.Check + DiagnosticId().Match(failure.Detail).Value : failure.Check;

    [GeneratedRegex("AG[0-9]{4}")]
    private static partial Regex DiagnosticId();

    private static IEnumerable<FuzzProgram> Reductions(FuzzProgram program)
    {
        var statementCount = StatementSites(program).Count();
        for (var k = 0; k < statementCount; k++)
        {
            var copy = program.Clone();
            var (block, index) = StatementSites(copy).ElementAt(k);
            if (block[index].Essential)
                continue;
            block.RemoveAt(index);
            yield return copy;
        }

        for (var k = 0; k < statementCount; k++)
        {
            var (originalBlock, originalIndex) = StatementSites(program).ElementAt(k);
            var statement = originalBlock[originalIndex];
            if (!statement.IsIf)
                continue;
            for (var arm = 0; arm < statement.Blocks.Count; arm++)
            {
                var copy = program.Clone();
                var (block, index) = StatementSites(copy).ElementAt(k);
                var inlined = block[index].Blocks[arm];
                block.RemoveAt(index);
                block.InsertRange(index, inlined);
                yield return copy;
            }
        }

        var nodeCount = NodeSites(program).Count();
        for (var k = 0; k < nodeCount; k++)
        {
            var node = NodeSites(program).ElementAt(k).Node;
            var alternatives = Alternatives(node, program.IsFloat).Count;
            for (var a = 0; a < alternatives; a++)
            {
                var copy = program.Clone();
                var (target, replace) = NodeSites(copy).ElementAt(k);
                replace(Alternatives(target, copy.IsFloat)[a]);
                yield return copy;
            }
        }
    }

    private static List<Node> Alternatives(Node node, bool isFloat)
    {
        var alternatives = new List<Node>();
        if (node.Type == NodeType.Int)
            return alternatives;
        alternatives.AddRange(node.Children.Where(child => child.Type == node.Type).Select(child => child.Clone()));
        if (node.Type == NodeType.Real)
        {
            var one = isFloat ? "1f" : "1.0";
            if (node.Template != one)
                alternatives.Add(new Node(NodeType.Real, one));
        }
        else
        {
            if (node.Template != "true")
                alternatives.Add(new Node(NodeType.Bool, "true"));
            if (node.Template != "false")
                alternatives.Add(new Node(NodeType.Bool, "false"));
        }
        return alternatives;
    }

    private static IEnumerable<(List<Statement> Block, int Index)> StatementSites(FuzzProgram program)
    {
        foreach (var method in program.Methods)
        {
            foreach (var site in StatementSites(method.Body))
                yield return site;
        }
    }

    private static IEnumerable<(List<Statement> Block, int Index)> StatementSites(List<Statement> block)
    {
        for (var i = 0; i < block.Count; i++)
        {
            yield return (block, i);
            foreach (var inner in block[i].Blocks)
            {
                foreach (var site in StatementSites(inner))
                    yield return site;
            }
        }
    }

    private static IEnumerable<(Node Node, Action<Node> Replace)> NodeSites(FuzzProgram program)
    {
        foreach (var (block, index) in StatementSites(program))
        {
            var expressions = block[index].Expressions;
            for (var e = 0; e < expressions.Count; e++)
            {
                var slot = e;
                foreach (var site in NodeSites(expressions[e], replacement => expressions[slot] = replacement))
                    yield return site;
            }
        }
    }

    private static IEnumerable<(Node Node, Action<Node> Replace)> NodeSites(Node node, Action<Node> replace)
    {
        yield return (node, replace);
        for (var c = 0; c < node.Children.Count; c++)
        {
            var slot = c;
            foreach (var site in NodeSites(node.Children[c], replacement => node.Children[slot] = replacement))
                yield return site;
        }
    }
}
