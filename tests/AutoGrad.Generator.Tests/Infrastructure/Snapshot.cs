using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot assertions with Verify's file layout (<c>Snapshots/{name}.verified.cs</c> beside the
/// test, <c>{name}.received.cs</c> written on mismatch), so that moving to Verify is a package swap.
/// Set <c>AUTOGRAD_ACCEPT_SNAPSHOTS=1</c> to accept what the tests produce as the new verified files.
/// </summary>
public static partial class Snapshot
{
    public const string AcceptVariable = "AUTOGRAD_ACCEPT_SNAPSHOTS";
    public const string ScrubbedVersion = "SCRUBBED_VERSION";

    private const int ContextLines = 3;

    public static bool AcceptFromEnvironment => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <param name="directory">Where the snapshot files live; by default the <c>Snapshots</c> folder beside the calling test file.</param>
    public static void Verify(string actual, string name, string? directory = null, [CallerFilePath] string sourceFile = "")
        => VerifyIn(directory ?? DefaultDirectory(sourceFile), name, actual, AcceptFromEnvironment);

    /// <summary>
    /// One snapshot per generated method and mode: <c>Snapshots/{name}/{hint name}.{Mode}.verified.cs</c>
    /// holds the generated file with only that mode's members (<see cref="GeneratedModes"/>), so a diff
    /// names the method and mode it changes. Every mismatch is reported at once, and a verified file
    /// the run no longer produces fails too (accepting deletes it).
    /// </summary>
    public static void VerifyGenerated(GeneratorRun run, string name, string? directory = null, [CallerFilePath] string sourceFile = "")
    {
        var folder = Path.Combine(directory ?? DefaultDirectory(sourceFile), name);
        var accept = AcceptFromEnvironment;
        var pieces = run.GeneratedSources.SelectMany(file => GeneratedModes.Split(file.Key, file.Value)).ToList();
        var failures = pieces.Select(piece => Compare(folder, piece.Name, piece.Text, accept)).OfType<string>().ToList();
        var produced = pieces.Select(piece => $"{piece.Name}.verified.cs").ToHashSet(StringComparer.Ordinal);
        var stale = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.verified.cs").Where(path => !produced.Contains(Path.GetFileName(path))).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var path in stale)
        {
            if (accept)
                File.Delete(path);
            else
                failures.Add($"Snapshot '{path}' is no longer generated: delete it, or rerun with {AcceptVariable}=1.");
        }
        if (failures.Count > 0)
            Assert.Fail(string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    public static string Concatenate(IEnumerable<KeyValuePair<string, string>> generatedSources)
    {
        var text = new StringBuilder();
        foreach (var (hintName, source) in generatedSources)
        {
            text.Append("//----- ").Append(hintName).Append('\n').Append(source);
            if (!source.EndsWith('\n'))
                text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>What gets compared and written: \n line endings, and the generator's version replaced by a fixed token.</summary>
    public static string Normalize(string text)
        => GeneratedCodeVersion().Replace(text.ReplaceLineEndings("\n"), $"$1\"{ScrubbedVersion}\")");

    internal static void VerifyIn(string directory, string name, string actual, bool accept)
    {
        if (Compare(directory, name, actual, accept) is { } failure)
            Assert.Fail(failure);
    }

    /// <summary>Null when the snapshot matches (or was accepted); otherwise why not, with a diff, after writing the received file.</summary>
    private static string? Compare(string directory, string name, string actual, bool accept)
    {
        var verifiedPath = Path.Combine(directory, $"{name}.verified.cs");
        var receivedPath = Path.Combine(directory, $"{name}.received.cs");
        var received = Normalize(actual);
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;

        if (verified == received)
        {
            File.Delete(receivedPath);
            return null;
        }

        if (accept)
        {
            Write(verifiedPath, received);
            File.Delete(receivedPath);
            return null;
        }

        Write(receivedPath, received);
        var problem = verified is null ? "has no verified file yet" : "does not match";
        return (
            $"Snapshot '{name}' {problem}.{Environment.NewLine}" +
            $"  verified: {verifiedPath}{Environment.NewLine}" +
            $"  received: {receivedPath}{Environment.NewLine}" +
            $"Review the diff, then accept by rerunning with {AcceptVariable}=1 (or move the received file over the verified one).{Environment.NewLine}" +
            UnifiedDiff(verified ?? "", received));
    }

    /// <summary>A unified-style diff: hunks of changed lines, '-' verified and '+' received, with a little context.</summary>
    public static string UnifiedDiff(string verified, string received)
    {
        // Without the final newline: DiffPlex would show the empty text after it as a line.
        var lines = InlineDiffBuilder.Diff(WithoutFinalNewline(verified), WithoutFinalNewline(received), ignoreWhiteSpace: false, ignoreCase: false).Lines;
        var changed = lines.Select(line => line.Type is ChangeType.Inserted or ChangeType.Deleted).ToArray();
        var diff = new StringBuilder("--- verified\n+++ received\n");

        // Line numbers in each text before each diff line, for the hunk headers.
        var verifiedLine = new int[lines.Count + 1];
        var receivedLine = new int[lines.Count + 1];
        for (var i = 0; i < lines.Count; i++)
        {
            verifiedLine[i + 1] = verifiedLine[i] + (lines[i].Type == ChangeType.Inserted ? 0 : 1);
            receivedLine[i + 1] = receivedLine[i] + (lines[i].Type == ChangeType.Deleted ? 0 : 1);
        }

        var index = 0;
        while (index < lines.Count)
        {
            var firstChange = NextChange(index);
            if (firstChange < 0)
                break;

            var start = Math.Max(index, firstChange - ContextLines);
            var end = firstChange + 1;
            // One hunk while the next change is close enough for the two contexts to touch.
            for (var next = NextChange(end); next >= 0 && next - end <= 2 * ContextLines; next = NextChange(end))
                end = next + 1;
            end = Math.Min(lines.Count, end + ContextLines);

            diff.Append(CultureInfo.InvariantCulture,
                $"@@ -{verifiedLine[start] + 1},{verifiedLine[end] - verifiedLine[start]} +{receivedLine[start] + 1},{receivedLine[end] - receivedLine[start]} @@\n");
            for (var i = start; i < end; i++)
            {
                var marker = lines[i].Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
                diff.Append(marker).Append(lines[i].Text).Append('\n');
            }
            index = end;
        }

        if (NextChange(0) < 0)
            diff.Append("(no line differs: the texts differ only in trailing whitespace or the final newline)\n");
        return diff.ToString();

        int NextChange(int from) => Array.IndexOf(changed, true, from);

        static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
    }

    private static string DefaultDirectory(string sourceFile)
        => Path.Combine(Path.GetDirectoryName(sourceFile) ?? throw new ArgumentException("The calling file's path is unknown.", nameof(sourceFile)), "Snapshots");

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    [GeneratedRegex("""(GeneratedCode(?:Attribute)?\(\s*"AutoGrad\.Generator"\s*,\s*)"[^"]*"\)""")]
    private static partial Regex GeneratedCodeVersion();
}
