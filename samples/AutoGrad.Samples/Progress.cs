using System;

namespace AutoGrad.Samples;

/// <summary>
/// Periodic progress lines for a long loop: a text bar and a status at every tenth of the way,
/// so a run is never silent and its log stays short (no carriage returns: it reads the same in a
/// terminal and in a CI log).
/// </summary>
public sealed class Progress(string task, int total)
{
    private const int Width = 20;
    private int nextTenth;

    /// <summary>Call at every step (0 … total); prints when a new tenth is reached and at the end.</summary>
    public void Report(int step, Func<string> status)
    {
        int tenth = total == 0 ? 10 : (int)(10L * step / total);
        if (tenth < nextTenth)
        {
            return;
        }

        nextTenth = tenth + 1;
        int filled = Width * Math.Min(tenth, 10) / 10;
        Console.WriteLine($"    {task} [{new string('#', filled)}{new string('.', Width - filled)}] {step,7}/{total}  {status()}");
    }
}
