using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Names in generated code: whatever the user's callees, locals, parameters, fields, methods, nested
/// types and <c>using static</c> imports are called, the output compiles, no generated local takes a
/// name visible where it is declared, every call reaches the method the user called, and the gradients
/// agree with central finite differences of the user's method.
/// </summary>
public sealed class NameTests
{
    /// <summary>Names the generator likes for its own temporaries and parameters, and the types it prints.</summary>
    public static TheoryData<string> Names => new()
    {
        "sin", "exp", "cos", "multiply", "sq", "result", "value", "i", "x", "xBar", "resultBar", "tmp", "sum", "t", "add",
        "Math", "V256", "Vector256", "MemoryMarshal", "System", "AutoGrad", "global",
        // The generated files' aliases (Model.FileAlias): declared only where the name is free.
        "MathF", "Simd", "MatrixFunctions", "MatrixStorage", "LoopStorage", "ArgumentException", "MemoryExtensions", "DoubleMatrix", "FloatMatrix",
    };

    /// <summary>One class per way a name can be visible; each has <c>F(double a, double b)</c> (b renamed in Parameter).</summary>
    private static string Source(string name)
    {
        var math = name is "Math" or "System" ? "global::System.Math" : "Math";
        var span = name is "System" ? "global::System.ReadOnlySpan" : "ReadOnlySpan";
        return $$"""
            using System;
            using AutoGrad;

            namespace Demo;

            public static partial class Callee
            {
                [Differentiable] static double {{name}}(double x) => x * x;

                [Differentiable]
                public static double F(double a, double b)
                {
                    double acc = {{name}}({{math}}.Sin(a)) + Callee.{{name}}(a * b);
                    return acc * {{math}}.Exp(b);
                }

                [Differentiable]
                public static double L({{span}}<double> w)
                {
                    double acc = 0;
                    for (int k = 0; k < w.Length; k++)
                        acc += {{math}}.Exp(w[k]) * w[k];
                    return {{name}}(acc);
                }
            }

            public static partial class Local
            {
                [Differentiable] static double {{name}}(double x) => x * x;

                [Differentiable]
                public static double F(double a, double b)
                {
                    double {{name}} = Local.{{name}}({{math}}.Sin(a)) * b;
                    return {{name}} * {{math}}.Exp(a) + {{name}};
                }

                [Differentiable]
                public static double L({{span}}<double> w)
                {
                    double {{name}} = 0;
                    for (int k = 0; k < w.Length; k++)
                        {{name}} += {{math}}.Exp(w[k]) * w[k];
                    return {{name}};
                }
            }

            public static partial class Parameter
            {
                [Differentiable] static double Sq(double x) => x * x;

                [Differentiable]
                public static double F(double a, double {{name}}) => Sq({{math}}.Sin(a)) * {{name}} + {{math}}.Exp(a * {{name}});
            }

            public static partial class Field
            {
                static readonly double {{name}} = 2;

                [Differentiable]
                public static double F(double a, double b) => {{math}}.Exp(a) * {{name}} + {{math}}.Sin(b) * a * {{name}};

                [Differentiable]
                public static double L({{span}}<double> w)
                {
                    double acc = 0;
                    for (int k = 0; k < w.Length; k++)
                        acc += {{math}}.Exp(w[k]) * {{name}};
                    return acc;
                }
            }

            public static partial class Method
            {
                static double {{name}}(double v) => v + 1;

                [Differentiable]
                public static double F(double a, double b) => {{math}}.Cos(a) * {{name}}(2.0) + {{math}}.Exp(b) * a;
            }

            public static partial class Nested
            {
                public static partial class {{name}}
                {
                    public const double K = 0.5;

                    [Differentiable] public static double G(double x) => x * 3;
                }

                [Differentiable]
                public static double F(double a, double b) => {{math}}.Sin(a) * Nested.{{name}}.G(b) + {{name}}.K * a * b;
            }
            """;
    }

    private static string ImportingSource(string name)
    {
        var math = name is "Math" or "System" ? "global::System.Math" : "Math";
        // Namespaces come before imported members: System(x) would name the namespace.
        var call = name is "System" or "AutoGrad" ? "Imports." + name : name;
        return $$"""
            using System;
            using AutoGrad;
            using static Demo.Imports;

            namespace Demo;

            public static partial class Imports
            {
                [Differentiable] public static double {{name}}(double x) => x * x * x;
            }

            public static partial class Imported
            {
                [Differentiable]
                public static double F(double a, double b)
                {
                    double t2 = {{call}}({{math}}.Sin(a));
                    return t2 * b + {{math}}.Exp(t2);
                }
            }
            """;
    }

    private static readonly string[] classes = ["Callee", "Local", "Parameter", "Field", "Method", "Nested", "Imported"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Any_name_compiles_and_differentiates(string name)
    {
        var run = GeneratorHarness.Run(Source(name), ImportingSource(name));
        // A parameter named resultBar would meet the adjoint's own: that is reported (AG0010), not generated.
        var expected = name == "resultBar" ? ["AG0010"] : Array.Empty<string>();
        Assert.Equal(expected, run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id));
        run.AssertOutputCompiles();

        foreach (var (hintName, source) in run.GeneratedSources)
        {
            if (hintName.StartsWith("Demo.Parameter.", StringComparison.Ordinal))
                continue;
            var locals = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
                .Select(node => node switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                    SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                    _ => null,
                })
                .OfType<string>();
            Assert.DoesNotContain(name, locals);
        }

        foreach (var type in classes.Where(type => !(type == "Parameter" && name == "resultBar")))
            AssertGradientMatchesFiniteDifferences(run, "Demo." + type);
    }

    /// <summary>
    /// Types named like the generated files' aliases, in the method's namespace and in the global one,
    /// beside a method whose derivatives call every aliased class (Math, vector loops, checks): the
    /// aliases give way (a global type of the alias's name would clash with it, CS0576; one in the
    /// namespace would hide it), and the output compiles.
    /// </summary>
    [Fact]
    public void Types_named_like_the_aliases_take_precedence()
    {
        const string source = """
            using System;
            using AutoGrad;

            public class V256 { }
            public class Simd { }

            namespace Demo
            {
                public class Math { }
                public class MemoryMarshal { }
                public class ArgumentException { }

                public static partial class Shadowed
                {
                    [Differentiable]
                    public static double F(ReadOnlySpan<double> x, double a)
                    {
                        double s = 0;
                        for (int i = 0; i < x.Length; i++)
                            s += System.Math.Exp(x[i] * a);
                        return s;
                    }
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        var generated = Assert.Single(run.GeneratedSources.Values, text => text.Contains("FAdjoint", StringComparison.Ordinal));
        Assert.DoesNotContain("using V256 =", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("using Math =", generated, StringComparison.Ordinal);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector256.", generated, StringComparison.Ordinal);
    }

    /// <summary>A type named like a matrix alias, beside a matrix method: the alias gives way, and the output compiles.</summary>
    [Fact]
    public void A_type_named_like_a_matrix_alias_takes_precedence()
    {
        const string source = """
            using AutoGrad;
            using static AutoGrad.Ops;

            namespace Demo
            {
                public class DoubleMatrix { }

                public static partial class Shadowed
                {
                    [Differentiable]
                    public static double Loss(Matrix<double> w, [NoDiff] Matrix<double> x) => SumOfSquares(MatMul(x, w) - x);
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        var generated = Assert.Single(run.GeneratedSources.Values);
        Assert.DoesNotContain("using DoubleMatrix =", generated, StringComparison.Ordinal);
        Assert.Contains("global::AutoGrad.Matrix<double> w", generated, StringComparison.Ordinal);
    }

    private static void AssertGradientMatchesFiniteDifferences(GeneratorRun run, string type)
    {
        foreach (var (a, b) in new[] { (0.7, -0.4), (-1.3, 0.9) })
        {
            double F(double x, double y) => (double)run.Invoke(type, "F", x, y).Result!;
            var (value, arguments) = run.Invoke(type, "FAdjoint", a, 0.0, b, 0.0, 1.0);
            Assert.Equal(F(a, b), (double)value!);
            const double h = 1e-6;
            var gradient = new[] { (F(a + h, b) - F(a - h, b)) / (2 * h), (F(a, b + h) - F(a, b - h)) / (2 * h) };
            Assert.Equal(gradient[0], (double)arguments[1]!, 1e-6);
            Assert.Equal(gradient[1], (double)arguments[3]!, 1e-6);
            (_, arguments) = run.Invoke(type, "FForward", a, 0.25, b, -0.5, null);
            Assert.Equal(0.25 * gradient[0] - 0.5 * gradient[1], (double)arguments[4]!, 1e-6);
        }
    }
}
