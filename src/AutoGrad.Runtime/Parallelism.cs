namespace AutoGrad;

/// <summary>
/// Whether generated code may use more than the calling thread. When enabled (the default), a matrix product of
/// at least 256³ multiply-adds splits C's rows into one contiguous block per core, each computed on a worker thread
/// with every element's sum in the order the calling thread would use: results are bit for bit those of the
/// single-threaded product, whatever the number of cores or the timing. GEMM epilogues run on the worker that
/// finished the rows. Smaller products always run on the calling thread.
/// </summary>
public static class Parallelism
{
    /// <summary>The environment variable that sets <see cref="IsEnabled"/> when the process starts: <c>0</c> (or <c>false</c>) keeps everything on the calling thread.</summary>
    public const string Variable = "AUTOGRAD_PARALLEL";

    /// <summary>False to keep every product on the calling thread; process-wide, not meant to change while kernels run.</summary>
    public static bool IsEnabled { get; set; } = Parse(System.Environment.GetEnvironmentVariable(Variable));

    /// <summary><see cref="IsEnabled"/> from the environment variable's text: true when unset.</summary>
    internal static bool Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return true;
        return text.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "on" => true,
            "0" or "false" or "off" => false,
            _ => throw new System.ArgumentException($"{Variable} is '{text}'; it may be 1 or 0 (true or false), or unset for 1.", Variable),
        };
    }
}
