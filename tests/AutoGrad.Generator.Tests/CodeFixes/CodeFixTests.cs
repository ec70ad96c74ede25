using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AutoGrad.CodeFixes;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace AutoGrad.Generator.Tests.CodeFixes;

/// <summary>
/// The code fixes, through Microsoft.CodeAnalysis.CSharp.CodeFix.Testing with the real generator reporting the diagnostics:
/// each fix turns the marked source into the fixed one, which the generator then accepts without a diagnostic.
/// </summary>
public sealed class CodeFixTests
{
    /// <summary>A code-fix test whose diagnostics come from the generator, compiled against this runtime's assemblies (nothing is downloaded).</summary>
    private sealed class GeneratorFixTest<TFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        public GeneratorFixTest(string source, string fixedSource, string? equivalenceKey)
        {
            TestCode = source;
            FixedCode = fixedSource;
            CodeActionEquivalenceKey = equivalenceKey;
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            // The generated derivatives are the snapshot tests' to check; here, only that the fixed source gets them without a diagnostic.
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
            FixedState.AdditionalReferences.AddRange(GeneratorHarness.References);
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(DifferentiableGenerator)];
    }

    private static Task Verify<TFix>(string source, string fixedSource, string? equivalenceKey = null)
        where TFix : CodeFixProvider, new()
        => new GeneratorFixTest<TFix>(source, fixedSource, equivalenceKey).RunAsync();

    [Fact]
    public Task AG0001_makes_the_type_and_every_type_around_it_partial()
        => Verify<MakeContainingTypesPartial>("""
            using AutoGrad;

            public static class {|AG0001:Outer|}
            {
                public static class {|AG0001:Model|}
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;
                }
            }
            """, """
            using AutoGrad;

            public static partial class Outer
            {
                public static partial class Model
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;
                }
            }
            """);

    [Fact]
    public Task AG0001_puts_partial_first_when_the_type_has_no_modifiers()
        => Verify<MakeContainingTypesPartial>("""
            using AutoGrad;

            class {|AG0001:Model|}
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """, """
            using AutoGrad;

            partial class Model
            {
                [Differentiable]
                public static double Square(double x) => x * x;
            }
            """);

    [Fact]
    public Task AG0008_marks_the_callee_Differentiable()
        => Verify<MarkForDifferentiation>("""
            using AutoGrad;

            public static partial class Model
            {
                static double Helper(double v) => v * v;

                [Differentiable]
                public static double F(double x) => {|AG0008:Helper(x)|} + x;
            }
            """, """
            using AutoGrad;

            public static partial class Model
            {
                [Differentiable]
                static double Helper(double v) => v * v;

                [Differentiable]
                public static double F(double x) => Helper(x) + x;
            }
            """, "MarkForDifferentiation.Differentiable");

    [Fact]
    public Task AG0008_marks_the_parameter_the_call_reads_NoDiff()
        => Verify<MarkForDifferentiation>("""
            using AutoGrad;

            public static partial class Model
            {
                static double Helper(double v) => v * v;

                [Differentiable]
                public static double F(double x, double scale) => {|AG0008:Helper(scale)|} * x;
            }
            """, """
            using AutoGrad;

            public static partial class Model
            {
                static double Helper(double v) => v * v;

                [Differentiable]
                public static double F(double x, [NoDiff] double scale) => Helper(scale) * x;
            }
            """, "MarkForDifferentiation.NoDiff.scale");
}
