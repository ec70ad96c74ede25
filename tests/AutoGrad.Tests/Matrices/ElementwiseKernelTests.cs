using System;
using System.Linq;
using System.Numerics;
using AutoGrad.Kernels;
using AutoGrad.Tests.Matrices.Infrastructure;
using AutoGrad.Tests.Spans;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>
/// The span kernels at every length 0…70 (all vector/tail splits of both widths) and a few long
/// ones, on every path, against scalar <see cref="Math"/> evaluated in double.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class ElementwiseKernelTests
{
    private static readonly int[] Lengths = [.. Enumerable.Range(0, 71), 255, 1000, 4099];

    private static readonly string[] UnaryNames = ["Exp", "Log", "Sqrt", "Sin", "Cos", "Tanh", "Sigmoid", "Relu", "Abs", "Square", "Negate"];

    public static TheoryData<string, KernelPath> UnaryCases()
    {
        var data = new TheoryData<string, KernelPath>();
        foreach (string name in UnaryNames)
        {
            foreach (KernelPath path in Enum.GetValues<KernelPath>())
                data.Add(name, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_kernels_match_Math_at_every_length(string name, KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            CheckUnary<double>(name, 1e-14);
            CheckUnary<float>(name, 3e-7);
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.All), MemberType = typeof(KernelPaths))]
    public void Binary_kernels_match_scalar_arithmetic_at_every_length(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            foreach (int n in Lengths)
            {
                double[] x = MatrixData.Uniform<double>(n, n, -3, 3), y = MatrixData.Uniform<double>(n + 1, n, 0.5, 3);
                double[] z = new double[n];
                BinaryKernels.Add<double>(x, y, z);
                Assert.Equal(x.Zip(y, (p, q) => p + q), z);
                BinaryKernels.Divide<double>(x, y, z);
                Assert.Equal(x.Zip(y, (p, q) => p / q), z);
                BinaryKernels.Multiply<double>(x, 2.5, z);
                Assert.Equal(x.Select(p => p * 2.5), z);
                BinaryKernels.Invoke<double, SubtractOperator<double>>(1.0, x, z);
                Assert.Equal(x.Select(p => 1 - p), z);
                BinaryKernels.Pow<double>(y, 1.5, z);
                Assert.Equal(y.Select(p => Math.Pow(p, 1.5)), z);
                FusedKernels.ExpMultiply<double>(x, y, z);
                for (int i = 0; i < n; i++)
                    Assert.Equal(Math.Exp(x[i]) * y[i], z[i], Math.Abs(Math.Exp(x[i]) * y[i]) * 1e-14);
                FusedKernels.MultiplyAdd<double>(x, 3.0, -1.0, z);
                Assert.Equal(x.Select(p => Math.FusedMultiplyAdd(3.0, p, -1.0)), z);

                float[] xf = MatrixData.Uniform<float>(n, n, -3, 3), zf = new float[n];
                BinaryKernels.Subtract<float>(xf, xf.Reverse().ToArray(), zf);
                Assert.Equal(xf.Zip(xf.Reverse(), (p, q) => p - q), zf);
                xf.CopyTo(zf, 0);
                BinaryKernels.Add<float>(zf, 1f, zf);
                Assert.Equal(xf.Select(p => p + 1f), zf);
            }
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.All), MemberType = typeof(KernelPaths))]
    public void Reductions_match_double_sums_and_exact_extrema_at_every_length(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            foreach (int n in Lengths)
            {
                CheckReductions<double>(n);
                CheckReductions<float>(n);
            }
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.All), MemberType = typeof(KernelPaths))]
    public void Reductions_are_deterministic_and_extrema_follow_Math_Max_on_NaN(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            float[] x = MatrixData.Uniform<float>(5, 10_007, -1, 1);
            Assert.Equal(ReductionKernels.Sum<float>(x), ReductionKernels.Sum<float>(x.ToArray()));
            foreach (int position in new[] { 0, 5, 33, 10_006 })
            {
                double[] withNaN = MatrixData.Uniform<double>(6, 10_007);
                withNaN[position] = double.NaN;
                Assert.True(double.IsNaN(ReductionKernels.Max<double>(withNaN)));
                Assert.True(double.IsNaN(ReductionKernels.Min<double>(withNaN)));
            }

            Assert.Throws<ArgumentException>(() => ReductionKernels.Max<double>([]));
            Assert.Equal(0.0, ReductionKernels.Sum<double>([]));
        });
    }

    [Fact]
    public void Kernels_reject_short_destinations_partial_overlap_and_length_mismatches()
    {
        double[] x = new double[10];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => UnaryKernels.Exp<double>(x, new double[9])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => UnaryKernels.Exp<double>(x.AsSpan(0, 8), x.AsSpan(1, 8))).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => BinaryKernels.Add<double>(x, new double[9], new double[10])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ReductionKernels.Dot<double>(x, new double[9])).ParamName);
        UnaryKernels.Exp<double>(x, x);
        Assert.All(x, value => Assert.Equal(1.0, value));
    }

    private static void CheckUnary<T>(string name, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (double Lo, double Hi, Func<double, double> Truth, SpanKernel<T> Kernel) spec = name switch
        {
            "Exp" => (-20.0, 20.0, Math.Exp, UnaryKernels.Exp<T>),
            "Log" => (1e-3, 1e3, Math.Log, UnaryKernels.Log<T>),
            "Sqrt" => (0.0, 100.0, Math.Sqrt, UnaryKernels.Sqrt<T>),
            "Sin" => (-10.0, 10.0, Math.Sin, UnaryKernels.Sin<T>),
            "Cos" => (-10.0, 10.0, Math.Cos, UnaryKernels.Cos<T>),
            "Tanh" => (-5.0, 5.0, Math.Tanh, UnaryKernels.Tanh<T>),
            "Sigmoid" => (-30.0, 30.0, v => 1 / (1 + Math.Exp(-v)), UnaryKernels.Sigmoid<T>),
            "Relu" => (-2.0, 2.0, v => Math.Max(v, 0), UnaryKernels.Relu<T>),
            "Abs" => (-2.0, 2.0, Math.Abs, UnaryKernels.Abs<T>),
            "Square" => (-3.0, 3.0, v => v * v, UnaryKernels.Square<T>),
            "Negate" => (-3.0, 3.0, v => -v, UnaryKernels.Negate<T>),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        (double lo, double hi, Func<double, double> truth, SpanKernel<T> kernel) = spec;
        foreach (int n in Lengths)
        {
            T[] x = MatrixData.Uniform<T>(n * 7 + 1, n, lo, hi);
            T[] y = new T[n];
            kernel(x, y);
            for (int i = 0; i < n; i++)
            {
                double expected = truth(double.CreateTruncating(x[i]));
                double actual = double.CreateTruncating(y[i]);
                // Relative to the value, and for Sin/Cos near their zeros relative to the argument's size.
                // TensorPrimitives.Tanh is accurate to about one ulp of 1, not of the value, near 0.
                double allowed = relative * (Math.Abs(expected) + (name is "Sin" or "Cos" ? Math.Max(1, Math.Abs(double.CreateTruncating(x[i]))) : 0))
                    + (name == "Tanh" ? 2 * MatrixData.Epsilon<T>() : 0) + 1e-300;
                Assert.True(Math.Abs(actual - expected) <= allowed, $"{name}<{typeof(T).Name}>({x[i]}) at n={n}, i={i}: {actual} vs {expected}");
            }
        }
    }

    private static void CheckReductions<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = MatrixData.Uniform<T>(n * 11 + 3, n, -2, 2), y = MatrixData.Uniform<T>(n * 11 + 4, n, -2, 2);
        double[] xd = x.Select(double.CreateTruncating).ToArray(), yd = y.Select(double.CreateTruncating).ToArray();
        double bound = (n + 2) * MatrixData.Epsilon<T>();
        AssertClose(xd.Sum(), ReductionKernels.Sum<T>(x), bound * xd.Sum(Math.Abs), "Sum", n);
        AssertClose(xd.Sum(v => v * v), ReductionKernels.SumOfSquares<T>(x), bound * xd.Sum(v => v * v), "SumOfSquares", n);
        AssertClose(xd.Zip(yd, (p, q) => p * q).Sum(), ReductionKernels.Dot<T>(x, y), bound * xd.Zip(yd, (p, q) => Math.Abs(p * q)).Sum(), "Dot", n);
        double squaredDifferences = xd.Zip(yd, (p, q) => (p - q) * (p - q)).Sum();
        AssertClose(squaredDifferences, ReductionKernels.SumOfSquaredDifferences<T>(x, y), 2 * bound * squaredDifferences, "SumOfSquaredDifferences", n);
        if (n > 0)
        {
            Assert.Equal(x.Max(), ReductionKernels.Max<T>(x));
            Assert.Equal(x.Min(), ReductionKernels.Min<T>(x));
        }
    }

    private static void AssertClose<T>(double expected, T actual, double allowed, string what, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double value = double.CreateTruncating(actual);
        Assert.True(Math.Abs(value - expected) <= allowed + 1e-300, $"{what}<{typeof(T).Name}> n={n}: {value} vs {expected}");
    }

    private delegate void SpanKernel<T>(ReadOnlySpan<T> x, Span<T> destination);
}
