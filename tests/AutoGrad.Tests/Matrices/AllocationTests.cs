using System;
using AutoGrad.Kernels;
using AutoGrad.Tests.Matrices.Infrastructure;
using AutoGrad.Tests.Spans;
using Xunit;

namespace AutoGrad.Tests.Matrices;

/// <summary>The kernels generated code calls allocate nothing once warm (GEMM's pack buffers are cached per thread).</summary>
[Collection(SimdSwitchCollection.Name)]
public class AllocationTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.All), MemberType = typeof(KernelPaths))]
    public void Gemm_with_an_epilogue_and_reductions_allocate_nothing_after_warm_up(KernelPath path)
    {
        KernelPaths.On(path, () =>
        {
            float[] a = MatrixData.Uniform<float>(1, 70 * 300), b = MatrixData.Uniform<float>(2, 300 * 50);
            float[] target = MatrixData.Uniform<float>(3, 70 * 50), c = new float[70 * 50];
            double[] x = MatrixData.Uniform<double>(4, 1000), y = MatrixData.Uniform<double>(5, 1000), z = new double[1000];

            long Measure()
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Gemm.Multiply(70, 50, 300, 1f, a, b, 0f, c, transposeB: false);
                var loss = new SquaredErrorEpilogue<float>(target, 50);
                Gemm.Multiply(70, 50, 300, 1f, a, b, 0.5f, c, ref loss, transposeA: false);
                Gemm.Multiply(50, 70, 300, 1f, b, a, 0f, c, transposeA: true, transposeB: true);
                _ = ReductionKernels.SumOfSquaredDifferences<double>(x, y);
                _ = ReductionKernels.Max<double>(x);
                UnaryKernels.Exp<double>(x, z);
                FusedKernels.ExpMultiply<double>(x, y, z);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            Measure();
            Measure();
            Assert.Equal(0, Measure());
        });
    }
}
