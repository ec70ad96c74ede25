using System.Globalization;
using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// [DerivativeOf]: the code generated for a caller of a function with custom derivatives, the
/// tangent derived from an adjoint, and what the signature diagnostics say.
/// </summary>
public sealed class CustomDerivativeGeneratorTests
{
    private const string Prelude = """
        using System;
        using AutoGrad;

        namespace Demo;

        """;

    [Fact]
    public void Calls_of_functions_with_custom_derivatives()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Roots
            {
                // Newton's iteration: AutoGrad is not asked to see into it.
                public static double Sqrt(double x)
                {
                    double r = x > 1 ? x : 1;
                    for (int i = 0; i < 100 && r * r - x > 1e-15 * x; i++)
                        r = 0.5 * (r + x / r);
                    return r;
                }

                [DerivativeOf(nameof(Sqrt))]
                public static double SqrtAdjoint(double x, ref double xBar, double resultBar)
                {
                    double r = Sqrt(x);
                    xBar += resultBar * 0.5 / r;
                    return r;
                }

                public static double Norm(ReadOnlySpan<double> v, [NoDiff] double floor)
                {
                    double s = floor;
                    for (int i = 0; i < v.Length; i++)
                        s += v[i] * v[i];
                    return Sqrt(s);
                }

                [DerivativeOf(nameof(Norm))]
                internal static double NormBackward(ReadOnlySpan<double> v, Span<double> vBar, double floor, double resultBar)
                {
                    double r = Norm(v, floor);
                    for (int i = 0; i < v.Length; i++)
                        vBar[i] += resultBar * v[i] / r;
                    return r;
                }

                public static float Half(float x, ReadOnlySpan<float> w) => x / 2 + w[0];

                [DerivativeOf(nameof(Half))]
                public static float HalfAdjoint(float x, ref float xBar, ReadOnlySpan<float> w, Span<float> wBar, float resultBar) { xBar += resultBar / 2; wBar[0] += resultBar; return Half(x, w); }

                public static float Solve(float x, int steps) => x;

                [DerivativeOf(nameof(Solve))]
                public static float SolveAdjoint(float x, ref float xBar, int steps, float resultBar) { xBar += resultBar; return x; }

                [DerivativeOf(nameof(Solve), Kind = DerivativeKind.Tangent)]
                public static float SolveTangent(float x, float xDot, int steps, out float resultDot) { resultDot = xDot; return x; }
            }

            public static partial class Model
            {
                [Differentiable]
                public static double Distance(double a, double b) => Roots.Sqrt(a * a + b * b);

                [Differentiable]
                public static double Length(ReadOnlySpan<double> w, double s) => s * Roots.Norm(w, 1.0);

                [Differentiable]
                public static float Solved(float x, ReadOnlySpan<float> w) => Roots.Solve(2 * x, 10) * Roots.Half(x, w);
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        // A tangent is derived for Sqrt and Norm (adjoints only); Solve has its own, and only a Hessian-vector product that throws is added.
        Assert.Contains("SqrtForward(", run.GeneratedSources["Demo.Roots.Sqrt.g.cs"]);
        Assert.Contains("NormForward(", run.GeneratedSources["Demo.Roots.Norm.g.cs"]);
        Assert.DoesNotContain("SolveForward(", run.GeneratedSources["Demo.Roots.Solve.g.cs"]);
        Assert.Contains("SolveHessianVector(", run.GeneratedSources["Demo.Roots.Solve.g.cs"]);
        Snapshot.VerifyGenerated(run, "CallsOfFunctionsWithCustomDerivatives");
    }

    [Theory]
    [InlineData("static double A(double x, double xBar, double resultBar) => x;",
        "'A' does not have the adjoint signature of 'F': parameter 2 'xBar' must be 'ref double', the adjoint of 'x', added into, but is 'double'; expected 'static double A(double x, ref double xBar, double resultBar)'")]
    [InlineData("static double A(double x, ref double xBar) => x;",
        "'A' does not have the adjoint signature of 'F': parameter 3 is missing: 'double resultBar' after 'xBar', the cotangent of the result; expected 'static double A(double x, ref double xBar, double resultBar)'")]
    [InlineData("static void A(double x, ref double xBar, double resultBar) { }",
        "'A' does not have the adjoint signature of 'F': it returns 'void', but must return 'double', the value of 'F'; expected 'static double A(double x, ref double xBar, double resultBar)'")]
    [InlineData("double A(double x, ref double xBar, double resultBar) => x;",
        "'A' does not have the adjoint signature of 'F': it must be static; expected 'static double A(double x, ref double xBar, double resultBar)'")]
    public void A_mismatched_adjoint_says_what_is_wrong_and_what_is_expected(string adjoint, string message)
    {
        var run = GeneratorHarness.Run(Prelude + "public partial class C { static double F(double x) => x; [DerivativeOf(nameof(F))] " + adjoint + " }");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0018", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void A_span_function_and_a_tangent_get_their_partners_types_in_the_message()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                static double F(ReadOnlySpan<double> v, [NoDiff] double c, int n) => v[n] * c;
                [DerivativeOf(nameof(F))] static double A(ReadOnlySpan<double> v, Span<double> vBar, double c, int n, double resultBar) => 0;
                [DerivativeOf(nameof(F), Kind = DerivativeKind.Tangent)] static double T(ReadOnlySpan<double> v, Span<double> vDot, double c, int n, out double resultDot) { resultDot = 0; return 0; }
            }
            """);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0018", diagnostic.Id);
        Assert.Equal("'T' does not have the tangent signature of 'F': parameter 2 'vDot' must be 'ReadOnlySpan<double>', the tangent of 'v', but is 'System.Span<double>'; expected 'static double T(ReadOnlySpan<double> v, ReadOnlySpan<double> vDot, double c, int n, out double resultDot)'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_caller_of_a_function_whose_adjoint_is_refused_gets_AG0008_as_for_any_opaque_call()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                static double F(double x) => x;
                [DerivativeOf(nameof(F))] static double A(double x, double resultBar) => x;
                [Differentiable] static double G(double x) => F(x) * x;
            }
            """);
        Assert.Equal(["AG0008", "AG0018"], run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Order());
    }

    [Fact]
    public void Editing_the_custom_adjoint_in_another_file_updates_its_callers()
    {
        const string rootsPath = "/src/Roots.cs";
        const string roots = Prelude + """
            public static partial class Roots
            {
                public static double Sqrt(double x) => Math.Sqrt(x);
                [DerivativeOf(nameof(Sqrt))] public static double SqrtAdjoint(double x, ref double xBar, double resultBar) { xBar += resultBar * 0.5 / Math.Sqrt(x); return Math.Sqrt(x); }
            }
            """;
        var run = GeneratorHarness.Run((rootsPath, roots), ("/src/Model.cs", Prelude + """
            public static partial class Model
            {
                [Differentiable] public static double Distance(double a, double b) => Roots.Sqrt(a * a + b * b);
            }
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Demo.Model.Distance.g.cs", run.GeneratedSources.Keys);

        // The adjoint loses its ref: the caller, in a file that did not change, can no longer be differentiated.
        var broken = run.Rerun(run.InputCompilation.WithSource(rootsPath, roots.Replace("ref double xBar", "double xBar", System.StringComparison.Ordinal)));
        Assert.Equal(["AG0008", "AG0018"], broken.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).Order());
        Assert.DoesNotContain("Demo.Model.Distance.g.cs", broken.GeneratedSources.Keys);

        // Fixed again, under another name: the caller calls the new name.
        var renamed = broken.Rerun(broken.InputCompilation.WithSource(rootsPath, roots.Replace("SqrtAdjoint", "SqrtBackward", System.StringComparison.Ordinal)));
        Assert.Empty(renamed.GeneratorDiagnostics);
        Assert.Contains("global::Demo.Roots.SqrtBackward(sum, ref sumBar, resultBar);", renamed.GeneratedSources["Demo.Model.Distance.g.cs"]);
    }

    [Fact]
    public void A_derived_tangent_of_a_double_function_of_floats_compiles()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class Outer
            {
                internal partial struct Inner
                {
                    internal static double Mixed(float a, ReadOnlySpan<float> v, [NoDiff] ReadOnlySpan<double> c, long k) => a * v[0] + c[0] * k;
                    [DerivativeOf(nameof(Mixed))]
                    internal static double MixedAdjoint(float a, ref float aBar, ReadOnlySpan<float> v, Span<float> vBar, ReadOnlySpan<double> c, long k, double resultBar)
                    {
                        aBar += (float)(resultBar * v[0]);
                        vBar[0] += (float)(resultBar * a);
                        return Mixed(a, v, c, k);
                    }
                }

                [Differentiable] internal static double Caller(float a, ReadOnlySpan<float> v, [NoDiff] ReadOnlySpan<double> c) => Inner.Mixed(a, v, c, 3) * 2;
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        var forward = run.GeneratedSources["Demo.Outer.Inner.Mixed.g.cs"];
        CodeAssert.Contains("internal static double MixedForward(float a, float aDot, global::System.ReadOnlySpan<float> v, global::System.ReadOnlySpan<float> vDot, global::System.ReadOnlySpan<double> c, long k, out double resultDot)", forward);
        Assert.Contains("resultDot = (double)(aBar * aDot) + (double)(global::AutoGrad.Kernels.ReductionKernels.Dot<float>(vBar, vDot));", forward);
    }

    private const string VoidSolver = """
        public static partial class Linear
        {
            public static void Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x) { }
            [DerivativeOf(nameof(Solve))]
            public static void SolveAdjoint(ReadOnlySpan<double> a, Span<double> aBar, ReadOnlySpan<double> b, Span<double> bBar, Span<double> x, ReadOnlySpan<double> xBar) { }
            TANGENT
        }

        public static partial class Model
        {
            [Differentiable] public static void Fit(ReadOnlySpan<double> p, Span<double> x) => Linear.Solve(p.Slice(0, 4), p.Slice(4, 2), x);
        }
        """;

    [Fact]
    public void A_void_function_writing_outputs_with_both_custom_derivatives_is_called_by_both_modes()
    {
        var run = GeneratorHarness.Run(Prelude + VoidSolver.Replace("TANGENT", """
            [DerivativeOf(nameof(Solve), Kind = DerivativeKind.Tangent)]
            public static void SolveTangent(ReadOnlySpan<double> a, ReadOnlySpan<double> aDot, ReadOnlySpan<double> b, ReadOnlySpan<double> bDot, Span<double> x, Span<double> xDot) { }
            """, System.StringComparison.Ordinal));
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        var generated = run.GeneratedSources["Demo.Model.Fit.g.cs"];
        Assert.Contains("global::Demo.Linear.SolveTangent(p.Slice(0, 4), pDot.Slice(0, 4), p.Slice(4, 2), pDot.Slice(4, 2), x, xDot);", generated);
        Assert.Contains("global::Demo.Linear.SolveAdjoint(", generated);
        Assert.Equal(["Demo.Linear.Solve.g.cs", "Demo.Model.Fit.g.cs"], run.GeneratedSources.Keys);
        CodeAssert.Contains("public static void SolveHessianVector(global::System.ReadOnlySpan<double> a, global::System.ReadOnlySpan<double> aDot, global::System.Span<double> aBar, global::System.Span<double> aBarDot, global::System.ReadOnlySpan<double> b, global::System.ReadOnlySpan<double> bDot, global::System.Span<double> bBar, global::System.Span<double> bBarDot, global::System.Span<double> x, global::System.Span<double> xDot, global::System.ReadOnlySpan<double> xBar, global::System.ReadOnlySpan<double> xBarDot)",
            run.GeneratedSources["Demo.Linear.Solve.g.cs"]);
    }

    [Fact]
    public void A_void_function_needs_its_tangent_supplied()
    {
        var run = GeneratorHarness.Run(Prelude + VoidSolver.Replace("TANGENT", "", System.StringComparison.Ordinal));
        var refused = run.GeneratorDiagnostics.Single(diagnostic => diagnostic.Id == "AG0019");
        Assert.Equal("The custom adjoint 'SolveAdjoint' of 'Solve' cannot be used: 'Solve' writes outputs, so AutoGrad cannot derive its tangent from one adjoint call; supply the tangent with [DerivativeOf(nameof(Solve), Kind = DerivativeKind.Tangent)]",
            refused.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void A_void_function_s_tangent_writes_its_output_tangent_into_a_span()
    {
        var run = GeneratorHarness.Run(Prelude + VoidSolver.Replace("TANGENT", """
            [DerivativeOf(nameof(Solve), Kind = DerivativeKind.Tangent)]
            public static void SolveTangent(ReadOnlySpan<double> a, ReadOnlySpan<double> aDot, ReadOnlySpan<double> b, ReadOnlySpan<double> bDot, Span<double> x, ReadOnlySpan<double> xDot) { }
            """, System.StringComparison.Ordinal));
        var diagnostic = run.GeneratorDiagnostics.Single(diagnostic => diagnostic.Id == "AG0018");
        Assert.Equal("'SolveTangent' does not have the tangent signature of 'Solve': parameter 6 'xDot' must be 'Span<double>', the tangent of the output 'x', written, but is 'System.ReadOnlySpan<double>'; expected 'static void SolveTangent(ReadOnlySpan<double> a, ReadOnlySpan<double> aDot, ReadOnlySpan<double> b, ReadOnlySpan<double> bDot, Span<double> x, Span<double> xDot)'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_custom_Hessian_vector_product_follows_the_adjoint_s_tangent_contract_and_replaces_the_throwing_one()
    {
        const string source = """
            public static partial class C
            {
                public static double F(double x, ReadOnlySpan<double> v, int n) => x * v[n];
                [DerivativeOf(nameof(F))] public static double A(double x, ref double xBar, ReadOnlySpan<double> v, Span<double> vBar, int n, double resultBar) => F(x, v, n);
                [DerivativeOf(nameof(F), Kind = DerivativeKind.HessianVector)]
                public static double H(double x, double xDot, ref double xBar, ref double xBarDot, ReadOnlySpan<double> v, ReadOnlySpan<double> vDot, Span<double> vBar, Span<double> vBarDot, int n, double resultBar, double resultBarDot) => F(x, v, n);
                [Differentiable] public static double G(double x, ReadOnlySpan<double> v) => F(x, v, 0) * x;
            }
            """;
        var run = GeneratorHarness.Run(Prelude + source);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        Assert.Contains("FForward(", run.GeneratedSources["Demo.C.F.g.cs"]);
        Assert.DoesNotContain("FHessianVector(", run.GeneratedSources["Demo.C.F.g.cs"]);

        var mismatched = GeneratorHarness.Run(Prelude + source.Replace("ref double xBar, ref double xBarDot, ReadOnlySpan", "ref double xBar, double xBarDot, ReadOnlySpan", System.StringComparison.Ordinal));
        var diagnostic = Assert.Single(mismatched.GeneratorDiagnostics);
        Assert.Equal("'H' does not have the Hessian-vector product signature of 'F': parameter 4 'xBarDot' must be 'ref double', the tangent of 'xBar', but is 'double'; expected 'static double H(double x, double xDot, ref double xBar, ref double xBarDot, ReadOnlySpan<double> v, ReadOnlySpan<double> vDot, Span<double> vBar, Span<double> vBarDot, int n, double resultBar, double resultBarDot)'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));

        var orphan = GeneratorHarness.Run(Prelude + source.Replace("[DerivativeOf(nameof(F))] public static double A", "public static double A", System.StringComparison.Ordinal));
        Assert.Contains(orphan.GeneratorDiagnostics, each => each.Id == "AG0019" && each.GetMessage(CultureInfo.InvariantCulture).StartsWith("The custom Hessian-vector product 'H' of 'F' cannot be used: 'F' has no custom adjoint", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Overloads_resolve_to_the_one_the_signature_matches()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public static partial class C
            {
                public static double F(double x) => x;
                public static double F(double x, double y) => x * y;
                [DerivativeOf(nameof(F))] public static double A(double x, ref double xBar, double y, ref double yBar, double resultBar) { xBar += resultBar * y; yBar += resultBar * x; return x * y; }
                [Differentiable] public static double G(double x) => F(x, 3.0) + F(x);
            }
            """);
        // F(x) has no custom derivative: an opaque call.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("AG0008", diagnostic.Id);
        Assert.Equal("F(x)", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
