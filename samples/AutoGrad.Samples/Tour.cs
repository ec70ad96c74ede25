namespace AutoGrad.Samples;

/// <summary>The notebooks' nine scenarios in order, each checked against its notebook values or closed forms.</summary>
public static class Tour
{
    /// <summary>Runs every scenario; plots go to <paramref name="plotDirectory"/> (none when null).</summary>
    public static Report Run(string? plotDirectory)
    {
        var report = new Report();
        var plots = new Plots(plotDirectory);

        AutogradBasics.Run(report, plots);
        ChainRule.Run(report, plots);
        BackpropRules.Run(report, plots);
        LinearLayers.Run(report, plots);
        MatrixInverse.Run(report, plots);
        TrigFit.Run(report, plots);
        SigmoidNetwork.Run(report, plots);
        AbundanceSolver.Run(report, plots);
        NewtonCgValley.Run(report, plots);

        return report;
    }
}
