using System;
using System.Linq;
using System.Text;
using System.Threading;
using AutoGrad.Generator.Parsing;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Very large inputs: every case runs the generator on a thread with a 1 MB stack — the smallest a
/// compiler host gives a generator (Windows' default; Linux gives 1.5 MB to pool threads) — so that
/// a recursion too deep for it would kill the test host here, and within a time bound. Derivatives
/// of the largest accepted methods are checked against closed forms.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LargeInputTests
{
    private const int OneMegabyte = 1 << 20;

    private static string Method(string body, string parameters = "double x, double y") => $$"""
        using System;
        using AutoGrad;

        namespace Big;

        public static partial class C
        {
            [Differentiable]
            public static double F({{parameters}})
            {
        {{body}}
            }
        }
        """;

    /// <summary>
    /// Runs the generator over <paramref name="source"/> on a 1 MB thread, within <paramref name="seconds"/>
    /// of that thread's CPU time (wall time where the OS gives no thread clock): CI machines are shared,
    /// and a bound on the clock on the wall fails when other processes take the cores. A run that does
    /// not end within twenty times the bound on the wall counts as hung.
    /// </summary>
    private static GeneratorRun RunBounded(string source, double seconds, bool compile = true, int stackSize = OneMegabyte)
    {
        GeneratorRun? run = null;
        Exception? failure = null;
        TimeSpan used = TimeSpan.Zero;
        var thread = new Thread(() =>
        {
            var clock = ThreadClock.Start();
            try
            {
                // Compiling the output is part of the time when it is checked; the 10,000-statement
                // method is refused with no output, and binding it is the compiler's own cost, not checked.
                run = GeneratorHarness.Run(compile ? GeneratorChecks.All : GeneratorChecks.NoException | GeneratorChecks.NoInternalError, source);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            used = clock.Elapsed;
        }, stackSize);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(20 * seconds)), $"the generator did not finish within {20 * seconds} s on the wall");
        Assert.Null(failure);
        Assert.Null(run!.GeneratorException);
        Assert.True(used.TotalSeconds < seconds, $"took {used.TotalSeconds:F1} s of CPU time (the bound: {seconds} s)");
        return run;
    }

    private static string Chain(int statements)
    {
        var body = new StringBuilder("        double s = x;\n");
        for (var i = 0; i < statements; i++)
            body.Append("        s = s * 0.999 + Math.Sin(y) * 0.001;\n");
        return Method(body.Append("        return s;").ToString());
    }

    [Fact]
    public void A_method_of_ten_thousand_statements_gets_AG0021_at_once()
    {
        // The generator checks the size from the syntax before anything binds the method; binding
        // 10,000 statements (the compiler's own work, not done here) takes it tens of seconds.
        var run = RunBounded(Chain(10_000), seconds: 10, compile: false);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0021", diagnostic.Id);
        Assert.Contains("'F'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    /// <summary>
    /// A chain of 4,000 statements (the length AG0021 must let through): s ← 0.999·s + 0.001·sin y, so
    /// ∂s/∂x = 0.999⁴⁰⁰⁰ and ∂s/∂y = 0.001·cos y·Σₖ 0.999ᵏ (k &lt; 4,000). Single-use tangents and adjoint
    /// contributions used to be inlined into one expression as deep as the chain (an emitter stack overflow
    /// at a few hundred statements, CS8078 in the generated code beyond).
    /// </summary>
    [Fact]
    public void A_chain_of_four_thousand_statements_is_differentiated_exactly()
    {
        const int n = 4_000;
        var run = RunBounded(Chain(n), seconds: 120);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        Assert.True(run.GeneratedSources.Values.Max(source => source.Split('\n').Max(line => line.Length)) < 2000, "no line as long as the method");

        double x = 0.7, y = 0.3;
        var geometric = 0.0;
        for (var k = 0; k < n; k++)
            geometric += Math.Pow(0.999, k);
        var (value, arguments) = run.Invoke("Big.C", "FAdjoint", x, 0.0, y, 0.0, 1.0);
        Assert.Equal((double)run.Invoke("Big.C", "F", x, y).Result!, (double)value!);
        Assert.Equal(Math.Pow(0.999, n), (double)arguments[1]!, 1e-12);
        Assert.Equal(0.001 * Math.Cos(y) * geometric, (double)arguments[3]!, 1e-12);
        var (_, forward) = run.Invoke("Big.C", "FForward", x, 1.0, y, 0.0, null);
        Assert.Equal(Math.Pow(0.999, n), (double)forward[4]!, 1e-12);
    }

    /// <summary>
    /// A method as a user might write a long one: new locals reading earlier ones, calls, a branch
    /// and a loop over a span every ten statements.
    /// </summary>
    private static string VariedMethod(int statements)
    {
        var body = new StringBuilder("        double v0 = x, v1 = y, v2 = x * y, s = 0;\n");
        for (var i = 3; i < statements; i++)
        {
            body.Append((i % 10) switch
            {
                3 => $"        if (v{i - 1} > 0.5) s += v{i - 2} * v{i - 3}; else s -= v{i - 1};\n        double v{i} = s * 0.5 + v{i - 1};\n",
                7 => $"        double v{i} = 0;\n        for (int k = 0; k < xs.Length; k++) v{i} += xs[k] * v{i - 1} + Math.Exp(-xs[k] * v{i - 2});\n",
                _ => $"        double v{i} = Math.Sin(v{i - 1}) * x + v{i - 3} * y - Math.Sqrt(v{i - 2} * v{i - 2} + 1.0);\n",
            });
        }
        return Method(body.Append($"        return v{statements - 1} + s;").ToString(), "ReadOnlySpan<double> xs, double x, double y");
    }

    /// <summary>The thread CPU time of one generator run (the generator only: its output is not compiled).</summary>
    private static double GeneratorSeconds(string source)
    {
        var used = TimeSpan.Zero;
        var thread = new Thread(() =>
        {
            var clock = ThreadClock.Start();
            var run = GeneratorHarness.Run(GeneratorChecks.NoException | GeneratorChecks.NoInternalError, source);
            used = clock.Elapsed;
            Assert.Empty(run.GeneratorDiagnostics);
        }, 16 * OneMegabyte);
        thread.Start();
        thread.Join();
        return used.TotalSeconds;
    }

    /// <summary>
    /// The generator's cost grows linearly with a method's length: four times the statements cost at most
    /// six times the CPU time (linear is four; the quadratic passes this replaced gave ~8 from 250 to 1,000
    /// statements and ~30 from 500 to 2,000). Both sizes are measured after a warm-up run, on the thread's clock.
    /// </summary>
    [Fact]
    public void The_generators_cost_grows_linearly_with_a_methods_length()
    {
        GeneratorSeconds(VariedMethod(250));
        var quarter = GeneratorSeconds(VariedMethod(250));
        var whole = GeneratorSeconds(VariedMethod(1_000));
        Assert.True(whole < 6 * quarter, $"250 statements took {quarter:F2} s, 1,000 took {whole:F2} s ({whole / quarter:F1} times as long)");
    }

    /// <summary>A sum of 2,000 terms is one left-deep expression: Roslyn binds it iteratively, the generator refuses it.</summary>
    [Fact]
    public void An_expression_two_thousand_deep_that_Roslyn_accepts_gets_AG0020()
    {
        var terms = string.Concat(Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? " * y" : " + x"));
        var run = RunBounded(Method($"        return x{terms};"), seconds: 30);
        Assert.Empty(run.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0020", diagnostic.Id);
        Assert.Contains($"nested {SizeCheck.MaximumDepth + 1} levels deep", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    /// <summary>
    /// 2,000 nested calls on a stack deep enough for Roslyn to bind them (how deep that is depends on
    /// the machine's JIT and frames: on a 1 MB thread one CI host bound them and another refused them
    /// with CS8078): the generator refuses the method with AG0020 instead of recursing into it.
    /// </summary>
    [Fact]
    public void Calls_nested_two_thousand_deep_that_Roslyn_binds_get_AG0020()
    {
        var source = Method("        return " + string.Concat(Enumerable.Repeat("Math.Sin(", 2000)) + "x" + new string(')', 2000) + ";");
        var run = RunBounded(source, seconds: 30, stackSize: 256 * OneMegabyte);
        Assert.Empty(run.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0020", diagnostic.Id);
        Assert.Empty(run.GeneratedSources);
    }

    /// <summary>
    /// Calls nested so deeply that Roslyn refuses the method on a 1 MB stack (CS8078, "An expression
    /// is too long or complex to compile"): the generator stays silent, since the method does not compile.
    /// </summary>
    [Fact]
    public void Calls_nested_too_deeply_for_the_compiler_get_its_CS8078_only()
    {
        const int depth = 50_000;
        var source = Method("        return " + string.Concat(Enumerable.Repeat("Math.Sin(", depth)) + "x" + new string(')', depth) + ";");
        var run = RunBounded(source, seconds: 30);
        Assert.Contains(run.OutputErrors, error => error.Id == "CS8078");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
    }

    /// <summary>Statements nested past the bound (ifs inside ifs) get AG0020 too.</summary>
    [Fact]
    public void Statements_nested_too_deeply_get_AG0020()
    {
        var depth = SizeCheck.MaximumDepth + 10;
        var body = new StringBuilder("        double s = x;\n");
        for (var i = 0; i < depth; i++)
            body.Append("        if (s > y) {\n        s = s * 0.5;\n");
        body.Append(new string('}', depth)).Append("\n        return s;");
        var run = RunBounded(Method(body.ToString()), seconds: 30);
        Assert.Equal("AG0020", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Contains("statement", run.GeneratorDiagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>
    /// At the depth bound (the return statement is a level) the generator works on a 1 MB stack: sin∘…∘sin (126 deep) has derivative
    /// Πₖ cos(sᵏ(x)), computed here by the chain rule step by step.
    /// </summary>
    [Fact]
    public void Calls_nested_to_the_bound_are_differentiated_on_a_one_megabyte_stack()
    {
        var depth = SizeCheck.MaximumDepth - 2;
        var source = Method("        return " + string.Concat(Enumerable.Repeat("Math.Sin(", depth)) + "x" + new string(')', depth) + ";");
        var run = RunBounded(source, seconds: 60);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();

        double x = 1.1, value = x, derivative = 1;
        for (var k = 0; k < depth; k++)
        {
            derivative *= Math.Cos(value);
            value = Math.Sin(value);
        }
        var (result, arguments) = run.Invoke("Big.C", "FAdjoint", x, 0.0, 0.5, 0.0, 1.0);
        Assert.Equal(value, (double)result!);
        Assert.Equal(derivative, (double)arguments[1]!, 1e-14);
    }
}
