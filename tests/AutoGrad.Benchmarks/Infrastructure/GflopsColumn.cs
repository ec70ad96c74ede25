using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// GEMM throughput: 2·m·n·k floating-point operations (one multiply and one add per term) over a
/// time statistic, with m = n = k = the benchmark's <c>N</c> parameter. "-" for rows without one.
/// The median is the figure to quote; the fastest iteration is shown beside it because on a shared
/// VM other tenants' load slows whole runs down, and the minimum is the least disturbed estimate.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    /// <summary>2·N³ / median.</summary>
    public static readonly IColumn Median = new GflopsColumn("Median", "GFLOP/s", s => s.Median, "2·N³ / median time, in 10⁹ floating-point operations per second");

    /// <summary>2·N³ / fastest iteration.</summary>
    public static readonly IColumn Best = new GflopsColumn("Best", "GFLOP/s best", s => s.Min, "2·N³ / fastest iteration's time (the least disturbed by other load)");

    private readonly System.Func<BenchmarkDotNet.Mathematics.Statistics, double> _time;

    private GflopsColumn(string id, string name, System.Func<BenchmarkDotNet.Mathematics.Statistics, double> time, string legend)
    {
        Id = nameof(GflopsColumn) + "." + id;
        ColumnName = name;
        _time = time;
        Legend = legend;
    }

    public string Id { get; }
    public string ColumnName { get; }
    public string Legend { get; }
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
        BenchmarkDotNet.Mathematics.Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        if (size is not int n || statistics is null || _time(statistics) is not > 0)
            return "-";
        double flops = 2.0 * n * n * n;
        return (flops / _time(statistics)).ToString("N1", summary.GetCultureInfo());
    }

    public override string ToString() => ColumnName;
}
