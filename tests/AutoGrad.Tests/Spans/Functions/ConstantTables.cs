using System;

namespace AutoGrad.Tests.Spans.Functions;

/// <summary>Coefficient tables of another class, read by <see cref="ConstantTables"/>.</summary>
public static class TableData
{
    /// <summary>1 − 2u + u²/2 + 3u³.</summary>
    public static readonly double[] Cubic = [1.0, -2.0, 0.5, 3.0];

    public static readonly float[] CubicF = [1f, -2f, 0.5f, 3f];
}

/// <summary>
/// <c>static readonly</c> arrays read as constants: passed where a differentiable callee takes an
/// active <c>ReadOnlySpan</c> (its derivative with respect to them is discarded), indexed, measured
/// and sliced through a span local.
/// </summary>
public static partial class ConstantTables
{
    /// <summary>0.5 + 1.5x − x² + 2x³.</summary>
    private static readonly double[] Weights = [0.5, 1.5, -1.0, 2.0];

    private static readonly float[] WeightsF = [0.5f, 1.5f, -1f, 2f];

    /// <summary>1, 2, …, 11: long enough for two Vector256 of doubles and a tail.</summary>
    public static readonly double[] Steps = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    /// <summary>Σ c_i xⁱ by Horner's rule, c active.</summary>
    [Differentiable]
    public static double Poly(ReadOnlySpan<double> c, double x)
    {
        double r = 0;
        for (int i = c.Length - 1; i >= 0; i--)
            r = r * x + c[i];
        return r;
    }

    /// <summary>Poly(Weights, x) + Poly(Cubic, x²): a table of this class and one of another.</summary>
    [Differentiable]
    public static double PolyOfTables(double x) => Poly(Weights, x) + Poly(TableData.Cubic, x * x);

    /// <summary>Σ w_i sin((i + 1)x): the table indexed and its length read in the method itself.</summary>
    [Differentiable]
    public static double WeightedSines(double x)
    {
        double s = 0;
        for (int i = 0; i < Weights.Length; i++)
            s += Weights[i] * Math.Sin(x * (i + 1));
        return s;
    }

    /// <summary>Poly(Weights[1..], x)·Poly(w, x): the table through a span local, sliced.</summary>
    [Differentiable]
    public static double SlicedTable(ReadOnlySpan<double> w, double x)
    {
        ReadOnlySpan<double> c = Weights;
        return Poly(c[1..], x) * Poly(w, x);
    }

    /// <summary>Σ_k Poly(Weights, x/(k + 1)) for k &lt; 3: the table passed to a callee inside a loop.</summary>
    [Differentiable]
    public static double TableInLoop(double x)
    {
        double s = 0;
        for (int k = 0; k < 3; k++)
            s += Poly(Weights, x / (k + 1));
        return s;
    }

    /// <summary>Σ Steps[i]·x[i]²: a loop with a vector path that loads from the table too.</summary>
    [Differentiable]
    public static double TableDot(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += Steps[i] * x[i] * x[i];
        return s;
    }

    [Differentiable]
    public static float PolyF(ReadOnlySpan<float> c, float x)
    {
        float r = 0;
        for (int i = c.Length - 1; i >= 0; i--)
            r = r * x + c[i];
        return r;
    }

    [Differentiable]
    public static float PolyOfTablesF(float x) => PolyF(WeightsF, x) + PolyF(TableData.CubicF, x * x);

    [Differentiable]
    public static float WeightedSinesF(float x)
    {
        float s = 0;
        for (int i = 0; i < WeightsF.Length; i++)
            s += WeightsF[i] * MathF.Sin(x * (i + 1));
        return s;
    }
}
