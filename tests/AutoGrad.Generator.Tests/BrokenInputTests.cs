using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Fuzzing with deterministic mutations of valid [Differentiable] methods: whatever half-typed
/// code the user has, the generator must not crash and must not emit code that fails to compile.
/// </summary>
public sealed class BrokenInputTests(ITestOutputHelper output)
{
    private const int VariantsPerSeed = 60;
    private const int FailuresShown = 3;

    private static readonly string[] insertedTokens = ["(", ")", ";", "{", "}", "+", "x", "return", "Math.", "\"s\""];

    private static readonly Dictionary<string, string> seeds = new()
    {
        ["Expression"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Expression
            {
                [Differentiable]
                public static double F(double x, double y) => x * Math.Sin(y) + 3;
            }
            """,
        ["Branches"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Branches
            {
                [Differentiable]
                public static double Clamp(double x, [NoDiff] double limit)
                {
                    if (x > limit)
                        return limit;
                    double y;
                    if (x < 0)
                    {
                        y = -x * x;
                    }
                    else
                    {
                        y = Math.Sqrt(x) + 1.0;
                    }
                    return y * 2;
                }
            }
            """,
        ["Calls"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Calls
            {
                [Differentiable]
                public static double Square(double x) => x * x;

                [Differentiable]
                public static double Norm(double x, double y, int n)
                {
                    var sum = Square(x) + Square(y);
                    return Math.Sqrt(sum) * n;
                }
            }
            """,
        ["Float"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Float
            {
                [Differentiable]
                public static float Sigmoid(float x, [NoDiff] float scale)
                {
                    float z = -x * scale;
                    return 1f / (1f + MathF.Exp(z));
                }
            }
            """,
        ["Locals"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Locals
            {
                [Differentiable]
                public static double Polynomial(double x, [NoDiff] double a, [NoDiff] double b)
                {
                    double t = x * x;
                    t += a * x;
                    t = t - b / (1.0 + x * x);
                    return Math.Exp(-t) * Math.Log(1.0 + t * t);
                }
            }
            """,
        ["Loops"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Loops
            {
                [Differentiable]
                public static double Mse(ReadOnlySpan<double> pred, [NoDiff] ReadOnlySpan<double> y)
                {
                    double s = 0;
                    for (int i = 0; i < pred.Length; i++)
                    {
                        double d = pred[i] - y[i];
                        if (d > 10) continue;
                        s += d * d;
                    }
                    return s / pred.Length;
                }

                [Differentiable]
                public static double FixedPoint(double a)
                {
                    double x = 1, delta = 1;
                    int k = 0;
                    while (Math.Abs(delta) > 1e-9 && k < 100)
                    {
                        double next = Math.Cos(x) * a;
                        delta = next - x;
                        x = next;
                        k++;
                        if (k > 50) break;
                    }
                    return x;
                }
            }
            """,
        ["Outputs"] = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Outputs
            {
                [Differentiable]
                public static void Predict(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, Span<double> y)
                {
                    int n = x.Length;
                    for (int r = 0; r < y.Length; r++)
                    {
                        double acc = 0;
                        for (int c = 0; c < n; c++)
                            acc += w[r * n + c] * x[c];
                        y[r] = Math.Tanh(acc);
                    }
                }

                [Differentiable]
                public static void Prefix(ReadOnlySpan<double> x, Span<double> y)
                {
                    y[0] = x[0];
                    for (int i = 1; i < x.Length; i++)
                        y[i] = y[i - 1] + x[i];
                    Predict(x[1..], x.Slice(0, 1), y[2..]);
                }
            }
            """,
    };

    public static TheoryData<string> SeedNames => [.. seeds.Keys];

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Mutated_methods_neither_crash_the_generator_nor_break_generated_code(string seedName)
    {
        var failures = new List<string>();
        var internalErrors = 0;
        var variants = Variants(seeds[seedName], new Random(StableSeed(seedName))).ToList();

        foreach (var (mutations, source) in variants)
        {
            var problem = Check(source, out var reportedInternalError);
            if (reportedInternalError)
                internalErrors++;
            if (problem is not null)
                failures.Add($"After {mutations}: {problem}{Environment.NewLine}----- variant source:{Environment.NewLine}{source}");
        }

        // AG9999 is the generator failing safely; worth knowing about, not a test failure.
        output.WriteLine($"{variants.Count} variants of {seedName}; {internalErrors} reported AG9999.");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {variants.Count} variants of {seedName} broke the generator; the first {Math.Min(failures.Count, FailuresShown)}:{Environment.NewLine}" +
            string.Join($"{Environment.NewLine}{Environment.NewLine}", failures.Take(FailuresShown)));
    }

    private static string? Check(string source, out bool reportedInternalError)
    {
        reportedInternalError = false;
        GeneratorRun run;
        try
        {
            // Checked below, to describe the variant; AG9999 on broken input is the generator failing safely.
            run = GeneratorHarness.Run(GeneratorChecks.None, source);
        }
        catch (Exception exception)
        {
            return $"running the generator threw {exception}";
        }

        reportedInternalError = run.GeneratorDiagnostics.Any(d => d.Id == "AG9999");
        if (run.GeneratorException is not null)
            return $"the generator threw {run.GeneratorException}";

        var problems = run.Problems(GeneratorChecks.NoException | GeneratorChecks.CleanGeneratedCode);
        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems) + Environment.NewLine + run.DescribeGeneratedSources();
    }

    /// <summary>The seed itself, then distinct variants made by one to three random mutations each.</summary>
    private static IEnumerable<(string Mutations, string Source)> Variants(string seed, Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { seed };
        yield return ("no mutation", seed);

        for (var attempt = 0; seen.Count <= VariantsPerSeed && attempt < 10 * VariantsPerSeed; attempt++)
        {
            var source = seed;
            var applied = new List<string>();
            for (var count = random.Next(1, 4); count > 0; count--)
            {
                var (description, mutated) = Mutate(source, random);
                applied.Add(description);
                source = mutated;
            }

            if (seen.Add(source))
                yield return (string.Join(", then ", applied), source);
        }
    }

    private static (string Description, string Source) Mutate(string source, Random random)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Where(token => !token.IsKind(SyntaxKind.EndOfFileToken)).ToList();
        switch (random.Next(5))
        {
            case 0:
            {
                var token = tokens[random.Next(tokens.Count)];
                return ($"deleting `{token.Text}` at {token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length));
            }
            case 1:
            {
                var length = random.Next(source.Length);
                return ($"truncating at {length}", source[..length]);
            }
            case 2:
            {
                var inserted = insertedTokens[random.Next(insertedTokens.Length)];
                var position = tokens[random.Next(tokens.Count)].SpanStart;
                return ($"inserting `{inserted}` at {position}", source.Insert(position, inserted + " "));
            }
            case 3:
            {
                var lines = source.Split('\n').ToList();
                var line = random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                return ($"duplicating line {line + 1}", string.Join('\n', lines));
            }
            default:
            {
                var first = tokens[random.Next(tokens.Count)];
                var second = tokens[random.Next(tokens.Count)];
                if (first.SpanStart > second.SpanStart)
                    (first, second) = (second, first);
                if (first.Span == second.Span)
                    return ($"swapping `{first.Text}` with itself", source);
                var swapped = source[..first.SpanStart] + second.Text
                    + source[first.Span.End..second.SpanStart] + first.Text
                    + source[second.Span.End..];
                return ($"swapping `{first.Text}` at {first.SpanStart} with `{second.Text}` at {second.SpanStart}", swapped);
            }
        }
    }

    // string.GetHashCode is randomised per process; the variants must be the same on every run.
    private static int StableSeed(string name) => name.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));
}
