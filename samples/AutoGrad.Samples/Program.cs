using System;
using AutoGrad.Samples;

// dotnet run --project samples/AutoGrad.Samples -c Release [-- --out DIR | --no-plots]
//
// Each scenario prints what it does and records its checks; the table at the end sums them up,
// and the exit code is non-zero when any check fails.
string? plotDirectory = "samples/output";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            plotDirectory = args[++i];
            break;
        case "--no-plots":
            plotDirectory = null;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: AutoGrad.Samples [--out DIR] [--no-plots]");
            return 2;
    }
}

return Tour.Run(plotDirectory).Print();
