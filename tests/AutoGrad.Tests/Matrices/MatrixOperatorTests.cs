using System;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>The elementwise operators: scalars on either side, and NumPy broadcasting in every orientation.</summary>
public class MatrixOperatorTests
{
    private static readonly Matrix<double> A = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void Same_shape_operators_are_elementwise_and_star_is_the_Hadamard_product()
    {
        var b = Matrix<double>.FromArray(new double[,] { { 2, 2, 2 }, { 1, 0.5, 4 } });
        Assert.Equal(new double[,] { { 3, 4, 5 }, { 5, 5.5, 10 } }, (A + b).ToArray());
        Assert.Equal(new double[,] { { -1, 0, 1 }, { 3, 4.5, 2 } }, (A - b).ToArray());
        Assert.Equal(new double[,] { { 2, 4, 6 }, { 4, 2.5, 24 } }, (A * b).ToArray());
        Assert.Equal(new double[,] { { 0.5, 1, 1.5 }, { 4, 10, 1.5 } }, (A / b).ToArray());
        Assert.Equal(new double[,] { { -1, -2, -3 }, { -4, -5, -6 } }, (-A).ToArray());
    }

    [Fact]
    public void Scalars_work_on_either_side()
    {
        Assert.Equal(new double[,] { { 2, 3, 4 }, { 5, 6, 7 } }, (A + 1.0).ToArray());
        Assert.Equal(new double[,] { { 2, 3, 4 }, { 5, 6, 7 } }, (1.0 + A).ToArray());
        Assert.Equal(new double[,] { { 0, 1, 2 }, { 3, 4, 5 } }, (A - 1.0).ToArray());
        Assert.Equal(new double[,] { { 9, 8, 7 }, { 6, 5, 4 } }, (10.0 - A).ToArray());
        Assert.Equal(new double[,] { { 2, 4, 6 }, { 8, 10, 12 } }, (A * 2.0).ToArray());
        Assert.Equal(new double[,] { { 2, 4, 6 }, { 8, 10, 12 } }, (2.0 * A).ToArray());
        Assert.Equal(new double[,] { { 0.5, 1, 1.5 }, { 2, 2.5, 3 } }, (A / 2.0).ToArray());
        Assert.Equal(new double[,] { { 12, 6, 4 }, { 3, 2.4, 2 } }, (12.0 / A).ToArray());
        var f = Matrix<float>.FromArray(new float[,] { { 1, 2 } });
        Assert.Equal(new float[,] { { 3, 6 } }, (f * 3f).ToArray());
    }

    [Fact]
    public void A_row_broadcasts_down_and_a_column_across_in_either_operand_order()
    {
        var row = Matrix<double>.FromArray(new double[,] { { 10, 20, 30 } });
        var column = Matrix<double>.FromArray(new double[,] { { 100 }, { 200 } });
        Assert.Equal(new double[,] { { 11, 22, 33 }, { 14, 25, 36 } }, (A + row).ToArray());
        Assert.Equal(new double[,] { { 11, 22, 33 }, { 14, 25, 36 } }, (row + A).ToArray());
        Assert.Equal(new double[,] { { 9, 18, 27 }, { 6, 15, 24 } }, (row - A).ToArray());
        Assert.Equal(new double[,] { { -99, -98, -97 }, { -196, -195, -194 } }, (A - column).ToArray());
        Assert.Equal(new double[,] { { 99, 98, 97 }, { 196, 195, 194 } }, (column - A).ToArray());
        Assert.Equal(new double[,] { { 100, 200, 300 }, { 800, 1000, 1200 } }, (column * A).ToArray());
        Assert.Equal(new double[,] { { 0.01, 0.02, 0.03 }, { 0.02, 0.025, 0.03 } }, (A / column).ToArray());
    }

    [Fact]
    public void One_by_one_broadcasts_like_a_scalar_and_a_column_against_a_row_makes_the_outer_grid()
    {
        var one = Matrix<double>.FromArray(new double[,] { { 2 } });
        Assert.Equal((A * 2.0).ToArray(), (A * one).ToArray());
        Assert.Equal((2.0 - A).ToArray(), (one - A).ToArray());
        Assert.Equal(new double[,] { { 4 } }, (one + one).ToArray());
        var row = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 } });
        var column = Matrix<double>.FromArray(new double[,] { { 10 }, { 20 } });
        Assert.Equal(new double[,] { { 11, 12, 13 }, { 21, 22, 23 } }, (column + row).ToArray());
        Assert.Equal(new double[,] { { 9, 8, 7 }, { 19, 18, 17 } }, (column - row).ToArray());
    }

    [Theory]
    [InlineData(2, 3, 4, 3, "Shapes 2×3 and 4×3 cannot be broadcast together.")]
    [InlineData(2, 3, 2, 2, "Shapes 2×3 and 2×2 cannot be broadcast together.")]
    [InlineData(1, 3, 3, 1, null)]
    [InlineData(3, 2, 2, 1, "Shapes 3×2 and 2×1 cannot be broadcast together.")]
    public void Shapes_that_do_not_fit_raise_ArgumentException_naming_both(int r1, int c1, int r2, int c2, string? message)
    {
        var left = new Matrix<float>(r1, c1);
        var right = new Matrix<float>(r2, c2);
        if (message is null)
        {
            Assert.Equal((3, 3), ((left + right).Rows, (left + right).Cols));
            return;
        }

        Assert.Equal(message, Assert.Throws<ArgumentException>(() => left + right).Message);
        Assert.Equal($"Shapes {r2}×{c2} and {r1}×{c1} cannot be broadcast together.", Assert.Throws<ArgumentException>(() => right * left).Message);
    }

    [Fact]
    public void Long_rows_take_the_vector_path_and_agree_with_scalar_arithmetic()
    {
        var big = new Matrix<float>(MatrixDataFloat(3 * 37), 3, 37);
        var row = new Matrix<float>(MatrixDataFloat(37), 1, 37);
        Matrix<float> sum = big + row;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 37; j++)
                Assert.Equal(big[i, j] + row[0, j], sum[i, j]);
        }
    }

    private static float[] MatrixDataFloat(int n) => Infrastructure.MatrixData.Uniform<float>(n, n);
}
