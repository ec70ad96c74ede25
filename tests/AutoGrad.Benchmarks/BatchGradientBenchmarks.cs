using System;
using AutoGrad.Benchmarks.Subjects;
using BenchmarkDotNet.Attributes;

namespace AutoGrad.Benchmarks;

/// <summary>
/// <see cref="BatchGradient.Sum{T}"/> (issue 19) over n points of one gmm component's main term (d = 16: the component's
/// α, μ, q and l shared, each point its own x), on the calling thread (the same chunks one after another) and on every core.
/// </summary>
[MemoryDiagnoser]
public class BatchGradientBenchmarks
{
    private const int D = 16, LSize = D * (D - 1) / 2;
    private double[] mu = null!, q = null!, l = null!, x = null!, gradient = null!;
    private SampleGradient<double> sample = null!;

    [Params(2_000, 20_000)]
    public int Points;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(19);
        double[] Fill(int length) => Array.ConvertAll(new double[length], _ => random.NextDouble() - 0.5);
        (mu, q, l, x) = (Fill(D), Fill(D), Fill(LSize), Fill(Points * D));
        gradient = new double[1 + 2 * D + LSize];
        sample = (i, g) => GradbenchSubjects.GmmMainTermAdjoint(0.3, ref g[0], mu, g.Slice(1, D), q, g.Slice(1 + D, D), l, g.Slice(1 + 2 * D, LSize), x.AsSpan(i * D, D));
    }

    [Benchmark(Baseline = true)]
    public double OneThread()
    {
        Parallelism.IsEnabled = false;
        return BatchGradient.Sum(Points, gradient, sample);
    }

    [Benchmark]
    public double EveryCore()
    {
        Parallelism.IsEnabled = true;
        return BatchGradient.Sum(Points, gradient, sample);
    }
}
