using System;
using System.Linq;
using System.Numerics;
using AutoGrad.Kernels;
using AutoGrad.Tests.Matrices.Infrastructure;
using AutoGrad.Tests.Spans;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>
/// GEMM against the naive triple loop in double, on every kernel path (scalar, Vector256,
/// Vector512), all four transpose combinations, alpha/beta, padded leading dimensions, edge tiles
/// for sizes around the tile and block sizes, the parallel path, and epilogues. Tolerance: the
/// standard bound 2(k + 2)·u·Σ|a·b| (+ |beta·c|) with u the unit roundoff of T.
/// </summary>
[Collection(SimdSwitchCollection.Name)]
public class GemmTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 100, 257];
    private static readonly int[] SmallSizes = [0, 1, 2, 3, 5, 7, 8, 9, 17];

    public static TheoryData<KernelPath, bool, bool> PathsAndTransposes()
    {
        var data = new TheoryData<KernelPath, bool, bool>();
        foreach (KernelPath path in Enum.GetValues<KernelPath>())
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                    data.Add(path, transposeA, transposeB);
            }
        }

        return data;
    }

    [Fact]
    public void Two_by_two_product_is_the_hand_computed_one()
    {
        double[] c = new double[4];
        Gemm.Multiply(2, 2, 2, 1.0, [1.0, 2, 3, 4], [5.0, 6, 7, 8], 0.0, c);
        Assert.Equal([19.0, 22, 43, 50], c);
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Every_small_shape_matches_the_naive_product(KernelPath path, bool transposeA, bool transposeB)
    {
        KernelPaths.On(path, () =>
        {
            int seed = 0;
            foreach (int m in SmallSizes)
            {
                foreach (int n in SmallSizes)
                {
                    foreach (int k in SmallSizes)
                    {
                        Check<double>(m, n, k, 1, 0, transposeA, transposeB, seed++);
                        Check<float>(m, n, k, -0.5, 0.75, transposeA, transposeB, seed++);
                    }
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Random_shapes_up_to_257_match_the_naive_product(KernelPath path, bool transposeA, bool transposeB)
    {
        // Vector512 is emulated by the JIT on AVX2 hardware: slow, so its shapes are kept smaller.
        long budget = path == KernelPath.Vector512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 300_000 : 3_000_000;
        var random = new Random(1000 + (int)path * 4 + (transposeA ? 2 : 0) + (transposeB ? 1 : 0));
        double[] alphas = [1, 2, -0.5], betas = [0, 1, 0.75];
        KernelPaths.On(path, () =>
        {
            for (int trial = 0; trial < 16; trial++)
            {
                int m = Sizes[random.Next(Sizes.Length)], n = Sizes[random.Next(Sizes.Length)], k = Sizes[random.Next(Sizes.Length)];
                if ((long)m * n * k > budget)
                    k = Math.Max(1, (int)(budget / Math.Max(1, (long)m * n)));
                double alpha = alphas[trial % 3], beta = betas[trial / 3 % 3];
                Check<double>(m, n, k, alpha, beta, transposeA, transposeB, trial);
                Check<float>(m, n, k, alpha, beta, transposeA, transposeB, trial);
            }
        });
    }

    [Fact]
    public void The_direct_vector_loops_equal_the_scalar_ones_bit_for_bit()
    {
        // Both chain each element's multiply-adds over p in order and finish it alike, so the small
        // products of a loss do not change in the last bit when SIMD is switched off.
        var random = new Random(77);
        for (int trial = 0; trial < 64; trial++)
        {
            int m = random.Next(1, 30), n = random.Next(1, 30), k = random.Next(1, 30);
            bool transposeA = random.Next(2) == 1, transposeB = random.Next(2) == 1;
            double alpha = trial % 2 == 0 ? 1 : -1.5, beta = trial % 3 == 0 ? 0 : 0.75;
            double[] a = MatrixData.Uniform<double>(trial, m * k), b = MatrixData.Uniform<double>(trial + 1, k * n);
            float[] af = Array.ConvertAll(a, x => (float)x), bf = Array.ConvertAll(b, x => (float)x);
            double[] Product(KernelPath path)
            {
                double[] c = MatrixData.Uniform<double>(trial + 2, m * n);
                KernelPaths.On(path, () => Gemm.Multiply(m, n, k, alpha, a, b, beta, c, transposeA, transposeB));
                return c;
            }
            float[] ProductF(KernelPath path)
            {
                float[] c = Array.ConvertAll(MatrixData.Uniform<double>(trial + 2, m * n), x => (float)x);
                KernelPaths.On(path, () => Gemm.Multiply(m, n, k, (float)alpha, af, bf, (float)beta, c, transposeA, transposeB));
                return c;
            }
            Assert.Equal(Product(KernelPath.ScalarDirectGemm), Product(KernelPath.DirectGemm));
            Assert.Equal(ProductF(KernelPath.ScalarDirectGemm), ProductF(KernelPath.DirectGemm));
        }
    }

    [Theory]
    [InlineData(KernelPath.Scalar)]
    [InlineData(KernelPath.Vector256)]
    public void Depths_past_one_k_slice_and_widths_past_one_column_block_match(KernelPath path)
    {
        // kc = 256 and nc = 2048 (1024 scalar): several slices add onto beta·C, several column blocks.
        KernelPaths.On(path, () =>
        {
            Check<double>(13, 7, 600, 1, 0.5, false, false, 1);
            Check<float>(9, 2100, 3, 1, 1, false, true, 2);
            Check<double>(150, 40, 513, 2, 0, true, false, 3);
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.AllGemm), MemberType = typeof(KernelPaths))]
    public void Padded_leading_dimensions_are_honoured_and_padding_is_untouched(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    Check<double>(19, 23, 11, 1.5, 0.5, transposeA, transposeB, 7, pad: 5);
                    Check<float>(7, 34, 35, 1, 0, transposeA, transposeB, 8, pad: 3);
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.AllGemm), MemberType = typeof(KernelPaths))]
    public void Beta_zero_overwrites_NaN_in_C_and_alpha_zero_reads_neither_A_nor_B(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            double[] a = MatrixData.Uniform<double>(1, 17 * 9), b = MatrixData.Uniform<double>(2, 9 * 18);
            double[] c = Enumerable.Repeat(double.NaN, 17 * 18).ToArray();
            Gemm.Multiply(17, 18, 9, 1.0, a, b, 0.0, c);
            Assert.DoesNotContain(c, double.IsNaN);

            double[] nanA = Enumerable.Repeat(double.NaN, 17 * 9).ToArray();
            double[] ones = Enumerable.Repeat(1.0, 17 * 18).ToArray();
            Gemm.Multiply(17, 18, 9, 0.0, nanA, b, 3.0, ones);
            Assert.All(ones, value => Assert.Equal(3.0, value));

            double[] zeroDepth = Enumerable.Repeat(2.0, 4 * 5).ToArray();
            Gemm.Multiply(4, 5, 0, 1.0, [], [], 0.5, zeroDepth);
            Assert.All(zeroDepth, value => Assert.Equal(1.0, value));
        });
    }

    [Theory]
    [InlineData(KernelPath.Scalar)]
    [InlineData(KernelPath.Vector256)]
    public void Parallel_path_equals_the_single_threaded_one_bit_for_bit(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            // All above the parallel threshold (m·n·k ≥ 2²⁴), with rows that do not split evenly into tiles.
            foreach ((int m, int n, int k) in new[] { (301, 200, 300), (257, 65, 1025), (1000, 33, 520) })
            {
                float[] a = MatrixData.Uniform<float>(m, m * k), b = MatrixData.Uniform<float>(n, k * n);
                float[] serial = MatrixData.Uniform<float>(k, m * n), parallel = (float[])serial.Clone();
                Gemm.Multiply(m, n, k, 1.25f, a, b, 0.5f, serial, transposeB: true, ldb: 0);
                Gemm.Multiply(m, n, k, 1.25f, a, b, 0.5f, parallel, transposeB: true, parallel: true);
                Assert.Equal(serial, parallel);
            }
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.AllGemm), MemberType = typeof(KernelPaths))]
    public void Epilogue_sees_every_element_once_with_its_final_value(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            foreach ((int m, int n, int k) in new[] { (0, 5, 3), (5, 0, 3), (1, 1, 1), (7, 9, 0), (33, 17, 5), (65, 100, 300) })
            {
                double[] a = MatrixData.Uniform<double>(1, m * k), b = MatrixData.Uniform<double>(2, k * n);
                double[] c = MatrixData.Uniform<double>(3, m * n);
                var counting = new CountingEpilogue(m, n);
                Gemm.Multiply(m, n, k, 1.0, a, b, 0.5, c, ref counting);
                Assert.All(counting.Counts, count => Assert.Equal(1, count));
                Assert.Equal(c, counting.Seen);
            }
        });
    }

    [Theory]
    [MemberData(nameof(KernelPaths.AllGemm), MemberType = typeof(KernelPaths))]
    public void A_linear_epilogue_gets_C_in_one_call_from_the_direct_path_and_in_row_segments_from_the_blocked_one(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            foreach ((int m, int n, int k) in new[] { (5, 7, 3), (21, 3, 4), (65, 100, 300) })
            {
                double[] a = MatrixData.Uniform<double>(1, m * k), b = MatrixData.Uniform<double>(2, k * n);
                double[] c = MatrixData.Uniform<double>(3, m * n);
                var linear = new LinearCountingEpilogue(m, n);
                Gemm.Multiply(m, n, k, 1.0, a, b, 0.5, c, ref linear);
                Assert.All(linear.Counting.Counts, count => Assert.Equal(1, count));
                Assert.Equal(c, linear.Counting.Seen);
                if (path is KernelPath.DirectGemm or KernelPath.ScalarDirectGemm)
                    Assert.Equal(1, linear.Calls[0]);
                else
                    Assert.True(linear.Calls[0] >= m, $"{linear.Calls[0]} calls for {m} rows");
            }
        });
    }

    [Fact]
    public void Epilogue_writes_are_what_C_holds_afterwards()
    {
        double[] a = MatrixData.Uniform<double>(1, 40 * 30), b = MatrixData.Uniform<double>(2, 30 * 50);
        double[] plain = new double[40 * 50], transformed = new double[40 * 50];
        Gemm.Multiply(40, 50, 30, 1.0, a, b, 0.0, plain);
        var exp = new ExpPlusOneEpilogue();
        Gemm.Multiply(40, 50, 30, 1.0, a, b, 0.0, transformed, ref exp);
        for (int i = 0; i < plain.Length; i++)
            Assert.Equal(Math.Exp(plain[i] + 1), transformed[i], 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Squared_error_epilogue_sums_the_loss_without_a_second_pass(bool parallel)
    {
        const int m = 401, n = 300, k = 150;
        float[] a = MatrixData.Uniform<float>(1, m * k), b = MatrixData.Uniform<float>(2, k * n);
        float[] target = MatrixData.Uniform<float>(3, m * n), c = new float[m * n];
        var loss = new SquaredErrorEpilogue<float>(target, n);
        if (parallel)
            Gemm.MultiplyParallel(m, n, k, 1f, a, b, 0f, c, ref loss);
        else
            Gemm.Multiply(m, n, k, 1f, a, b, 0f, c, ref loss);
        double expected = 0;
        for (int i = 0; i < c.Length; i++)
            expected += ((double)c[i] - target[i]) * ((double)c[i] - target[i]);
        Assert.Equal(expected, loss.Sum, expected * 1e-5);
    }

    [Fact]
    public void Parallel_epilogue_copies_are_merged_and_cover_every_element_once()
    {
        const int m = 400, n = 300, k = 150;
        double[] a = MatrixData.Uniform<double>(1, m * k), b = MatrixData.Uniform<double>(2, k * n), c = new double[m * n];
        var counting = new CountingEpilogue(m, n);
        Gemm.MultiplyParallel(m, n, k, 1.0, a, b, 0.0, c, ref counting);
        Assert.All(counting.Counts, count => Assert.Equal(1, count));
        Assert.Equal(c, counting.Seen);
        int workers = Math.Min(Environment.ProcessorCount, (m + 11) / 12);
        Assert.Equal(workers > 1 ? workers : 0, counting.Merged);

        // Small products stay on the calling thread: no worker copies to merge.
        var small = new CountingEpilogue(64, 64);
        Gemm.MultiplyParallel(64, 64, 64, 1.0, a, b, 0.0, c, ref small);
        Assert.Equal(0, small.Merged);
        Assert.All(small.Counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Bad_arguments_name_their_parameter()
    {
        double[] a = new double[6], b = new double[6], c = new double[4];
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(-1, 2, 3, 1.0, a, b, 0.0, c)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, -3, 1.0, a, b, 0.0, c)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 4, 1.0, a, b, 0.0, c)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 4, 3, 1.0, a, b, 0.0, new double[8])).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, 1.0, a, b, 0.0, new double[3])).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(2, 2, 3, 1.0, a, b, 0.0, c, lda: 2)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 2, 1.0, c, b, 0.0, c)).ParamName);
        Assert.Throws<NotSupportedException>(() => Gemm.Multiply(1, 1, 1, (Half)1, new Half[1], new Half[1], (Half)0, new Half[1]));
    }

    private static void Check<T>(int m, int n, int k, double alpha, double beta, bool transposeA, bool transposeB, int seed, int pad = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        T[] a = MatrixData.Uniform<T>(seed * 3 + 1, aRows * lda);
        T[] b = MatrixData.Uniform<T>(seed * 3 + 2, bRows * ldb);
        T[] c = MatrixData.Uniform<T>(seed * 3 + 3, m * ldc);
        T[] before = (T[])c.Clone();
        (double[] expected, double[] scale) = MatrixData.NaiveGemm(m, n, k, alpha, a, lda, transposeA, b, ldb, transposeB, beta, c, ldc);

        Gemm.Multiply(m, n, k, T.CreateTruncating(alpha), a, b, T.CreateTruncating(beta), c, transposeA, transposeB,
            lda: pad == 0 ? 0 : lda, ldb: pad == 0 ? 0 : ldb, ldc: pad == 0 ? 0 : ldc);

        double u = MatrixData.Epsilon<T>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double actual = double.CreateTruncating(c[i * ldc + j]);
                if (j >= n)
                {
                    Assert.True(c[i * ldc + j] == before[i * ldc + j], $"padding C[{i},{j}] changed ({typeof(T).Name} {m}×{n}×{k})");
                    continue;
                }

                double allowed = 2 * (k + 2) * u * scale[i * n + j] + 1e-300;
                double error = Math.Abs(actual - expected[i * n + j]);
                Assert.True(error <= allowed,
                    $"{typeof(T).Name} m={m} n={n} k={k} tA={transposeA} tB={transposeB} alpha={alpha} beta={beta}: C[{i},{j}] = {actual}, expected {expected[i * n + j]} (error {error:E2} > {allowed:E2})");
            }
        }
    }

    /// <summary>Counts the calls per element and records the values it is handed; counts its merges.</summary>
    private struct CountingEpilogue : IParallelGemmEpilogue<CountingEpilogue, double>
    {
        private readonly int _cols;

        public CountingEpilogue(int rows, int cols)
        {
            _cols = cols;
            Counts = new int[rows * cols];
            Seen = new double[rows * cols];
        }

        public int[] Counts { get; }

        public double[] Seen { get; }

        public int Merged { get; private set; }

        public readonly void Apply(int row, int colStart, Span<double> values)
        {
            for (int j = 0; j < values.Length; j++)
            {
                // Shared arrays: each worker writes only its own rows, so no two threads touch one element.
                Counts[row * _cols + colStart + j]++;
                Seen[row * _cols + colStart + j] = values[j];
            }
        }

        public readonly CountingEpilogue CreateWorker() => this with { Merged = 0 };

        public void Merge(in CountingEpilogue worker) => Merged++;
    }

    /// <summary>The counting epilogue, taking runs across rows (it indexes C linearly), and counting its calls.</summary>
    private readonly struct LinearCountingEpilogue(int rows, int cols) : ILinearGemmEpilogue<double>
    {
        public CountingEpilogue Counting { get; } = new(rows, cols);

        public int[] Calls { get; } = new int[1];

        public void Apply(int row, int colStart, Span<double> values)
        {
            Calls[0]++;
            Counting.Apply(row, colStart, values);
        }
    }

    private struct ExpPlusOneEpilogue : IGemmEpilogue<double>
    {
        public readonly void Apply(int row, int colStart, Span<double> values)
        {
            BinaryKernels.Add<double>(values, 1.0, values);
            UnaryKernels.Exp<double>(values, values);
        }
    }
}
