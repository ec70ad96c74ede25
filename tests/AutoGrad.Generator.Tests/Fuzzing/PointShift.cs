namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>Moving a test point along a direction: x + t·ẋ.</summary>
internal static class PointShift
{
    /// <summary>
    /// value + t·direction, except that t = 0 gives the value itself: -0 + 0·ẋ is +0, and a primal
    /// compared bit for bit must see the same -0 the generated code was called with (seed 91300).
    /// </summary>
    public static double Along(double value, double t, double direction) => t == 0 ? value : value + t * direction;
}
