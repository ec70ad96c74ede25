using System;
using System.Linq;
using AutoGrad.Tests.Matrices.Infrastructure;
using Xunit;
using static AutoGrad.Ops;

namespace AutoGrad.Tests.Matrices;

/// <summary>AutoGrad.Ops through <c>using static</c>: hand-computed cases and closed forms.</summary>
public class OpsTests
{
    private static readonly Matrix<double> A = Matrix<double>.FromArray(new double[,] { { 1, -2, 3 }, { -4, 5, 6 } });

    [Fact]
    public void The_README_example_compiles_and_gives_its_numbers()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix<double>.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        Matrix<double> c = MatMul(a, b);
        Matrix<double> z = Exp(c * 0.01 + Sum(a, axis: 0));
        double loss = Mse(z, b);

        Assert.Equal(new double[,] { { 19, 22 }, { 43, 50 } }, c.ToArray());
        double[,] expected = { { Math.Exp(0.19 + 4), Math.Exp(0.22 + 6) }, { Math.Exp(0.43 + 4), Math.Exp(0.50 + 6) } };
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
                Assert.Equal(expected[i, j], z[i, j], expected[i, j] * 1e-14);
        }

        double mse = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
                mse += (expected[i, j] - b[i, j]) * (expected[i, j] - b[i, j]) / 4;
        }

        Assert.Equal(mse, loss, mse * 1e-13);
    }

    [Fact]
    public void MatMul_of_the_hand_computed_2_by_2_case()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix<double>.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new double[,] { { 19, 22 }, { 43, 50 } }, MatMul(a, b).ToArray());
        var af = Matrix<float>.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var bf = Matrix<float>.FromArray(new float[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new float[,] { { 19, 22 }, { 43, 50 } }, MatMul(af, bf).ToArray());
    }

    [Fact]
    public void MatMul_of_mismatched_shapes_names_both_and_empty_inner_dimension_gives_zeros()
    {
        var error = Assert.Throws<ArgumentException>(() => MatMul(new Matrix<double>(2, 3), new Matrix<double>(2, 3)));
        Assert.StartsWith("Shapes 2×3 and 2×3 cannot be multiplied", error.Message);
        Assert.Equal(new double[3, 4], MatMul(new Matrix<double>(3, 0), new Matrix<double>(0, 4)).ToArray());
    }

    [Fact]
    public void Transpose_swaps_indices_for_shapes_across_the_copy_blocks()
    {
        Assert.Equal(new double[,] { { 1, -4 }, { -2, 5 }, { 3, 6 } }, Transpose(A).ToArray());
        var big = new Matrix<float>(MatrixData.Uniform<float>(1, 70 * 45), 70, 45);
        Matrix<float> t = Transpose(big);
        Assert.Equal((45, 70), (t.Rows, t.Cols));
        for (int i = 0; i < 70; i++)
        {
            for (int j = 0; j < 45; j++)
                Assert.Equal(big[i, j], t[j, i]);
        }
    }

    [Fact]
    public void Elementwise_functions_match_Math()
    {
        var positive = Matrix<double>.FromArray(new double[,] { { 0.5, 1, 2 }, { 3, 4, 9 } });
        AssertMap(Exp(A), A, Math.Exp);
        AssertMap(Log(positive), positive, Math.Log);
        AssertMap(Sqrt(positive), positive, Math.Sqrt);
        AssertMap(Sin(A), A, Math.Sin);
        AssertMap(Cos(A), A, Math.Cos);
        AssertMap(Tanh(A), A, Math.Tanh);
        AssertMap(Sigmoid(A), A, v => 1 / (1 + Math.Exp(-v)));
        Assert.Equal(new double[,] { { 1, 0, 3 }, { 0, 5, 6 } }, Relu(A).ToArray());
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Abs(A).ToArray());
        Assert.Equal(new double[,] { { 1, 4, 9 }, { 16, 25, 36 } }, Square(A).ToArray());
        Assert.Equal(new double[,] { { 1, -8, 27 }, { -64, 125, 216 } }, Pow(A, 3.0).ToArray());
        Assert.Equal(new double[,] { { 1, 4, 9 }, { 16, 25, 36 } }, Pow(A, 2.0).ToArray());
        var f = Matrix<float>.FromArray(new float[,] { { 0, 1 } });
        Assert.Equal(new float[,] { { 1, MathF.E } }, Exp(f).ToArray());
    }

    [Fact]
    public void Reductions_to_a_scalar()
    {
        Assert.Equal(9.0, Sum(A));
        Assert.Equal(1.5, Mean(A));
        Assert.Equal(6.0, Max(A));
        Assert.Equal(-4.0, Min(A));
        Assert.Equal(91.0, SumOfSquares(A));
        Assert.Equal(91.0 / 6, Mse(A, new Matrix<double>(2, 3)), 1e-15);
        Assert.Equal(0.0, Mse(A, A));
        var f = Matrix<float>.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(10f, Sum(f));
        Assert.Equal(2.5f, Mean(f));
    }

    [Fact]
    public void Empty_matrices_follow_PyTorch_mean_is_NaN_and_max_min_throw()
    {
        var empty = new Matrix<double>(0, 3);
        Assert.Equal(0.0, Sum(empty));
        Assert.True(double.IsNaN(Mean(empty)));
        Assert.True(float.IsNaN(Mean(default(Matrix<float>))));
        Assert.True(double.IsNaN(Mse(empty, empty)));
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Max(empty)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Min(default(Matrix<float>))).ParamName);
        Assert.True(Mean(empty, 0).Span.ToArray().All(double.IsNaN));
        Assert.Equal((1, 3), (Mean(empty, 0).Rows, Mean(empty, 0).Cols));
        Assert.Equal((0, 1), (Max(empty, 1).Rows, Max(empty, 1).Cols));
        Assert.Throws<ArgumentException>(() => Max(empty, 0));
    }

    [Fact]
    public void Mse_of_different_shapes_names_both()
    {
        var error = Assert.Throws<ArgumentException>(() => Mse(new Matrix<double>(2, 3), new Matrix<double>(3, 2)));
        Assert.StartsWith("Shapes 2×3 and 3×2 differ", error.Message);
    }

    [Fact]
    public void Axis_reductions_give_a_row_for_axis_0_and_a_column_for_axis_1()
    {
        Assert.Equal(new double[,] { { -3, 3, 9 } }, Sum(A, 0).ToArray());
        Assert.Equal(new double[,] { { 2 }, { 7 } }, Sum(A, 1).ToArray());
        Assert.Equal(new double[,] { { -1.5, 1.5, 4.5 } }, Mean(A, 0).ToArray());
        Assert.Equal(new double[,] { { 2.0 / 3 }, { 7.0 / 3 } }, Mean(A, 1).ToArray());
        Assert.Equal(new double[,] { { 1, 5, 6 } }, Max(A, 0).ToArray());
        Assert.Equal(new double[,] { { 3 }, { 6 } }, Max(A, 1).ToArray());

        var big = new Matrix<float>(MatrixData.Uniform<float>(3, 37 * 41), 37, 41);
        Matrix<float> rowSums = Sum(big, 1), colMax = Max(big, 0);
        for (int i = 0; i < 37; i++)
            Assert.Equal(Enumerable.Range(0, 41).Sum(j => (double)big[i, j]), rowSums[i, 0], 1e-4);
        for (int j = 0; j < 41; j++)
            Assert.Equal(Enumerable.Range(0, 37).Max(i => big[i, j]), colMax[0, j]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Other_axes_raise_ArgumentOutOfRange_naming_axis(int axis)
    {
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => Sum(A, axis)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => Mean(A, axis)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => Max(A, axis)).ParamName);
    }

    private static void AssertMap(Matrix<double> actual, Matrix<double> input, Func<double, double> truth)
    {
        for (int i = 0; i < input.Length; i++)
            Assert.Equal(truth(input.Span[i]), actual.Span[i], Math.Abs(truth(input.Span[i])) * 1e-14 + 1e-15);
    }
}
