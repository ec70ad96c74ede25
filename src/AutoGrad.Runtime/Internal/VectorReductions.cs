using System;
using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace AutoGrad.Internal;

/// <summary>
/// The extremum of a Vector256's elements, chosen as <see cref="Math.Max(double, double)"/> and
/// <see cref="Math.Min(double, double)"/> choose (NaN wins, +0 is above −0), for vectorized
/// running maxima and minima. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorReductions
{
    /// <summary>The largest element, as Math.Max picks it.</summary>
    public static double Max(Vector256<double> vector) => Math.Max(Math.Max(vector[0], vector[1]), Math.Max(vector[2], vector[3]));

    /// <summary>The smallest element, as Math.Min picks it.</summary>
    public static double Min(Vector256<double> vector) => Math.Min(Math.Min(vector[0], vector[1]), Math.Min(vector[2], vector[3]));

    /// <summary>The largest element, as MathF.Max picks it.</summary>
    public static float Max(Vector256<float> vector)
    {
        var result = vector[0];
        for (var i = 1; i < Vector256<float>.Count; i++)
            result = MathF.Max(result, vector[i]);
        return result;
    }

    /// <summary>The smallest element, as MathF.Min picks it.</summary>
    public static float Min(Vector256<float> vector)
    {
        var result = vector[0];
        for (var i = 1; i < Vector256<float>.Count; i++)
            result = MathF.Min(result, vector[i]);
        return result;
    }
}
