using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Overloaded differentiable methods: one generated file each (hint names are unique per signature,
/// and compared ignoring case), generated overloads that C# can declare side by side, and calls between
/// overloads that reach the right generated overload.
/// </summary>
public sealed class OverloadTests
{
    private const string Prelude = """
        using System;
        using AutoGrad;

        namespace Demo;

        """;

    [Fact]
    public void Overloads_by_element_type_get_a_file_each()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Reductions
            {
                [Differentiable]
                public static double Sum(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * x[i]; return s; }

                [Differentiable]
                public static float Sum(ReadOnlySpan<float> x) { float s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * x[i]; return s; }

                [Differentiable]
                public static double Other(double x) => x * 3;
            }
            """);
        Assert.Null(run.GeneratorException);
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "CS8785");
        Assert.Equal(
            ["Demo.Reductions.Other.g.cs", "Demo.Reductions.Sum(System.ReadOnlySpan{System.Double}).g.cs", "Demo.Reductions.Sum(System.ReadOnlySpan{System.Single}).g.cs"],
            run.GeneratedSources.Keys);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Overloads_by_arity_call_each_other_through_the_right_generated_overloads()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Arity
            {
                [Differentiable] public static double F(double x) => x * x;
                [Differentiable] public static double F(double x, double y) => F(x) * y + F(y);
                [Differentiable] public static double F(double x, [NoDiff] double c, double y, double z) => F(x, y) * c + F(z);
                // FAdjoint(double x, ref double xBar, int n, double resultBar = 1) beside F(double)'s
                // FAdjoint(double x, ref double xBar, double resultBar = 1): generated calls pass every argument,
                // so a call of three with a double third argument can only mean F(double)'s.
                [Differentiable] public static double F(double x, [NoDiff] int n) => F(x) * n + x;
                [Differentiable] public static double G(double x) => F(x, 2) + F(x);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(5, run.GeneratedSources.Count);
        run.AssertOutputCompiles();

        // F(x, y) = x²y + y²: ∂x = 2xy, ∂y = x² + 2y.
        var (value, arguments) = run.Invoke("Demo.Arity", "FAdjoint", 3.0, 0.0, 5.0, 0.0, 1.0);
        Assert.Equal(3.0 * 3.0 * 5.0 + 25.0, value);
        Assert.Equal((2 * 3.0 * 5.0, 9.0 + 10.0), ((double)arguments[1]!, (double)arguments[3]!));
        (value, arguments) = run.Invoke("Demo.Arity", "FForward", 3.0, 1.0, 5.0, 0.0, null);
        Assert.Equal(30.0, (double)arguments[4]!);

        // F(x, c, y, z) = (x²y + y²)c + z²: ∂x = 2xyc, ∂y = (x² + 2y)c, ∂z = 2z.
        (_, arguments) = run.Invoke("Demo.Arity", "FAdjoint", 3.0, 0.0, 2.0, 5.0, 0.0, 7.0, 0.0, 1.0);
        Assert.Equal((60.0, 38.0, 14.0), ((double)arguments[1]!, (double)arguments[4]!, (double)arguments[6]!));

        // G(x) = (2x² + x) + x²: G' = 6x + 1, G'' = 6; the Hessian-vector product reaches the right overloads too.
        (_, arguments) = run.Invoke("Demo.Arity", "GAdjoint", 3.0, 0.0, 1.0);
        Assert.Equal(19.0, (double)arguments[1]!);
        (_, arguments) = run.Invoke("Demo.Arity", "GHessianVector", 3.0, 1.0, 0.0, 0.0, 1.0, 0.0);
        Assert.Equal((19.0, 6.0), ((double)arguments[2]!, (double)arguments[3]!));
    }

    [Fact]
    public void Overloads_whose_generated_methods_would_have_one_signature_are_reported_not_generated()
    {
        // Both would get FForward(double, double, double, double, out double).
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Same
            {
                [Differentiable] public static double F(double x, [NoDiff] double c, [NoDiff] double d) => x * c + d;
                [Differentiable] public static double F(double x, double y) => x * y;
                [Differentiable] public static double F(double x) => x;
                [Differentiable] public static double Caller(double x) => F(x, x);
            }
            """);
        var clashes = run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Id == "AG0010").ToList();
        Assert.Equal(2, clashes.Count);
        Assert.All(clashes, clash => Assert.Contains("'FForward'", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "AG0014");
        Assert.Equal(["Demo.Same.F(System.Double).g.cs"], run.GeneratedSources.Keys);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_distinct_files()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Cases
            {
                [Differentiable] public static double sq(double x) => x * x;
                [Differentiable] public static double Sq(double x) => sq(x) * 2;
            }
            public static partial class cases
            {
                [Differentiable] public static double sq(double x) => x * x * x;
            }
            """);
        Assert.Null(run.GeneratorException);
        Assert.Equal(3, run.GeneratedSources.Count);
        Assert.Equal(3, run.GeneratedSources.Keys.Select(key => key.ToUpperInvariant()).Distinct().Count());
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Overloaded_functions_with_custom_adjoints_get_a_file_each()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Custom
            {
                public static double Sum(ReadOnlySpan<double> x) { double s = 0; foreach (var v in x) s += v; return s; }
                public static float Sum(ReadOnlySpan<float> x) { float s = 0; foreach (var v in x) s += v; return s; }

                [DerivativeOf(nameof(Sum))]
                public static double SumAdjoint(ReadOnlySpan<double> x, Span<double> xBar, double resultBar)
                {
                    for (int i = 0; i < x.Length; i++) xBar[i] += resultBar;
                    return Sum(x);
                }

                [DerivativeOf(nameof(Sum))]
                public static float SumAdjoint(ReadOnlySpan<float> x, Span<float> xBar, float resultBar)
                {
                    for (int i = 0; i < x.Length; i++) xBar[i] += resultBar;
                    return Sum(x);
                }

                [Differentiable]
                public static double Twice(ReadOnlySpan<double> x) => 2 * Sum(x);
            }
            """);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(
            ["Demo.Custom.Sum(System.ReadOnlySpan{System.Double}).g.cs", "Demo.Custom.Sum(System.ReadOnlySpan{System.Single}).g.cs", "Demo.Custom.Twice.g.cs"],
            run.GeneratedSources.Keys);
        run.AssertOutputCompiles();
    }
}
