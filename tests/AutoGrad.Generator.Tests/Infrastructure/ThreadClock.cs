using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>
/// The CPU time the calling thread has used since <see cref="Start"/> (Linux's per-thread clock);
/// elsewhere the time on the wall. Read it on the thread that started it.
/// </summary>
public sealed class ThreadClock
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private readonly long startNanoseconds;
    private readonly Stopwatch? wall;

    private ThreadClock(long startNanoseconds, Stopwatch? wall)
    {
        this.startNanoseconds = startNanoseconds;
        this.wall = wall;
    }

    public static ThreadClock Start()
        => OperatingSystem.IsLinux() ? new ThreadClock(Now(), null) : new ThreadClock(0, Stopwatch.StartNew());

    public TimeSpan Elapsed => wall?.Elapsed ?? TimeSpan.FromTicks((Now() - startNanoseconds) / 100);

    private static long Now()
    {
        if (clock_gettime(ThreadCpuTimeClock, out var time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
