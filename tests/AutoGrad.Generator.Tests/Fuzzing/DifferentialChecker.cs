using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>One program to check: its source, the class it declares, and the seed of its points.</summary>
internal sealed record FuzzCase(int Seed, string ClassName, string Source, FuzzProgram? Program = null)
{
    public static FuzzCase FromProgram(FuzzProgram program, string? className = null)
    {
        className ??= $"P{program.Seed.ToString(CultureInfo.InvariantCulture)}";
        return new FuzzCase(program.Seed, className, program.ToSource(className), program);
    }
}

/// <summary>A failed check: which one, what was seen, and the case, for the message and the minimizer.</summary>
internal sealed record FuzzFailure(FuzzCase Case, string Check, string Detail)
{
    public string Describe(string? source = null)
        => $"Seed {Case.Seed.ToString(CultureInfo.InvariantCulture)}, class {Case.ClassName}: check '{Check}' failed.{Environment.NewLine}{Detail}"
            + $"{Environment.NewLine}----- program{Environment.NewLine}{source ?? Case.Source}";
}

/// <summary>How much of a run was checked and how much had to be skipped (non-smooth or non-finite points).</summary>
internal sealed class FuzzStatistics
{
    public int Programs { get; set; }
    public int Points { get; set; }
    public int FiniteDifferenceChecked { get; set; }
    public int FiniteDifferenceSkipped { get; set; }
    public int NonFinite { get; set; }

    /// <summary>Points whose derivatives were non-finite because an intermediate of the original was (0·∞ = NaN).</summary>
    public int NonFiniteIntermediate { get; set; }

    /// <summary>Points whose finite differences passed the smoothness test but whose stencil took different branches.</summary>
    public int BranchesWithinStep { get; set; }

    /// <summary>Points whose finite differences passed the smoothness test but a third, smaller step showed them not converged.</summary>
    public int StepTooCoarse { get; set; }

    /// <summary>Points whose derivatives differed by more than the tolerance but within the measured rounding noise.</summary>
    public int IllConditioned { get; set; }

    /// <summary>Points whose Hessian-vector product the gradient's differences confirmed only at a step smaller than the usual one.</summary>
    public int CurvatureAtSmallerStep { get; set; }

    /// <summary>Derivatives of double programs that the usual step's differences did not resolve, confirmed at a smaller step.</summary>
    public int DerivativeAtSmallerStep { get; set; }

    /// <summary>Derivatives of float programs that float's differences could not resolve, checked against the double twin's.</summary>
    public int CheckedInDouble { get; set; }

    public override string ToString()
        => $"{Programs} programs, {Points} points; finite differences checked at {FiniteDifferenceChecked}, skipped at {FiniteDifferenceSkipped} (not smooth; {BranchesWithinStep} of them found by their branches, {StepTooCoarse} by a third step), {NonFinite} points non-finite ({NonFiniteIntermediate} with a non-finite intermediate or a derivative past float's range), {IllConditioned} ill-conditioned, {CheckedInDouble} float derivatives checked in double, {CurvatureAtSmallerStep} Hessian-vector products and {DerivativeAtSmallerStep} derivatives confirmed at a smaller step";
}

/// <summary>
/// The tolerances of the checks. A comparison passes when |a − b| ≤ Relative·scale + Absolute.
/// </summary>
internal static class FuzzTolerances
{
    /// <summary>Forward/adjoint/original primal values with SIMD off: bit for bit, no tolerance.</summary>
    public const string PrimalScalar = "bit for bit";

    /// <summary>SIMD on: a sum reassociated over ≤ 12 elements and Vector256 Exp/Log/Sin/Cos, a few ulps amplified.</summary>
    public static (double Relative, double Absolute) PrimalVector(bool isFloat) => isFloat ? (1e-4, 1e-5) : (1e-9, 1e-10);

    /// <summary>Dot-product test ⟨ȳ, J·ẋ⟩ = ⟨Jᵀȳ, ẋ⟩, scale = Σ|ȳᵢ(Jẋ)ᵢ| + Σ|(Jᵀȳ)ⱼẋⱼ|: only rounding is allowed.</summary>
    public static (double Relative, double Absolute) DotProduct(bool isFloat) => isFloat ? (1e-4, 1e-6) : (1e-10, 1e-12);

    /// <summary>
    /// Central differences of φ(t) = ⟨ȳ, y(x + t·ẋ)⟩, at steps h and h/2 (h = 2⁻¹⁴ in double, 2⁻⁶ in float;
    /// x on a 2⁻²⁰ / 2⁻⁸ grid and ẋ integer, so x ± tẋ is exact). The point is smooth when
    /// |D(h) − D(h/2)| ≤ Stability·|D(h/2)| + 4·noise + Absolute, noise = 64·ε·(|φ(+h/2)| + |φ(−h/2)|)/h,
    /// and the second differences S(h), S(h/2) agree within a quarter of the larger (plus their noise):
    /// across a kink closer than the step S grows like 1/h. Elsewhere (kinks, branch edges) it is skipped. Then |g − D(h/2)| ≤ Relative·max(|g|, |D|) + 2·noise
    /// + |D(h) − D(h/2)| + Absolute, for g the forward's ⟨ȳ, J·ẋ⟩ and the adjoint's ⟨Jᵀȳ, ẋ⟩.
    /// </summary>
    public static (double Step, double Epsilon, double Stability, double Relative, double Absolute) FiniteDifference(bool isFloat)
        => isFloat ? (1.0 / 64, 1.1920928955078125e-7, 1e-2, 1e-3, 1e-4) : (1.0 / 16384, 2.220446049250313e-16, 1e-4, 1e-6, 1e-9);
}

/// <summary>
/// Compiles many programs in one compilation with the real generator (one driver run, one emit,
/// one collectible load context, unloaded afterwards) and checks each at random points.
/// </summary>
internal static class DifferentialChecker
{
    public const int PointsPerProgram = 3;

    private static readonly CSharpCompilationOptions options = GeneratorHarness.CompilationOptions
        .WithOptimizationLevel(OptimizationLevel.Release);

    private static int batches;

    /// <param name="programWarnings">Whether a warning in a program itself is a failure (of the fuzzer): not for saved regressions, written by older fuzzers.</param>
    public static List<FuzzFailure> Run(IReadOnlyList<FuzzCase> cases, FuzzStatistics? statistics = null, bool programWarnings = true)
    {
        var failures = new List<FuzzFailure>();
        var remaining = new List<(FuzzCase Case, EntrySignature Signature)>();
        foreach (var fuzzCase in cases)
        {
            var signature = EntrySignature.FromSource(fuzzCase.Source);
            if (signature is null)
                failures.Add(new FuzzFailure(fuzzCase, "program shape", "no [Differentiable] method with supported parameters found (a fuzzer bug)"));
            else
                remaining.Add((fuzzCase, signature));
        }

        while (remaining.Count > 0)
        {
            var trees = remaining.SelectMany(c => new[]
            {
                GeneratorHarness.Parse(c.Case.Source, $"/fuzz/{c.Case.ClassName}.cs"),
                GeneratorHarness.Parse(c.Signature.HarnessSource(), $"/fuzz/{c.Case.ClassName}.Harness.cs"),
            });
            var compilation = CSharpCompilation.Create(
                $"AutoGrad.Fuzz{System.Threading.Interlocked.Increment(ref batches).ToString(CultureInfo.InvariantCulture)}",
                trees, GeneratorHarness.References, options);
            // Checked here, program by program, rather than by the harness for the whole batch.
            var run = GeneratorHarness.Run(compilation, GeneratorChecks.None);

            // A diagnostic of the generator or the driver that no program owns (CS8785 without an
            // exception, a diagnostic without a location) cannot be blamed on one program: bisect too.
            var unowned = run.GeneratorDiagnostics.Where(d => Owner(d, remaining) is null).ToList();
            if (run.GeneratorException is not null || unowned.Count > 0)
            {
                var problem = run.GeneratorException?.ToString() ?? GeneratorRun.Describe(unowned);
                if (remaining.Count == 1)
                {
                    failures.Add(new FuzzFailure(remaining[0].Case, "generator crash", problem));
                    return failures;
                }
                // Find the culprit by checking each program on its own.
                foreach (var single in remaining)
                    failures.AddRange(Run([single.Case], statistics, programWarnings));
                return failures;
            }

            // One emit: its diagnostics are the output compilation's errors, so binding happens once.
            using var image = new MemoryStream();
            var emitted = run.OutputCompilation.Emit(image);
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var bad = new Dictionary<string, FuzzFailure>(StringComparer.Ordinal);
            // An error in the program itself is the fuzzer's bug; the generator's diagnostics about it follow from it.
            foreach (var error in errors.Where(e => e.Location.SourceTree?.FilePath is { } path && path.StartsWith("/fuzz/", StringComparison.Ordinal) && !path.EndsWith(".Harness.cs", StringComparison.Ordinal)))
            {
                var owner = Owner(error, remaining);
                if (owner is not null && !bad.ContainsKey(owner.ClassName))
                    bad[owner.ClassName] = new FuzzFailure(owner, "program compiles (a fuzzer bug)", error.ToString());
            }
            // So is a warning in it that users who build with warnings as errors would not have
            // written, and which the generated code may repeat (t < t, 3f < 0.5f); unused locals are no matter.
            foreach (var warning in emitted.Diagnostics.Where(d => programWarnings && d.Severity == DiagnosticSeverity.Warning && d.Id is not ("CS0219" or "CS0168")
                && d.Location.SourceTree?.FilePath is { } path && path.StartsWith("/fuzz/", StringComparison.Ordinal) && !path.EndsWith(".Harness.cs", StringComparison.Ordinal)))
            {
                var owner = Owner(warning, remaining);
                if (owner is not null && !bad.ContainsKey(owner.ClassName))
                    bad[owner.ClassName] = new FuzzFailure(owner, "program has no warnings (a fuzzer bug)", warning.ToString());
            }
            // AG0100 says a method's result depends on no active parameter: true of a program the fuzzer
            // wrote (a scan whose value is overwritten by a constant, seed 64227), not a generator defect;
            // its derivatives (all zero) are generated and checked like any other.
            foreach (var diagnostic in run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Id != "AG0100"))
            {
                var owner = Owner(diagnostic, remaining);
                if (owner is not null && !bad.ContainsKey(owner.ClassName))
                    bad[owner.ClassName] = new FuzzFailure(owner, "generator diagnostic", $"the generator reported {diagnostic}");
            }
            foreach (var error in errors)
            {
                var owner = Owner(error, remaining);
                if (owner is null || bad.ContainsKey(owner.ClassName))
                    continue;
                var path = error.Location.SourceTree?.FilePath ?? "";
                var check = path.EndsWith(".Harness.cs", StringComparison.Ordinal) ? "generated signatures" : "generated code compiles";
                bad[owner.ClassName] = new FuzzFailure(owner, check, $"{error}{Environment.NewLine}{GeneratedCode(run, owner)}");
            }
            // A warning in generated code fails a user's build with warnings as errors, and the user cannot fix it.
            var generatedTrees = run.GeneratedTrees.ToHashSet();
            foreach (var warning in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)))
            {
                var owner = Owner(warning, remaining);
                if (owner is null)
                    throw new InvalidOperationException($"A warning in generated code no program owns: {warning}");
                if (!bad.ContainsKey(owner.ClassName))
                    bad[owner.ClassName] = new FuzzFailure(owner, "generated code has no warnings", $"{warning}{Environment.NewLine}{GeneratedCode(run, owner)}");
            }
            if (bad.Count > 0 || !emitted.Success)
            {
                if (bad.Count == 0)
                    throw new InvalidOperationException("The batch does not emit: " + string.Join(Environment.NewLine, errors));
                failures.AddRange(bad.Values);
                remaining.RemoveAll(c => bad.ContainsKey(c.Case.ClassName));
                continue;
            }

            image.Position = 0;
            var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
            try
            {
                var assembly = context.LoadFromStream(image);
                foreach (var (fuzzCase, signature) in remaining)
                {
                    var generated = run.GeneratedSources.Where(g => Owns(fuzzCase, g.Key)).Select(g => g.Value).ToList();
                    var failure = new ProgramCheck(fuzzCase, signature, assembly, generated, statistics).Run();
                    if (failure is not null)
                        failures.Add(failure with { Detail = failure.Detail + Environment.NewLine + GeneratedCode(run, fuzzCase) });
                }
            }
            finally
            {
                context.Unload();
            }
            break;
        }
        return failures;
    }

    private static string GeneratedCode(GeneratorRun run, FuzzCase fuzzCase)
        => "----- generated code" + Environment.NewLine + string.Join(Environment.NewLine, run.GeneratedSources
            .Where(s => Owns(fuzzCase, s.Key))
            .Select(s => $"//----- {s.Key}{Environment.NewLine}{s.Value}"));

    private static FuzzCase? Owner(Diagnostic diagnostic, List<(FuzzCase Case, EntrySignature Signature)> cases)
    {
        var path = diagnostic.Location.SourceTree?.FilePath;
        if (path is null)
            return null;
        foreach (var (fuzzCase, _) in cases)
        {
            if (path.StartsWith($"/fuzz/{fuzzCase.ClassName}.", StringComparison.Ordinal) || Owns(fuzzCase, path))
                return fuzzCase;
        }
        return null;
    }

    /// <summary>
    /// Whether a generated file (by hint name or path) belongs to the program: its class's methods,
    /// and those of its second class (<see cref="FuzzProgram.HelperClassName"/>).
    /// </summary>
    internal static bool Owns(FuzzCase fuzzCase, string hintNameOrPath)
        => hintNameOrPath.Contains($"Fuzz.{fuzzCase.ClassName}.", StringComparison.Ordinal)
            || hintNameOrPath.Contains($"Fuzz.{FuzzProgram.HelperClassName(fuzzCase.ClassName)}.", StringComparison.Ordinal);

    /// <summary>The checks of one program at its points.</summary>
    private sealed class ProgramCheck
    {
        private readonly FuzzCase fuzzCase;
        private readonly EntrySignature signature;
        private readonly FuzzStatistics? statistics;
        private readonly MethodInfo primal;
        private readonly MethodInfo forward;
        private readonly MethodInfo adjoint;
        private readonly MethodInfo hessianVector;
        private readonly bool isFloat;
        private readonly int[] scalarIndexes;
        private readonly EntryParameter[] scalars;
        private readonly EntryParameter[] spans;
        private readonly int intCount;
        private readonly IReadOnlyList<string> generatedSources;

        public ProgramCheck(FuzzCase fuzzCase, EntrySignature signature, Assembly assembly, IReadOnlyList<string> generatedSources, FuzzStatistics? statistics)
        {
            this.fuzzCase = fuzzCase;
            this.generatedSources = generatedSources;
            this.signature = signature;
            this.statistics = statistics;
            var type = assembly.GetType(signature.HarnessTypeName, throwOnError: true)!;
            primal = type.GetMethod("Primal")!;
            forward = type.GetMethod("Forward")!;
            adjoint = type.GetMethod("Adjoint")!;
            hessianVector = type.GetMethod("HessianVector")!;
            isFloat = signature.IsFloat;
            scalars = [.. signature.Scalars];
            scalarIndexes = [.. Enumerable.Range(0, scalars.Length)];
            spans = [.. signature.Spans];
            intCount = signature.Ints.Count();
        }

        /// <summary>Inputs of one point; the directions ẋ (integers) and ȳ (integers) of the checks.</summary>
        private sealed record Point(double[] Scalars, int[] Ints, double[][] Spans, double[] ScalarDot, double[]?[] SpanDot, double ResultBar, double[]?[] OutputBar)
        {
            public string Describe()
                => $"scalars [{Join(Scalars)}], ints [{string.Join(", ", Ints)}], spans [{string.Join("; ", Spans.Select(Join))}]"
                    + $", ẋ [{Join(ScalarDot)}; {string.Join("; ", SpanDot.Select(d => d is null ? "-" : Join(d)))}]"
                    + $", ȳ [{ResultBar.ToString("R", CultureInfo.InvariantCulture)}; {string.Join("; ", OutputBar.Select(d => d is null ? "-" : Join(d)))}]";

            private static string Join(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        /// <summary>A call's primal results (return value, then each output span) and its derivative side.</summary>
        private sealed record Outcome(double Result, double[][] Outputs, double Derivative);

        public FuzzFailure? Run()
        {
            var random = new Random(unchecked(fuzzCase.Seed * 7919 + 104729));
            var simd = Simd.IsEnabled;
            try
            {
                for (var p = 0; p < PointsPerProgram; p++)
                {
                    var point = NewPoint(random);
                    string? stage = null;
                    try
                    {
                        var detail = Check(point, s => stage = s);
                        if (detail is not null)
                            return new FuzzFailure(fuzzCase, detail.Value.Check, $"at point {p}: {point.Describe()}{Environment.NewLine}{detail.Value.Detail}");
                    }
                    catch (TargetInvocationException exception) when (exception.InnerException?.GetType() == typeof(ArithmeticException)
                        && stage?.StartsWith("the original method", StringComparison.Ordinal) == true)
                    {
                        // Math.Sign throws on NaN (and only it raises a plain ArithmeticException here): the
                        // original method itself went non-finite at this point — a value grown past the
                        // range inside a loop (seed 3184) — and non-finite points are skipped.
                        if (statistics is not null)
                            statistics.NonFinite++;
                    }
                    catch (TargetInvocationException exception) when (exception.InnerException is not null)
                    {
                        return new FuzzFailure(fuzzCase, $"{stage} runs", $"at point {p}: {point.Describe()}{Environment.NewLine}{stage} threw {exception.InnerException}");
                    }
                }
                if (statistics is not null)
                    statistics.Programs++;
                return null;
            }
            finally
            {
                Simd.IsEnabled = simd;
                instrumented?.Dispose();
                doubleTwin?.Dispose();
                differentiatedTwin?.Dispose();
            }
        }

        private Point NewPoint(Random random)
        {
            var length = random.Next(1, 13);
            double Grid() => isFloat ? Math.Round((random.NextDouble() * 4 - 2) * 256) / 256 : Math.Round((random.NextDouble() * 4 - 2) * 1048576) / 1048576;
            double Direction() => random.Next(-3, 4);

            var values = scalars.Select(_ => Grid()).ToArray();
            var ints = Enumerable.Range(0, intCount).Select(_ => random.Next(0, 6)).ToArray();
            var spanValues = spans.Select(_ => Enumerable.Range(0, length).Select(_ => Grid()).ToArray()).ToArray();
            var scalarDot = scalars.Select(s => s.IsActive ? Direction() : 0).ToArray();
            var spanDot = spans.Select(s => s.IsActive ? Enumerable.Range(0, length).Select(_ => Direction()).ToArray() : null).ToArray();
            var resultBar = signature.IsVoid ? 0 : Direction();
            var outputBar = spans.Select(s => s.Kind == ParameterKind.Output ? Enumerable.Range(0, length).Select(_ => Direction()).ToArray() : null).ToArray();
            return new Point(values, ints, spanValues, scalarDot, spanDot, resultBar, outputBar);
        }

        private (string Check, string Detail)? Check(Point point, Action<string> stage)
        {
            stage("the original method");
            var original = Primal(point, 0);

            foreach (var vectorized in new[] { false, true })
            {
                Simd.IsEnabled = vectorized;
                var mode = vectorized ? "SIMD on" : "SIMD off";
                stage($"Forward ({mode})");
                var tangent = Forward(point);
                stage($"Adjoint ({mode})");
                var gradient = Adjoint(point);

                foreach (var (name, outcome) in new[] { ("Forward", tangent), ("Adjoint", gradient) })
                {
                    var mismatch = ComparePrimal(original, outcome, vectorized, point);
                    if (mismatch is not null)
                        return ($"primal of {name} ({mode})", mismatch);
                }

                if (!double.IsFinite(tangent.Derivative) || !double.IsFinite(gradient.Derivative))
                {
                    var nonFinite = FiniteDifference(point);
                    // With every ȳ zero, φ ≡ 0 and its finite differences are 0 whatever the function does:
                    // they say nothing about a derivative that is ∞ there (0·∞ = NaN is IEEE), seed 1063.
                    var vacuous = point.ResultBar == 0 && point.OutputBar.All(bar => bar is null || bar.All(b => b == 0));
                    if (!vacuous && nonFinite is { Smooth: true } && double.IsFinite(nonFinite.Value.Value))
                    {
                        // An intermediate of the original overflowed (or went NaN) while the result stayed
                        // finite — tanh(∞) = 1, Pow(∞, −2) = 0 — so the chain rule multiplies an infinite
                        // partial by a zero one: 0·∞ = NaN, as IEEE arithmetic (and PyTorch's backward)
                        // gives; the finite differences only see the saturated result (seeds 1422, 1579, 1989).
                        if (HasNonFiniteIntermediate(point) || DerivativeLeavesFloatRange(point, tangent.Derivative, gradient.Derivative))
                        {
                            if (statistics is not null)
                            {
                                statistics.NonFinite++;
                                statistics.NonFiniteIntermediate++;
                            }
                            return null;
                        }
                        return ($"derivatives finite ({mode})", $"forward ⟨ȳ, J·ẋ⟩ = {R(tangent.Derivative)}, adjoint ⟨Jᵀȳ, ẋ⟩ = {R(gradient.Derivative)}, but the function is smooth there with finite differences {R(nonFinite.Value.Value)}");
                    }
                    if (statistics is not null)
                        statistics.NonFinite++;
                    return null;
                }

                var (relative, absolute) = FuzzTolerances.DotProduct(isFloat);
                var scale = tangentScale + gradientScale;
                // Measured only when needed: most points are well-conditioned, and then it is 0.
                double? forwardNoise = null, adjointNoise = null;
                if (Math.Abs(tangent.Derivative - gradient.Derivative) > relative * scale + absolute)
                {
                    forwardNoise = RoundingNoise(point, forwardMode: true, tangent.Derivative);
                    adjointNoise = RoundingNoise(point, forwardMode: false, gradient.Derivative);
                    var allowedWithNoise = relative * scale + absolute + 4 * (forwardNoise.Value + adjointNoise.Value);
                    if (Math.Abs(tangent.Derivative - gradient.Derivative) > allowedWithNoise)
                        return ($"dot product ({mode})", $"⟨ȳ, J·ẋ⟩ from Forward = {R(tangent.Derivative)}, ⟨Jᵀȳ, ẋ⟩ from Adjoint = {R(gradient.Derivative)} (scale {R(scale)}, rounding noise {R(forwardNoise.Value)} and {R(adjointNoise.Value)}, allowed {R(allowedWithNoise)})");
                    if (statistics is not null)
                        statistics.IllConditioned++;
                }

                stage("the original method (finite differences)");
                var estimate = FiniteDifference(point);
                if (estimate is not { Smooth: true } fd)
                {
                    if (statistics is not null && vectorized)
                    {
                        if (estimate is null)
                            statistics.NonFinite++;
                        else
                            statistics.FiniteDifferenceSkipped++;
                    }
                    continue;
                }
                if (statistics is not null && vectorized)
                    statistics.FiniteDifferenceChecked++;
                var (_, _, _, fdRelative, fdAbsolute) = FuzzTolerances.FiniteDifference(isFloat);
                foreach (var (name, value) in new[] { ("Forward", tangent.Derivative), ("Adjoint", gradient.Derivative) })
                {
                    var allowed = fdRelative * Math.Max(Math.Abs(value), Math.Abs(fd.Value)) + 2 * fd.Noise + fd.Discrepancy + fdAbsolute;
                    if (Math.Abs(value - fd.Value) <= allowed)
                        continue;
                    var noise = name == "Forward"
                        ? forwardNoise ??= RoundingNoise(point, forwardMode: true, value)
                        : adjointNoise ??= RoundingNoise(point, forwardMode: false, value);
                    allowed += 4 * noise;
                    if (Math.Abs(value - fd.Value) <= allowed)
                        continue;
                    // A kink closer to the point than the step can still pass both smoothness tests when
                    // the step is coarse (float's h = 2⁻⁶: cos(max(0.1, a)) at a = 0.1016, seed 3653); the
                    // branches the original takes across the stencil say so for certain. So can a smooth
                    // function that turns within the step, which a third step shows.
                    var branches = BranchesDifferWithinStep(point, FuzzTolerances.FiniteDifference(isFloat).Step);
                    if (branches || !FiniteDifferencesConverge(point, fd))
                    {
                        if (statistics is not null && vectorized)
                        {
                            statistics.FiniteDifferenceChecked--;
                            statistics.FiniteDifferenceSkipped++;
                            if (branches)
                                statistics.BranchesWithinStep++;
                            else
                                statistics.StepTooCoarse++;
                        }
                        break;
                    }
                    if (isFloat && DoubleTwinConfirms(point, value, noise))
                    {
                        if (statistics is not null && vectorized)
                            statistics.CheckedInDouble++;
                        continue;
                    }
                    if (!isFloat && SmallerStepConfirmsDerivative(point, value, fd.Value, noise))
                    {
                        if (statistics is not null && vectorized)
                            statistics.DerivativeAtSmallerStep++;
                        continue;
                    }
                    return ($"{name} against finite differences ({mode})", $"{name} gives {R(value)}, central differences {R(fd.Value)} (at h: {R(fd.Value + fd.SignedDiscrepancy)}), rounding noise {R(noise)}, allowed {R(allowed)}");
                }
            }
            var secondOrder = CheckHessianVector(point, original, stage);
            if (secondOrder is not null)
                return secondOrder;
            if (statistics is not null)
                statistics.Points++;
            return null;
        }

        /// <summary>
        /// The Hessian-vector product along ẋ (SIMD off): its value and outputs are the original's bit for
        /// bit, its gradient is the adjoint's, and ⟨ẋ, H·ẋ⟩ — H the Hessian of φ = ⟨ȳ, y⟩ — is the central
        /// difference of the adjoint's ⟨∇φ, ẋ⟩ along ẋ where that is smooth (in double; float's is noise), at a step
        /// that resolves the gradient (<see cref="SmallerStepConfirms"/>).
        /// </summary>
        private (string Check, string Detail)? CheckHessianVector(Point point, Outcome original, Action<string> stage)
        {
            Simd.IsEnabled = false;
            stage("HessianVector (SIMD off)");
            var (product, gradient, curvature, curvatureScale) = HessianVector(point);
            var mismatch = ComparePrimal(original, product, vectorized: false);
            if (mismatch is not null)
                return ("primal of HessianVector (SIMD off)", mismatch);
            stage("Adjoint (SIMD off)");
            var adjointGradient = Adjoint(point).Derivative;
            var (relative, absolute) = FuzzTolerances.DotProduct(isFloat);
            if (Math.Abs(gradient - adjointGradient) > relative * gradientScale + absolute)
                return ("gradient of HessianVector", $"⟨Jᵀȳ, ẋ⟩ from HessianVector = {R(gradient)}, from Adjoint = {R(adjointGradient)} (allowed {R(relative * gradientScale + absolute)})");
            if (isFloat || !double.IsFinite(curvature))
                return null;

            stage("Adjoint along ẋ (finite differences of the gradient)");
            var (h, epsilon, stability, fdRelative, fdAbsolute) = FuzzTolerances.FiniteDifference(isFloat);
            double Slope(double t, out double magnitude)
            {
                var slope = Adjoint(Shifted(point, t)).Derivative;
                magnitude = gradientScale;
                return slope;
            }
            var plus = Slope(h, out _);
            var minus = Slope(-h, out _);
            var halfPlus = Slope(h / 2, out var halfPlusMagnitude);
            var halfMinus = Slope(-h / 2, out var halfMinusMagnitude);
            if (!double.IsFinite(plus) || !double.IsFinite(minus) || !double.IsFinite(halfPlus) || !double.IsFinite(halfMinus))
                return null;
            var coarse = (plus - minus) / (2 * h);
            var fine = (halfPlus - halfMinus) / h;
            var noise = 64 * epsilon * (halfPlusMagnitude + halfMinusMagnitude) / h;
            var discrepancy = Math.Abs(coarse - fine);
            // A kink of the gradient (Abs, Max, a branch) within the step shows as differences that
            // disagree; so does a function near overflow, whose differences are noise (seed 1521: 10²⁹⁰).
            if (discrepancy > stability * Math.Abs(fine) + 4 * noise + fdAbsolute)
                return null;
            // So does a gradient at the point that is not where its neighbours' meet: the function jumps
            // there (seed 102204: φ at the point lies 2.4·10⁻⁵ off the value both sides tend to, so its
            // slope is 231304 where both sides' is 12.25), and differences beside it say nothing of it.
            if (Math.Abs(adjointGradient - (halfPlus + halfMinus) / 2) > stability * Math.Abs(adjointGradient) + 4 * noise + fdAbsolute + discrepancy)
                return null;
            // The product's own rounding grows with the terms it sums, not with their sum.
            var allowed = fdRelative * Math.Max(Math.Abs(curvature), Math.Abs(fine)) + 2 * noise + 64 * epsilon * curvatureScale + discrepancy + fdAbsolute;
            if (Math.Abs(curvature - fine) <= allowed)
                return null;
            // The product's tangents cancel as Forward's do (seed 652), and its rounding noise is measured the same way.
            var curvatureNoise = CurvatureRoundingNoise(point, curvature);
            allowed += 4 * curvatureNoise;
            // The differences divide the gradient's own rounding noise by the step: where its terms cancel
            // (seed 109906: a slope of −1.6·10⁸ from squares of a value grown in a loop) they wander by 10⁻⁴
            // around the product as h shrinks from 2⁻¹⁰ to 2⁻¹⁸, instead of converging to it.
            var gradientNoise = Math.Abs(curvature - fine) > allowed ? RoundingNoise(point, forwardMode: false, adjointGradient) : 0;
            allowed += 8 * gradientNoise / h;
            if (Math.Abs(curvature - fine) <= allowed)
                return null;
            if (SmallerStepConfirms(Slope, curvature, fine, fdRelative * Math.Abs(curvature) + 64 * epsilon * curvatureScale + 4 * curvatureNoise + fdAbsolute, gradientNoise))
            {
                if (statistics is not null)
                    statistics.CurvatureAtSmallerStep++;
                return null;
            }
            return ("HessianVector against differences of the gradient", $"⟨ẋ, H·ẋ⟩ = {R(curvature)} from HessianVector, central differences of ⟨∇φ, ẋ⟩ {R(fine)} (at h: {R(coarse)}), rounding noise {R(curvatureNoise)} (of the gradient {R(gradientNoise)}), allowed {R(allowed)}");
        }

        private delegate double SlopeAt(double t, out double magnitude);

        /// <summary>
        /// Whether the gradient's differences at a step below h (h/4, h/16, …, h/4¹⁵) that resolves what h did not confirm
        /// the product. A step must resolve the gradient: one spanning many periods of an oscillation averages it away at
        /// h and h/2 alike, so the two agree and yet miss its curvature. Seed 181346: cos(p), p = 2³²·∛(x₀ + 0.3) ≈ 4.6·10⁹,
        /// turns by 1.5·10⁵ radians within h = 2⁻¹⁴ (a period along ẋ is 2⁻²⁸·⁵) and adds −4.58·10¹⁹ to the product
        /// −1.4185·10²⁰ (its closed form); the differences stay near −9.60·10¹⁹ from 2⁻¹⁴ down to 2⁻²⁸ and come within
        /// 0.25 % of the product from 2⁻³⁴ on. A step resolves it where its differences are smooth and have moved from
        /// their value at h by more than half the disagreement and twice their own allowance: the differences of a
        /// function that h resolves stay put, so a wrong product there finds no such step and still fails. The finest
        /// verdict decides — that of the resolving step with the smallest allowance — not the first that agrees, which
        /// would let the noisiest step pass a product off by as much as its noise. The noise is the gradient's measured
        /// rounding noise over the step, as at h, and a step whose noise alone is half the disagreement says nothing of it.
        /// </summary>
        private static bool SmallerStepConfirms(SlopeAt slope, double curvature, double differenceAtH, double productAllowance, double gradientNoise)
        {
            var (h, _, stability, _, absolute) = FuzzTolerances.FiniteDifference(isFloat: false);
            var gap = Math.Abs(curvature - differenceAtH);
            var (finest, confirmed) = (double.PositiveInfinity, false);
            for (var k = 1; k <= 15; k++)
            {
                h /= 4;
                var noise = 2 * gradientNoise / h;
                if (productAllowance + 4 * noise > gap / 2)
                    break;
                var coarse = (slope(h, out _) - slope(-h, out _)) / (2 * h);
                var fine = (slope(h / 2, out _) - slope(-h / 2, out _)) / h;
                if (!double.IsFinite(coarse) || !double.IsFinite(fine))
                    break;
                var discrepancy = Math.Abs(coarse - fine);
                if (discrepancy > stability * Math.Abs(fine) + 4 * noise + absolute)
                    continue;
                var allowed = productAllowance + 4 * noise + discrepancy;
                var moved = Math.Abs(fine - differenceAtH);
                if (moved <= gap / 2 || moved <= 2 * allowed || allowed >= finest)
                    continue;
                (finest, confirmed) = (allowed, Math.Abs(curvature - fine) <= allowed);
            }
            return confirmed;
        }

        /// <summary>
        /// Whether central differences at steps smaller than the usual one (h/4, h/16, …) resolve a derivative that those at h
        /// did not: a turn of φ within a few steps of the point (a kink of Max or Clamp of values near 1e22, seed 370995) makes
        /// the usual differences wander while passing the smoothness tests. As for Hessian-vector products
        /// (<see cref="SmallerStepConfirms"/>), only a step whose differences are smooth and moved from those at h by more than
        /// half the disagreement has a say, and the one with the smallest allowance decides. Smooth there, φ's differences tend
        /// to the derivative, so agreeing with them is agreeing with it.
        /// </summary>
        private bool SmallerStepConfirmsDerivative(Point point, double value, double differenceAtH, double valueNoise)
        {
            var (h, epsilon, stability, relative, absolute) = FuzzTolerances.FiniteDifference(isFloat: false);
            var gap = Math.Abs(value - differenceAtH);
            var (finest, confirmed) = (double.PositiveInfinity, false);
            for (var k = 1; k <= 10; k++)
            {
                h /= 4;
                var plus = Phi(point, h, out var plusMagnitude);
                var minus = Phi(point, -h, out var minusMagnitude);
                var halfPlus = Phi(point, h / 2);
                var halfMinus = Phi(point, -h / 2);
                if (!double.IsFinite(plus) || !double.IsFinite(minus) || !double.IsFinite(halfPlus) || !double.IsFinite(halfMinus))
                    break;
                var noise = 64 * epsilon * (plusMagnitude + minusMagnitude) / h;
                if (4 * noise > gap / 2)
                    break;
                var coarse = (plus - minus) / (2 * h);
                var fine = (halfPlus - halfMinus) / h;
                var discrepancy = Math.Abs(coarse - fine);
                if (discrepancy > stability * Math.Abs(fine) + 4 * noise + absolute)
                    continue;
                var allowed = relative * Math.Max(Math.Abs(value), Math.Abs(fine)) + 4 * noise + 4 * valueNoise + discrepancy + absolute;
                var moved = Math.Abs(fine - differenceAtH);
                if (moved <= gap / 2 || allowed >= finest)
                    continue;
                (finest, confirmed) = (allowed, Math.Abs(value - fine) <= allowed);
            }
            return confirmed;
        }

        private const int PerturbedRuns = 4;

        private InstrumentedProgram? doubleTwin;
        private bool doubleTwinTried;

        /// <summary>
        /// Whether this float program's double twin confirms a float derivative that float's differences
        /// could not: at the point, the twin takes the original's decisions; at the first of the steps
        /// 2⁻¹⁴, 2⁻¹⁶, …, 2⁻²⁸ where its differences are smooth and it decides as at the point, they agree
        /// with the derivative within float's tolerance and the derivative's own rounding noise.
        /// </summary>
        private bool DoubleTwinConfirms(Point point, double value, double noise)
        {
            if (Instrumented() is not { } program)
                return false;
            if (!doubleTwinTried)
            {
                doubleTwinTried = true;
                doubleTwin = InstrumentedProgram.CreateDoubleTwin(fuzzCase.Source, signature);
            }
            if (doubleTwin is not { } twin)
                return false;
            program.Reset();
            Primal(point, 0, program.Primal);
            var decisions = program.Decisions;
            IReadOnlyList<long> TwinDecisionsAt(double t)
            {
                twin.Reset();
                Primal(point, t, twin.Primal, inDouble: true);
                return twin.Decisions;
            }
            if (!TwinDecisionsAt(0).SequenceEqual(decisions))
                return false;

            var (_, epsilon, stability, _, absolute) = FuzzTolerances.FiniteDifference(isFloat: false);
            var (_, _, _, floatRelative, floatAbsolute) = FuzzTolerances.FiniteDifference(isFloat: true);
            for (var h = 1.0 / 16384; h >= 1.0 / 268435456; h /= 4)
            {
                if (new[] { -h, h }.Any(t => !TwinDecisionsAt(t).SequenceEqual(decisions)))
                    continue;
                var coarse = (Phi(point, h, out _, twin) - Phi(point, -h, out _, twin)) / (2 * h);
                var fine = (Phi(point, h / 2, out var plusMagnitude, twin) - Phi(point, -h / 2, out var minusMagnitude, twin)) / h;
                var differenceNoise = 64 * epsilon * (plusMagnitude + minusMagnitude) / h;
                var discrepancy = Math.Abs(coarse - fine);
                if (!double.IsFinite(fine) || discrepancy > stability * Math.Abs(fine) + 4 * differenceNoise + absolute)
                    continue;
                var allowed = floatRelative * Math.Max(Math.Abs(value), Math.Abs(fine)) + 2 * differenceNoise + discrepancy + floatAbsolute + 4 * noise;
                return Math.Abs(value - fine) <= allowed;
            }
            return false;
        }

        private InstrumentedProgram? instrumented;
        private bool instrumentedTried;

        /// <summary>The instrumented copy of this program, compiled the first time a check needs it; null if it does not compile.</summary>
        private InstrumentedProgram? Instrumented()
        {
            if (!instrumentedTried)
            {
                instrumentedTried = true;
                instrumented = InstrumentedProgram.Create(fuzzCase.Source, generatedSources, signature);
            }
            return instrumented;
        }

        /// <summary>
        /// How far Forward's (or Adjoint's) ⟨ȳ, J·ẋ⟩ moves when each of its roundings moves by an ulp:
        /// the largest deviation over a few perturbed runs. It is tiny for most programs, but large where
        /// a big tangent cancels: a chaotic loop's tangent of 10¹³ or more, cancelled by t − max(x, t),
        /// leaves Forward an error of 10⁻³ in a derivative of 30, while Adjoint, whose cotangents cancel
        /// exactly, is accurate (seed 652).
        /// </summary>
        private double RoundingNoise(Point point, bool forwardMode, double value)
        {
            if (Instrumented() is not { } program)
                return 0;
            var (savedTangentScale, savedGradientScale) = (tangentScale, gradientScale);
            var noise = 0.0;
            for (var run = 0; run < PerturbedRuns; run++)
            {
                var derivative = Perturbed(program, run, () => forwardMode ? Forward(point, program.Forward).Derivative : Adjoint(point, program.Adjoint).Derivative);
                noise = Math.Max(noise, Math.Abs(derivative - value));
            }
            (tangentScale, gradientScale) = (savedTangentScale, savedGradientScale);
            return Unstable(noise);
        }

        /// <summary>
        /// <paramref name="compute"/> in the probe's perturbed mode (seed <paramref name="run"/>), exact again afterwards; NaN when the
        /// program itself throws under the perturbation. Seed 331251: Math.Clamp(1, y, y + 1) at y ≈ 9.3·10¹⁹, where y + 1 rounds to y
        /// and one ulp down is below it, so Clamp throws min &gt; max: rounding decides whether the program runs at all there, and its
        /// noise is unbounded (<see cref="Unstable"/>), as for a perturbed run that goes non-finite.
        /// </summary>
        private static double Perturbed(InstrumentedProgram program, int run, Func<double> compute)
        {
            program.Reset(perturbationSeed: run);
            try
            {
                return compute();
            }
            catch (TargetInvocationException exception) when (exception.InnerException is ArgumentException or ArithmeticException)
            {
                return double.NaN;
            }
            finally
            {
                program.Reset();
            }
        }

        /// <summary>
        /// A derivative that a perturbed run made non-finite has no digit that rounding does not decide:
        /// its noise is unbounded. Seed 40254: a loop runs while v &lt; v + x, which one ulp keeps going
        /// past 10³⁰ until Pow overflows; the finite differences of sin(v) there are meaningless.
        /// </summary>
        private static double Unstable(double noise) => double.IsNaN(noise) ? double.PositiveInfinity : noise;

        /// <summary>The same for HessianVector's ⟨ẋ, H·ẋ⟩.</summary>
        private double CurvatureRoundingNoise(Point point, double value)
        {
            if (Instrumented() is not { } program)
                return 0;
            var noise = 0.0;
            for (var run = 0; run < PerturbedRuns; run++)
                noise = Math.Max(noise, Math.Abs(Perturbed(program, run, () => HessianVector(point, program.HessianVector).Curvature) - value));
            return Unstable(noise);
        }

        /// <summary>The same for the original's results and outputs, in <see cref="ComparePrimal"/>'s order.</summary>
        private double[]? PrimalRoundingNoise(Point point, Outcome original)
        {
            if (Instrumented() is not { } program)
                return null;
            var expected = Values(original);
            var noise = new double[expected.Length];
            for (var run = 0; run < PerturbedRuns; run++)
            {
                double[]? perturbed = null;
                Perturbed(program, run, () => (perturbed = Values(Primal(point, 0, program.Primal))).Length);
                for (var i = 0; i < noise.Length; i++)
                {
                    noise[i] = perturbed is null ? double.PositiveInfinity
                        : Math.Max(noise[i], double.IsFinite(perturbed[i] - expected[i]) ? Math.Abs(perturbed[i] - expected[i]) : 0);
                }
            }
            return noise;
        }

        /// <summary>Whether the original, run exactly at x + t·ẋ, computed a non-finite intermediate.</summary>
        private bool HasNonFiniteIntermediate(Point point)
        {
            if (Instrumented() is not { } program)
                return false;
            program.Reset();
            Primal(point, 0, program.Primal);
            return program.NonFinite;
        }

        private InstrumentedProgram? differentiatedTwin;
        private bool differentiatedTwinTried;

        /// <summary>
        /// Whether a float program's non-finite Forward or Adjoint is float's range at work, not a defect:
        /// computed in double by the generator's code for the double twin, the same derivative is finite, but
        /// one of its intermediates — a tangent or cotangent the original never computes — exceeds
        /// float.MaxValue. Seed 90766: s grows to 10¹⁹ in a loop while its tangent grows to −7·10⁷¹, then
        /// tanh′(s) = 0 multiplies it: in float ∞·0 = NaN, in double 0.
        /// </summary>
        private bool DerivativeLeavesFloatRange(Point point, double forward, double adjoint)
        {
            if (!isFloat)
                return false;
            if (!differentiatedTwinTried)
            {
                differentiatedTwinTried = true;
                differentiatedTwin = InstrumentedProgram.CreateDoubleTwin(fuzzCase.Source, signature, differentiated: true);
            }
            if (differentiatedTwin is not { } twin)
                return false;
            bool Explains(double floatDerivative, Func<Outcome> inDouble)
            {
                if (double.IsFinite(floatDerivative))
                    return true;
                twin.Reset();
                return double.IsFinite(inDouble().Derivative) && !twin.NonFinite && twin.Largest > float.MaxValue;
            }
            return Explains(forward, () => Forward(point, twin.Forward, inDouble: true))
                && Explains(adjoint, () => Adjoint(point, twin.Adjoint, inDouble: true));
        }

        /// <summary>Whether the original decides some comparison or piece differently somewhere on x + t·ẋ, |t| ≤ h.</summary>
        private bool BranchesDifferWithinStep(Point point, double h)
        {
            if (Instrumented() is not { } program)
                return false;
            IReadOnlyList<long> DecisionsAt(double t)
            {
                program.Reset();
                Primal(point, t, program.Primal);
                return program.Decisions;
            }
            var center = DecisionsAt(0);
            return new[] { -h, -h / 2, h / 2, h }.Any(t => !DecisionsAt(t).SequenceEqual(center));
        }

        /// <summary>The point moved by t·ẋ (the active inputs only; ẋ is 0 elsewhere).</summary>
        private Point Shifted(Point point, double t) => point with
        {
            Scalars = [.. point.Scalars.Select((v, i) => PointShift.Along(v, t, point.ScalarDot[i]))],
            Spans = [.. point.Spans.Select((values, i) => spans[i].Kind == ParameterKind.Input && spans[i].IsActive
                ? values.Select((v, j) => PointShift.Along(v, t, point.SpanDot[i]![j])).ToArray()
                : values)],
        };

        /// <summary>The product along ẋ (ȳ's tangent 0): its primal outcome, ⟨∇φ, ẋ⟩ from its gradient, ⟨ẋ, H·ẋ⟩ and Σ|terms| of the latter.</summary>
        private (Outcome Outcome, double Gradient, double Curvature, double CurvatureScale) HessianVector(Point point, MethodInfo? via = null)
        {
            var s = ToT(point.Scalars);
            var sDot = ToT(point.ScalarDot);
            var sBar = ToT(new double[point.Scalars.Length]);
            var sBarDot = ToT(new double[point.Scalars.Length]);
            var sp = SpanArrays(point, 0);
            var spDot = Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Output ? new double[point.Spans[i].Length] : point.SpanDot[i]));
            var spBar = Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Output ? point.OutputBar[i]
                : span.IsActive ? new double[point.Spans[i].Length] : null));
            var spBarDot = Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Output || span.IsActive ? new double[point.Spans[i].Length] : null));
            object resultBar = isFloat ? (object)(float)point.ResultBar : point.ResultBar;
            var result = ToDouble((via ?? hessianVector).Invoke(null, [s, sDot, sBar, sBarDot, point.Ints.ToArray(), sp, spDot, spBar, spBarDot, resultBar]));

            var (bars, barDots) = (Read(sBar), Read(sBarDot));
            double gradient = 0, curvature = 0, scale = 0;
            foreach (var i in scalarIndexes)
            {
                gradient += Weighted(point.ScalarDot[i], bars[i]);
                curvature += Weighted(point.ScalarDot[i], barDots[i]);
                scale += Math.Abs(Weighted(point.ScalarDot[i], barDots[i]));
            }
            var (barArrays, barDotArrays) = ((Array)spBar, (Array)spBarDot);
            for (var k = 0; k < spans.Length; k++)
            {
                if (!spans[k].IsActive || spans[k].Kind != ParameterKind.Input)
                    continue;
                var (bar, barDot, dot) = (Read(barArrays.GetValue(k)!), Read(barDotArrays.GetValue(k)!), point.SpanDot[k]!);
                for (var i = 0; i < bar.Length; i++)
                {
                    gradient += Weighted(dot[i], bar[i]);
                    curvature += Weighted(dot[i], barDot[i]);
                    scale += Math.Abs(Weighted(dot[i], barDot[i]));
                }
            }
            return (new Outcome(result, Outputs(sp), 0), gradient, curvature, scale);
        }

        /// <summary>What an output's tangent holds before Forward is called: Forward must overwrite all of it.</summary>
        private const double UnsetTangent = 1000;

        /// <summary>The result (unless void), then each output's elements.</summary>
        private double[] Values(Outcome outcome)
            => [.. (signature.IsVoid ? [] : new[] { outcome.Result }).Concat(outcome.Outputs.SelectMany(o => o))];

        private string? ComparePrimal(Outcome expected, Outcome actual, bool vectorized, Point? point = null)
        {
            var names = (signature.IsVoid ? [] : new[] { "the result" })
                .Concat(expected.Outputs.SelectMany((values, o) => values.Select((_, i) => $"output {o} element {i}"))).ToList();
            var (expectedValues, actualValues) = (Values(expected), Values(actual));
            var (relative, absolute) = FuzzTolerances.PrimalVector(isFloat);
            double[]? noise = null;
            for (var k = 0; k < names.Count; k++)
            {
                var (what, e, a) = (names[k], expectedValues[k], actualValues[k]);
                var same = BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a) || (double.IsNaN(e) && double.IsNaN(a));
                if (same)
                    continue;
                if (!vectorized)
                    return $"{what}: the original gives {R(e)}, this gives {R(a)} (must be bit for bit)";
                if (Math.Abs(e - a) <= relative * Math.Abs(e) + absolute || (double.IsInfinity(e) && e == a))
                    continue;
                // SIMD reassociates sums and rounds Exp/Log/Sin/Cos differently; a computation that
                // amplifies its roundings (a loop that feeds s back through sin and tanh 25 times,
                // seed 2476) amplifies those as much, which the original's own perturbed runs measure.
                noise ??= point is null ? null : PrimalRoundingNoise(point, expected);
                var allowed = relative * Math.Abs(e) + absolute + 4 * (noise?[k] ?? 0);
                if (Math.Abs(e - a) <= allowed)
                {
                    if (statistics is not null)
                        statistics.IllConditioned++;
                    continue;
                }
                return $"{what}: the original gives {R(e)}, this gives {R(a)} (allowed {R(allowed)}{(noise is null ? "" : $", rounding noise {R(noise[k])}")})";
            }
            return null;
        }

        // Filled by Forward and Adjoint: Σ|ȳᵢ(Jẋ)ᵢ| and Σ|(Jᵀȳ)ⱼẋⱼ| of the last calls.
        private double tangentScale;
        private double gradientScale;

        private readonly record struct Estimate(double Value, double Noise, double Discrepancy, double SignedDiscrepancy, bool Smooth);

        private Estimate? FiniteDifference(Point point)
        {
            var (h, epsilon, stability, _, absolute) = FuzzTolerances.FiniteDifference(isFloat);
            var plus = Phi(point, h);
            var minus = Phi(point, -h);
            var halfPlus = Phi(point, h / 2, out var halfPlusMagnitude);
            var halfMinus = Phi(point, -h / 2, out var halfMinusMagnitude);
            if (!double.IsFinite(plus) || !double.IsFinite(minus) || !double.IsFinite(halfPlus) || !double.IsFinite(halfMinus))
                return null;
            var coarse = (plus - minus) / (2 * h);
            var fine = (halfPlus - halfMinus) / h;
            // Rounding noise scales with the terms of φ = Σ ȳᵢyᵢ before they cancel, not with φ: outputs
            // near 3·10¹⁶ whose ȳ sum to 0 give a tiny φ, while each output has absorbed the O(1) input
            // it adds (seed 4933: t ← t/2 + t² seven times, then o[i] = t + x[i]; φ is flat to the last bit).
            var noise = 64 * epsilon * (halfPlusMagnitude + halfMinusMagnitude) / h;
            var discrepancy = Math.Abs(coarse - fine);
            var smooth = discrepancy <= stability * Math.Abs(fine) + 4 * noise + absolute;

            // A kink closer than the step fools the first test (both differences straddle it alike) but
            // not the second difference: smooth, it tends to φ''; across a kink it grows like 1/h.
            var center = Phi(point, 0);
            var curvature = (plus - 2 * center + minus) / (h * h);
            var fineCurvature = (halfPlus - 2 * center + halfMinus) / (h * h / 4);
            var curvatureNoise = 4 * 64 * epsilon * (Math.Abs(halfPlus) + 2 * Math.Abs(center) + Math.Abs(halfMinus)) / (h * h / 4);
            smooth &= Math.Abs(curvature - fineCurvature) <= 0.25 * Math.Max(Math.Abs(curvature), Math.Abs(fineCurvature)) + curvatureNoise + absolute;
            return new Estimate(fine, noise, discrepancy, coarse - fine, smooth);
        }

        /// <summary>
        /// Whether a third step, h/4, confirms that the differences are in their asymptotic regime, where
        /// D(h/2) − D(h/4) is about a quarter of D(h) − D(h/2); the smoothness test sees only the latter,
        /// which two coarse steps can make small by chance. Float's h = 2⁻⁶ is coarse for a function that
        /// turns within it: sin(a + sin a) of a = 32·x (seed 12818) gives D(h) = 104.39, D(h/2) = 104.49,
        /// D(h/4) = 103.94, the derivative being 103.70.
        /// </summary>
        private bool FiniteDifferencesConverge(Point point, Estimate estimate)
        {
            var (h, epsilon, _, _, absolute) = FuzzTolerances.FiniteDifference(isFloat);
            var plus = Phi(point, h / 4, out var plusMagnitude);
            var minus = Phi(point, -h / 4, out var minusMagnitude);
            var quarter = (plus - minus) / (h / 2);
            var noise = 64 * epsilon * (plusMagnitude + minusMagnitude) / (h / 2);
            return Math.Abs(estimate.Value - quarter) <= 0.5 * estimate.Discrepancy + 4 * noise + absolute;
        }

        /// <summary>φ(t) = ⟨ȳ, y(x + t·ẋ)⟩ through the original method.</summary>
        private double Phi(Point point, double t) => Phi(point, t, out _);

        /// <summary>φ(t), and Σ |ȳᵢ·yᵢ|: the size of its terms, which bounds its rounding.</summary>
        private double Phi(Point point, double t, out double magnitude, InstrumentedProgram? doubleTwin = null)
        {
            var outcome = doubleTwin is null ? Primal(point, t) : Primal(point, t, doubleTwin.Primal, inDouble: true);
            var phi = point.ResultBar * outcome.Result;
            magnitude = Math.Abs(phi);
            var o = 0;
            for (var s = 0; s < spans.Length; s++)
            {
                if (spans[s].Kind != ParameterKind.Output)
                    continue;
                var bar = point.OutputBar[s]!;
                for (var i = 0; i < bar.Length; i++)
                {
                    phi += bar[i] * outcome.Outputs[o][i];
                    magnitude += Math.Abs(bar[i] * outcome.Outputs[o][i]);
                }
                o++;
            }
            return phi;
        }

        /// <param name="inDouble">Whether <paramref name="via"/> is a double twin's: its arrays are double whatever the program's type.</param>
        private Outcome Primal(Point point, double t, MethodInfo? via = null, bool inDouble = false)
        {
            var s = ToT(point.Scalars.Select((v, i) => PointShift.Along(v, t, point.ScalarDot[i])).ToArray(), inDouble);
            var sp = SpanArrays(point, t, inDouble);
            var result = ToDouble((via ?? primal).Invoke(null, [s, point.Ints.ToArray(), sp]));
            return new Outcome(result, Outputs(sp), 0);
        }

        private Outcome Forward(Point point, MethodInfo? via = null, bool inDouble = false)
        {
            var s = ToT(point.Scalars, inDouble);
            var sDot = ToT(point.ScalarDot, inDouble);
            var sp = SpanArrays(point, 0, inDouble);
            // Forward sets every element of an output's tangent, written or not: a buffer reused from an
            // earlier call holds anything, so it starts here as 1000 rather than 0, which would hide a missed clear.
            var spDot = Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Output ? Enumerable.Repeat(UnsetTangent, point.Spans[i].Length).ToArray() : point.SpanDot[i]), inDouble);
            var resultDot = ToT(new double[1], inDouble);
            var arguments = new object?[] { s, sDot, point.Ints.ToArray(), sp, spDot, resultDot };
            var result = ToDouble((via ?? forward).Invoke(null, arguments));

            var derivative = Weighted(point.ResultBar, Read(resultDot)[0]);
            var scale = Math.Abs(derivative);
            var dots = Outputs(spDot);
            var o = 0;
            for (var k = 0; k < spans.Length; k++)
            {
                if (spans[k].Kind != ParameterKind.Output)
                    continue;
                var bar = point.OutputBar[k]!;
                for (var i = 0; i < bar.Length; i++)
                {
                    derivative += Weighted(bar[i], dots[o][i]);
                    scale += Math.Abs(Weighted(bar[i], dots[o][i]));
                }
                o++;
            }
            tangentScale = scale;
            return new Outcome(result, Outputs(sp), derivative);
        }

        private Outcome Adjoint(Point point, MethodInfo? via = null, bool inDouble = false)
        {
            var s = ToT(point.Scalars, inDouble);
            var sBar = ToT(new double[point.Scalars.Length], inDouble);
            var sp = SpanArrays(point, 0, inDouble);
            var spBar = Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Output ? point.OutputBar[i]
                : span.IsActive ? new double[point.Spans[i].Length] : null), inDouble);
            object resultBar = isFloat && !inDouble ? (object)(float)point.ResultBar : point.ResultBar;
            var result = ToDouble((via ?? adjoint).Invoke(null, [s, sBar, point.Ints.ToArray(), sp, spBar, resultBar]));

            var bars = Read(sBar);
            double derivative = 0, scale = 0;
            foreach (var i in scalarIndexes)
            {
                derivative += Weighted(point.ScalarDot[i], bars[i]);
                scale += Math.Abs(Weighted(point.ScalarDot[i], bars[i]));
            }
            var barArrays = (Array)spBar;
            for (var k = 0; k < spans.Length; k++)
            {
                if (!spans[k].IsActive || spans[k].Kind != ParameterKind.Input)
                    continue;
                var bar = Read(barArrays.GetValue(k)!);
                var dot = point.SpanDot[k]!;
                for (var i = 0; i < bar.Length; i++)
                {
                    derivative += Weighted(dot[i], bar[i]);
                    scale += Math.Abs(Weighted(dot[i], bar[i]));
                }
            }
            gradientScale = scale;
            return new Outcome(result, Outputs(sp), derivative);
        }

        private object SpanArrays(Point point, double t, bool inDouble = false)
            => Jagged(spans.Select((span, i) => span.Kind == ParameterKind.Input && span.IsActive
                ? point.Spans[i].Select((v, j) => PointShift.Along(v, t, point.SpanDot[i]![j])).ToArray()
                : point.Spans[i]), inDouble);

        private double[][] Outputs(object jagged)
        {
            var arrays = (Array)jagged;
            return [.. spans.Select((span, i) => (span, i)).Where(x => x.span.Kind == ParameterKind.Output).Select(x => Read(arrays.GetValue(x.i)!))];
        }

        private object ToT(double[] values, bool inDouble = false) => isFloat && !inDouble ? values.Select(v => (float)v).ToArray() : values.ToArray();

        private object Jagged(IEnumerable<double[]?> arrays, bool inDouble = false)
            => isFloat && !inDouble
                ? arrays.Select(a => a?.Select(v => (float)v).ToArray()).ToArray()
                : arrays.Select(a => a?.ToArray()).ToArray();

        /// <summary>
        /// One term of ⟨ȳ, J·ẋ⟩ or ⟨Jᵀȳ, ẋ⟩: a component that the zero weight leaves out of the product is
        /// not part of it, even when it overflowed. A float tangent of 10³⁹ in an output whose ȳ is 0 —
        /// s ← s·(1 + sin(s)/2) iterated 100 times, then o[0] = |s| (seed 7918) — would otherwise make
        /// the product 0·∞ = NaN, where the adjoint (whose cotangents are all 0 there) gives 0.
        /// </summary>
        private static double Weighted(double weight, double component) => weight == 0 ? 0 : weight * component;

        private static double[] Read(object array)
            => array is float[] floats ? [.. floats.Select(v => (double)v)] : [.. (double[])array];

        private static double ToDouble(object? value) => value is float f ? f : (double)value!;

        private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
