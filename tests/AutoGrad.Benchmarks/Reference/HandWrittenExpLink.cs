using System;
using System.Numerics;
using AutoGrad.Kernels;

namespace AutoGrad.Benchmarks.Reference;

/// <summary>
/// The exp-link loss and its gradient as a careful person fuses them by hand on the runtime's
/// kernels: six GEMMs and no separate elementwise pass. H = exp(C·A + 1 − D·B) is made by the
/// second GEMM's epilogue; R = 2·resultBar·(E·H − F) and Σ(E·H − F)² by the third's; Ḡ = H ∘ (Eᵀ·R)
/// by the fourth's; then ABar += Cᵀ·Ḡ and BBar −= Dᵀ·Ḡ accumulate in the GEMM (β = 1).
/// Work buffers are allocated once per instance (the benchmark keeps one), so calls allocate nothing.
/// </summary>
public sealed class HandWrittenExpLink<T>(int genomes, int samples, int genes, int sequences)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] h = new T[genes * samples];
    private readonly T[] r = new T[sequences * samples];
    private readonly T[] gBar = new T[genes * samples];

    /// <summary>Σ(E·exp(C·A + 1 − D·B) − F)².</summary>
    public T Loss(Matrix<T> a, Matrix<T> b, Matrix<T> c, Matrix<T> d, Matrix<T> e, Matrix<T> f)
    {
        Exponentiate(a, b, c, d);
        var residual = new Residual(f.Array, samples, T.Zero);
        Gemm.Multiply(sequences, samples, genes, T.One, e.ReadOnlySpan, h, T.Zero, r, ref residual);
        return residual.SumOfSquares;
    }

    /// <summary>The loss, with resultBar·∂L/∂A added into aBar and resultBar·∂L/∂B into bBar.</summary>
    public T Adjoint(Matrix<T> a, Matrix<T> aBar, Matrix<T> b, Matrix<T> bBar, Matrix<T> c, Matrix<T> d, Matrix<T> e, Matrix<T> f, T resultBar)
    {
        Exponentiate(a, b, c, d);
        var residual = new Residual(f.Array, samples, T.CreateTruncating(2) * resultBar);
        Gemm.Multiply(sequences, samples, genes, T.One, e.ReadOnlySpan, h, T.Zero, r, ref residual);
        var hadamard = new HadamardWith(h, samples);
        Gemm.Multiply(genes, samples, sequences, T.One, e.ReadOnlySpan, r, T.Zero, gBar, ref hadamard, transposeA: true);
        Gemm.Multiply(genomes, samples, genes, T.One, c.ReadOnlySpan, gBar, T.One, aBar.Span, transposeA: true);
        Gemm.Multiply(genomes, samples, genes, -T.One, d.ReadOnlySpan, gBar, T.One, bBar.Span, transposeA: true);
        return residual.SumOfSquares;
    }

    /// <summary>h = exp(C·A + 1 − D·B): the second GEMM accumulates onto the first and exponentiates in its epilogue.</summary>
    private void Exponentiate(Matrix<T> a, Matrix<T> b, Matrix<T> c, Matrix<T> d)
    {
        Gemm.Multiply(genes, samples, genomes, T.One, c.ReadOnlySpan, a.ReadOnlySpan, T.Zero, h);
        var exponent = default(ExpOfOneMore);
        Gemm.Multiply(genes, samples, genomes, -T.One, d.ReadOnlySpan, b.ReadOnlySpan, T.One, h, ref exponent);
    }

    private struct ExpOfOneMore : IGemmEpilogue<T>
    {
        public readonly void Apply(int row, int colStart, Span<T> values)
        {
            BinaryKernels.Add<T>(values, T.One, values);
            UnaryKernels.Exp<T>(values, values);
        }
    }

    /// <summary>values = scale·(values − F); accumulates Σ(values − F)².</summary>
    private struct Residual(T[] target, int cols, T scale) : IGemmEpilogue<T>
    {
        public T SumOfSquares { readonly get; private set; }

        public void Apply(int row, int colStart, Span<T> values)
        {
            ReadOnlySpan<T> observed = target.AsSpan(row * cols + colStart, values.Length);
            BinaryKernels.Subtract<T>(values, observed, values);
            SumOfSquares += ReductionKernels.SumOfSquares<T>(values);
            BinaryKernels.Multiply<T>(values, scale, values);
        }
    }

    /// <summary>values ∘= other at the same positions.</summary>
    private readonly struct HadamardWith(T[] other, int cols) : IGemmEpilogue<T>
    {
        public void Apply(int row, int colStart, Span<T> values)
            => BinaryKernels.Multiply<T>(values, other.AsSpan(row * cols + colStart, values.Length), values);
    }
}
