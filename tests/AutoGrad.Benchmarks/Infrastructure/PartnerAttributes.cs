using System;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// On an adjoint benchmark: names the benchmark (same class) that times its primal, for the
/// <see cref="PartnerRatioColumn.AdjointPerPrimal"/> column.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrimalBenchmarkAttribute(string benchmark) : Attribute
{
    public string Benchmark { get; } = benchmark;
}

/// <summary>
/// On a SIMD benchmark: names the benchmark (same class) that times the same work in scalar
/// code, for the <see cref="PartnerRatioColumn.SpeedupOverScalar"/> column.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScalarBenchmarkAttribute(string benchmark) : Attribute
{
    public string Benchmark { get; } = benchmark;
}
