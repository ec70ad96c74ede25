using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>Medians and GFLOP/s for the GEMM tables (see <see cref="GflopsColumn"/>).</summary>
public sealed class GemmBenchmarkConfig : ManualConfig
{
    public GemmBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Median, GflopsColumn.Instance);
    }
}
