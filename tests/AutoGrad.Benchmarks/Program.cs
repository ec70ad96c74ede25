// AutoGrad benchmarks (BenchmarkDotNet). How to run and read them: BenchmarkReport.md.
//
//   dotnet run -c Release --project tests/AutoGrad.Benchmarks -- --filter '*Mse*'
//
// Every BenchmarkDotNet option works after the `--` (--list flat, --filter, --join, --envVars,
// --inProcess, ...). One more is ours:
//
//   --quick   a short job for smoke runs: BenchmarkDotNet's ShortRun (1 launch, 3 warm-up and
//             3 measured iterations) with ~150 ms iterations, i.e. `--job short --iterationTime 150`.
//             Checks that everything builds, validates and runs, in ~3 s per benchmark instead
//             of a minute or more. Its numbers are indicative only; report the default job's.
//             It combines with other options (--inProcess, --filter, ...) but not with --job or
//             --iterationTime. Example:
//             dotnet run -c Release --project tests/AutoGrad.Benchmarks -- --quick --filter '*Mse*'
//
// The exit code is 1 when a benchmark failed (a validation error, a crash, no result), else 0.
using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AutoGrad.Benchmarks;

public static class Program
{
    private const string QuickSwitch = "--quick";

    /// <summary>What <c>--quick</c> stands for on BenchmarkDotNet's own command line.</summary>
    private static readonly string[] QuickArguments = ["--job", "short", "--iterationTime", "150"];

    public static int Main(string[] args)
    {
        var arguments = new List<string>(args.Length + QuickArguments.Length);
        foreach (string argument in args)
        {
            if (string.Equals(argument, QuickSwitch, StringComparison.OrdinalIgnoreCase))
                arguments.AddRange(QuickArguments);
            else
                arguments.Add(argument);
        }

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments.ToArray()).ToArray();
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
