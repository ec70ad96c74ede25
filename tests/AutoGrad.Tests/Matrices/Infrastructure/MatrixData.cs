using System;
using System.Numerics;

namespace AutoGrad.Tests.Matrices.Infrastructure;

/// <summary>Seeded test data and the independent truths the matrix tests compare against.</summary>
public static class MatrixData
{
    /// <summary>Uniform values in [lo, hi), reproducible from the seed.</summary>
    public static T[] Uniform<T>(int seed, int length, double lo = -1, double hi = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateTruncating(lo + (hi - lo) * random.NextDouble());
        return values;
    }

    /// <summary>
    /// The naive triple loop in double: C = alpha·op(A)·op(B) + beta·C, and alongside it
    /// Σ_p |op(A)[i,p]·op(B)[p,j]| + |beta·C[i,j]|, the scale a rounding-error bound is relative to.
    /// </summary>
    public static (double[] C, double[] Scale) NaiveGemm<T>(
        int m, int n, int k, double alpha, T[] a, int lda, bool transposeA, T[] b, int ldb, bool transposeB, double beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateTruncating(transposeA ? a[p * lda + i] : a[i * lda + p]);
                    double y = double.CreateTruncating(transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }

                double old = beta == 0 ? 0 : beta * double.CreateTruncating(c[i * ldc + j]);
                result[i * n + j] = alpha * sum + old;
                scale[i * n + j] = Math.Abs(alpha) * magnitude + Math.Abs(old);
            }
        }

        return (result, scale);
    }

    /// <summary>The unit roundoff of T.</summary>
    public static double Epsilon<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
}
