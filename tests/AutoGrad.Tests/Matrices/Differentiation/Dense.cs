using System;
using System.Linq;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>
/// Plain double[,] arithmetic written out by hand: the independent truth the generated matrix
/// derivatives are compared with (closed forms from the notebooks are built from these).
/// </summary>
internal static class Dense
{
    public static double[,] Random(int seed, int rows, int cols, double lo = -1, double hi = 1)
    {
        var random = new Random(seed);
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[i, j] = lo + (hi - lo) * random.NextDouble();
        return result;
    }

    /// <summary>0/1 entries, each 1 with probability <paramref name="density"/>.</summary>
    public static double[,] Membership(int seed, int rows, int cols, double density = 0.4)
    {
        var random = new Random(seed);
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[i, j] = random.NextDouble() < density ? 1 : 0;
        return result;
    }

    public static double[,] MatMul(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += a[i, p] * b[p, j];
                c[i, j] = sum;
            }
        return c;
    }

    public static double[,] T(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                t[j, i] = a[i, j];
        return t;
    }

    public static double[,] Map(double[,] a, Func<double, double> f)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = f(a[i, j]);
        return r;
    }

    public static double[,] Zip(double[,] a, double[,] b, Func<double, double, double> f)
    {
        var r = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = f(a[i, j], b[i, j]);
        return r;
    }

    public static double[,] Identity(int n)
    {
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            r[i, i] = 1;
        return r;
    }

    public static double Sum(double[,] a) => a.Cast<double>().Sum();

    public static Matrix<double> M(double[,] a) => Matrix<double>.FromArray(a);

    public static Matrix<float> F(double[,] a)
    {
        var r = new float[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                r[i, j] = (float)a[i, j];
        return Matrix<float>.FromArray(r);
    }
}
