using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using G = AutoGrad.Benchmarks.Subjects.GradbenchSubjects;

namespace AutoGrad.Tests;

/// <summary>
/// The gradbench benchmarks' functions (tests/AutoGrad.Benchmarks/Subjects/GradbenchSubjects.cs, compiled
/// into this project too) at small sizes: every generated gradient against central differences of the
/// method itself, kmeans' Hessian diagonal against differences of the generated gradient, and the
/// reformulated primals (ode's fused stages, gmm's row-by-row triangular product) against the
/// straightforward code of gradbench's C++ reference.
/// </summary>
/// <remarks>
/// What the generator refuses of the natural forms, and so what these functions do instead:
/// <list type="bullet">
/// <item>Scratch vectors — <c>Span&lt;double&gt; k1 = stackalloc double[n];</c> (AG0007, "a stackalloc buffer")
/// and <c>double[] k1 = new double[n];</c> (AG0007/AG0015): gmm computes each point's main terms twice
/// (once for the maximum, once for the sum) instead of keeping them; ode carries its stages in locals.</item>
/// <item>cmpad's RK4 with the scratch vectors passed in as output spans: every read of k1…k4, y_tmp or y in
/// the loops over components inside the loop over steps is AG0007 ("a read of an output span inside
/// nested loops"); a step method called in the loop over steps, reading state <c>t</c> and writing state
/// <c>t + 1</c> of a trajectory, is AG0007 too ("adds into, reads back or may leave partly unwritten its
/// output"). So ode runs steps and components in one flat loop over the trajectory.</item>
/// </list>
/// </remarks>
public class GradbenchTests
{
    private static double[] Uniform(Random random, int count, double low, double high)
        => Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

    /// <summary>Each element of <paramref name="gradient"/> against the central difference of f.</summary>
    private static void GradientMatchesFiniteDifference(Func<double[], double> f, double[] at, double[] gradient, Precision precision, string what)
    {
        for (int i = 0; i < at.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(f, at, i, precision), gradient[i], Tolerance.FiniteDifference(precision), $"{what} ∂/∂p{i}");
    }

    // ------------------------------------------------------------------------------------------ lse

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void Lse_gradient_matches_finite_differences(int n)
    {
        double[] x = Uniform(new Random(n), n, -3, 3);
        double[] gradient = new double[n];
        double value = G.LseAdjoint(x, gradient);

        GradientAssert.PrimalEqual(G.Lse(x), value, "LseAdjoint");
        Assert.Equal(Math.Log(x.Sum(Math.Exp)), value, 12);
        GradientMatchesFiniteDifference(p => G.Lse(p), x, gradient, Precision.Double, "Lse");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(33)]
    public void Float_lse_gradient_matches_finite_differences(int n)
    {
        float[] x = Uniform(new Random(n), n, -3, 3).Select(v => (float)v).ToArray();
        float[] gradient = new float[n];
        float value = G.LseFAdjoint(x, gradient);

        GradientAssert.PrimalEqual(G.LseF(x), value, "LseFAdjoint");
        GradientMatchesFiniteDifference(
            p => G.LseF(p.Select(v => (float)v).ToArray()),
            x.Select(v => (double)v).ToArray(), gradient.Select(v => (double)v).ToArray(), Precision.Float, "LseF");
    }

    [Fact]
    public void Lse_of_large_values_is_finite_and_its_gradient_is_the_softmax()
    {
        double[] x = [1000, 999, 998];
        double[] gradient = new double[3];
        double value = G.LseAdjoint(x, gradient);

        double sum = 1 + Math.Exp(-1) + Math.Exp(-2);
        Assert.Equal(1000 + Math.Log(sum), value, 10);
        Assert.Equal(1 / sum, gradient[0], 12);
        Assert.Equal(Math.Exp(-1) / sum, gradient[1], 12);
        Assert.Equal(Math.Exp(-2) / sum, gradient[2], 12);
    }

    // ----------------------------------------------------------------------------------------- llsq

    [Theory]
    [InlineData(4, 9)]
    [InlineData(7, 30)]
    public void Llsq_gradient_matches_finite_differences(int m, int n)
    {
        double[] x = Uniform(new Random(m * n), m, 0, 1);
        double[] gradient = new double[m];
        double value = G.LlsqAdjoint(x, gradient, n);

        GradientAssert.PrimalEqual(G.Llsq(x, n), value, "LlsqAdjoint");
        GradientMatchesFiniteDifference(p => G.Llsq(p, n), x, gradient, Precision.Double, "Llsq");
    }

    // --------------------------------------------------------------------------------------- kmeans

    private static (double[] Points, double[] Centroids) KMeansData(int n, int k, int d, int seed)
    {
        var random = new Random(seed);
        double[] points = Uniform(random, n * d, 0, 1);
        // gradbench takes the last k points as centroids, so that no cluster is empty; moved a little
        // off them, so that no distance is zero.
        double[] centroids = points.AsSpan((n - k) * d).ToArray().Select(v => v + 0.01 * (random.NextDouble() - 0.5)).ToArray();
        return (points, centroids);
    }

    [Theory]
    [InlineData(12, 3, 2)]
    [InlineData(20, 4, 3)]
    public void Kmeans_gradient_matches_finite_differences(int n, int k, int d)
    {
        var (points, centroids) = KMeansData(n, k, d, n * k * d);
        double[] gradient = new double[k * d];
        double value = G.KMeansAdjoint(points, centroids, gradient, d);

        GradientAssert.PrimalEqual(G.KMeans(points, centroids, d), value, "KMeansAdjoint");
        GradientMatchesFiniteDifference(c => G.KMeans(points, c, d), centroids, gradient, Precision.Double, "KMeans");
    }

    [Theory]
    [InlineData(12, 3, 2)]
    [InlineData(20, 4, 3)]
    public void Kmeans_hessian_diagonal_from_one_product_matches_differences_of_the_gradient(int n, int k, int d)
    {
        var (points, centroids) = KMeansData(n, k, d, n * k * d);
        int size = k * d;
        double[] ones = Enumerable.Repeat(1.0, size).ToArray();
        double[] gradient = new double[size], diagonal = new double[size], dir = new double[size];
        G.KMeansDir(points, centroids, d, ones, gradient, diagonal, dir);

        double[] expectedGradient = new double[size];
        G.KMeansAdjoint(points, centroids, expectedGradient, d);
        for (int j = 0; j < size; j++)
        {
            // Column j of the Hessian by central differences of the generated gradient; it has one
            // non-zero, on the diagonal, which is what the product along all ones adds up.
            const double h = 1e-5;
            double[] up = (double[])centroids.Clone(), down = (double[])centroids.Clone();
            up[j] += h;
            down[j] -= h;
            double[] gradientUp = new double[size], gradientDown = new double[size];
            G.KMeansAdjoint(points, up, gradientUp, d);
            G.KMeansAdjoint(points, down, gradientDown, d);
            for (int i = 0; i < size; i++)
            {
                double column = (gradientUp[i] - gradientDown[i]) / (2 * h);
                GradientAssert.Close(column, i == j ? diagonal[j] : 0.0, Tolerance.DoubleFiniteDifference, $"H[{i},{j}]");
            }
            Assert.True(diagonal[j] >= 2, $"every cluster has a point: H[{j},{j}] = {diagonal[j]}");
            Assert.Equal(expectedGradient[j], gradient[j], 13);
            Assert.Equal(gradient[j] / diagonal[j], dir[j]);
        }
    }

    // ------------------------------------------------------------------------------------------ ode

    /// <summary>gradbench's cpp/gradbench/evals/ode.hpp as it is written: whole-vector stages k1…k4 and y_tmp.</summary>
    private static double[] OdeReference(double[] x, int s)
    {
        int n = x.Length;
        double h = 2.0 / s;
        double[] y = new double[n], k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], tmp = new double[n];
        void Field(double[] state, double[] z)
        {
            z[0] = x[0];
            for (int i = 1; i < n; i++)
                z[i] = x[i] * state[i - 1];
        }
        for (int step = 0; step < s; step++)
        {
            Field(y, k1);
            for (int i = 0; i < n; i++)
                tmp[i] = y[i] + h * k1[i] / 2;
            Field(tmp, k2);
            for (int i = 0; i < n; i++)
                tmp[i] = y[i] + h * k2[i] / 2;
            Field(tmp, k3);
            for (int i = 0; i < n; i++)
                tmp[i] = y[i] + h * k3[i];
            Field(tmp, k4);
            for (int i = 0; i < n; i++)
                y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
        }
        return y;
    }

    private static double OdeLast(double[] x, int s)
    {
        double[] trajectory = new double[(s + 1) * x.Length];
        G.Ode(x, s, trajectory);
        return trajectory[^1];
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(9, 10)]
    public void Ode_solution_is_gradbench_reference_runge_kutta(int n, int s)
    {
        double[] x = Uniform(new Random(n + s), n, 0, 1);
        double[] trajectory = new double[(s + 1) * n];
        G.Ode(x, s, trajectory);

        double[] expected = OdeReference(x, s);
        for (int i = 0; i < n; i++)
            Assert.Equal(expected[i], trajectory[s * n + i], 14);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(9, 10)]
    public void Ode_gradient_of_the_last_state_element_matches_finite_differences(int n, int s)
    {
        double[] x = Uniform(new Random(n + s), n, 0, 1);
        double[] trajectory = new double[(s + 1) * n];
        double[] trajectoryBar = new double[(s + 1) * n];
        trajectoryBar[^1] = 1;
        double[] gradient = new double[n];
        G.OdeAdjoint(x, gradient, s, trajectory, trajectoryBar);

        Assert.Equal(OdeLast(x, s), trajectory[^1]);
        GradientMatchesFiniteDifference(p => OdeLast(p, s), x, gradient, Precision.Double, "Ode");
    }

    [Fact]
    public void Ode_adjoint_seeded_on_every_state_element_matches_finite_differences_of_their_weighted_sum()
    {
        const int n = 5, s = 4;
        var random = new Random(5);
        double[] x = Uniform(random, n, 0, 1);
        double[] weights = Uniform(random, (s + 1) * n, -1, 1);
        double Weighted(double[] p)
        {
            double[] trajectory = new double[(s + 1) * n];
            G.Ode(p, s, trajectory);
            return trajectory.Zip(weights, (t, w) => t * w).Sum();
        }
        double[] gradient = new double[n];
        G.OdeAdjoint(x, gradient, s, new double[(s + 1) * n], weights);

        GradientMatchesFiniteDifference(Weighted, x, gradient, Precision.Double, "Ode (all elements)");
    }

    // ------------------------------------------------------------------------------------------ gmm

    private sealed record GmmData(int D, int K, int N, double[] Alphas, double[] Means, double[] Q, double[] L, double[] X)
    {
        public int LSize => D * (D - 1) / 2;

        public double[] Packed => [.. Alphas, .. Means, .. Q, .. L];

        public double Objective(double[] p) => G.Gmm(
            p.AsSpan(0, K), p.AsSpan(K, K * D), p.AsSpan(K + K * D, K * D), p.AsSpan(K + 2 * K * D, K * LSize), X, Gamma, M);

        public float ObjectiveF(double[] p)
        {
            float[] f = p.Select(v => (float)v).ToArray();
            float[] x = X.Select(v => (float)v).ToArray();
            return G.GmmF(f.AsSpan(0, K), f.AsSpan(K, K * D), f.AsSpan(K + K * D, K * D), f.AsSpan(K + 2 * K * D, K * LSize), x, (float)Gamma, M);
        }
    }

    private const double Gamma = 1.0;
    private const int M = 2;

    private static GmmData MakeGmm(int d, int k, int n, int seed)
    {
        var random = new Random(seed);
        return new GmmData(d, k, n,
            Uniform(random, k, -1, 1), Uniform(random, k * d, -1, 1), Uniform(random, k * d, -0.5, 0.5),
            Uniform(random, k * d * (d - 1) / 2, -0.5, 0.5), Uniform(random, n * d, -1.5, 1.5));
    }

    /// <summary>
    /// gradbench's cpp/gradbench/evals/gmm.hpp as it is written: Q·(x − μ) column by column into a scratch
    /// vector, the main terms kept, logsumexp by max shift, the Wishart prior with its constant.
    /// </summary>
    private static double GmmReference(GmmData g)
    {
        int d = g.D, k = g.K, lSize = g.LSize;
        double slse = 0;
        double[] main = new double[k], qx = new double[d];
        for (int ix = 0; ix < g.N; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                double sumQ = 0;
                for (int j = 0; j < d; j++)
                {
                    qx[j] = Math.Exp(g.Q[ik * d + j]) * (g.X[ix * d + j] - g.Means[ik * d + j]);
                    sumQ += g.Q[ik * d + j];
                }
                int index = 0;
                for (int i = 0; i < d; i++)
                    for (int j = i + 1; j < d; j++)
                        qx[j] += g.L[ik * lSize + index++] * (g.X[ix * d + i] - g.Means[ik * d + i]);
                main[ik] = g.Alphas[ik] + sumQ - 0.5 * qx.Sum(v => v * v);
            }
            double mx = main.Max();
            slse += Math.Log(main.Sum(t => Math.Exp(t - mx))) + mx;
        }
        double amx = g.Alphas.Max();
        double lseAlpha = Math.Log(g.Alphas.Sum(a => Math.Exp(a - amx))) + amx;

        int degrees = d + M + 1;
        double logGammaD = 0.25 * d * (d - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= d; j++)
            logGammaD += LogGamma(0.5 * degrees + 0.5 * (1 - j));
        double c = degrees * d * (Math.Log(Gamma) - 0.5 * Math.Log(2)) - logGammaD;
        double prior = 0;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = 0, sumQ = 0;
            for (int j = 0; j < d; j++)
            {
                frobenius += Math.Exp(2 * g.Q[ik * d + j]);
                sumQ += g.Q[ik * d + j];
            }
            for (int j = 0; j < lSize; j++)
                frobenius += g.L[ik * lSize + j] * g.L[ik * lSize + j];
            prior += 0.5 * Gamma * Gamma * frobenius - M * sumQ;
        }
        return -g.N * d * 0.5 * Math.Log(2 * Math.PI) + slse - g.N * lseAlpha - prior + k * c;
    }

    /// <summary>log Γ(z) by Lanczos (g = 7, 9 terms), ~1e-15 relative: independent of the subject's half-integer recursion.</summary>
    private static double LogGamma(double z)
    {
        double[] coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (z < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        z -= 1;
        double a = coefficients[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++)
            a += coefficients[i] / (z + i);
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    [Theory]
    [InlineData(1, 2, 5)]
    [InlineData(2, 3, 6)]
    [InlineData(4, 3, 5)]
    public void Gmm_objective_is_gradbench_reference_objective(int d, int k, int n)
    {
        GmmData g = MakeGmm(d, k, n, d * 100 + k * 10 + n);
        double expected = GmmReference(g);
        Assert.True(Math.Abs(g.Objective(g.Packed) - expected) <= 1e-12 * Math.Abs(expected) + 1e-12,
            $"Gmm gives {g.Objective(g.Packed):R}, the reference {expected:R}");
    }

    /// <summary>The main terms kept in a scratch buffer: the reference objective, and its gradient against central differences.</summary>
    [Theory]
    [InlineData(1, 2, 5)]
    [InlineData(2, 3, 6)]
    [InlineData(4, 3, 5)]
    public void Gmm_with_its_main_terms_in_a_buffer_matches_the_reference_and_finite_differences(int d, int k, int n)
    {
        GmmData g = MakeGmm(d, k, n, d * 100 + k * 10 + n);
        int lSize = g.LSize;
        double Objective(double[] p) => G.GmmBuffered(
            p.AsSpan(0, k), p.AsSpan(k, k * d), p.AsSpan(k + k * d, k * d), p.AsSpan(k + 2 * k * d, k * lSize), g.X, Gamma, M);
        double expected = GmmReference(g);
        Assert.True(Math.Abs(Objective(g.Packed) - expected) <= 1e-12 * Math.Abs(expected) + 1e-12, $"GmmBuffered gives {Objective(g.Packed):R}, the reference {expected:R}");
        double[] p = g.Packed;
        double[] gradient = new double[p.Length];
        double value = G.GmmBufferedAdjoint(
            g.Alphas, gradient.AsSpan(0, k), g.Means, gradient.AsSpan(k, k * d), g.Q, gradient.AsSpan(k + k * d, k * d),
            g.L, gradient.AsSpan(k + 2 * k * d, k * lSize), g.X, Gamma, M);
        GradientAssert.PrimalEqual(Objective(p), value, "GmmBufferedAdjoint");
        GradientMatchesFiniteDifference(Objective, p, gradient, Precision.Double, "GmmBuffered");
    }

    [Theory]
    [InlineData(1, 2, 5)]
    [InlineData(2, 3, 6)]
    [InlineData(4, 3, 5)]
    public void Gmm_gradient_matches_finite_differences(int d, int k, int n)
    {
        GmmData g = MakeGmm(d, k, n, d * 100 + k * 10 + n);
        double[] p = g.Packed;
        double[] gradient = new double[p.Length];
        int lSize = g.LSize;
        double value = G.GmmAdjoint(
            g.Alphas, gradient.AsSpan(0, k), g.Means, gradient.AsSpan(k, k * d), g.Q, gradient.AsSpan(k + k * d, k * d),
            g.L, gradient.AsSpan(k + 2 * k * d, k * lSize), g.X, Gamma, M);

        GradientAssert.PrimalEqual(g.Objective(p), value, "GmmAdjoint");
        GradientMatchesFiniteDifference(g.Objective, p, gradient, Precision.Double, "Gmm");
    }

    [Theory]
    [InlineData(2, 3, 6)]
    [InlineData(4, 3, 5)]
    public void Float_gmm_gradient_matches_finite_differences(int d, int k, int n)
    {
        GmmData g = MakeGmm(d, k, n, d * 100 + k * 10 + n);
        float[] p = g.Packed.Select(v => (float)v).ToArray();
        float[] x = g.X.Select(v => (float)v).ToArray();
        float[] gradient = new float[p.Length];
        int lSize = g.LSize;
        float value = G.GmmFAdjoint(
            p.AsSpan(0, k), gradient.AsSpan(0, k), p.AsSpan(k, k * d), gradient.AsSpan(k, k * d),
            p.AsSpan(k + k * d, k * d), gradient.AsSpan(k + k * d, k * d),
            p.AsSpan(k + 2 * k * d, k * lSize), gradient.AsSpan(k + 2 * k * d, k * lSize), x, (float)Gamma, M);

        double[] at = p.Select(v => (double)v).ToArray();
        GradientAssert.PrimalEqual(g.ObjectiveF(at), value, "GmmFAdjoint");
        GradientMatchesFiniteDifference(q => g.ObjectiveF(q), at, gradient.Select(v => (double)v).ToArray(), Precision.Float, "GmmF");
    }

    // ----------------------------------------------------------------------------------- allocation

    /// <summary>
    /// Every gradbench gradient allocates nothing once warm (issue 17): at sizes past the stack's share of kept values
    /// (ode keeps 4·s·n values in pooled arrays), and for kmeans' Hessian-vector product too.
    /// </summary>
    [Theory]
    [InlineData("lse")]
    [InlineData("llsq")]
    [InlineData("kmeans")]
    [InlineData("kmeans dir")]
    [InlineData("ode")]
    [InlineData("gmm")]
    [InlineData("gmm buffered")]
    public void Each_gradient_allocates_nothing_after_warm_up(string eval)
    {
        Action call;
        switch (eval)
        {
            case "lse":
            {
                double[] x = Uniform(new Random(1), 5000, -2, 2), gradient = new double[x.Length];
                call = () => G.LseAdjoint(x, gradient);
                break;
            }
            case "llsq":
            {
                double[] x = Uniform(new Random(2), 128, 0, 1), gradient = new double[x.Length];
                call = () => G.LlsqAdjoint(x, gradient, 300);
                break;
            }
            case "kmeans" or "kmeans dir":
            {
                var (points, centroids) = KMeansData(400, 10, 8, 3);
                double[] gradient = new double[centroids.Length], ones = Enumerable.Repeat(1.0, centroids.Length).ToArray();
                double[] diagonal = new double[centroids.Length], dir = new double[centroids.Length];
                call = eval == "kmeans"
                    ? () => G.KMeansAdjoint(points, centroids, gradient, 8)
                    : () => G.KMeansDir(points, centroids, 8, ones, gradient, diagonal, dir);
                break;
            }
            case "ode":
            {
                const int n = 100, s = 20;
                double[] x = Uniform(new Random(4), n, 0, 1), gradient = new double[n];
                double[] trajectory = new double[(s + 1) * n], trajectoryBar = new double[(s + 1) * n];
                trajectoryBar[^1] = 1;
                call = () => G.OdeAdjoint(x, gradient, s, trajectory, trajectoryBar);
                break;
            }
            default:
            {
                GmmData g = MakeGmm(4, 3, 50, 5);
                int k = 3, d = 4, lSize = g.LSize;
                double[] gradient = new double[g.Packed.Length];
                call = eval == "gmm"
                    ? () => G.GmmAdjoint(g.Alphas, gradient.AsSpan(0, k), g.Means, gradient.AsSpan(k, k * d), g.Q, gradient.AsSpan(k + k * d, k * d),
                        g.L, gradient.AsSpan(k + 2 * k * d, k * lSize), g.X, Gamma, M)
                    : () => G.GmmBufferedAdjoint(g.Alphas, gradient.AsSpan(0, k), g.Means, gradient.AsSpan(k, k * d), g.Q, gradient.AsSpan(k + k * d, k * d),
                        g.L, gradient.AsSpan(k + 2 * k * d, k * lSize), g.X, Gamma, M);
                break;
            }
        }
        call();
        call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
            call();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
