using System;
using System.Collections.Generic;
using AutoGrad.Optimization;
using ScottPlot;
using static AutoGrad.Ops;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 8, the abundance solver's exp-link model: coverages F̂ = E·exp(C·A + 1 − D·B) of
/// k sequences in s samples, from log-abundances A and growth rates B (n genomes × s samples);
/// C (m genes × n) says which genome a gene is on, D (m × n) how far it is from the origin of
/// replication, E (k × m) which sequence a gene has. Simulate A and B, make the coverages, then
/// recover A and B from the coverages alone by minimizing Σ(F̂ − F)² with L-BFGS and the
/// generated gradient.
/// </summary>
public static partial class AbundanceSolver
{
    // The notebook's sizes: n = 4 genomes, s = 3 samples, m = 20 genes, k = 12 sequences.
    private const int Genomes = 4, Samples = 3, GenesPerGenome = 5, Genes = Genomes * GenesPerGenome, SequencesPerGenome = 3, Sequences = Genomes * SequencesPerGenome;

    [Differentiable]
    public static double Loss(Matrix<double> A, Matrix<double> B,
        [NoDiff] Matrix<double> C, [NoDiff] Matrix<double> D, [NoDiff] Matrix<double> E, [NoDiff] Matrix<double> F)
        => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("8 Abundance solver");
        var (C, D, E) = Genomics();
        var trueA = Reference.Random(seed: 11, Genomes, Samples, low: 0, high: 2);
        var trueB = Reference.Random(seed: 12, Genomes, Samples, low: 0, high: 1);
        var F = Coverages(trueA, trueB, C, D, E);

        // The notebook's check of the gradient, at the starting point A = B = 0:
        // ∂L/∂A = 2Cᵀ(exp(G) ∘ Eᵀ(F̂ − F)) and ∂L/∂B = −2Dᵀ(exp(G) ∘ Eᵀ(F̂ − F)), G = C·A + 1 − D·B.
        var A = new Matrix<double>(Genomes, Samples);
        var B = new Matrix<double>(Genomes, Samples);
        var ABar = new Matrix<double>(Genomes, Samples);
        var BBar = new Matrix<double>(Genomes, Samples);
        LossAdjoint(A, ABar, B, BBar, C, D, E, F);
        var expG = Reference.Map(Reference.Zip(Reference.MatMul(C, A), Reference.MatMul(D, B), (ca, db) => ca + 1 - db), Math.Exp);
        var inner = Reference.Zip(expG, Reference.MatMul(Reference.Transpose(E), Reference.Zip(Reference.MatMul(E, expG), F, (p, f) => p - f)), (g, r) => g * r);
        var expectedABar = Reference.Map(Reference.MatMul(Reference.Transpose(C), inner), v => 2 * v);
        var expectedBBar = Reference.Map(Reference.MatMul(Reference.Transpose(D), inner), v => -2 * v);
        report.CheckAll("∂L/∂A at A = B = 0 against 2Cᵀ(exp(G) ∘ Eᵀ(F̂ − F))", expectedABar.Span, ABar.Span, new Tolerance(1e-12, 1e-12), "the closed form");
        report.CheckAll("∂L/∂B at A = B = 0 against −2Dᵀ(exp(G) ∘ Eᵀ(F̂ − F))", expectedBBar.Span, BBar.Span, new Tolerance(1e-12, 1e-12), "the closed form");

        // The optimizer works on one flat vector: A's 12 values, then B's. Each evaluation copies
        // them into the matrices, runs the adjoint, and copies the two gradients back out.
        var losses = new List<double>();
        GradientFunction objective = (parameters, gradient) =>
        {
            parameters[..A.Length].CopyTo(A.Span);
            parameters[A.Length..].CopyTo(B.Span);
            ABar.Span.Clear();
            BBar.Span.Clear();
            double loss = LossAdjoint(A, ABar, B, BBar, C, D, E, F);
            ABar.Span.CopyTo(gradient[..A.Length]);
            BBar.Span.CopyTo(gradient[A.Length..]);

            losses.Add(loss);
            if (losses.Count % 25 == 1)
            {
                Console.WriteLine($"    evaluation {losses.Count,4}: Σ(F̂ − F)² = {loss:0.000e+00}");
            }

            return loss;
        };

        double[] start = new double[A.Length + B.Length];
        var result = Lbfgs.Minimize(objective, start, new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
        Console.WriteLine($"    L-BFGS: {result.Reason} after {result.Iterations} iterations, {result.FunctionEvaluations} evaluations, Σ(F̂ − F)² = {result.Value:0.000e+00}");

        var recoveredA = start.AsSpan(0, A.Length);
        var recoveredB = start.AsSpan(A.Length);
        Console.WriteLine($"    largest error: A {LargestDeviation(trueA.Span, recoveredA):0.0e+00}, B {LargestDeviation(trueB.Span, recoveredB):0.0e+00}");
        // At a minimum the gradient is zero: L-BFGS stopped on its gradient tolerance, not on a limit.
        report.Check("gradient norm where L-BFGS stopped", 0, result.GradientNorm, Tolerance.AbsoluteOf(1e-10));
        report.CheckAll("recovered A against the simulated A", trueA.Span, recoveredA, Tolerance.AbsoluteOf(1e-8), "simulated A");
        report.CheckAll("recovered B against the simulated B", trueB.Span, recoveredB, Tolerance.AbsoluteOf(1e-8), "simulated B");

        ManySamples(report, C, D, E);

        if (plots.Enabled)
        {
            var plot = new Plot();
            plot.Title("Abundance solver: L-BFGS with the generated gradient");
            plot.XLabel("evaluation of the loss and its gradient");
            plot.YLabel("loss Σ(E·exp(G) − F)²");
            var evaluations = new double[losses.Count];
            for (int i = 0; i < evaluations.Length; i++)
            {
                evaluations[i] = i + 1;
            }

            // Floored at 1e-30 so that an exact zero still has a place on the log axis.
            var line = plot.Add.ScatterLine(evaluations, losses.ConvertAll(loss => Math.Log10(Math.Max(loss, 1e-30))).ToArray());
            line.LineWidth = 2;
            line.MarkerSize = 4;
            Plots.UseLogTicks(plot);
            plots.Save(plot, "abundance-solver-loss.png");
        }
    }

    /// <summary>
    /// One sample's loss: its column a of A and b of B (one value per genome), its coverages f (one per sequence):
    /// Σₖ (Σ_g E[k, g]·exp(Σᵢ C[g, i]·aᵢ + 1 − Σᵢ D[g, i]·bᵢ) − fₖ)², with exp(G) kept in a scratch buffer, filled once and
    /// then read for every sequence. C, D and E are row-major, as <see cref="Matrix{T}.Span"/> holds them.
    /// </summary>
    [Differentiable]
    public static double SampleLoss(ReadOnlySpan<double> a, ReadOnlySpan<double> b,
        [NoDiff] ReadOnlySpan<double> c, [NoDiff] ReadOnlySpan<double> d, [NoDiff] ReadOnlySpan<double> e, [NoDiff] ReadOnlySpan<double> f)
    {
        int genomes = a.Length, genes = c.Length / genomes, sequences = f.Length;
        Span<double> expG = stackalloc double[genes];
        for (int g = 0; g < genes; g++)
        {
            double exponent = 1;
            for (int i = 0; i < genomes; i++)
                exponent += c[g * genomes + i] * a[i] - d[g * genomes + i] * b[i];
            expG[g] = Math.Exp(exponent);
        }
        double loss = 0;
        for (int k = 0; k < sequences; k++)
        {
            double predicted = 0;
            for (int g = 0; g < genes; g++)
                predicted += e[k * genes + g] * expG[g];
            loss += (predicted - f[k]) * (predicted - f[k]);
        }
        return loss;
    }

    /// <summary>
    /// The solver over many samples (issue 19): 256 of them, each with its own column of A and B, so the loss is a sum over
    /// samples. <see cref="BatchGradient.Sum{T}"/> takes each sample's gradient on whichever core is free and adds them in a
    /// fixed order; the result is checked against the matrix form's gradient, then L-BFGS recovers all 2,048 values.
    /// </summary>
    private static void ManySamples(Report report, Matrix<double> C, Matrix<double> D, Matrix<double> E)
    {
        const int Many = 256;
        var trueA = Reference.Random(seed: 21, Genomes, Many, low: 0, high: 2);
        var trueB = Reference.Random(seed: 22, Genomes, Many, low: 0, high: 1);
        var F = Coverages(trueA, trueB, C, D, E);
        // Sample j's parameters sit together: a at 2·n·j, b right after it; its coverages are column j of F.
        var coverages = new double[Many * Sequences];
        for (int j = 0; j < Many; j++)
            for (int k = 0; k < Sequences; k++)
                coverages[j * Sequences + k] = F[k, j];
        var (c, d, e) = (C.Span.ToArray(), D.Span.ToArray(), E.Span.ToArray());
        double[] current = new double[2 * Genomes * Many];
        SampleGradient<double> sample = (j, gradient) => SampleLossAdjoint(
            current.AsSpan(2 * Genomes * j, Genomes), gradient.Slice(2 * Genomes * j, Genomes),
            current.AsSpan(2 * Genomes * j + Genomes, Genomes), gradient.Slice(2 * Genomes * j + Genomes, Genomes),
            c, d, e, coverages.AsSpan(j * Sequences, Sequences));
        GradientFunction objective = (parameters, gradient) =>
        {
            parameters.CopyTo(current);
            gradient.Clear();
            return BatchGradient.Sum(Many, gradient, sample);
        };

        // The batch gradient at a starting point against the matrix adjoint's, which sums the same terms as one expression.
        double[] start = new double[2 * Genomes * Many];
        for (int i = 0; i < start.Length; i++)
            start[i] = 0.5;
        var batchGradient = new double[start.Length];
        double batchLoss = objective(start, batchGradient);
        var A = new Matrix<double>(Genomes, Many);
        var B = new Matrix<double>(Genomes, Many);
        A.Span.Fill(0.5);
        B.Span.Fill(0.5);
        var (ABar, BBar) = (new Matrix<double>(Genomes, Many), new Matrix<double>(Genomes, Many));
        double matrixLoss = LossAdjoint(A, ABar, B, BBar, C, D, E, F);
        var expected = new double[start.Length];
        for (int j = 0; j < Many; j++)
            for (int i = 0; i < Genomes; i++)
                (expected[2 * Genomes * j + i], expected[2 * Genomes * j + Genomes + i]) = (ABar[i, j], BBar[i, j]);
        report.Check("Σ over 256 samples: the batch loss against the matrix form's", matrixLoss, batchLoss, new Tolerance(1e-12, 1e-12));
        report.CheckAll("Σ over 256 samples: the batch gradient against the matrix adjoint's", expected, batchGradient, new Tolerance(1e-11, 1e-11), "the matrix adjoint");

        var result = Lbfgs.Minimize(objective, start, new LbfgsOptions { GradientTolerance = 1e-9, FunctionTolerance = 0, MaxIterations = 5000 });
        Console.WriteLine($"    256 samples, L-BFGS on BatchGradient.Sum: {result.Reason} after {result.Iterations} iterations, Σ(F̂ − F)² = {result.Value:0.000e+00}");
        var recoveredA = new double[Genomes * Many];
        var recoveredB = new double[Genomes * Many];
        for (int j = 0; j < Many; j++)
            for (int i = 0; i < Genomes; i++)
                (recoveredA[i * Many + j], recoveredB[i * Many + j]) = (start[2 * Genomes * j + i], start[2 * Genomes * j + Genomes + i]);
        report.CheckAll("256 samples: recovered A against the simulated A", trueA.Span, recoveredA, Tolerance.AbsoluteOf(1e-6), "simulated A");
        report.CheckAll("256 samples: recovered B against the simulated B", trueB.Span, recoveredB, Tolerance.AbsoluteOf(1e-6), "simulated B");
    }

    /// <summary>
    /// Gene g is on genome g / 5 at distance 0.1, 0.3, …, 0.9 (plus a little jitter) from the origin.
    /// Each genome's genes carry three sequences (genes 0 and 1 the first, gene 2 the second, genes
    /// 3 and 4 the third): with distances that differ, three coverages per genome and sample pin
    /// down its two unknowns, so the simulated A and B are the only minimum.
    /// </summary>
    private static (Matrix<double> C, Matrix<double> D, Matrix<double> E) Genomics()
    {
        var jitter = new Random(13);
        var C = new Matrix<double>(Genes, Genomes);
        var D = new Matrix<double>(Genes, Genomes);
        var E = new Matrix<double>(Sequences, Genes);
        int[] sequenceOfGene = [0, 0, 1, 2, 2];
        for (int gene = 0; gene < Genes; gene++)
        {
            int genome = gene / GenesPerGenome, position = gene % GenesPerGenome;
            C[gene, genome] = 1;
            D[gene, genome] = (2 * position + 1) / 10.0 + 0.05 * (jitter.NextDouble() - 0.5);
            E[genome * SequencesPerGenome + sequenceOfGene[position], gene] = 1;
        }

        return (C, D, E);
    }

    /// <summary>F = E·exp(C·A + 1 − D·B), simulated with plain loops.</summary>
    private static Matrix<double> Coverages(Matrix<double> A, Matrix<double> B, Matrix<double> C, Matrix<double> D, Matrix<double> E)
        => Reference.MatMul(E, Reference.Map(Reference.Zip(Reference.MatMul(C, A), Reference.MatMul(D, B), (ca, db) => ca + 1 - db), Math.Exp));

    private static double LargestDeviation(ReadOnlySpan<double> expected, ReadOnlySpan<double> obtained)
    {
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(obtained[i] - expected[i]));
        }

        return largest;
    }
}
