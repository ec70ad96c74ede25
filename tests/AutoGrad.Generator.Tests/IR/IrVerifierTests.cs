using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Tests.Infrastructure;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>The verifier catches each rule it states, and a pass broken on purpose inside the real pipeline fails it by name.</summary>
public sealed class IrVerifierTests
{
    private const string Source = """
        using System;
        using AutoGrad;
        public static partial class C
        {
            [Differentiable]
            public static double Mse(ReadOnlySpan<double> pred, ReadOnlySpan<double> y)
            {
                double s = 0;
                for (int i = 0; i < pred.Length; i++) { double d = pred[i] - y[i]; s += d * d; }
                return s / pred.Length;
            }
        }
        """;

    [Fact]
    public void A_pass_that_drops_a_definition_is_named_in_the_internal_error()
    {
        var message = InternalErrorOfBrokenPass(Source, "adjoint/simplify/clean/values/dead-code", "MseAdjoint",
            method => method with { Body = IrBlock.From(method.Body.Statements.Where(statement => statement is not Assign { Target.Name: "s" })) });
        Assert.Contains("is read before it is defined", message);
    }

    /// <summary>
    /// Runs the generator with <paramref name="breakIt"/> applied to <paramref name="methodName"/> after <paramref name="pass"/>,
    /// and returns the message of the one internal error, which must name that pass.
    /// </summary>
    private static string InternalErrorOfBrokenPass(string source, string pass, string methodName, System.Func<IrMethod, IrMethod> breakIt)
    {
        Pipeline.Observer = (path, method) => path == pass && method.Name == methodName ? breakIt(method) : method;
        try
        {
            var run = GeneratorHarness.Run(GeneratorChecks.All & ~GeneratorChecks.NoInternalError, source);
            var error = Assert.Single(run.GeneratorDiagnostics.Concat(run.OutputCompilation.GetDiagnostics()), diagnostic => diagnostic.Id == "AG9999");
            var message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("The IR after " + pass + " is broken", message);
            return message;
        }
        finally
        {
            Pipeline.Observer = null;
        }
    }

    [Fact]
    public void The_pipeline_runs_its_declared_stages_in_order()
    {
        var passes = new List<string>();
        Pipeline.Observer = (pass, method) =>
        {
            passes.Add(pass);
            return method;
        };
        try
        {
            GeneratorHarness.Run(Source).AssertOutputCompiles();
        }
        finally
        {
            Pipeline.Observer = null;
        }
        string[] firsts = ["parse", "primal/inline-matrix-calls", "primal/fold-constant-branches", "primal/insert-bounds-checks", "forward/forward-transform", "forward/simplify/clean/values/expressions"];
        Assert.Equal(firsts, passes.Take(firsts.Length));
        var stages = passes.Select(pass => pass.Split('/')[0]).Distinct().ToList();
        Assert.Equal(["parse", "primal", "forward", "adjoint", "hvp"], stages);
        int Last(string pass) => passes.LastIndexOf(pass);
        Assert.True(passes.IndexOf("hvp/hessian-vector-transform") < passes.IndexOf("adjoint/fuse-loops"), "the Hessian-vector product differentiates the adjoint before its loops are fused");
        Assert.True(Last("forward/lower/contract-multiply-adds") < Last("forward/lower/vectorize"));
        Assert.Equal("adjoint/lower/vectorize-epilogues", passes[^1]);
    }

    [Fact]
    public void A_read_before_the_definition_is_reported()
        => AssertProblem("""
            method F(x#0: double): double
              locals t#1: double, u#2: double
              u#2 = t#1 * x#0
              t#1 = x#0
              return u#2
            """, "t#1 is read before it is defined");

    [Fact]
    public void A_store_of_the_wrong_type_is_reported()
        => AssertProblem("""
            method F(x#0: double, n#1: int): double
              locals t#2: double
              t#2 = n#1 + 1
              return t#2
            """, "t#2 of type Double is assigned a Int");

    [Fact]
    public void A_carried_variable_the_loop_never_assigns_is_reported()
        => AssertProblem("""
            method F(x#0: double, n#1: int): double
              locals s#2: double, i#3: int
              s#2 = x#0
              i#3 = 0
              while i#3 < n#1 carrying [s#2, i#3]
                i#3 = i#3 + 1
              return s#2
            """, "s#2 is carried by a loop that never assigns it");

    /// <summary>One buffer for the whole call: allocated in a loop, it would stand for every iteration's, and the transforms treat it as one output.</summary>
    [Fact]
    public void A_scratch_buffer_allocated_inside_a_loop_is_reported()
        => AssertProblem("""
            method F(x#0: readonly span<double>): double
              locals s#1: double, i#2: int, t#3: span<double>, p#4: double[]
              s#1 = 0.0
              for i#2 = 0 .. < x#0.length step 1 carrying [s#1]
                t#3 = rent zeroed double[x#0.length] into p#4
                t#3[i#2] = x#0[i#2]
                s#1 = s#1 + t#3[i#2]
              return s#1
            """, "the scratch buffer t#3 is allocated inside a loop");

    [Fact]
    public void A_counted_loop_whose_body_assigns_its_counter_is_reported()
        => AssertProblem("""
            method F(x#0: readonly span<double>): double
              locals s#1: double, i#2: int
              s#1 = 0.0
              for i#2 = 0 .. < x#0.length step 1 carrying [s#1]
                s#1 = s#1 + x#0[i#2]
                i#2 = i#2 + 1
              return s#1
            """, "i#2 counts a loop but its body assigns it");

    [Fact]
    public void A_counted_loop_whose_range_reads_what_its_body_assigns_is_reported()
        => AssertProblem("""
            method F(x#0: readonly span<double>, n#1: int): double
              locals s#2: double, m#3: int, i#4: int
              s#2 = 0.0
              m#3 = n#1
              for i#4 = 0 .. < m#3 step 1 carrying [s#2, m#3]
                s#2 = s#2 + x#0[i#4]
                m#3 = m#3 - 1
              return s#2
            """, "the range of the counted loop over i#4 reads m#3, which its body assigns");

    [Fact]
    public void A_counted_loops_counter_read_after_it_is_reported()
        => AssertProblem("""
            method F(x#0: readonly span<double>): int
              locals s#1: double, i#2: int
              s#1 = 0.0
              for i#2 = 0 .. < x#0.length step 1 carrying [s#1]
                s#1 = s#1 + x#0[i#2]
              return i#2
            """, "i#2 is read before it is defined");

    [Fact]
    public void A_counted_loop_with_a_zero_step_or_a_carried_counter_is_reported()
    {
        AssertProblem("""
            method F(x#0: readonly span<double>): double
              locals s#1: double, i#2: int
              s#1 = 0.0
              for i#2 = 0 .. < x#0.length step 0 carrying [s#1]
                s#1 = s#1 + x#0[i#2]
              return s#1
            """, "stepped by 0");
        AssertProblem("""
            method F(x#0: readonly span<double>): double
              locals s#1: double, i#2: int
              s#1 = 0.0
              i#2 = 0
              for i#2 = 0 .. < x#0.length step 1 carrying [s#1, i#2]
                s#1 = s#1 + x#0[i#2]
              return s#1
            """, "i#2 counts a loop and is carried by it");
    }

    [Fact]
    public void A_scan_marked_independent_is_reported_with_what_flows_between_its_iterations()
    {
        AssertProblem("""
            method F(x#0: readonly span<double>, y#1: span<double>): void
              locals s#2: double, i#3: int
              s#2 = 0.0
              for i#3 = 0 .. < x#0.length step 1 independent carrying [s#2]
                s#2 = s#2 + x#0[i#3]
                y#1[i#3] = s#2
            """, "the counted loop over i#3 is marked independent, but it carries s#2 from one iteration to the next");
        AssertProblem("""
            method F(x#0: span<double>): void
              locals i#1: int
              for i#1 = 1 .. < x#0.length step 1 independent carrying []
                x#0[i#1] = x#0[i#1 - 1] * 0.5
            """, "its iterations share elements of x#0");
        AssertProblem("""
            method F(x#0: readonly span<double>): double
              locals t#1: double, i#2: int
              t#1 = 0.0
              for i#2 = 0 .. < x#0.length step 1 independent carrying []
                t#1 = x#0[i#2] * 2.0
              return t#1
            """, "the code after it reads the last iteration's t#1");
    }

    /// <summary>
    /// The prefix sum of the trust issue, with the mark fusion and the vectorizer rely on forced onto its
    /// adjoint's reverse sweep (a scan): the verifier rejects the mark at the pass that set it, before
    /// fusion could run the sweep forwards.
    /// </summary>
    [Fact]
    public void A_pass_that_marks_a_scan_independent_is_named_in_the_internal_error()
    {
        const string source = """
            using System;
            using AutoGrad;
            public static partial class C
            {
                [Differentiable]
                public static void PrefixSum(ReadOnlySpan<double> x, Span<double> y)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++) { s += x[i]; y[i] = s; }
                }
            }
            """;
        IrStatement MarkAll(IrStatement statement) => statement.MapBlocks(block => IrBlock.From(block.Statements.Select(MarkAll))) switch
        {
            CountedLoop loop => loop with { Independent = true },
            var other => other,
        };
        var message = InternalErrorOfBrokenPass(source, "adjoint/mark-independent-loops", "PrefixSumAdjoint",
            method => method with { Body = IrBlock.From(method.Body.Statements.Select(MarkAll)) });
        Assert.Contains("is marked independent, but it carries", message);
    }

    /// <summary>Breaks the Mse adjoint's first counted loop after <paramref name="pass"/> with <paramref name="breakLoop"/>.</summary>
    private static string BrokenCountedLoop(string pass, System.Func<CountedLoop, IrMethod, CountedLoop> breakLoop)
        => InternalErrorOfBrokenPass(Source, pass, "MseAdjoint", method =>
        {
            if (method.Body.Statements.OfType<CountedLoop>().FirstOrDefault() is not { } loop)
                return method;
            var broken = breakLoop(loop, method);
            return method with { Body = IrBlock.From(method.Body.Statements.Select(statement => ReferenceEquals(statement, loop) ? broken : statement)) };
        });

    [Fact]
    public void A_pass_that_assigns_a_counters_loop_inside_its_body_is_named_in_the_internal_error()
    {
        var message = BrokenCountedLoop("adjoint/fuse-loops", (loop, _) => loop with
        {
            Body = IrBlock.From(loop.Body.Statements.Append(new Assign(loop.Counter,
                new Binary(BinaryOperator.Add, new VariableRef(loop.Counter), Constant.Of(IrType.Int, 1), IrType.Int)))),
        });
        Assert.Contains("counts a loop but its body assigns it", message);
    }

    [Fact]
    public void A_pass_that_moves_a_counted_loops_end_onto_a_body_value_is_named_in_the_internal_error()
    {
        // The end now reads a value the body computes (as a pass that "simplified" the bound into a body temporary would).
        var message = BrokenCountedLoop("adjoint/simplify/clean/values/propagate", (loop, _) =>
        {
            var written = loop.Body.Statements.OfType<Assign>().First(assign => assign.Target.Type == IrType.Double).Target;
            var end = new Binary(BinaryOperator.Add, loop.End, new Convert(new VariableRef(written), IrType.Int), IrType.Int);
            return loop with { End = end };
        });
        Assert.Contains("the range of the counted loop over", message);
    }

    [Fact]
    public void A_non_boolean_condition_is_reported()
        => AssertProblem("""
            method F(x#0: double): double
              if x#0
                return x#0
              return 0.0
            """, "an if's condition is a Double");

    [Fact]
    public void One_id_with_two_meanings_is_reported()
    {
        var x = new IrVariable(0, "x", IrType.Double, VariableRole.Parameter);
        var t = new IrVariable(1, "t", IrType.Double, VariableRole.Local);
        var impostor = new IrVariable(1, "t", IrType.Float, VariableRole.Local);
        var method = new IrMethod("F", IrType.Double, EquatableArray.Create(new IrParameter(x, true)), IrBlock.From(
        [
            new Assign(t, new VariableRef(x)),
            new Return(new VariableRef(impostor)),
        ]), 2);
        Assert.Contains(IrVerifier.Problems(method), problem => problem.Contains("#1 is both"));
    }

    private static void AssertProblem(string text, string expected)
    {
        var method = IrTextParser.Parse(text);
        var problems = IrVerifier.Problems(method);
        Assert.Contains(problems, problem => problem.Contains(expected));
        var exception = Assert.Throws<IrVerificationException>(() => IrVerifier.Check(method, "some-pass"));
        Assert.Equal("some-pass", exception.Pass);
    }
}
