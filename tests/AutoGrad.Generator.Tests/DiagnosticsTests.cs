using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Emit;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Each diagnostic from a minimal snippet. The expected location is marked in the snippet as
/// <c>[|text|]</c>; the diagnostic must point at exactly that text.
/// </summary>
public sealed class DiagnosticsTests
{
    private const string Prelude = """
        using System;
        using AutoGrad;

        namespace Demo;

        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "AG0001", "public static class [|Plain|] { [Differentiable] public static double F(double x) => x * x; }" },
        { "AG0001", "public class [|Outer|] { public static partial class Inner { [Differentiable] public static double F(double x) => x * x; } }" },
        { "AG0002", "public partial class C { [Differentiable] public double [|F|](double x) => x * x; }" },
        { "AG0003", "public static partial class C { [Differentiable] public static [|int|] F(double x) => (int)x; }" },
        { "AG0004", "public static partial class C { [Differentiable] public static double F([|decimal|] x) => (double)x; }" },
        { "AG0004", "public enum Huge : ulong { A } public static partial class C { [Differentiable] public static double F(double x, [|Huge|] h) => h == Huge.A ? x : 2 * x; }" },
        { "AG0005", "public static partial class C { [Differentiable] public static double F([|ref double x|]) => x; }" },
        { "AG0005", "public static partial class C { [Differentiable] public static double F([|params double[] x|]) => 0; }" },
        { "AG0006", "public static partial class C { [Differentiable] public static double F(double x) { if (x > 0) [|goto done;|] x = -x; done: return x; } }" },
        { "AG0006", "public static partial class C { [Differentiable] public static double F(double x) { if (x > 1e9) { x = 1; [|throw new System.ArgumentException(\"too large\", nameof(x));|] } return x; } }" },
        { "AG0006", "public static partial class C { [Differentiable] public static double F(double x) { double k = 2; [|double G(double v) => k * v;|] return G(x); } }" },
        { "AG0006", "public static partial class C { [Differentiable] public static double F(double x) { [|Console.WriteLine(x)|]; return x; } }" },
        // A return inside a loop is supported, except of a matrix (matrix code is straight-line).
        { "AG0006", "public static partial class C { [Differentiable] public static Matrix<double> F(Matrix<double> a, int n) { for (int i = 0; i < n; i++) { if (i > 2) [|return a;|] } return a; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(double x) => [|new[] { x }[0]|]; }" },
        { "AG0007", "public enum Small : byte { A, B } public static partial class C { [Differentiable] public static double F(double x, int k) => [|(Small)k|] == Small.B ? x : 2 * x; }" },
        // A nested loop's condition runs in each of its iterations, as its body does: an output read there is refused (fuzzer seed 63412).
        { "AG0007", "public static partial class C { [Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) { y[i] = x[i]; int k = 0; while (k < 2 && [|y[i]|] < 3) { y[i] = y[i] * 2; k++; } } } }" },
        // A static array that is not readonly is not a constant table.
        { "AG0007", "public static partial class C { static double[] table = { 1, 2 }; [Differentiable] public static double F(double x) => x * [|table[0]|]; }" },
        { "AG0007", "public static partial class C { static readonly double[] table = { 1, 2 }; [Differentiable] public static double F(double x) { Span<double> s = [|table|]; return s[0] * x; } }" },
        { "AG0007", "public static partial class C { static double field; [Differentiable] public static double F(double x) => x * [|field|]; }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(Matrix<double> a) { double s = 0; for (int i = 0; i < 3; i++) s += [|Ops.Sum(a)|]; return s; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(Matrix<double> a, bool b) { if (b) return [|Ops.Sum(a * 2)|]; return 0; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(Matrix<double> a, int axis) => Ops.Sum(Ops.Sum(a, [|axis|])); }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double G(Matrix<double> a) => Ops.Sum(a); [Differentiable] public static double F(Matrix<double> a) { double s = 0; for (int i = 0; i < 2; i++) s += [|G(a)|]; return s; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void V(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] += x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> o) { V(x, o); V(x[1..], o[1..]); } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> o) { Span<double> s = [|o.Slice(0, 2)|]; s[0] = x[0] * x[0]; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void D(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] = x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> h) { D(x, h); D(h, h); } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void D(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] = x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> h) { D(x, h[..3]); D(h[..3], h[1..4]); } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void D(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] = x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> h) { for (int t = 0; t < 3; t++) D(x.Slice(t, 2), h); } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void D(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] = x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> h) { for (int t = 0; t < 2; t++) D(x, h.Slice(t * x.Length, x.Length)); h[0] = 2 * h[0]; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static void D(ReadOnlySpan<double> x, Span<double> o) { for (int i = 0; i < o.Length; i++) o[i] = x[i] * x[i]; } [Differentiable] public static void [|F|](ReadOnlySpan<double> x, Span<double> h) { D(x, h[..2]); for (int t = 0; t < 4; t++) D(h.Slice(t % 2 * 2, 2), h.Slice(2 - t % 2 * 2, 2)); } }" },
        { "AG0008", "public static partial class C { static double Helper(double v) => v * v; [Differentiable] public static double F(double x) => 1 + [|Helper(x)|]; }" },
        { "AG0009", "public static partial class C { [Differentiable] public static double F(double x, int n) => n == 0 ? x : [|F(x * x, n - 1)|]; }" },
        { "AG0009", "public static partial class C { [Differentiable] public static double F(double x) => [|G(x)|]; [Differentiable] public static double G(double x) => x > 0 ? F(x - 1) : x; }" },
        { "AG0010", "public static partial class C { [Differentiable] public static double [|F|](double x) => x * x; public static double FAdjoint() => 0; }" },
        { "AG0010", "public static partial class C { [Differentiable] public static double [|F|](double x, double xDot) => x * xDot; }" },
        { "AG0011", "public static partial class C { [Differentiable] public static double F(ReadOnlySpan<double> x) { double t = 0; ReadOnlySpan<double> s = x; [|foreach|] (var v in s) { t += v; s = s[1..]; } return t; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(double x) => [|x switch { < 0 => -x, >= 0 => x }|]; }" },
        { "AG0012", "public abstract partial class C { [Differentiable] public static extern double [|F|](double x); }" },
        { "AG0013", "public static partial class C { [Differentiable] public static double F[|<T>|](double x) => x; }" },
        { "AG0014", "public static partial class C { [Differentiable] public static double G(double x) { string s = \"x\"; return x; } [Differentiable] public static double F(double x) => [|G(x)|]; }" },
        { "AG0014", "public static class D { [Differentiable] public static double G(double x) => x; } public static partial class C { [Differentiable] public static double F(double x) => [|D.G(x)|]; }" },
        { "AG0015", "public static partial class C { [Differentiable] public static double F(double x) { [|string|] s = \"x\"; return x; } }" },
        { "AG0015", "public static partial class C { [Differentiable] public static double F(double x) { double s = 0; [|short|] k = 3; for (int i = 0; i < 4; i++) { s += x * k; k = (short)(k * 2); } return s; } }" },
        { "AG0015", "public static partial class C { [Differentiable] public static double F(double x) { double s = 0; for ([|uint|] i = 0; i < 4; i++) s += x * i; return s; } }" },
        { "AG0007", "public static partial class C { [Differentiable] public static double F(double x) { double s = 0; for (int i = 0; i < 4; i++) s += x * [|(byte)i|]; return s; } }" },
        { "AG0016", "public static partial class C { [DerivativeOf([|\"Missing\"|])] public static double A(double x, ref double xBar, double resultBar) => x; }" },
        { "AG0017", "public static partial class C { static double F(double x) => x; static double F(double x, double y) => x; [DerivativeOf([|nameof(F)|])] static double A(double x, double resultBar) => x; }" },
        { "AG0018", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static double A(double x, [|double xBar|], double resultBar) => x; }" },
        { "AG0018", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static double A[|(double x, ref double xBar)|] => x; }" },
        { "AG0018", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static [|void|] A(double x, ref double xBar, double resultBar) { } }" },
        { "AG0018", "public static partial class C { static double F(ReadOnlySpan<double> v, int n) => v[n]; [DerivativeOf(nameof(F))] static double A(ReadOnlySpan<double> v, [|ref double vBar|], int n, double resultBar) => 0; }" },
        { "AG0018", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F), Kind = DerivativeKind.Tangent)] static double T(double x, double xDot, [|double resultDot|]) => x; [DerivativeOf(nameof(F))] static double A(double x, ref double xBar, double resultBar) => x; }" },
        { "AG0018", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static double A(double x, ref double xBar, double resultBar, [|int extra|]) => x; }" },
        { "AG0019", "public static partial class C { [Differentiable] static double F(double x) => x; [DerivativeOf([|nameof(F)|])] static double A(double x, ref double xBar, double resultBar) => x; }" },
        { "AG0019", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F), Kind = DerivativeKind.Tangent)] static double [|T|](double x, double xDot, out double resultDot) { resultDot = xDot; return x; } }" },
        { "AG0019", "public static partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static double A(double x, ref double xBar, double resultBar) => x; [DerivativeOf(nameof(F))] static double [|B|](double x, ref double xBar, double resultBar) => x; }" },
        { "AG0019", "public static partial class C { public static double F(double x) => x; [DerivativeOf(nameof(F))] static double A(double x, ref double xBar, double resultBar) => x; } public static partial class D { [Differentiable] public static double G(double x) => [|C.F(x)|] * x; }" },
        { "AG0019", "public static class C { static double F(double x) => x; [DerivativeOf(nameof(F))] static double [|A|](double x, ref double xBar, double resultBar) => x; }" },
        // 129 nested calls: the innermost is one level past the bound.
        { "AG0020", "public static partial class C { [Differentiable] public static double F(double x) => "
            + string.Concat(System.Linq.Enumerable.Repeat("Math.Sin(", 128)) + "[|Math.Sin(x)|]" + new string(')', 128) + "; }" },
        // 2,000 statements of 21 levels each: past the 40,000 the generator takes.
        { "AG0021", "public static partial class C { [Differentiable] public static double F(double x) [|{ "
            + string.Concat(System.Linq.Enumerable.Repeat("x = x * 2" + string.Concat(System.Linq.Enumerable.Repeat(" + x * 2", 9)) + "; ", 2000)) + "return x; }|] }" },
        { "AG0100", "public static partial class C { [Differentiable] public static double [|F|](double x, [NoDiff] double c) => c * c; }" },
        { "AG0101", "public static partial class C { [Differentiable] public static double S(double x, [NoDiff] double s) => s * x; [Differentiable] public static double F(double x, double y) => S(x, [|y * 2|]); }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_at_the_offending_syntax(string id, string snippet)
    {
        var (source, expected) = Marked(Prelude + snippet);
        var run = GeneratorHarness.Run(source);

        var matching = run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Id == id).ToList();
        Assert.True(matching.Count > 0, $"Expected {id}; got:\n{GeneratorRun.Describe(run.GeneratorDiagnostics)}");
        Assert.Contains(matching, diagnostic => diagnostic.Location.SourceSpan == expected);
        Assert.Empty(run.ErrorsInGeneratedCode);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "AG9999");
    }

    /// <summary>Constructs whose operation kind reads as jargon ("a none", "an implicit indexer reference") are named as the user wrote them, with what to write instead.</summary>
    [Theory]
    [InlineData("double F(ReadOnlySpan<double> x) => [|x[^1]|] * 2;", "index from the end", "x[x.Length - 1]")]
    [InlineData("double F(double x) { int k = 3; double s = 0; while ([|k--|] > 0) s += x; return s; }", "decrement inside an expression", "as a statement of its own")]
    [InlineData("double F(double x) { Span<double> t = [|stackalloc double[] { x, 1 }|]; return t[0]; }", "stackalloc buffer", "stackalloc T[n]")]
    [InlineData("double F(double x, int n) { double s = 0; for (int i = 0; i < n; i++) { var t = new double[[|i + 1|]]; t[0] = x; s += t[0]; } return s; }",
        "scratch buffer inside a loop whose length ('i')", "allocate 't' before the loop")]
    [InlineData("double F(ReadOnlySpan<double> x) { Span<double> t = stackalloc double[x.Length]; double s = 0; for (int i = 0; i < x.Length; i++) { t[i] = x[i]; for (int j = 0; j < i; j++) s += [|t[j]|]; } return s; }",
        "read of a scratch buffer more than one loop deeper than where it is allocated", "read it into a local one loop further out")]
    [InlineData("double F(ReadOnlySpan<double> x) { Span<double> t = stackalloc double[x.Length]; for (int i = 0; i < t.Length; i++) t[i] = x[i]; double s = 0; for (int r = 0; r < 2; r++) for (int i = 0; i < t.Length; i++) s += [|t[i]|] * r; t[0] = s; return s + t[0]; }",
        "read of a scratch buffer more than one loop deeper", "read it into a local one loop further out")]
    [InlineData("double F(double x) { var t = new double[2]; [|t = new double[3]|]; t[0] = x; return t[0]; }", "reassignment of a scratch array", "a new buffer")]
    [InlineData("double F(ReadOnlySpan<double> x) { Span<double> t = stackalloc double[2]; double s = 0; for (int i = 0; i < 2; i++) { t[i] = x[i] * i; s += [|G(t)|]; } return s; } [Differentiable] public static double G(ReadOnlySpan<double> a) => a[0] * a[1];",
        "a scratch buffer to a differentiable method that returns a value, inside a loop", "in the loop the buffer is allocated (or written whole) in")]
    [InlineData("double F(ReadOnlySpan<double> x) { Span<double> t = stackalloc double[x.Length]; double s = 0; for (int r = 0; r < 3; r++) { for (int i = 1; i < t.Length; i++) t[i] = x[i] * r; s += [|G(t)|]; } return s; } [Differentiable] public static double G(ReadOnlySpan<double> a) => a[0] * a[1];",
        "a scratch buffer to a differentiable method that returns a value, inside a loop", "written whole")]
    [InlineData("double F(double[] x) { [|x = new double[3]|]; return x[0]; }", "reassignment of an array parameter", "new span local")]
    [InlineData("double F(double[] x, double[] y) { Fill(x, [|y[1..]|]); return x[0]; } [Differentiable] public static void Fill(ReadOnlySpan<double> a, Span<double> b) { for (int i = 0; i < b.Length; i++) b[i] = a[i]; }",
        "range of an array passed to be written", "AsSpan(start, length)")]
    [InlineData("double F([|params double[] x|]) => x[0];", "'params'", "drop 'params'")]
    [InlineData("double F(double x) { Span<double> s = [|Table|]; s[0] = x; return s[0]; } static readonly double[] Table = [1, 2];", "conversion to System.Span<double>", "numeric conversions")]
    [InlineData("double F(double x) { [|double[]|] t = { x, x * x }; return t[0] + t[1]; }", "Local 't' has type", "new T[n]")]
    [InlineData("double F(double x) { [|var|] t = new[] { x, 1.0 }; return t[0]; }", "Local 't' has type 'double[]';", "new T[n]")]
    [InlineData("double F(double x) { [|var (a, b) = (x, x * 2)|]; double c = a * b; return c + a; }", "deconstruction", "assign to a local")]
    [InlineData("double F(double x) => [|Math.ScaleB(x, 2)|];", "'Math.ScaleB'", "[DerivativeOf] adjoint")]
    [InlineData("T F[|<T>|](T x) where T : System.Numerics.INumber<T> => x * x;", "is generic", "one method per element type")]
    [InlineData("double F(double x) { double k = 2; [|double G(double v) => k * v * v;|] return G(x) + G(k); }", "local function that captures 'k'", "pass it as a parameter")]
    [InlineData("double F(double x) { [|static double G(double v) { if (v > 1) return v; return v * v; }|] return G(x); }", "returns before its end", "return once")]
    [InlineData("double F(double x) { static double G(double v) => v < 1 ? v : [|G(v / 2)|]; return G(x); }", "recursive call of a local function", "as a loop")]
    [InlineData("double F(double x) { static double G(double v) => v * v; while (x < [|G(x)|]) x += 1; return x; }", "local function in a loop's condition", "assign its value to a local")]
    [InlineData("double F(double[] x) { int k = 0; double s = 0; while (k < x.Length - 1 && [|x.AsSpan(k)|][1] > 0) { s += x[k]; k++; } return s; }", "slice of a slice in a loop's condition", "span local before the statement")]
    [InlineData("double F(double[] x, int k) => k + 1 < x.Length && [|x.AsSpan(k)|][1] > 0 ? 1.0 : x[0];", "behind a short circuit", "span local before the statement")]
    [InlineData("double F(double x) { if (x > 1) { x = 2; [|throw new ArgumentException(\"big\");|] } return x; }", "throw outside a guard", "if (…) throw …;")]
    [InlineData("double F(double x) { double y = x * x; if (x > 1) throw new ArgumentException([|$\"{y} is big\"|]); return y; }", "neither a constant nor a parameter", "nameof(…)")]
    [InlineData("double F(double x, int k) { switch (k) { case 0: if (x > 1) [|break;|] x *= 2; break; } return x; }", "break before the end of a switch section", "move what follows into an else")]
    [InlineData("double F([|in double x|]) => x;", "'in'", "drop 'in'")]
    public void Unsupported_constructs_are_named_as_written(string method, string named, string instead)
    {
        var (source, expected) = Marked(Prelude + "public static partial class C { [Differentiable] public static " + method + " }");
        var run = GeneratorHarness.Run(source);
        // One report for the construct, not a cascade of others from the same statement.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(named, message, System.StringComparison.Ordinal);
        Assert.Contains(instead, message, System.StringComparison.Ordinal);
    }

    /// <summary>AG0101 only for a value that depends on an active parameter: not for constants, [NoDiff] values of the caller, or integers.</summary>
    [Fact]
    public void Inactive_values_for_NoDiff_parameters_are_not_warned_of()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                [Differentiable] public static double S(double x, [NoDiff] double s) => s * x;
                [Differentiable] public static double F(double x, [NoDiff] double c, int n) => S(x, c) + S(x, 2.5) + S(x, n * c) + S(S(x, c), Math.Sin(c));
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Every_descriptor_is_documented_with_its_id_and_example()
    {
        var documentation = System.IO.File.ReadAllText(RepositoryFile("docs/diagnostics.md"));
        var tracked = System.IO.File.ReadAllText(RepositoryFile("src/AutoGrad.Generator/AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"## {descriptor.Id}", documentation);
            Assert.Contains($"{descriptor.Id} |", tracked);
            Assert.EndsWith("#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void Every_error_id_is_exercised_by_a_case()
    {
        var covered = Cases.Select(row => (string)row[0]).ToHashSet();
        var untested = DiagnosticDescriptors.All
            .Where(descriptor => descriptor.Id != DiagnosticDescriptors.InternalError.Id)
            // Reached only by methods thousands of statements long: tested with a small bound below.
            .Where(descriptor => descriptor.Id != DiagnosticDescriptors.GeneratedMethodTooLarge.Id)
            .Where(descriptor => !covered.Contains(descriptor.Id))
            .Select(descriptor => descriptor.Id);
        Assert.Empty(untested);
    }

    /// <summary>
    /// A method whose generated code would declare more locals than a .NET method may hold gets AG0022
    /// at its name and no code (the bound is lowered on this thread so that a small method reaches it).
    /// </summary>
    [Fact]
    public void A_method_whose_derivatives_need_too_many_locals_gets_AG0022_at_its_name()
    {
        var (source, expected) = Marked(Prelude + """
            public static partial class C
            {
                [Differentiable] public static double [|F|](double x, double y)
                {
                    double a = Math.Sin(x) * y, b = Math.Exp(a) * x, c = Math.Log(1 + b * b);
                    return Math.Tanh(c) * a + b;
                }
                [Differentiable] public static double G(double x) => x * x;
            }
            """);
        LocalCount.MaximumForTests = 12;
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(source);
        }
        finally
        {
            LocalCount.MaximumForTests = null;
        }
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0022", diagnostic.Id);
        Assert.Equal(expected, diagnostic.Location.SourceSpan);
        Assert.Contains("more than the 12", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratedSources.Keys, name => name.Contains(".F.", System.StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources.Keys, name => name.Contains(".G.", System.StringComparison.Ordinal));
        Assert.Empty(run.ErrorsInGeneratedCode);
    }

    [Fact]
    public void Valid_methods_get_no_diagnostics_and_compile()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                [Differentiable] public static double F(double x, int n) => Helper(n) * x + Math.Floor(x) + (double.IsNaN(x) ? 1 : 0);
                static double Helper(int k) => k * 0.5;
                static readonly double[] table = { 1, 2 };
                [Differentiable] public static double Poly(ReadOnlySpan<double> c, double x) { double r = 0; for (int i = c.Length - 1; i >= 0; i--) r = r * x + c[i]; return r; }
                [Differentiable] public static double G(double x) { for (int i = 0; i < table.Length; i++) { if (x * table[i] > 1) return Poly(table, x); } return x; }
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Method_with_an_error_gets_no_generated_code()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                [Differentiable] public static double F(double x) { string s = "x"; return x; }
                [Differentiable] public static double G(double x) => x * x;
            }
            """);
        Assert.Equal(["Demo.C.G.g.cs"], run.GeneratedSources.Keys);
    }

    [Fact]
    public void Code_that_does_not_compile_is_left_to_the_compiler()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                [Differentiable] public static double F(double x) => x * undefinedName;
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
    }

    private static (string Source, Microsoft.CodeAnalysis.Text.TextSpan Span) Marked(string text)
    {
        var start = text.IndexOf("[|", System.StringComparison.Ordinal);
        var end = text.IndexOf("|]", System.StringComparison.Ordinal);
        var source = text.Remove(end, 2).Remove(start, 2);
        return (source, new Microsoft.CodeAnalysis.Text.TextSpan(start, end - start - 2));
    }

    private static string RepositoryFile(string relativePath)
    {
        var directory = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "AutoGrad.sln")))
            directory = directory.Parent;
        Assert.NotNull(directory);
        return System.IO.Path.Combine(directory!.FullName, relativePath);
    }
}

/// <summary>AG9999 cannot come from a snippet (it would be a bug); a fault injected into the generator stands in.</summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void A_failure_while_generating_becomes_AG9999_and_no_output_for_that_method_only()
    {
        var generator = new DifferentiableGenerator
        {
            BeforeGenerate = id =>
            {
                if (id.EndsWith(".Broken(System.Double)", System.StringComparison.Ordinal))
                    throw new System.InvalidOperationException("injected failure");
            },
        };
        var compilation = GeneratorHarness.CreateCompilation(("/src/C.cs", """
            using AutoGrad;
            public static partial class C
            {
                [Differentiable] public static double Broken(double x) => x * x;
                [Differentiable] public static double Fine(double x) => x * x;
            }
            """));

        // The injected fault is an AG9999 on purpose; everything else is checked as in every run.
        var run = GeneratorHarness.Run(compilation, generator, GeneratorChecks.All & ~GeneratorChecks.NoInternalError);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG9999", diagnostic.Id);
        Assert.Contains("'Broken'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Broken", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("injected failure", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(run.GeneratorException);
        Assert.Equal(["C.Fine.g.cs"], run.GeneratedSources.Keys);
    }
}
