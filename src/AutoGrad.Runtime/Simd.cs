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
/// <see cref="MaxVectorWidth"/> caps the vector width the kernels use.
/// </summary>
public static class Simd
{
    /// <summary>True to let generated code use its vectorized paths (the default); false to force the scalar loops.</summary>
    public static bool IsEnabled { get; set; } = Environment.GetEnvironmentVariable("AUTOGRAD_DISABLE_SIMD") != "1";

    /// <summary>The environment variable that sets <see cref="MaxVectorWidth"/> when the process starts.</summary>
    public const string MaxVectorWidthVariable = "AUTOGRAD_MAX_VECTOR_WIDTH";

    private static int maxVectorWidth = ParseMaxVectorWidth(Environment.GetEnvironmentVariable(MaxVectorWidthVariable));

    /// <summary>
    /// The widest vectors, in bits, the runtime's kernels (GEMM, elementwise, reductions) use: 512 (the
    /// default) lets them take their <c>Vector512</c> paths where the hardware accelerates them, 256 keeps
    /// them on <c>Vector256</c> — to compare the two on one AVX-512 machine, or to avoid the lower clock some
    /// CPUs run wide vectors at. Generated derivative code uses <c>Vector256</c> either way. Set from
    /// <see cref="MaxVectorWidthVariable"/> (<c>256</c> or <c>512</c>) when the process starts; process-wide,
    /// not meant to change while kernels run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither 256 nor 512.</exception>
    public static int MaxVectorWidth
    {
        get => maxVectorWidth;
        set => maxVectorWidth = value is 256 or 512
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The widest vector width is 256 or 512 bits.");
    }

    /// <summary><see cref="MaxVectorWidth"/> from the environment variable's text: 512 when unset.</summary>
    internal static int ParseMaxVectorWidth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return 512;
        return text.Trim() switch
        {
            "256" => 256,
            "512" => 512,
            _ => throw new ArgumentException($"{MaxVectorWidthVariable} is '{text}'; it may be 256 or 512 (bits), or unset for 512.", MaxVectorWidthVariable),
        };
    }
}
