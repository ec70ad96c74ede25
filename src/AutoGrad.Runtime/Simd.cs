using System;

namespace AutoGrad;

/// <summary>
/// Whether generated derivative code may take its vectorized (<c>Vector256</c>) paths. They are
/// used when this is true and the hardware accelerates them; false forces the scalar loops, which
/// give the same results up to the order of summation in reductions. Defaults to true unless the
/// environment variable <c>AUTOGRAD_DISABLE_SIMD</c> is <c>1</c> when the process starts.
/// </summary>
public static class Simd
{
    /// <summary>True to let generated code use its vectorized paths (the default); false to force the scalar loops.</summary>
    public static bool IsEnabled { get; set; } = Environment.GetEnvironmentVariable("AUTOGRAD_DISABLE_SIMD") != "1";
}
