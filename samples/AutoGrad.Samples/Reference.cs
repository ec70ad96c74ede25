using System;

namespace AutoGrad.Samples;

/// <summary>
/// Plain-loop linear algebra for the expected values of the checks: written out here, not taken
/// from the runtime's kernels or the generated code, so that a check compares against an
/// independent computation of the closed form.
/// </summary>
public static class Reference
{
    public static Matrix<double> MatMul(Matrix<double> a, Matrix<double> b)
    {
        var product = new Matrix<double>(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < a.Cols; k++)
                    sum += a[i, k] * b[k, j];
                product[i, j] = sum;
            }

        return product;
    }

    public static Matrix<double> Transpose(Matrix<double> a)
    {
        var transposed = new Matrix<double>(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                transposed[j, i] = a[i, j];
        return transposed;
    }

    public static Matrix<double> Map(Matrix<double> a, Func<double, double> f)
    {
        var result = new Matrix<double>(a.Rows, a.Cols);
        for (int i = 0; i < a.Length; i++)
            result.Span[i] = f(a.Span[i]);
        return result;
    }

    public static Matrix<double> Zip(Matrix<double> a, Matrix<double> b, Func<double, double, double> f)
    {
        var result = new Matrix<double>(a.Rows, a.Cols);
        for (int i = 0; i < a.Length; i++)
            result.Span[i] = f(a.Span[i], b.Span[i]);
        return result;
    }

    /// <summary>A matrix of uniform random numbers in [low, high), reproducible from <paramref name="seed"/>.</summary>
    public static Matrix<double> Random(int seed, int rows, int cols, double low = 0, double high = 1)
    {
        var random = new System.Random(seed);
        var result = new Matrix<double>(rows, cols);
        for (int i = 0; i < result.Length; i++)
            result.Span[i] = low + (high - low) * random.NextDouble();
        return result;
    }

    public static Matrix<double> Filled(int rows, int cols, double value)
    {
        var result = new Matrix<double>(rows, cols);
        result.Span.Fill(value);
        return result;
    }

    public static Matrix<double> Identity(int size)
    {
        var identity = new Matrix<double>(size, size);
        for (int i = 0; i < size; i++)
            identity[i, i] = 1;
        return identity;
    }
}
