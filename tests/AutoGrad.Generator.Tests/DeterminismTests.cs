using System.Globalization;
using System.Linq;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>The same input gives the same bytes: on a rerun, under another culture, in another file order.</summary>
public sealed class DeterminismTests
{
    private const string Functions = """
        using System;
        using AutoGrad;

        namespace Demo;

        public static partial class Constants
        {
            [Differentiable]
            public static double Decimals(double x) => 0.1 * x + 1.5e-7 * Math.Exp(x) - 12345.678 / (x * x + 0.25);

            [Differentiable]
            public static float Single(float x) => 0.3f * x + 2.5e-3f * MathF.Sqrt(x * x + 1e-8f);
        }
        """;

    private const string Other = """
        using AutoGrad;

        namespace Demo;

        public static partial class Other
        {
            [Differentiable]
            public static double Twice(double x) => Constants.Decimals(x) * 2.0;
        }
        """;

    [Fact]
    public void Running_twice_gives_identical_output()
    {
        var first = GeneratorHarness.Run(Functions, Other).GeneratedSources;
        var second = GeneratorHarness.Run(Functions, Other).GeneratedSources;
        Assert.Equal(first, second);
    }

    [Fact]
    public void Output_does_not_depend_on_file_order()
    {
        var forward = GeneratorHarness.Run(("/src/A.cs", Functions), ("/src/B.cs", Other)).GeneratedSources;
        var reversed = GeneratorHarness.Run(("/src/B.cs", Other), ("/src/A.cs", Functions)).GeneratedSources;
        Assert.Equal(forward, reversed);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    public void Literals_stay_invariant_under_any_culture(string cultureName)
    {
        var invariant = GeneratorHarness.Run(Functions, Other);
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(cultureName);
            Assert.Equal(",", new CultureInfo("de-DE").NumberFormat.NumberDecimalSeparator);
            var localized = GeneratorHarness.Run(Functions, Other);
            Assert.Equal(invariant.GeneratedSources, localized.GeneratedSources);
            localized.AssertOutputCompiles();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
        var text = string.Concat(invariant.GeneratedSources.Values);
        Assert.Contains("0.1 * x", text);
        Assert.Contains("12345.678", text);
        Assert.Contains("0.3f", text);
    }
}
