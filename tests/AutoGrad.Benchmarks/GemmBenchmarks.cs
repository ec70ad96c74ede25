using System;
using System.Numerics;
using AutoGrad.Benchmarks.Infrastructure;
using AutoGrad.Kernels;
using BenchmarkDotNet.Attributes;

namespace AutoGrad.Benchmarks;

// The matrix issue's GEMM numbers: C = A·B for square N×N×N, single-threaded, read off the
// GFLOP/s column (2N³ / median). The target is ≥ 75% of one core's FMA peak (GemmReport.md works
// the peak out for the machine and records the runs). Parallel rows show the opt-in row-block split.

/// <summary>GEMM in single precision.</summary>
public class GemmFloatBenchmarks : GemmBenchmarks<float>;

/// <summary>GEMM in double precision.</summary>
public class GemmDoubleBenchmarks : GemmBenchmarks<double>;

/// <summary>Square GEMMs of <typeparamref name="T"/> through <see cref="Gemm"/>.</summary>
[Config(typeof(GemmBenchmarkConfig))]
public abstract class GemmBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _a = [];
    private T[] _b = [];
    private T[] _c = [];

    [Params(128, 512, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _a = new T[N * N];
        _b = new T[N * N];
        _c = new T[N * N];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = T.CreateTruncating(random.NextDouble() - 0.5);
            _b[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        // A wrong kernel must not produce a fast number: check one element against a dot product.
        Gemm.Multiply(N, N, N, T.One, _a, _b, T.Zero, _c);
        double expected = 0;
        for (int p = 0; p < N; p++)
            expected += double.CreateTruncating(_a[(N / 2) * N + p]) * double.CreateTruncating(_b[p * N + N / 3]);
        double actual = double.CreateTruncating(_c[(N / 2) * N + N / 3]);
        if (Math.Abs(actual - expected) > 1e-3 * Math.Sqrt(N))
            throw new InvalidOperationException($"GEMM check failed at N = {N}: {actual} vs {expected}.");
    }

    /// <summary>C = A·B on one thread.</summary>
    [Benchmark]
    public void SingleThreaded() => Gemm.Multiply(N, N, N, T.One, _a, _b, T.Zero, _c);

    /// <summary>C = A·Bᵀ on one thread: the transposed operand is read while packing.</summary>
    [Benchmark]
    public void SingleThreadedTransposedB() => Gemm.Multiply(N, N, N, T.One, _a, _b, T.Zero, _c, transposeB: true);

    /// <summary>C = A·B with the opt-in parallel path (all cores).</summary>
    [Benchmark]
    public void Parallel() => Gemm.Multiply(N, N, N, T.One, _a, _b, T.Zero, _c, parallel: true);
}
