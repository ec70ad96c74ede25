using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>Adds the two acceptance ratios to the MSE tables (see <see cref="PartnerRatioColumn"/>).</summary>
public sealed class MseBenchmarkConfig : ManualConfig
{
    public MseBenchmarkConfig()
    {
        // Medians are what the README quotes: on a shared VM a few slow iterations drag the mean.
        AddColumn(StatisticColumn.Median, PartnerRatioColumn.AdjointPerPrimal, PartnerRatioColumn.SpeedupOverScalar);
    }
}
