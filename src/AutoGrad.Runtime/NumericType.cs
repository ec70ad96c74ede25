using System;

namespace AutoGrad;

/// <summary>
/// Guards the generic entry points: the kernels are written (and their vector paths exist) for
/// <see cref="float"/> and <see cref="double"/> only, though the generic constraint also admits
/// Half and NFloat.
/// </summary>
internal static class NumericType<T>
{
    public static bool IsSupported => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    public static void ThrowIfUnsupported()
    {
        if (!IsSupported)
            throw new NotSupportedException($"AutoGrad matrices and kernels support float and double, not {typeof(T).Name}.");
    }
}
