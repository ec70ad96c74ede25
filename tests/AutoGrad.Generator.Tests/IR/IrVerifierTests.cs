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
    public void APassThatDropsADefinitionIsNamedInTheInternalError()
    {
        const string broken = "adjoint/simplify/clean/dead-code";
        Pipeline.Observer = (pass, method) => pass == broken && method.Name == "MseAdjoint"
            ? method with { Body = IrBlock.From(method.Body.Statements.Where(statement => statement is not Assign { Target.Name: "s" })) }
            : method;
        try
        {
            // The internal error is the point: only an exception escaping the generator fails the run.
            var run = GeneratorHarness.Run(GeneratorChecks.NoException, Source);
            var error = Assert.Single(run.GeneratorDiagnostics.Concat(run.OutputCompilation.GetDiagnostics()), diagnostic => diagnostic.Id == "AG9999");
            Assert.Contains("The IR after " + broken + " is broken", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("is read before it is defined", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Pipeline.Observer = null;
        }
    }

    [Fact]
    public void ThePipelineRunsItsDeclaredStagesInOrder()
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
        string[] firsts = ["parse", "primal/inline-matrix-calls", "primal/insert-bounds-checks", "forward/forward-transform", "forward/simplify/clean/expressions"];
        Assert.Equal(firsts, passes.Take(firsts.Length));
        var stages = passes.Select(pass => pass.Split('/')[0]).Distinct().ToList();
        Assert.Equal(["parse", "primal", "forward", "adjoint", "hvp"], stages);
        int Last(string pass) => passes.LastIndexOf(pass);
        Assert.True(passes.IndexOf("hvp/hessian-vector-transform") < passes.IndexOf("adjoint/fuse-loops"), "the Hessian-vector product differentiates the adjoint before its loops are fused");
        Assert.True(Last("forward/lower/contract-multiply-adds") < Last("forward/lower/vectorize"));
        Assert.Equal("adjoint/lower/vectorize-epilogues", passes[^1]);
    }

    [Fact]
    public void AReadBeforeTheDefinitionIsReported()
        => AssertProblem("""
            method F(x#0: double): double
              locals t#1: double, u#2: double
              u#2 = t#1 * x#0
              t#1 = x#0
              return u#2
            """, "t#1 is read before it is defined");

    [Fact]
    public void AStoreOfTheWrongTypeIsReported()
        => AssertProblem("""
            method F(x#0: double, n#1: int): double
              locals t#2: double
              t#2 = n#1 + 1
              return t#2
            """, "t#2 of type Double is assigned a Int");

    [Fact]
    public void ACarriedVariableTheLoopNeverAssignsIsReported()
        => AssertProblem("""
            method F(x#0: double, n#1: int): double
              locals s#2: double, i#3: int
              s#2 = x#0
              i#3 = 0
              while i#3 < n#1 carrying [s#2, i#3]
                i#3 = i#3 + 1
              return s#2
            """, "s#2 is carried by a loop that never assigns it");

    [Fact]
    public void ANonBooleanConditionIsReported()
        => AssertProblem("""
            method F(x#0: double): double
              if x#0
                return x#0
              return 0.0
            """, "an if's condition is a Double");

    [Fact]
    public void OneIdWithTwoMeaningsIsReported()
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
