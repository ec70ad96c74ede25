namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// Turns the generated code's SIMD paths off and back on. Generated code picks its scalar fallback
/// at run time when <c>AutoGrad.Simd.IsEnabled</c> is false (as it does on hardware without
/// Vector256 acceleration), so the fallback can be timed on this machine.
/// </summary>
internal static class SimdSwitch
{
    private static bool s_saved = true;

    public static void UseScalarFallback()
    {
        s_saved = global::AutoGrad.Simd.IsEnabled;
        global::AutoGrad.Simd.IsEnabled = false;
    }

    public static void Restore() => global::AutoGrad.Simd.IsEnabled = s_saved;
}
