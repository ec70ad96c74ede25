// The generator's IDE cost (issue 16). Two ways to run it:
//
//   dotnet run -c Release --project tests/AutoGrad.Generator.Benchmarks -- --cpu [methods]
//       CPU time of each scenario (median of 5, after a warm-up run), the table in the README.
//       CPU time rather than time on the wall: the machines are shared.
//   dotnet run -c Release --project tests/AutoGrad.Generator.Benchmarks -- --filter '*'
//       BenchmarkDotNet (wall time and allocations).
using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--cpu")
        {
            CpuTable(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
            return 0;
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }

    private static void CpuTable(int methods)
    {
        var project = new SyntheticProject(files: methods / 10, methodsPerFile: 10);
        // The JIT's first compilation of the generator is a one-off cost of the IDE's process: warm it up.
        SyntheticProject.CreateDriver().RunGenerators(project.Compilation);

        const int Runs = 5;
        // Cold: a project the process has not seen (another assembly name), so nothing parsed before is reused.
        var fresh = Enumerable.Range(0, Runs).Select(run => new SyntheticProject(files: methods / 10, methodsPerFile: 10, name: $"Cold{run}").Compilation).ToArray();
        var next = 0;
        var cold = Median(Runs, () => SyntheticProject.CreateDriver().RunGenerators(fresh[next++]));
        var warm = SyntheticProject.CreateDriver().RunGenerators(project.Compilation);
        var generated = warm.GetRunResult().Results.Single().GeneratedSources.Length;
        var edited = project.WithOneMethodEdited();
        var broken = project.WithSyntaxErrorInOneMethod();
        var unrelated = project.WithUnrelatedFileEdited();
        var edit = Median(Runs, () => warm.RunGenerators(edited));
        var error = Median(Runs, () => warm.RunGenerators(broken));
        var other = Median(Runs, () => warm.RunGenerators(unrelated));

        Console.WriteLine($"{methods} methods ({generated} generated files), CPU time, median of {Runs}:");
        Console.WriteLine("| Scenario | CPU ms | per method | of cold |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| cold | {cold:F0} | {cold / methods:F1} ms | 100% |");
        Console.WriteLine($"| one method's body edited | {edit:F0} | | {100 * edit / cold:F1}% |");
        Console.WriteLine($"| a syntax error in one method | {error:F0} | | {100 * error / cold:F1}% |");
        Console.WriteLine($"| an unrelated file edited | {other:F0} | | {100 * other / cold:F1}% |");
    }

    private static double Median(int runs, Action action)
    {
        var times = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            action();
            process.Refresh();
            times[run] = (process.TotalProcessorTime - before).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
