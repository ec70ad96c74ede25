using System;
using System.Runtime.Intrinsics;
using AutoGrad.Kernels;
using AutoGrad.Tests.Spans;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>
/// <see cref="Simd.MaxVectorWidth"/> (issue 19): 256 keeps the kernels on Vector256 on an AVX-512 machine, so the
/// two widths can be compared on one machine; products stay exact either way.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public sealed class VectorWidthSwitchTests
{
    [Fact]
    public void A_maximum_width_of_256_keeps_the_kernels_off_Vector512()
    {
        var saved = (Simd.MaxVectorWidth, Simd.IsEnabled, VectorPath.Forced);
        try
        {
            Simd.IsEnabled = true;
            VectorPath.Forced = null;
            Simd.MaxVectorWidth = 256;
            Assert.Equal(Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 : VectorWidth.Scalar, VectorPath.Current);
            Simd.MaxVectorWidth = 512;
            Assert.Equal(Vector512.IsHardwareAccelerated ? VectorWidth.Vector512 : Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 : VectorWidth.Scalar, VectorPath.Current);
        }
        finally
        {
            (Simd.MaxVectorWidth, Simd.IsEnabled, VectorPath.Forced) = saved;
        }
    }

    /// <summary>Small integers, so every product is exact in double whatever the order of summation.</summary>
    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void A_product_at_either_width_is_the_sum_of_products(int width)
    {
        const int N = 67;
        var a = new double[N * N];
        var b = new double[N * N];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = i % 7 - 3;
            b[i] = i % 5 - 2;
        }
        var c = new double[N * N];
        var saved = Simd.MaxVectorWidth;
        try
        {
            Simd.MaxVectorWidth = width;
            Gemm.Multiply(N, N, N, 1.0, a, b, 0.0, c);
        }
        finally
        {
            Simd.MaxVectorWidth = saved;
        }
        for (var row = 0; row < N; row++)
        {
            for (var column = 0; column < N; column++)
            {
                double expected = 0;
                for (var p = 0; p < N; p++)
                    expected += a[row * N + p] * b[p * N + column];
                Assert.Equal(expected, c[row * N + column]);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(1024)]
    public void Widths_other_than_256_and_512_are_refused(int width)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Simd.MaxVectorWidth = width);
        Assert.Equal("value", error.ParamName);
    }

    [Theory]
    [InlineData("256", 256)]
    [InlineData(" 512 ", 512)]
    [InlineData("", 512)]
    [InlineData(null, 512)]
    public void The_environment_variable_sets_the_width(string? text, int width)
        => Assert.Equal(width, Simd.ParseMaxVectorWidth(text));

    [Theory]
    [InlineData("128")]
    [InlineData("avx2")]
    public void A_bad_environment_variable_is_named_in_the_error(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Simd.ParseMaxVectorWidth(text));
        Assert.Equal(Simd.MaxVectorWidthVariable, error.ParamName);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
