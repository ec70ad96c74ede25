using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// A ratio of this row's mean (or median) to a partner row's (same class, job and parameters), the partner
/// named by an attribute on the benchmark method. Puts the acceptance ratios in the table:
/// adjoint time / primal time, and how many times faster than the scalar code a SIMD path is.
/// Rows without the attribute, or whose partner was filtered out or failed, show "-".
/// </summary>
public sealed class PartnerRatioColumn : IColumn
{
    /// <summary>Adjoint mean / its primal's mean (<see cref="PrimalBenchmarkAttribute"/>).</summary>
    public static readonly IColumn AdjointPerPrimal = new PartnerRatioColumn(
        "AdjointPerPrimal",
        "Adj/Primal",
        m => m.GetCustomAttribute<PrimalBenchmarkAttribute>()?.Benchmark,
        partnerOverThis: false,
        "Mean of this adjoint / mean of the primal named by [PrimalBenchmark] (same N); the issue asks ≤ 2 at N = 1M for GeneratedAdjoint");

    /// <summary>
    /// Median of a derivative / median of its objective (<see cref="PrimalBenchmarkAttribute"/>): the
    /// gradbench tables' ratio, of medians because on a shared VM a few slow iterations drag the mean.
    /// </summary>
    public static readonly IColumn GradientPerObjective = new PartnerRatioColumn(
        "GradientPerObjective",
        "Grad/Obj",
        m => m.GetCustomAttribute<PrimalBenchmarkAttribute>()?.Benchmark,
        partnerOverThis: false,
        "Median of this derivative / median of the objective named by [PrimalBenchmark] (same parameters)",
        useMedian: true);

    /// <summary>Scalar counterpart's mean / this mean (<see cref="ScalarBenchmarkAttribute"/>).</summary>
    public static readonly IColumn SpeedupOverScalar = new PartnerRatioColumn(
        "SpeedupOverScalar",
        "xScalar",
        m => m.GetCustomAttribute<ScalarBenchmarkAttribute>()?.Benchmark,
        partnerOverThis: true,
        "Mean of the scalar code named by [ScalarBenchmark] / mean of this (times faster); the issue asks ≥ 3 at N = 1024 in float for GeneratedAdjoint");

    private readonly Func<MethodInfo, string?> _partnerOf;
    private readonly bool _partnerOverThis;
    private readonly bool _useMedian;

    private PartnerRatioColumn(string id, string name, Func<MethodInfo, string?> partnerOf, bool partnerOverThis, string legend, bool useMedian = false)
    {
        _useMedian = useMedian;
        Id = nameof(PartnerRatioColumn) + "." + id;
        ColumnName = name;
        _partnerOf = partnerOf;
        _partnerOverThis = partnerOverThis;
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

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => _partnerOf(c.Descriptor.WorkloadMethod) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string? partnerName = _partnerOf(benchmarkCase.Descriptor.WorkloadMethod);
        if (partnerName is null)
            return "-";

        BenchmarkCase? partner = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type
            && c.Descriptor.WorkloadMethod.Name == partnerName
            && c.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo
            && c.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo);
        double? mine = Statistic(summary, benchmarkCase);
        double? theirs = partner is null ? null : Statistic(summary, partner);
        if (mine is not > 0 || theirs is not > 0)
            return "-";

        double ratio = _partnerOverThis ? theirs.Value / mine.Value : mine.Value / theirs.Value;
        return ratio.ToString("N2", summary.GetCultureInfo());
    }

    private double? Statistic(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (_useMedian ? statistics.Median : statistics.Mean)
            : null;

    public override string ToString() => ColumnName;
}
