using System;
using System.Numerics;
using AutoGrad.Benchmarks.Infrastructure;
using AutoGrad.Benchmarks.Reference;
using AutoGrad.Benchmarks.Subjects;
using BenchmarkDotNet.Attributes;

namespace AutoGrad.Benchmarks;

// The acceptance numbers, read off the GeneratedAdjoint rows (BenchmarkReport.md explains
// every column): Ratio ≤ 1.1 at every N (baseline: HandWrittenAdjoint, the hand-written Vector256
// adjoint); xScalar ≥ 3 at N = 1024 in float (against GeneratedAdjointScalar, the generated scalar
// fallback); Adj/Primal ≤ 2 at N = 1M; Allocated "-" (0 bytes) on every row.
//
// Adj/Primal divides by HandWrittenPrimal, the vectorised loss, not by GeneratedPrimal: the
// generator leaves the user's Mse as written, so GeneratedPrimal times a scalar loop, and an
// adjoint looks cheap next to that without saying anything about the cost of the gradient.

/// <summary>MSE and its gradient in double precision.</summary>
public class MseDoubleBenchmarks : MseBenchmarks<double>
{
    /// <summary>The user's <c>Mse</c> as written (a scalar loop; the generator does not change it).</summary>
    [Benchmark]
    public double GeneratedPrimal() => MseSubjects.Mse(Pred, Y);

    [Benchmark, PrimalBenchmark(nameof(HandWrittenPrimal)), ScalarBenchmark(nameof(GeneratedAdjointScalar))]
    public double GeneratedAdjoint() => MseSubjects.MseAdjoint(Pred, PredBar, Y);

    /// <summary>The same generated method with <c>AutoGrad.Simd.IsEnabled = false</c>.</summary>
    [Benchmark, PrimalBenchmark(nameof(GeneratedPrimal))]
    public double GeneratedAdjointScalar() => MseSubjects.MseAdjoint(Pred, PredBar, Y);

    [GlobalSetup(Target = nameof(GeneratedAdjointScalar))]
    public void SetupScalarFallback()
    {
        SimdSwitch.UseScalarFallback();
        Setup();
    }

    [GlobalCleanup(Target = nameof(GeneratedAdjointScalar))]
    public void CleanupScalarFallback()
    {
        Cleanup();
        SimdSwitch.Restore();
    }

    protected override void Validate()
    {
        base.Validate();
        CheckPrimal(nameof(MseSubjects.Mse), MseSubjects.Mse);
        CheckAdjoint(nameof(MseSubjects.MseAdjoint), MseSubjects.MseAdjoint);
    }
}

/// <summary>MSE and its gradient in single precision.</summary>
public class MseFloatBenchmarks : MseBenchmarks<float>
{
    /// <summary>The user's <c>MseF</c> as written (a scalar loop; the generator does not change it).</summary>
    [Benchmark]
    public float GeneratedPrimal() => MseSubjects.MseF(Pred, Y);

    [Benchmark, PrimalBenchmark(nameof(HandWrittenPrimal)), ScalarBenchmark(nameof(GeneratedAdjointScalar))]
    public float GeneratedAdjoint() => MseSubjects.MseFAdjoint(Pred, PredBar, Y);

    /// <summary>The same generated method with <c>AutoGrad.Simd.IsEnabled = false</c>.</summary>
    [Benchmark, PrimalBenchmark(nameof(GeneratedPrimal))]
    public float GeneratedAdjointScalar() => MseSubjects.MseFAdjoint(Pred, PredBar, Y);

    [GlobalSetup(Target = nameof(GeneratedAdjointScalar))]
    public void SetupScalarFallback()
    {
        SimdSwitch.UseScalarFallback();
        Setup();
    }

    [GlobalCleanup(Target = nameof(GeneratedAdjointScalar))]
    public void CleanupScalarFallback()
    {
        Cleanup();
        SimdSwitch.Restore();
    }

    protected override void Validate()
    {
        base.Validate();
        CheckPrimal(nameof(MseSubjects.MseF), MseSubjects.MseF);
        CheckAdjoint(nameof(MseSubjects.MseFAdjoint), MseSubjects.MseFAdjoint);
    }
}

/// <summary>
/// Data, setup and the hand-written subjects shared by <see cref="MseDoubleBenchmarks"/> and
/// <see cref="MseFloatBenchmarks"/>. Inputs are made once per N from a seeded
/// <see cref="Random"/> in 64-byte aligned native memory; <c>predBar</c> is reused and keeps
/// accumulating across calls (the adjoints add into it), which does not change their timing.
/// Before timing, every subject's loss and gradient is checked against a double-precision
/// reference, so a wrong kernel fails the run instead of producing a number.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MseBenchmarkConfig))]
public abstract class MseBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Seed = 20_240_607;

    private NativeBuffer<T>? _pred;
    private NativeBuffer<T>? _predBar;
    private NativeBuffer<T>? _y;

    [Params(16, 1024, 1_048_576)]
    public int N;

    protected ReadOnlySpan<T> Pred => _pred!.Span;
    protected Span<T> PredBar => _predBar!.Span;
    protected ReadOnlySpan<T> Y => _y!.Span;

    protected delegate T PrimalFunction(ReadOnlySpan<T> pred, ReadOnlySpan<T> y);
    protected delegate T AdjointFunction(ReadOnlySpan<T> pred, Span<T> predBar, ReadOnlySpan<T> y, T resultBar);

    [GlobalSetup]
    public void Setup()
    {
        _pred = new NativeBuffer<T>(N);
        _predBar = new NativeBuffer<T>(N);
        _y = new NativeBuffer<T>(N);
        var random = new Random(Seed);
        Span<T> pred = _pred.Span;
        Span<T> y = _y.Span;
        for (int i = 0; i < N; i++)
        {
            pred[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
            y[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        }
        Validate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pred?.Dispose();
        _predBar?.Dispose();
        _y?.Dispose();
        _pred = _predBar = _y = null;
    }

    [Benchmark]
    public T HandWrittenPrimal() => HandWrittenMse.Primal(Pred, Y);

    [Benchmark(Baseline = true), PrimalBenchmark(nameof(HandWrittenPrimal)), ScalarBenchmark(nameof(ScalarAdjoint))]
    public T HandWrittenAdjoint() => HandWrittenMse.Adjoint(Pred, PredBar, Y, T.One);

    [Benchmark]
    public T ScalarAdjoint() => HandWrittenMse.ScalarAdjoint(Pred, PredBar, Y, T.One);

    /// <summary>Checks every subject once before timing; derived classes add the generated ones.</summary>
    protected virtual void Validate()
    {
        CheckPrimal("HandWrittenMse.Primal", HandWrittenMse.Primal);
        CheckPrimal("HandWrittenMse.ScalarPrimal", HandWrittenMse.ScalarPrimal);
        CheckAdjoint("HandWrittenMse.Adjoint", HandWrittenMse.Adjoint);
        CheckAdjoint("HandWrittenMse.ScalarAdjoint", HandWrittenMse.ScalarAdjoint);
    }

    protected void CheckPrimal(string name, PrimalFunction primal) =>
        CheckLoss(name, primal(Pred, Y));

    /// <summary>
    /// Runs <paramref name="adjoint"/> once with resultBar = 0.5 on a predBar already holding 2/n, and
    /// checks the loss it returns and that it added 0.5 · 2/n · (pred[i] − y[i]) to every element.
    /// </summary>
    protected void CheckAdjoint(string name, AdjointFunction adjoint)
    {
        const double resultBar = 0.5;
        double initial = 2.0 / N; // the gradient's own magnitude, so a missing term cannot hide
        Span<T> predBar = PredBar;
        predBar.Fill(T.CreateTruncating(initial));
        CheckLoss(name, adjoint(Pred, predBar, Y, T.CreateTruncating(resultBar)));

        ReadOnlySpan<T> pred = Pred;
        ReadOnlySpan<T> y = Y;
        for (int i = 0; i < N; i++)
        {
            double term = resultBar * 2.0 / N * (double.CreateTruncating(pred[i]) - double.CreateTruncating(y[i]));
            double expected = initial + term;
            double actual = double.CreateTruncating(predBar[i]);
            if (Math.Abs(actual - expected) > GradientTolerance * (initial + Math.Abs(term)))
                throw new InvalidOperationException(
                    $"{name} (N = {N}): predBar[{i}] is {actual}, expected {expected}.");
        }
        predBar.Clear();
    }

    private void CheckLoss(string name, T actual)
    {
        double expected = 0;
        ReadOnlySpan<T> pred = Pred;
        ReadOnlySpan<T> y = Y;
        for (int i = 0; i < N; i++)
        {
            double d = double.CreateTruncating(pred[i]) - double.CreateTruncating(y[i]);
            expected += d * d;
        }
        expected /= N;
        if (Math.Abs(double.CreateTruncating(actual) - expected) > LossTolerance * expected)
            throw new InvalidOperationException($"{name} (N = {N}): loss is {actual}, expected {expected}.");
    }

    // Relative. Each subject sums in its own order (lanes, tail, one or many accumulators), and a
    // float sum of 1M terms drifts ~1e-5 from the exact one; a gradient element is a few roundings.
    private static double LossTolerance => typeof(T) == typeof(float) ? 1e-3 : 1e-10;
    private static double GradientTolerance => typeof(T) == typeof(float) ? 1e-6 : 1e-14;
}
