using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Differential fuzzing of matrix programs: random <c>[Differentiable]</c> methods over
/// <c>Matrix&lt;double&gt;</c> parameters (two active, one <c>[NoDiff]</c>) built from the operators and
/// <c>Ops</c> functions on square matrices — locals, products, transposes, elementwise functions,
/// constant and active scalars on either side of every operator — reduced to a scalar; matrix code only at the top level, as AutoGrad
/// requires. Each is compiled with the real generator and checked at random points and sizes
/// (1×1 to 5×5) like the scalar programs: the primal values of Forward and Adjoint against the
/// original bit for bit (SIMD off), Forward against Adjoint (the dot-product test), and both against
/// central finite differences (every function used is smooth: no Abs, Relu or Max).
/// <para><c>AUTOGRAD_MATRIX_FUZZ_COUNT</c> sets the number of programs (default 48),
/// <c>AUTOGRAD_FUZZ_SEED</c> the first seed.</para>
/// </summary>
[Collection(SimdSwitchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class MatrixFuzzTests(ITestOutputHelper output)
{
    private const int BatchSize = 24;

    [Fact]
    public void Generated_matrix_derivatives_agree_with_the_originals_on_random_programs()
    {
        var count = Setting("AUTOGRAD_MATRIX_FUZZ_COUNT", 48);
        var first = Setting("AUTOGRAD_FUZZ_SEED", 1);
        var failures = new List<string>();
        var points = 0;
        for (var start = 0; start < count; start += BatchSize)
        {
            var seeds = Enumerable.Range(first + start, Math.Min(BatchSize, count - start)).ToList();
            var sources = seeds.Select(seed => MatrixProgram.Generate(seed)).ToArray();
            var run = GeneratorHarness.Run(sources);
            Assert.Null(run.GeneratorException);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics) + Environment.NewLine + string.Join(Environment.NewLine, sources));
            run.AssertOutputCompiles();
            var simd = Simd.IsEnabled;
            try
            {
                foreach (var seed in seeds)
                {
                    var failure = Check(run, seed, ref points);
                    if (failure is not null)
                        failures.Add($"Seed {seed}: {failure}{Environment.NewLine}{MatrixProgram.Generate(seed)}");
                }
            }
            finally
            {
                Simd.IsEnabled = simd;
            }
        }
        output.WriteLine($"Matrix programs {first}..{first + count - 1}: {points} points checked, {failures.Count} failed.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    private static string? Check(GeneratorRun run, int seed, ref int points)
    {
        var type = $"Fuzz.M{seed.ToString(CultureInfo.InvariantCulture)}";
        var random = new Random(seed * 7919 + 17);
        for (var p = 0; p < 3; p++)
        {
            var n = random.Next(1, 6);
            double Grid() => Math.Round((random.NextDouble() * 2 - 1) * 1048576) / 1048576;
            double[] Values() => [.. Enumerable.Range(0, n * n).Select(_ => Grid())];
            double[] Direction() => [.. Enumerable.Range(0, n * n).Select(_ => (double)random.Next(-3, 4))];
            var (a, b, c, aDot, bDot) = (Values(), Values(), Values(), Direction(), Direction());
            var (s, sDot) = (Grid(), (double)random.Next(-3, 4));
            var resultBar = (double)random.Next(1, 4);
            Matrix<double> M(double[] values) => new([.. values], n, n);
            // The active scalar s, when the program has it, comes last: F(A, B, C, s).
            object?[] Scalar(params object?[] partners) => FuzzPatterns.MatrixScalarOperands ? [s, .. partners] : [];
            double Primal(double t)
                => (double)run.Invoke(type, "F", [M(a.Select((v, i) => PointShift.Along(v, t, aDot[i])).ToArray()), M(b.Select((v, i) => PointShift.Along(v, t, bDot[i])).ToArray()), M(c),
                    .. FuzzPatterns.MatrixScalarOperands ? new object[] { PointShift.Along(s, t, sDot) } : []]).Result!;

            Simd.IsEnabled = false;
            var original = Primal(0);
            var (forwardValue, forwardArguments) = run.Invoke(type, "FForward", [M(a), M(aDot), M(b), M(bDot), M(c), .. Scalar(sDot), null]);
            var (aBar, bBar) = (new Matrix<double>(n, n), new Matrix<double>(n, n));
            var (adjointValue, adjointArguments) = run.Invoke(type, "FAdjoint", [M(a), aBar, M(b), bBar, M(c), .. Scalar(0.0), resultBar]);
            var sBar = FuzzPatterns.MatrixScalarOperands ? (double)adjointArguments[6]! : 0;
            if (!double.IsFinite(original))
                continue;
            foreach (var (name, value) in new[] { ("Forward", (double)forwardValue!), ("Adjoint", (double)adjointValue!) })
            {
                if (BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(original))
                    return $"n = {n}: the primal of {name} is {R(value)}, the original's {R(original)} (must be bit for bit)";
            }

            var tangent = resultBar * (double)forwardArguments[^1]!;
            double gradient = sBar * sDot, scale = Math.Abs(tangent) + Math.Abs(sBar * sDot);
            for (var i = 0; i < n * n; i++)
            {
                gradient += aBar.Span[i] * aDot[i] + bBar.Span[i] * bDot[i];
                scale += Math.Abs(aBar.Span[i] * aDot[i]) + Math.Abs(bBar.Span[i] * bDot[i]);
            }
            if (Math.Abs(tangent - gradient) > 1e-10 * scale + 1e-12)
                return $"n = {n}: dot product: ⟨ȳ, J·ẋ⟩ = {R(tangent)} from Forward, ⟨Jᵀȳ, ẋ⟩ = {R(gradient)} from Adjoint";

            // Central differences at h and h/2 (exact steps on the dyadic grid); every function is smooth.
            const double h = 1.0 / 16384;
            var coarse = resultBar * (Primal(h) - Primal(-h)) / (2 * h);
            var fine = resultBar * (Primal(h / 2) - Primal(-h / 2)) / h;
            var noise = 64 * 2.220446049250313e-16 * resultBar * (Math.Abs(Primal(h / 2)) + Math.Abs(Primal(-h / 2))) / h;
            var allowed = 1e-6 * Math.Max(Math.Abs(fine), Math.Abs(tangent)) + 2 * noise + Math.Abs(coarse - fine) + 1e-9;
            if (Math.Abs(tangent - fine) > allowed)
                return $"n = {n}: Forward gives {R(tangent)}, central differences {R(fine)} (at h: {R(coarse)}), allowed {R(allowed)}";
            points++;
        }
        return null;
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A random matrix program from a seed: a few matrix locals, then a scalar reduction.</summary>
internal static class MatrixProgram
{
    public static string Generate(int seed)
    {
        var random = new Random(seed);
        var names = new List<string> { "A", "B", "C" };
        var body = new StringBuilder();
        var locals = random.Next(0, 4);
        for (var i = 0; i < locals; i++)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"        var t{i} = {Matrix(random, names, 3)};");
            names.Add($"t{i}");
        }
        // The result reads an active parameter for sure, so it is never constant.
        var active = random.Next(2) == 0 ? "A" : "B";
        var reduced = random.Next(4) switch
        {
            0 => $"Sum({Matrix(random, names, 2)} * {active})",
            1 => $"Mean({Matrix(random, names, 2)} + {active})",
            2 => $"SumOfSquares({Matrix(random, names, 2)} - {active})",
            _ => $"Mse(MatMul({Matrix(random, names, 2)}, {active}), C)",
        };
        var scale = random.Next(3) == 0 ? "0.5 * " : "";
        if (FuzzPatterns.MatrixScalarOperands && random.Next(3) == 0)
            scale = $"{Scalar(random)} * ";
        body.AppendLine(CultureInfo.InvariantCulture, $"        return {scale}{reduced};");
        return $$"""
            using System;
            using AutoGrad;
            using static AutoGrad.Ops;

            namespace Fuzz;

            public static partial class M{{seed.ToString(CultureInfo.InvariantCulture)}}
            {
                [Differentiable]
                public static double F(Matrix<double> A, Matrix<double> B, [NoDiff] Matrix<double> C{{(FuzzPatterns.MatrixScalarOperands ? ", double s" : "")}})
                {
            {{body}}    }
            }
            """;
    }

    /// <summary>An expression of the active scalar parameter s.</summary>
    private static string Scalar(Random random) => random.Next(4) switch
    {
        0 => "Math.Sin(s)",
        1 => "(s * s)",
        2 => "(0.5 * s)",
        _ => "s",
    };

    private static string Matrix(Random random, List<string> names, int depth)
    {
        if (depth <= 0 || random.Next(10) < 3)
            return names[random.Next(names.Count)];
        string Child() => Matrix(random, names, depth - 1);
        // The active scalar on either side of every operator: matrix − scalar gave CS0411 in generated code.
        if (FuzzPatterns.MatrixScalarOperands && random.Next(4) == 0)
        {
            var scalar = Scalar(random);
            return random.Next(8) switch
            {
                0 => $"({scalar} + {Child()})",
                1 => $"({Child()} + {scalar})",
                2 => $"({scalar} - {Child()})",
                3 => $"({Child()} - {scalar})",
                4 => $"({scalar} * {Child()})",
                5 => $"({Child()} * {scalar})",
                6 => $"({scalar} / (Square({Child()}) + 1.0))",
                _ => $"({Child()} / ({scalar} * {scalar} + 1.0))",
            };
        }
        return random.Next(16) switch
        {
            0 => $"({Child()} + {Child()})",
            1 => $"({Child()} - {Child()})",
            2 => $"({Child()} * {Child()})",
            3 => $"MatMul({Child()}, {Child()})",
            4 => $"Transpose({Child()})",
            5 => $"Exp(Tanh({Child()}))",
            6 => $"Sin({Child()})",
            7 => $"Cos({Child()})",
            8 => $"Tanh({Child()})",
            9 => $"Sigmoid({Child()})",
            10 => $"Square({Child()})",
            11 => $"Sqrt(Square({Child()}) + 0.5)",
            12 => $"Log(Square({Child()}) + 1.0)",
            13 => $"(1.5 * {Child()})",
            14 => $"({Child()} / (Square({Child()}) + 1.0))",
            _ => $"(-{Child()})",
        };
    }
}
