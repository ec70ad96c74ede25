using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>Medians, minima and GFLOP/s of both for the GEMM tables (see <see cref="GflopsColumn"/>).</summary>
public sealed class GemmBenchmarkConfig : ManualConfig
{
    public GemmBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, GflopsColumn.Median, GflopsColumn.Best);
    }
}
