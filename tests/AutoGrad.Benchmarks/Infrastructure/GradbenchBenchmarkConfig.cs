using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>The gradbench tables: medians, and each derivative's median over its objective's (see <see cref="PartnerRatioColumn"/>).</summary>
public sealed class GradbenchBenchmarkConfig : ManualConfig
{
    public GradbenchBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Median, PartnerRatioColumn.GradientPerObjective);
    }
}
