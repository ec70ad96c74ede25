using System;
using System.Collections.Generic;
using AutoGrad.Benchmarks.Infrastructure;
using AutoGrad.Benchmarks.Subjects;
using BenchmarkDotNet.Attributes;

namespace AutoGrad.Benchmarks;

// Issue 17's gradbench suite (BenchmarkReport.md, "The gradbench suite"): each eval's objective and its
// generated gradient, Grad/Obj = median of the gradient / median of the objective. The targets,
// read off the Grad/Obj column: gmm ≤ 2.0 at (d 2, K 5) and (d 10, K 25), ≤ 3.0 at (d 64, K 200);
// lse ≤ 1.3; ode ≤ 2.0; llsq ≤ 1.5; kmeans ≤ 3 for Dir (gradient and Hessian diagonal); Allocated "-"
// (0 B) on every gradient. The functions are Subjects/GradbenchSubjects.cs, checked against central
// differences by AutoGrad.Tests' GradbenchTests; before timing, each benchmark checks its gradient once
// more at full size, along a random direction.

/// <summary>gradbench lse: log-sum-exp of n uniform values in [0, 1), double precision.</summary>
public class LseBenchmarks : GradbenchBenchmarks
{
    private double[] _x = null!, _xBar = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N;

    [GlobalSetup]
    public void Setup()
    {
        _x = Uniform(new Random(Seed), N, 0, 1);
        _xBar = new double[N];
        CheckGradient("LseAdjoint", x => GradbenchSubjects.Lse(x), _x, g => GradbenchSubjects.LseAdjoint(_x, g));
    }

    [Benchmark]
    public double Objective() => GradbenchSubjects.Lse(_x);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Gradient() => GradbenchSubjects.LseAdjoint(_x, _xBar);
}

/// <summary>gradbench lse in single precision.</summary>
public class LseFloatBenchmarks : GradbenchBenchmarks
{
    private float[] _x = null!, _xBar = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N;

    [GlobalSetup]
    public void Setup()
    {
        double[] x = Uniform(new Random(Seed), N, 0, 1);
        _x = ToFloat(x);
        _xBar = new float[N];
        CheckFloatGradient("LseFAdjoint", g => GradbenchSubjects.LseAdjoint(ToDouble(_x), g), g => GradbenchSubjects.LseFAdjoint(_x, g), N);
    }

    [Benchmark]
    public float Objective() => GradbenchSubjects.LseF(_x);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public float Gradient() => GradbenchSubjects.LseFAdjoint(_x, _xBar);
}

/// <summary>gradbench llsq: m = 128 coefficients (gradbench's), n sample points.</summary>
public class LlsqBenchmarks : GradbenchBenchmarks
{
    private const int M = 128;
    private double[] _x = null!, _xBar = null!;

    [Params(1_024, 16_392)]
    public int N;

    [GlobalSetup]
    public void Setup()
    {
        _x = Uniform(new Random(Seed), M, 0, 1);
        _xBar = new double[M];
        CheckGradient("LlsqAdjoint", x => GradbenchSubjects.Llsq(x, N), _x, g => GradbenchSubjects.LlsqAdjoint(_x, g, N));
    }

    [Benchmark]
    public double Objective() => GradbenchSubjects.Llsq(_x, N);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Gradient() => GradbenchSubjects.LlsqAdjoint(_x, _xBar, N);
}

/// <summary>
/// gradbench kmeans: n uniform points in [0, 1)^d, the last k of them the centroids (as gradbench
/// makes them, so no cluster is empty). Gradient is the generated adjoint; Dir is gradbench's "dir",
/// gradient / Hessian diagonal, from one generated Hessian-vector product along all ones.
/// </summary>
public class KMeansBenchmarks : GradbenchBenchmarks
{
    private double[] _points = null!, _centroids = null!, _centroidsBar = null!;
    private double[] _ones = null!, _gradient = null!, _hessianDiagonal = null!, _dir = null!;
    private int _d;

    /// <summary>k, n, d.</summary>
    public static IEnumerable<string> Sizes => ["10,1000,8", "100,10000,16"];

    [ParamsSource(nameof(Sizes))]
    public string Size = "10,1000,8";

    [GlobalSetup]
    public void Setup()
    {
        int[] size = Array.ConvertAll(Size.Split(','), int.Parse);
        var (k, n, d) = (size[0], size[1], size[2]);
        _d = d;
        _points = Uniform(new Random(Seed), n * d, 0, 1);
        _centroids = _points.AsSpan((n - k) * d).ToArray();
        _centroidsBar = new double[k * d];
        _ones = new double[k * d];
        Array.Fill(_ones, 1.0);
        _gradient = new double[k * d];
        _hessianDiagonal = new double[k * d];
        _dir = new double[k * d];
        CheckGradient("KMeansAdjoint", c => GradbenchSubjects.KMeans(_points, c, d), _centroids,
            g => GradbenchSubjects.KMeansAdjoint(_points, _centroids, g, d));
        CheckKMeansDir();
    }

    [Benchmark]
    public double Objective() => GradbenchSubjects.KMeans(_points, _centroids, _d);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Gradient() => GradbenchSubjects.KMeansAdjoint(_points, _centroids, _centroidsBar, _d);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Dir() => GradbenchSubjects.KMeansDir(_points, _centroids, _d, _ones, _gradient, _hessianDiagonal, _dir);

    /// <summary>The Hessian diagonal is 2·(points in the cluster) on each coordinate of its centroid.</summary>
    private void CheckKMeansDir()
    {
        Dir();
        int k = _centroids.Length / _d;
        var members = new int[k];
        for (int i = 0; i < _points.Length / _d; i++)
        {
            int best = 0;
            double closest = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double distance = 0;
                for (int e = 0; e < _d; e++)
                    distance += Math.Pow(_points[i * _d + e] - _centroids[j * _d + e], 2);
                if (distance < closest)
                    (closest, best) = (distance, j);
            }
            members[best]++;
        }
        for (int c = 0; c < _centroids.Length; c++)
            if (_hessianDiagonal[c] != 2.0 * members[c / _d] || _dir[c] != _gradient[c] / _hessianDiagonal[c])
                throw new InvalidOperationException($"KMeansDir: H[{c},{c}] = {_hessianDiagonal[c]}, expected {2.0 * members[c / _d]}.");
    }
}

/// <summary>
/// gradbench ode: x uniform in [0, 1)ⁿ, s Runge–Kutta steps. Gradient is the generated adjoint seeded with
/// 1 on the last element of the final state (gradbench's gradient of the last element w.r.t. x).
/// </summary>
public class OdeBenchmarks : GradbenchBenchmarks
{
    private double[] _x = null!, _xBar = null!, _trajectory = null!, _trajectoryBar = null!;
    private int _s;

    /// <summary>n, s.</summary>
    public static IEnumerable<string> Sizes => ["1000,10", "10000,100"];

    [ParamsSource(nameof(Sizes))]
    public string Size = "1000,10";

    [GlobalSetup]
    public void Setup()
    {
        int[] size = Array.ConvertAll(Size.Split(','), int.Parse);
        var (n, s) = (size[0], size[1]);
        _s = s;
        _x = Uniform(new Random(Seed), n, 0, 1);
        _xBar = new double[n];
        _trajectory = new double[(s + 1) * n];
        _trajectoryBar = new double[(s + 1) * n];
        _trajectoryBar[^1] = 1;
        CheckGradient("OdeAdjoint", x =>
            {
                double[] trajectory = new double[(s + 1) * n];
                GradbenchSubjects.Ode(x, s, trajectory);
                return trajectory[^1];
            },
            _x, g =>
            {
                GradbenchSubjects.OdeAdjoint(_x, g, s, _trajectory, _trajectoryBar);
                return _trajectory[^1];
            });
    }

    [Benchmark]
    public double Objective()
    {
        GradbenchSubjects.Ode(_x, _s, _trajectory);
        return _trajectory[^1];
    }

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Gradient()
    {
        GradbenchSubjects.OdeAdjoint(_x, _xBar, _s, _trajectory, _trajectoryBar);
        return _xBar[0];
    }
}

/// <summary>
/// gradbench gmm, n = 1000 points, data as gradbench's data_gen.py makes them (seeded here with our own
/// generator): α, q, l and x standard normal, μ uniform in [0, 1), Wishart γ = 1, m = 0.
/// </summary>
public class GmmBenchmarks : GradbenchBenchmarks
{
    private GmmInput _input = null!;
    private double[] _alphasBar = null!, _meansBar = null!, _qBar = null!, _lBar = null!;

    [ParamsSource(nameof(GmmSizes))]
    public GmmSize Size = GmmSize.All[0];

    [GlobalSetup]
    public void Setup()
    {
        _input = GmmInput.Make(Size);
        (_alphasBar, _meansBar, _qBar, _lBar) = (new double[_input.Alphas.Length], new double[_input.Means.Length], new double[_input.Q.Length], new double[_input.L.Length]);
        GmmInput g = _input;
        CheckGradient("GmmAdjoint", g.Objective, g.Packed, g.Adjoint);
        int a = g.Alphas.Length, mu = g.Means.Length, q = g.Q.Length;
        CheckGradient("GmmBufferedAdjoint", g.Objective, g.Packed, gradient => GradbenchSubjects.GmmBufferedAdjoint(
            g.Alphas, gradient.AsSpan(0, a), g.Means, gradient.AsSpan(a, mu), g.Q, gradient.AsSpan(a + mu, q),
            g.L, gradient.AsSpan(a + mu + q), g.X, GmmInput.Gamma, GmmInput.M));
    }

    [Benchmark]
    public double Objective() => GradbenchSubjects.Gmm(_input.Alphas, _input.Means, _input.Q, _input.L, _input.X, GmmInput.Gamma, GmmInput.M);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public double Gradient() => GradbenchSubjects.GmmAdjoint(
        _input.Alphas, _alphasBar, _input.Means, _meansBar, _input.Q, _qBar, _input.L, _lBar, _input.X, GmmInput.Gamma, GmmInput.M);

    /// <summary>Each point's main terms kept in a scratch buffer (<see cref="GradbenchSubjects.GmmBuffered"/>), on the same data.</summary>
    [Benchmark]
    public double BufferedObjective() => GradbenchSubjects.GmmBuffered(_input.Alphas, _input.Means, _input.Q, _input.L, _input.X, GmmInput.Gamma, GmmInput.M);

    [Benchmark, PrimalBenchmark(nameof(BufferedObjective))]
    public double BufferedGradient() => GradbenchSubjects.GmmBufferedAdjoint(
        _input.Alphas, _alphasBar, _input.Means, _meansBar, _input.Q, _qBar, _input.L, _lBar, _input.X, GmmInput.Gamma, GmmInput.M);
}

/// <summary>gradbench gmm in single precision, on the same data rounded to float.</summary>
public class GmmFloatBenchmarks : GradbenchBenchmarks
{
    private float[] _alphas = null!, _means = null!, _q = null!, _l = null!, _x = null!;
    private float[] _alphasBar = null!, _meansBar = null!, _qBar = null!, _lBar = null!;

    [ParamsSource(nameof(GmmSizes))]
    public GmmSize Size = GmmSize.All[0];

    [GlobalSetup]
    public void Setup()
    {
        GmmInput g = GmmInput.Make(Size);
        (_alphas, _means, _q, _l, _x) = (ToFloat(g.Alphas), ToFloat(g.Means), ToFloat(g.Q), ToFloat(g.L), ToFloat(g.X));
        (_alphasBar, _meansBar, _qBar, _lBar) = (new float[_alphas.Length], new float[_means.Length], new float[_q.Length], new float[_l.Length]);
        GmmInput rounded = g with { Alphas = ToDouble(_alphas), Means = ToDouble(_means), Q = ToDouble(_q), L = ToDouble(_l), X = ToDouble(_x) };
        CheckFloatGradient("GmmFAdjoint", rounded.Adjoint, gradient =>
            {
                int a = _alphas.Length, m = _means.Length, q = _q.Length, l = _l.Length;
                float[] packed = new float[a + m + q + l];
                float value = GradbenchSubjects.GmmFAdjoint(_alphas, packed.AsSpan(0, a), _means, packed.AsSpan(a, m), _q, packed.AsSpan(a + m, q),
                    _l, packed.AsSpan(a + m + q, l), _x, (float)GmmInput.Gamma, GmmInput.M);
                packed.CopyTo(gradient);
                return value;
            },
            g.Packed.Length);
    }

    [Benchmark]
    public float Objective() => GradbenchSubjects.GmmF(_alphas, _means, _q, _l, _x, (float)GmmInput.Gamma, GmmInput.M);

    [Benchmark, PrimalBenchmark(nameof(Objective))]
    public float Gradient() => GradbenchSubjects.GmmFAdjoint(
        _alphas, _alphasBar, _means, _meansBar, _q, _qBar, _l, _lBar, _x, (float)GmmInput.Gamma, GmmInput.M);
}

/// <summary>A gmm size, (d, K); ordered by size in the tables (as strings "10,25" would come before "2,5").</summary>
public sealed class GmmSize(int d, int k) : IComparable<GmmSize>, IComparable
{
    public static readonly GmmSize[] All = [new(2, 5), new(10, 25), new(64, 200)];

    public int D { get; } = d;
    public int K { get; } = k;

    public int CompareTo(GmmSize? other) => other is null ? 1 : (D, K).CompareTo((other.D, other.K));

    public int CompareTo(object? other) => CompareTo(other as GmmSize);

    public override string ToString() => $"d {D}, K {K}";
}

/// <summary>A gmm problem in double precision: parameters, points, and the objective and adjoint over all parameters packed.</summary>
public sealed record GmmInput(int D, int K, double[] Alphas, double[] Means, double[] Q, double[] L, double[] X)
{
    public const int N = 1000;
    public const double Gamma = 1.0;
    public const int M = 0;

    public static GmmInput Make(GmmSize size)
    {
        var (d, k) = (size.D, size.K);
        var random = new Random(GradbenchBenchmarks.Seed);
        return new GmmInput(d, k,
            GradbenchBenchmarks.Normal(random, k), GradbenchBenchmarks.Uniform(random, k * d, 0, 1), GradbenchBenchmarks.Normal(random, k * d),
            GradbenchBenchmarks.Normal(random, k * d * (d - 1) / 2), GradbenchBenchmarks.Normal(random, N * d));
    }

    public double[] Packed => [.. Alphas, .. Means, .. Q, .. L];

    public double Objective(double[] p) => GradbenchSubjects.Gmm(
        p.AsSpan(0, K), p.AsSpan(K, K * D), p.AsSpan(K + K * D, K * D), p.AsSpan(K + 2 * K * D), X, Gamma, M);

    public double Adjoint(double[] gradient) => GradbenchSubjects.GmmAdjoint(
        Alphas, gradient.AsSpan(0, K), Means, gradient.AsSpan(K, K * D), Q, gradient.AsSpan(K + K * D, K * D), L, gradient.AsSpan(K + 2 * K * D), X, Gamma, M);
}

/// <summary>
/// What the gradbench classes share: the data generators (seeded as gradbench seeds numpy, 31337) and
/// the checks run once before timing, so that a wrong gradient fails the run instead of producing a number.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GradbenchBenchmarkConfig))]
[BenchmarkCategory(Category)]
public abstract class GradbenchBenchmarks
{
    /// <summary>All of the suite: <c>--anyCategories Gradbench</c>.</summary>
    public const string Category = "Gradbench";

    public const int Seed = 31_337;

    /// <summary>gmm's (d, K), n = 1000: the ADBench paper's and the three sizes.</summary>
    public static IEnumerable<GmmSize> GmmSizes => GmmSize.All;

    public static double[] Uniform(Random random, int count, double low, double high)
    {
        double[] values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = low + (high - low) * random.NextDouble();
        return values;
    }

    /// <summary>Standard normal values (Box–Muller).</summary>
    public static double[] Normal(Random random, int count)
    {
        double[] values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return values;
    }

    protected static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);

    protected static double[] ToDouble(float[] x) => Array.ConvertAll(x, v => (double)v);

    /// <summary>
    /// <paramref name="adjoint"/> (adding the gradient into the array it is given, returning the value)
    /// against <paramref name="objective"/>: the value, and the gradient's component along a random ±1
    /// direction against the central difference of the objective along it.
    /// </summary>
    protected static void CheckGradient(string name, Func<double[], double> objective, double[] x, Func<double[], double> adjoint)
    {
        double[] gradient = new double[x.Length];
        double value = adjoint(gradient);
        double expected = objective(x);
        if (Math.Abs(value - expected) > 1e-12 * Math.Abs(expected) + 1e-300)
            throw new InvalidOperationException($"{name}: value {value:R}, objective {expected:R}.");

        var random = new Random(1);
        double[] direction = new double[x.Length];
        double along = 0, scale = 0, norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            direction[i] = random.Next(2) == 0 ? -1 : 1;
            along += gradient[i] * direction[i];
            scale += Math.Abs(gradient[i]);
            norm = Math.Max(norm, Math.Abs(x[i]));
        }
        double h = 1e-6 * Math.Max(1, norm);
        double[] up = new double[x.Length], down = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            (up[i], down[i]) = (x[i] + h * direction[i], x[i] - h * direction[i]);
        double difference = (objective(up) - objective(down)) / (2 * h);
        double noise = 1e-15 * (Math.Abs(objective(up)) + Math.Abs(expected)) / h;
        if (Math.Abs(difference - along) > 1e-6 * scale + 100 * noise)
            throw new InvalidOperationException($"{name}: gradient · v = {along:R}, central difference {difference:R}.");
    }

    /// <summary>
    /// A float adjoint's value and gradient against the double one's on the same (rounded) data; the
    /// gradient in the 1-norm, ‖g_float − g_double‖₁ ≤ 10⁻³ ‖g_double‖₁. Not element by element: through a
    /// max shift (lse, gmm) the argmax element's gradient is its softmax weight plus 1 − Σ of all the
    /// weights, summed in float, which at n = 10⁶ is several times the weight itself (BenchmarkReport.md).
    /// </summary>
    protected static void CheckFloatGradient(string name, Func<double[], double> doubleAdjoint, Func<float[], float> floatAdjoint, int length)
    {
        double[] expected = new double[length];
        float[] actual = new float[length];
        double expectedValue = doubleAdjoint(expected);
        float value = floatAdjoint(actual);
        if (Math.Abs(value - expectedValue) > 1e-4 * Math.Abs(expectedValue) + 1e-4)
            throw new InvalidOperationException($"{name}: value {value}, double precision gives {expectedValue:R}.");
        double norm = 0, error = 0;
        for (int i = 0; i < length; i++)
        {
            norm += Math.Abs(expected[i]);
            error += Math.Abs(actual[i] - expected[i]);
        }
        if (!(error <= 1e-3 * norm))
            throw new InvalidOperationException($"{name}: the gradient is {error:G3} off in the 1-norm, {error / norm:G3} of its norm.");
    }
}
