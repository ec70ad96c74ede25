using System;
using System.IO;
using ScottPlot;

namespace AutoGrad.Samples;

/// <summary>Where the PNG plots go; null directory: no plots (as in the test that runs the tour).</summary>
public sealed class Plots(string? directory)
{
    private const int Width = 800, Height = 500;

    public bool Enabled => directory is not null;

    /// <summary>
    /// A log axis on the left: the plotted values are log₁₀ of the data, and the ticks are labelled
    /// as the powers of ten they stand for (ScottPlot's documented way to a log scale).
    /// </summary>
    public static void UseLogTicks(Plot plot)
        => plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = exponent => $"1e{exponent:0}",
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };

    /// <summary>Renders <paramref name="plot"/> to DIRECTORY/<paramref name="fileName"/>, off screen: ScottPlot draws with SkiaSharp, which needs no display.</summary>
    public void Save(Plot plot, string fileName)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, fileName);
        plot.SavePng(path, Width, Height);
        Console.WriteLine($"    plot: {path}");
    }
}
