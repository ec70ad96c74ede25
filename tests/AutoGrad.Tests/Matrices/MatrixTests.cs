using System;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>Matrix&lt;T&gt;: construction, storage, indexing, conversion and text.</summary>
public class MatrixTests
{
    [Fact]
    public void Constructor_zero_fills_and_wrapping_does_not_copy()
    {
        var zeros = new Matrix<double>(2, 3);
        Assert.Equal((2, 3, 6), (zeros.Rows, zeros.Cols, zeros.Length));
        Assert.All(zeros.Span.ToArray(), value => Assert.Equal(0.0, value));

        float[] data = [1, 2, 3, 4, 5, 6];
        var wrapped = new Matrix<float>(data, 3, 2);
        wrapped[2, 1] = 60;
        Assert.Equal(60f, data[5]);
        Assert.Same(data, wrapped.Array);
        Assert.Equal(3f, wrapped[1, 0]);
    }

    [Fact]
    public void FromArray_copies_and_ToArray_round_trips()
    {
        double[,] values = { { 1, 2, 3 }, { 4, 5, 6 } };
        var matrix = Matrix<double>.FromArray(values);
        values[0, 0] = 100;
        Assert.Equal(1.0, matrix[0, 0]);
        Assert.Equal(6.0, matrix[1, 2]);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], matrix.Span.ToArray());
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, matrix.ToArray());
        Assert.Equal([4.0, 5, 6], matrix.Row(1).ToArray());
    }

    [Fact]
    public void Default_is_an_empty_0_by_0_matrix()
    {
        Matrix<double> empty = default;
        Assert.Equal((0, 0, 0), (empty.Rows, empty.Cols, empty.Length));
        Assert.True(empty.Span.IsEmpty);
        Assert.Empty(empty.Array);
        Assert.Equal(new double[0, 0], empty.ToArray());
        Assert.Equal("Matrix<Double> 0×0 []", empty.ToString());
    }

    [Fact]
    public void Bad_arguments_name_their_parameter()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(-1, 2)).ParamName);
        Assert.Equal("cols", Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(2, -1)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => new Matrix<double>(null!, 1, 1)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new Matrix<double>(new double[5], 2, 3)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<float>(new float[0], -1, 0)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => Matrix<double>.FromArray(null!)).ParamName);
        Assert.Throws<NotSupportedException>(() => new Matrix<Half>(1, 1));
    }

    [Fact]
    public void Indexer_out_of_range_throws_ArgumentOutOfRange_naming_row_or_col()
    {
        var matrix = new Matrix<double>(2, 3);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[2, 0]).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[-1, 0]).ParamName);
        Assert.Equal("col", Assert.Throws<ArgumentOutOfRangeException>(() => matrix[0, 3]).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(5)).ParamName);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => default(Matrix<float>)[0, 0]).ParamName);
    }

    [Fact]
    public void ToString_shows_the_shape_and_a_few_values_in_invariant_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("Matrix<Double> 2×2 [[1.5, 2], [3, -4]]", Matrix<double>.FromArray(new[,] { { 1.5, 2 }, { 3, -4 } }).ToString());
            string big = new Matrix<float>(10, 8).ToString();
            Assert.StartsWith("Matrix<Single> 10×8 [[0, 0, 0, 0, 0, 0, …], ", big);
            Assert.EndsWith(", …]", big);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
