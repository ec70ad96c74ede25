using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AutoGrad.Samples;

/// <summary>How far an obtained value may be from the expected one: |obtained − expected| ≤ absolute + relative·|expected|.</summary>
public readonly record struct Tolerance(double Absolute, double Relative)
{
    public static Tolerance AbsoluteOf(double absolute) => new(absolute, 0);

    public static Tolerance RelativeOf(double relative) => new(0, relative);

    public bool Accepts(double expected, double obtained)
        => Math.Abs(obtained - expected) <= Absolute + Relative * Math.Abs(expected);
}

/// <summary>One line of the table.</summary>
public sealed record CheckRow(string Scenario, string WhatWasChecked, string Expected, string Obtained, bool Passed);

/// <summary>
/// Collects the tour's checks (each an obtained value against an independent truth: a notebook's
/// printed value or a closed form) and prints them as a table.
/// </summary>
public sealed class Report
{
    private readonly List<CheckRow> rows = new();
    private string scenario = "";

    public IReadOnlyList<CheckRow> Rows => rows;

    public bool AllPassed => rows.All(row => row.Passed);

    /// <summary>Starts a scenario: its checks are filed under <paramref name="name"/>, and its own output follows a heading.</summary>
    public void BeginScenario(string name)
    {
        scenario = name;
        Console.WriteLine();
        Console.WriteLine($"== {name} ==");
    }

    /// <summary>Records one number against its expected value.</summary>
    public void Check(string whatWasChecked, double expected, double obtained, Tolerance tolerance)
        => rows.Add(new CheckRow(scenario, whatWasChecked, Format(expected), FormatObtained(obtained), tolerance.Accepts(expected, obtained)));

    /// <summary>Records a count or a cost that must stay below a bound.</summary>
    public void CheckBelow(string whatWasChecked, double bound, double obtained)
        => rows.Add(new CheckRow(scenario, whatWasChecked, "< " + Format(bound), FormatObtained(obtained), obtained < bound));

    /// <summary>
    /// Records a vector or matrix against its expected values elementwise. Up to four values are shown
    /// in full; for longer ones the table shows <paramref name="expectedDescription"/> and the
    /// largest deviation, and the check passes only if every element is within tolerance.
    /// </summary>
    public void CheckAll(string whatWasChecked, ReadOnlySpan<double> expected, ReadOnlySpan<double> obtained, Tolerance tolerance, string expectedDescription = "")
    {
        if (expected.Length != obtained.Length)
        {
            rows.Add(new CheckRow(scenario, whatWasChecked, $"{expected.Length} values", $"{obtained.Length} values", false));
            return;
        }

        bool passed = true;
        double largestDeviation = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            passed &= tolerance.Accepts(expected[i], obtained[i]);
            largestDeviation = Math.Max(largestDeviation, Math.Abs(obtained[i] - expected[i]));
        }

        bool allExpectedEqual = expected.Length > 0 && expected.IndexOfAnyExcept(expected[0]) < 0;
        string expectedText, obtainedText;
        if (allExpectedEqual)
        {
            expectedText = $"all {Format(expected[0])}";
            obtainedText = $"max |Δ| {FormatDeviation(largestDeviation)}";
        }
        else if (expected.Length <= 4)
        {
            expectedText = FormatAll(expected);
            obtainedText = FormatAll(obtained) + (passed ? "" : $", max |Δ| {FormatDeviation(largestDeviation)}");
        }
        else
        {
            expectedText = expectedDescription;
            obtainedText = $"max |Δ| {FormatDeviation(largestDeviation)}";
        }

        rows.Add(new CheckRow(scenario, whatWasChecked, expectedText, obtainedText, passed));
    }

    /// <summary>Prints the table and returns the process exit code: 0 when every check passed.</summary>
    public int Print()
    {
        string[] headers = ["Scenario", "What was checked", "Expected", "Obtained", "Result"];
        string[][] cells = rows.Select(row => new[] { row.Scenario, row.WhatWasChecked, row.Expected, row.Obtained, row.Passed ? "pass" : "FAIL" }).ToArray();
        int[] widths = headers.Select((header, column) => cells.Select(line => line[column].Length).Append(header.Length).Max()).ToArray();

        string Line(string[] values) => string.Join("  ", values.Select((value, column) => value.PadRight(widths[column]))).TrimEnd();

        Console.WriteLine();
        Console.WriteLine(Line(headers));
        Console.WriteLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        foreach (string[] line in cells)
        {
            Console.WriteLine(Line(line));
        }

        int failures = rows.Count(row => !row.Passed);
        Console.WriteLine();
        Console.WriteLine(failures == 0 ? $"All {rows.Count} checks passed." : $"{failures} of {rows.Count} checks FAILED.");
        return failures == 0 ? 0 : 1;
    }

    // Expected values are shown as the notebooks print them; a single obtained value with more
    // digits, so that a failing row shows how far off it is.
    private static string Format(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    private static string FormatObtained(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    private static string FormatDeviation(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string FormatAll(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            parts[i] = Format(values[i]);
        }

        return "(" + string.Join(", ", parts) + ")";
    }
}
