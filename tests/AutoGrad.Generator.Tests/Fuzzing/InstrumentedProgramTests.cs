using System;
using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>What the checker learns from <see cref="InstrumentedProgram"/>: non-finite intermediates, branches, rounding noise.</summary>
public sealed class InstrumentedProgramTests
{
    private const string Source = """
        using System;
        using AutoGrad;

        namespace Fuzz;

        public static partial class Probed
        {
            [Differentiable]
            public static double F(double a0, double a1)
            {
                // exp overflows for |a0| > 26.6 while tanh keeps the result finite; max has a kink at a1 = 0.1;
                // the sum of a big and a small term is where a rounding shows.
                double t = Math.Exp(a0 * a0);
                return Math.Tanh(t) + Math.Max(0.1, a1) + (1e10 * a0 + a1) - 1e10 * a0;
            }
        }
        """;

    private static InstrumentedProgram Instrument()
    {
        var signature = EntrySignature.FromSource(Source)!;
        var generated = GeneratorHarness.Run(Source).GeneratedSources.Values;
        return InstrumentedProgram.Create(Source, generated, signature) ?? throw new InvalidOperationException("the program does not compile instrumented");
    }

    private static double Primal(InstrumentedProgram program, double a0, double a1)
        => (double)program.Primal.Invoke(null, [new[] { a0, a1 }, Array.Empty<int>(), Array.Empty<double[]>()])!;

    [Fact]
    public void Sees_a_non_finite_intermediate_behind_a_finite_result()
    {
        using var program = Instrument();
        program.Reset();
        Assert.True(double.IsFinite(Primal(program, 30, 1)));
        Assert.True(program.NonFinite);
        program.Reset();
        Primal(program, 1, 1);
        Assert.False(program.NonFinite);
    }

    [Fact]
    public void Measures_the_largest_finite_intermediate()
    {
        using var program = Instrument();
        program.Reset();
        Primal(program, 2, 1);
        // The partial sum tanh(e⁴) + max(0.1, 1) + (1e10·a0 + a1) = 2·10¹⁰ + 3 is the largest value computed.
        Assert.Equal(2e10 + 3, program.Largest);
        program.Reset();
        Assert.Equal(0, program.Largest);
    }

    [Fact]
    public void Records_the_branches_taken()
    {
        using var program = Instrument();
        long[] DecisionsAt(double a1)
        {
            program.Reset();
            Primal(program, 1, a1);
            return [.. program.Decisions];
        }
        Assert.Equal(DecisionsAt(0.5), DecisionsAt(0.6));
        Assert.NotEqual(DecisionsAt(0.09), DecisionsAt(0.11));
    }

    [Fact]
    public void Computes_exactly_as_the_original_unless_perturbed()
    {
        using var program = Instrument();
        var (a0, a1) = (1.0 / 3, 0.7);
        var exact = Math.Tanh(Math.Exp(a0 * a0)) + Math.Max(0.1, a1) + (1e10 * a0 + a1) - 1e10 * a0;
        program.Reset();
        Assert.Equal(exact, Primal(program, a0, a1));

        // Perturbed, the cancellation of 1e10·a0 leaves an error of about an ulp of 3·10⁹, 5·10⁻⁷.
        var spread = Enumerable.Range(0, 4).Max(seed =>
        {
            program.Reset(perturbationSeed: seed);
            return Math.Abs(Primal(program, a0, a1) - exact);
        });
        Assert.InRange(spread, 1e-8, 1e-5);
    }

    [Fact]
    public void Every_kind_of_generated_program_can_be_instrumented()
    {
        // A program the rewriting breaks would silently lose these checks' precision, so a sample of
        // the fuzzer's programs (double and float, spans, loops, helpers) must compile instrumented.
        var sources = Enumerable.Range(1, 16).Select(seed => FuzzCase.FromProgram(ProgramGenerator.Generate(seed))).ToList();
        // Fuzzed programs: the generated code is held to what the fuzzers hold it to (no warnings).
        var run = GeneratorHarness.Run(GeneratorChecks.NoException | GeneratorChecks.NoInternalError, [.. sources.Select(c => c.Source)]);
        Assert.Empty(run.DiagnosticsInGeneratedCode);
        var failed = sources.Where(c =>
        {
            var generated = run.GeneratedSources.Where(g => DifferentialChecker.Owns(c, g.Key)).Select(g => g.Value);
            using var program = InstrumentedProgram.Create(c.Source, generated, EntrySignature.FromSource(c.Source)!);
            return program is null;
        }).Select(c => c.Seed).ToList();
        Assert.Empty(failed);
    }

    [Fact]
    public void A_double_twin_computes_in_double_with_floats_constants()
    {
        const string source = """
            using System;
            using AutoGrad;

            namespace Fuzz;

            public static partial class Narrow
            {
                [Differentiable]
                public static float F(float a0, int n0)
                {
                    float t = (float)n0 + 0.1f;
                    return MathF.Sin(a0) / 3f + t * float.Epsilon + MathF.PI;
                }
            }
            """;
        using var twin = InstrumentedProgram.CreateDoubleTwin(source, EntrySignature.FromSource(source)!)
            ?? throw new InvalidOperationException("the double twin does not compile");
        twin.Reset();
        var value = (double)twin.Primal.Invoke(null, [new[] { 0.5 }, new[] { 2 }, Array.Empty<double[]>()])!;
        // 3f / 3 stays 3 (no integer division); 0.1f, float.Epsilon and MathF.PI keep their float values.
        Assert.Equal(Math.Sin(0.5) / 3 + (2 + (double)0.1f) * float.Epsilon + (double)MathF.PI, value);
        Assert.Throws<InvalidOperationException>(() => twin.Forward);
    }

    [Fact]
    public void Every_generated_float_program_has_a_double_twin()
    {
        var sources = Enumerable.Range(1, 64).Select(seed => FuzzCase.FromProgram(ProgramGenerator.Generate(seed)))
            .Where(c => EntrySignature.FromSource(c.Source)!.IsFloat).Take(12).ToList();
        Assert.NotEmpty(sources);
        var failed = sources.Where(c =>
        {
            using var twin = InstrumentedProgram.CreateDoubleTwin(c.Source, EntrySignature.FromSource(c.Source)!);
            return twin is null;
        }).Select(c => c.Seed).ToList();
        Assert.Empty(failed);
    }
}
