using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// GEMM throughput: 2·m·n·k floating-point operations (one multiply and one add per term) over the
/// median time, with m = n = k = the benchmark's <c>N</c> parameter. "-" for rows without one.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    public static readonly IColumn Instance = new GflopsColumn();

    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public string Legend => "2·N³ / median time, in 10⁹ floating-point operations per second";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        object? size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        double? medianNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (size is not int n || medianNanoseconds is not > 0)
            return "-";
        double flops = 2.0 * n * n * n;
        return (flops / medianNanoseconds.Value).ToString("N1", summary.GetCultureInfo());
    }

    public override string ToString() => ColumnName;
}
