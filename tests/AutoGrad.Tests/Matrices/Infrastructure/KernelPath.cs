using System;
using AutoGrad.Kernels;
using Xunit;

namespace AutoGrad.Tests.Matrices.Infrastructure;

/// <summary>
/// The kernel paths a test can force: scalar (Simd off), Vector256, Vector512 (emulated by the JIT
/// where not accelerated) — each with GEMM's packed micro-kernels at every size — and GEMM's direct
/// small-product loops at every size, vectorized and scalar.
/// </summary>
public enum KernelPath
{
    Scalar,
    Vector256,
    Vector512,
    DirectGemm,
    ScalarDirectGemm,
}

/// <summary>
/// Runs code on one kernel path and restores the process-wide switches afterwards. Only for tests
/// in <see cref="AutoGrad.Tests.Spans.SimdSwitchCollection"/>, which run alone.
/// </summary>
public static class KernelPaths
{
    public static TheoryData<KernelPath> All => new(KernelPath.Scalar, KernelPath.Vector256, KernelPath.Vector512);

    /// <summary>Every path GEMM can take, its direct small-product loops included.</summary>
    public static TheoryData<KernelPath> AllGemm => new(Enum.GetValues<KernelPath>());

    public static T On<T>(KernelPath path, Func<T> run)
    {
        bool savedSimd = AutoGrad.Simd.IsEnabled;
        VectorWidth? savedForced = VectorPath.Forced;
        long savedLimit = Gemm.DirectProductLimit;
        try
        {
            Gemm.DirectProductLimit = path is KernelPath.DirectGemm or KernelPath.ScalarDirectGemm ? long.MaxValue : 0;
            AutoGrad.Simd.IsEnabled = path is not (KernelPath.Scalar or KernelPath.ScalarDirectGemm);
            VectorPath.Forced = path switch
            {
                KernelPath.Vector256 => VectorWidth.Vector256,
                KernelPath.Vector512 => VectorWidth.Vector512,
                _ => null,
            };
            return run();
        }
        finally
        {
            AutoGrad.Simd.IsEnabled = savedSimd;
            VectorPath.Forced = savedForced;
            Gemm.DirectProductLimit = savedLimit;
        }
    }

    public static void On(KernelPath path, Action run) => On(path, () =>
    {
        run();
        return 0;
    });
}
