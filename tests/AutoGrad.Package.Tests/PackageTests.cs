using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace AutoGrad.Package.Tests;

/// <summary>
/// Packs AutoGrad into a folder feed in a temporary directory, then creates a console project
/// there that references the package by version (no project references, its own package folder,
/// so nothing from this repository's build leaks in), builds it, runs it and checks the gradients
/// it prints against their closed forms.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("autograd-package-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the directory is in the temp folder.
        }
    }

    [Fact]
    public void The_package_works_in_a_fresh_console_project()
    {
        string feed = Path.Combine(root, "feed");
        string version = Pack(feed);

        string package = Path.Combine(feed, $"AutoGrad.{version}.nupkg");
        using (ZipArchive archive = ZipFile.OpenRead(package))
        {
            string[] entries = [.. archive.Entries.Select(entry => entry.FullName)];
            Assert.Contains("lib/net10.0/AutoGrad.Runtime.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/AutoGrad.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/AutoGrad.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("LICENSE", entries);
            Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.EndsWith("AutoGrad.Generator.dll", StringComparison.Ordinal));

            // The nuspec's XML namespace is the schema version its features need: read it off the root.
            XElement nuspec = XDocument.Load(archive.GetEntry("AutoGrad.nuspec")!.Open()).Root!;
            XNamespace ns = nuspec.Name.Namespace;
            XElement metadata = nuspec.Element(ns + "metadata")!;
            Assert.Equal("AutoGrad", metadata.Element(ns + "id")!.Value);
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.NotEmpty(metadata.Element(ns + "repository")!.Attribute("url")!.Value);
            Assert.Contains("autodiff", metadata.Element(ns + "tags")!.Value, StringComparison.Ordinal);
            // The generator is inside the package, not a dependency of it.
            string dependencies = metadata.Element(ns + "dependencies")?.ToString() ?? "";
            Assert.DoesNotContain("AutoGrad.Generator", dependencies, StringComparison.Ordinal);
            Assert.Contains("System.Numerics.Tensors", dependencies, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"AutoGrad.{version}.snupkg")), "symbols package");

        string app = Path.Combine(root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="autograd-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>{Path.Combine(root, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AutoGrad" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Globalization;
            using System.Linq;
            using AutoGrad;

            double wBar = 0;
            double loss = Model.LossAdjoint(3, ref wBar, 2, 2);
            Model.LossForward(3, 1, 2, 2, out double lossDot);

            double[] pred = [1, 2, 3, 4];
            double[] y = [0, 2, 5, 3];
            double[] predBar = new double[pred.Length];
            double mse = Model.MseAdjoint(pred, predBar, y);

            Console.WriteLine(string.Join(" ", new[] { loss, wBar, lossDot, mse }.Concat(predBar).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));

            public static partial class Model
            {
                [Differentiable]
                public static double Loss(double w, [NoDiff] double x, [NoDiff] double y)
                {
                    double error = w * x - y;
                    return error * error;
                }

                [Differentiable]
                public static double Mse(ReadOnlySpan<double> pred, [NoDiff] ReadOnlySpan<double> y)
                {
                    double sum = 0;
                    for (int i = 0; i < pred.Length; i++)
                    {
                        double d = pred[i] - y[i];
                        sum += d * d;
                    }
                    return sum / pred.Length;
                }
            }
            """);

        DotnetCli.Run(app, "build", "-c", "Release");
        string printed = DotnetCli.Run(app, "run", "-c", "Release", "--no-build").Trim();

        double[] values = [.. printed.Split(' ').Select(text => double.Parse(text, CultureInfo.InvariantCulture))];
        // (w·x − y)² at w = 3, x = 2, y = 2: 16, and d/dw = 2(w·x − y)·x = 16 (the notebook's value).
        Assert.Equal(16, values[0]);
        Assert.Equal(16, values[1]);
        Assert.Equal(16, values[2]);
        // MSE = (1 + 0 + 4 + 1)/4, and ∂/∂pred = −2/n (y − pred).
        Assert.Equal(1.5, values[3]);
        Assert.Equal([-2.0 / 4 * (0 - 1), -2.0 / 4 * (2 - 2), -2.0 / 4 * (5 - 3), -2.0 / 4 * (3 - 4)], values[4..]);
    }

    /// <summary>Packs src/AutoGrad.Runtime (the AutoGrad package) with its own build output, so the repository's bin folders are untouched.</summary>
    private string Pack(string feed)
    {
        string repository = DotnetCli.RepositoryRoot();
        DotnetCli.Run(repository, "pack", Path.Combine("src", "AutoGrad.Runtime", "AutoGrad.Runtime.csproj"),
            "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(root, "artifacts"));
        string nupkg = Directory.GetFiles(feed, "AutoGrad.*.nupkg").Single();
        string name = Path.GetFileNameWithoutExtension(nupkg);
        return name["AutoGrad.".Length..];
    }
}
