using System;
using Xunit;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>Central finite differences of a scalar function of matrices, element by element.</summary>
internal static class FiniteDifferences
{
    /// <summary>∂f/∂m[i,j] for every element of <paramref name="m"/>, by (f(m + h) − f(m − h)) / 2h with h relative to the element.</summary>
    public static double[,] Gradient(Matrix<double> m, Func<double> f)
    {
        var gradient = new double[m.Rows, m.Cols];
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Cols; j++)
            {
                double saved = m[i, j];
                double h = 1e-6 * Math.Max(1, Math.Abs(saved));
                m[i, j] = saved + h;
                double up = f();
                m[i, j] = saved - h;
                double down = f();
                m[i, j] = saved;
                gradient[i, j] = (up - down) / (2 * h);
            }
        return gradient;
    }

    /// <summary>Elementwise |actual − expected| ≤ relative·|expected| + absolute.</summary>
    public static void AssertClose(double[,] expected, Matrix<double> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.Rows);
        Assert.Equal(expected.GetLength(1), actual.Cols);
        for (int i = 0; i < actual.Rows; i++)
            for (int j = 0; j < actual.Cols; j++)
            {
                double e = expected[i, j], a = actual[i, j];
                Assert.True(Math.Abs(a - e) <= relative * Math.Abs(e) + absolute,
                    $"{what}[{i},{j}]: expected {e:R}, got {a:R} (difference {Math.Abs(a - e):G3})");
            }
    }
}
