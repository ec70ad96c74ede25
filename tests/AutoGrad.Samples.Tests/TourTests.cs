using System;
using System.IO;
using System.Linq;
using AutoGrad.Samples;
using Xunit;

namespace AutoGrad.Samples.Tests;

/// <summary>The README's first command, in-process: the tour runs every scenario, every check passes, and the plots are written.</summary>
public class TourTests
{
    private static readonly string[] Scenarios =
    [
        "1 Autograd basics", "2 Chain rule", "3 Backprop rules", "4 Linear layers", "5 Matrix inverse",
        "6 Trigonometric fit", "7 Sigmoid network", "8 Abundance solver", "9 Newton-CG valley",
    ];

    private static readonly string[] PlotFiles = ["sin-derivative.png", "matrix-inverse-loss.png", "trig-fit.png", "abundance-solver-loss.png"];

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Every_scenario_runs_and_every_check_passes_and_the_plots_render_headless()
    {
        string directory = Path.Combine(Path.GetTempPath(), "autograd-tour-" + Guid.NewGuid().ToString("N"));
        try
        {
            Report report = Tour.Run(directory);

            var failed = report.Rows.Where(row => !row.Passed).Select(row => $"{row.Scenario}: {row.WhatWasChecked}: expected {row.Expected}, obtained {row.Obtained}").ToArray();
            Assert.True(failed.Length == 0, "Failed checks:\n" + string.Join("\n", failed));
            Assert.Equal(Scenarios, report.Rows.Select(row => row.Scenario).Distinct());
            Assert.Equal(0, report.Print());

            foreach (string file in PlotFiles)
            {
                byte[] png = File.ReadAllBytes(Path.Combine(directory, file));
                Assert.Equal(PngSignature, png.Take(PngSignature.Length));
                Assert.True(png.Length > 10_000, $"{file} is only {png.Length} bytes: a blank image?");
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void A_failing_check_makes_the_exit_code_non_zero()
    {
        var report = new Report();
        report.BeginScenario("deliberately wrong");
        report.Check("2 + 2", 5, 2 + 2, Tolerance.AbsoluteOf(0));
        Assert.False(report.AllPassed);
        Assert.Equal(1, report.Print());
    }
}
