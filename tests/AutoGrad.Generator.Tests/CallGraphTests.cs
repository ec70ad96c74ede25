using System.Linq;
using System.Text;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>The whole-compilation checks: recursion through several methods, and blocking that travels up a call chain.</summary>
public sealed class CallGraphTests
{
    [Fact]
    public void Recursion_through_three_methods_is_reported_at_each_call_in_the_cycle()
    {
        var run = GeneratorHarness.Run("""
            using AutoGrad;
            public static partial class C
            {
                [Differentiable] public static double A(double x) => x > 1 ? B(x / 2) : x;
                [Differentiable] public static double B(double x) => Cee(x) + 1;
                [Differentiable] public static double Cee(double x) => A(x) * 2;
                [Differentiable] public static double Caller(double x) => A(x);
                [Differentiable] public static double Fine(double x) => x * x;
            }
            """);
        Assert.Equal(3, run.GeneratorDiagnostics.Count(diagnostic => diagnostic.Id == "AG0009"));
        Assert.Single(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "AG0014");
        Assert.Equal(["C.Fine.g.cs"], run.GeneratedSources.Keys);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void A_blocked_method_blocks_every_caller_up_the_chain()
    {
        var run = GeneratorHarness.Run("""
            using AutoGrad;
            public static partial class C
            {
                [Differentiable] public static double Bottom(double x) { string s = "x"; return x; }
                [Differentiable] public static double Middle(double x) => Bottom(x) + 1;
                [Differentiable] public static double Top(double x) => Middle(x) * 2;
            }
            """);
        Assert.Equal(["AG0014", "AG0014", "AG0015"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Order());
        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.ErrorsInGeneratedCode);
    }

    [Fact]
    public void A_long_chain_of_calls_is_generated_completely()
    {
        const int length = 400;
        var source = new StringBuilder("using AutoGrad;\npublic static partial class Chain\n{\n");
        source.AppendLine("    [Differentiable] public static double M0(double x) => x * x;");
        for (var i = 1; i < length; i++)
            source.AppendLine($"    [Differentiable] public static double M{i}(double x) => M{i - 1}(x) + 0.5 * x;");
        source.AppendLine("}");

        var run = GeneratorHarness.Run(source.ToString());
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(length, run.GeneratedSources.Count);
        run.AssertOutputCompiles();
    }
}
