using BenchmarkDotNet.Configs;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>Adds the two acceptance ratios to the MSE tables (see <see cref="PartnerRatioColumn"/>).</summary>
public sealed class MseBenchmarkConfig : ManualConfig
{
    public MseBenchmarkConfig()
    {
        AddColumn(PartnerRatioColumn.AdjointPerPrimal, PartnerRatioColumn.SpeedupOverScalar);
    }
}
