using System;
using System.Collections.Generic;

namespace AutoGrad.Samples;

/// <summary>Collects expected-versus-obtained checks and prints them as a table.</summary>
public sealed class Report
{
    private readonly List<(string Scenario, double Expected, double Obtained, bool Pass)> rows = new();

    /// <summary>Records a check that passes when |obtained − expected| ≤ tolerance · max(1, |expected|).</summary>
    public void Check(string scenario, double expected, double obtained, double tolerance)
    {
        bool pass = Math.Abs(obtained - expected) <= tolerance * Math.Max(1.0, Math.Abs(expected));
        rows.Add((scenario, expected, obtained, pass));
    }

    /// <summary>Prints the table and returns the process exit code: 0 when every check passed.</summary>
    public int Print()
    {
        const string Format = "{0,-40} {1,16} {2,20} {3,6}";
        Console.WriteLine();
        Console.WriteLine(Format, "Scenario", "Expected", "Obtained", "Result");
        Console.WriteLine(new string('-', 85));
        int failures = 0;
        foreach (var (scenario, expected, obtained, pass) in rows)
        {
            Console.WriteLine(Format, scenario, expected.ToString("G10"), obtained.ToString("G15"), pass ? "pass" : "FAIL");
            failures += pass ? 0 : 1;
        }

        Console.WriteLine(new string('-', 85));
        Console.WriteLine(failures == 0 ? $"All {rows.Count} checks passed." : $"{failures} of {rows.Count} checks FAILED.");
        return failures == 0 ? 0 : 1;
    }
}
