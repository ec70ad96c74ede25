using System.Linq;
using Xunit;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>The harness itself, on code without [Differentiable] methods so it does not depend on the generator's output.</summary>
public sealed class GeneratorHarnessTests
{
    private const string PlainSource = """
        namespace Plain;

        public static class Calculator
        {
            public static double Scale(double x, [AutoGrad.NoDiff] double factor) => x * factor;

            public static double Accumulate(double x, ref double total, out double half, double weight = 2.0)
            {
                total += weight * x;
                half = x / 2;
                return -x;
            }
        }
        """;

    [Fact]
    public void Sources_get_numbered_paths()
    {
        var run = GeneratorHarness.Run("class A { }", "class B { }");

        Assert.Equal(["/src/Input0.cs", "/src/Input1.cs"], run.InputCompilation.SyntaxTrees.Select(tree => tree.FilePath));
    }

    [Fact]
    public void Plain_code_compiles_against_the_runtime()
    {
        var run = GeneratorHarness.Run(PlainSource);

        run.AssertOutputCompiles();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Null(run.GeneratorException);
    }

    [Fact]
    public void Errors_in_user_code_are_output_errors_but_not_errors_in_generated_code()
    {
        var run = GeneratorHarness.Run(("/src/Broken.cs", "class Broken { int x = \"s\"; }"));

        var error = Assert.Single(run.OutputErrors);
        Assert.Equal("CS0029", error.Id);
        Assert.Empty(run.ErrorsInGeneratedCode);
    }

    [Fact]
    public void Invoke_returns_result_and_ref_and_out_values()
    {
        var run = GeneratorHarness.Run(PlainSource);

        var (result, arguments) = run.Invoke("Plain.Calculator", "Accumulate", 3.0, 1.0, null);

        Assert.Equal(-3.0, result);
        Assert.Equal([3.0, 7.0, 1.5, 2.0], arguments);
        Assert.Equal(10.0, run.Invoke("Plain.Calculator", "Scale", 2.5, 4.0).Result);
    }
}
