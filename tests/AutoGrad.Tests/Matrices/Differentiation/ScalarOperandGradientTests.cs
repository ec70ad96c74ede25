using System;
using System.Linq;
using AutoGrad.Tests.Matrices.Functions;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.FiniteDifferences;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>A matrix minus an active scalar (it did not compile: CS0411 on MatrixFunctions.Negate): closed forms, both modes.</summary>
public class ScalarOperandGradientTests
{
    private static Matrix<double> Data(int seed, int rows, int cols)
    {
        var random = new Random(seed);
        return new([.. Enumerable.Range(0, rows * cols).Select(_ => random.NextDouble() * 2 - 1)], rows, cols);
    }

    [Fact]
    public void A_matrix_minus_an_active_scalar()
    {
        var a = Data(1, 3, 4);
        const double s = 0.3;
        // ∂a = 2(a − s), ∂s = −2Σ(a − s).
        var aBar = new Matrix<double>(3, 4);
        double sBar = 0;
        Assert.Equal(ScalarOperandModels.MinusScalar(a, s), ScalarOperandModels.MinusScalarAdjoint(a, aBar, s, ref sBar));
        var expected = new double[3, 4];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                expected[i, j] = 2 * (a[i, j] - s);
        AssertClose(expected, aBar, 1e-12, 1e-14, "∂/∂a");
        Assert.Equal(-2 * a.Array.Sum(x => x - s), sBar, 1e-12);
        ScalarOperandModels.MinusScalarForward(a, new Matrix<double>(3, 4), s, 1, out var sDot);
        Assert.Equal(sBar, sDot, 1e-12);
    }

    [Fact]
    public void A_constant_matrix_minus_an_active_scalar()
    {
        var (a, c) = (Data(3, 2, 3), Data(4, 2, 3));
        const double s = -0.4;
        // ∂a = c − s, ∂s = −Σa; forward along (ȧ, ṡ) = (0, 1) gives −Σa too.
        var aBar = new Matrix<double>(2, 3);
        double sBar = 0;
        Assert.Equal(ScalarOperandModels.ConstantMinusScalar(a, c, s), ScalarOperandModels.ConstantMinusScalarAdjoint(a, aBar, c, s, ref sBar));
        var expected = new double[2, 3];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                expected[i, j] = c[i, j] - s;
        AssertClose(expected, aBar, 1e-12, 1e-14, "∂/∂a");
        Assert.Equal(-a.Array.Sum(), sBar, 1e-12);
        ScalarOperandModels.ConstantMinusScalarForward(a, new Matrix<double>(2, 3), c, s, 1, out var sDot);
        Assert.Equal(-a.Array.Sum(), sDot, 1e-12);
    }

    [Fact]
    public void A_matrix_minus_its_mean()
    {
        var a = Data(2, 2, 5);
        // ∂a = 2(a − m) − (2/n)Σ(a − m) = 2(a − m): the mean's share sums to zero.
        var mean = a.Array.Average();
        var aBar = new Matrix<double>(2, 5);
        ScalarOperandModels.CentredAdjoint(a, aBar);
        var expected = new double[2, 5];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 5; j++)
                expected[i, j] = 2 * (a[i, j] - mean);
        AssertClose(expected, aBar, 1e-12, 1e-14, "∂/∂a");
        AssertClose(Gradient(a, () => ScalarOperandModels.Centred(a)), aBar, 1e-6, 1e-8, "∂/∂a against finite differences");
    }

    [Fact]
    public void Log_softmax_gives_y_minus_softmax_times_the_total_of_y()
    {
        var logits = Data(3, 1, 6);
        var y = Data(4, 1, 6);
        // ∂/∂l_j Σ y_i (l_i − log Σ e^l) = y_j − softmax_j · Σ y.
        var z = logits.Array.Sum(Math.Exp);
        var total = y.Array.Sum();
        var bar = new Matrix<double>(1, 6);
        ScalarOperandModels.LogSoftmaxDotAdjoint(logits, bar, y);
        var expected = new double[1, 6];
        for (int j = 0; j < 6; j++)
            expected[0, j] = y[0, j] - Math.Exp(logits[0, j]) / z * total;
        AssertClose(expected, bar, 1e-12, 1e-14, "∂/∂logits");
    }
}
