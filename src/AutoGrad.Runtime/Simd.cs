using System;

namespace AutoGrad;

/// <summary>
/// Whether generated derivative code and the runtime's kernels (<c>AutoGrad.Kernels</c>: elementwise,
/// reductions, GEMM) may take their vectorized (<c>Vector256</c>/<c>Vector512</c>) paths. They are
/// used when this is true and the hardware accelerates them; false forces the scalar loops, which
/// give the same results up to the order of summation in reductions (and the BCL's vector
/// approximations of transcendental functions). Defaults to true unless the environment variable
/// <c>AUTOGRAD_DISABLE_SIMD</c> is <c>1</c> when the process starts. Read on every kernel call, so
/// setting it takes effect at once; a process-wide switch, not meant to flip while kernels run.
/// </summary>
public static class Simd
{
    /// <summary>True to let generated code use its vectorized paths (the default); false to force the scalar loops.</summary>
    public static bool IsEnabled { get; set; } = Environment.GetEnvironmentVariable("AUTOGRAD_DISABLE_SIMD") != "1";
}
