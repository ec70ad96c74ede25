using System;
using AutoGrad;

namespace AutoGrad.Benchmarks.Subjects;

/// <summary>
/// gradbench's evals (github.com/gradbench/gradbench, evals/*/README.md and cpp/gradbench/evals/*.hpp)
/// written the way an ordinary C# user writes them: spans, loops, small callees, <c>Math.*</c>. One copy,
/// compiled into the benchmarks and (linked) into AutoGrad.Tests, whose GradbenchTests check every
/// generated gradient against central differences.
/// </summary>
public static partial class GradbenchSubjects
{
    // ------------------------------------------------------------------------------------------ lse

    /// <summary>gradbench lse: log Σ exp(xᵢ), shifted by the maximum (the log-sum-exp trick).</summary>
    [Differentiable]
    public static double Lse(ReadOnlySpan<double> x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++)
            max = Math.Max(max, x[i]);
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += Math.Exp(x[i] - max);
        return Math.Log(sum) + max;
    }

    /// <summary><see cref="Lse"/> in single precision.</summary>
    [Differentiable]
    public static float LseF(ReadOnlySpan<float> x)
    {
        float max = x[0];
        for (int i = 1; i < x.Length; i++)
            max = MathF.Max(max, x[i]);
        float sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += MathF.Exp(x[i] - max);
        return MathF.Log(sum) + max;
    }

    // ----------------------------------------------------------------------------------------- llsq

    /// <summary>
    /// gradbench llsq (cmpad's llsq_obj): ½ Σᵢ (sᵢ − Σⱼ xⱼ tᵢʲ)² with tᵢ = −1 + 2i/(n − 1) and sᵢ = sign(tᵢ),
    /// i = 0 … n − 1, j = 0 … m − 1 (m = x.Length).
    /// </summary>
    [Differentiable]
    public static double Llsq(ReadOnlySpan<double> x, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = -1 + i * 2.0 / (n - 1);
            double s = Math.Sign(t);
            double power = 1;
            double fit = 0;
            for (int j = 0; j < x.Length; j++)
            {
                fit += x[j] * power;
                power *= t;
            }
            double r = s - fit;
            sum += r * r;
        }
        return sum / 2;
    }

    // --------------------------------------------------------------------------------------- kmeans

    /// <summary>‖a − b‖², the points' side constant.</summary>
    [Differentiable]
    public static double SquaredDistance([NoDiff] ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dist = 0;
        for (int e = 0; e < a.Length; e++)
        {
            double diff = a[e] - b[e];
            dist += diff * diff;
        }
        return dist;
    }

    /// <summary>
    /// gradbench kmeans cost: Σᵢ minⱼ ‖pᵢ − cⱼ‖² over n points and k centroids of dimension d, stored
    /// row-major (point i at points[i·d …], centroid j at centroids[j·d …]); the centroids are active.
    /// </summary>
    [Differentiable]
    public static double KMeans([NoDiff] ReadOnlySpan<double> points, ReadOnlySpan<double> centroids, int d)
    {
        int n = points.Length / d;
        int k = centroids.Length / d;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            double closest = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
                closest = Math.Min(closest, SquaredDistance(points.Slice(i * d, d), centroids.Slice(j * d, d)));
            cost += closest;
        }
        return cost;
    }

    /// <summary>
    /// gradbench kmeans "dir": J / H elementwise, J the cost's gradient and H the diagonal of its Hessian
    /// (the Hessian is diagonal: each coordinate of a centroid meets only itself, 2 · its cluster's size).
    /// Both come from one generated Hessian-vector product along the all-ones direction (H·1 is H's diagonal
    /// when H is diagonal), which also returns the gradient. <paramref name="ones"/> holds 1s,
    /// <paramref name="gradient"/> and <paramref name="hessianDiagonal"/> are scratch of the centroids' length.
    /// </summary>
    public static double KMeansDir(ReadOnlySpan<double> points, ReadOnlySpan<double> centroids, int d,
        ReadOnlySpan<double> ones, Span<double> gradient, Span<double> hessianDiagonal, Span<double> dir)
    {
        gradient.Clear();
        hessianDiagonal.Clear();
        double cost = KMeansHessianVector(points, centroids, ones, gradient, hessianDiagonal, d);
        for (int i = 0; i < dir.Length; i++)
            dir[i] = gradient[i] / hessianDiagonal[i];
        return cost;
    }

    // ------------------------------------------------------------------------------------------ ode

    /// <summary>
    /// gradbench ode: cmpad's an_ode, y′₀ = x₀ and y′ᵢ = xᵢ·yᵢ₋₁ (i &gt; 0), solved on [0, 2] by
    /// <paramref name="s"/> Runge–Kutta 4 steps from y(0) = 0. The n = x.Length states are written one
    /// after the other into <paramref name="trajectory"/> ((s + 1)·n long); the solution is its last n
    /// elements, and gradbench's gradient is that of the last one: a reverse sweep seeded with 1 there.
    /// Component i of each stage needs only component i − 1 of the stage before, so the four stages of a
    /// step run in one pass over the components, carrying component i − 1 of each stage's argument in
    /// locals; steps and components run in one flat loop over the trajectory. (cmpad's form — whole-vector
    /// scratch k1…k4 and y_tmp, a loop over steps around loops over components — and a step method called
    /// in the loop over steps are refused: see GradbenchTests.)
    /// </summary>
    [Differentiable]
    public static void Ode(ReadOnlySpan<double> x, int s, Span<double> trajectory)
    {
        int n = x.Length;
        double h = 2.0 / s;
        for (int i = 0; i < n; i++)
            trajectory[i] = 0;
        double y1 = 0, y2 = 0, y3 = 0, y4 = 0;
        for (int t = 0; t < s * n; t++)
        {
            int i = t % n;
            double k1 = i == 0 ? x[0] : x[i] * y1;
            double k2 = i == 0 ? x[0] : x[i] * y2;
            double k3 = i == 0 ? x[0] : x[i] * y3;
            double k4 = i == 0 ? x[0] : x[i] * y4;
            double yi = trajectory[t];
            trajectory[t + n] = yi + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6;
            y1 = yi;
            y2 = yi + h * k1 / 2;
            y3 = yi + h * k2 / 2;
            y4 = yi + h * k3;
        }
    }

    // ------------------------------------------------------------------------------------------ gmm

    /// <summary>
    /// One component's term of the ADBench/gradbench GMM for one point: α + Σⱼ qⱼ − ½ ‖Q (x − μ)‖², where
    /// Q is lower triangular with diagonal exp(qⱼ) and, below it, the entries of <paramref name="l"/> stored
    /// column by column (ADBench's icf layout: L[j, i], i &lt; j, at i(2d − i − 1)/2 + j − i − 1).
    /// </summary>
    [Differentiable]
    public static double GmmMainTerm(double alpha, ReadOnlySpan<double> mu, ReadOnlySpan<double> q, ReadOnlySpan<double> l, [NoDiff] ReadOnlySpan<double> x)
    {
        int d = x.Length;
        double sumQ = 0;
        double sqnorm = 0;
        for (int j = 0; j < d; j++)
        {
            double row = Math.Exp(q[j]) * (x[j] - mu[j]);
            for (int i = 0; i < j; i++)
                row += l[i * (2 * d - i - 1) / 2 + j - i - 1] * (x[i] - mu[i]);
            sumQ += q[j];
            sqnorm += row * row;
        }
        return alpha + sumQ - 0.5 * sqnorm;
    }

    /// <summary>One component's term of the Wishart prior: ½ γ² (‖exp(q)‖² + ‖l‖²) − m Σⱼ qⱼ.</summary>
    [Differentiable]
    public static double GmmWishartTerm(ReadOnlySpan<double> q, ReadOnlySpan<double> l, [NoDiff] double gamma, int m)
    {
        double frobenius = 0;
        double sumQ = 0;
        for (int j = 0; j < q.Length; j++)
        {
            double diagonal = Math.Exp(q[j]);
            frobenius += diagonal * diagonal;
            sumQ += q[j];
        }
        for (int j = 0; j < l.Length; j++)
            frobenius += l[j] * l[j];
        return 0.5 * gamma * gamma * frobenius - m * sumQ;
    }

    /// <summary>
    /// gradbench gmm (ADBench's GMM objective, section 4.1 of the ADBench paper, with gradbench's fixes):
    /// the log-likelihood of n points x (d each) under k Gaussians with weights softmax(α), means μ and
    /// precision factors Q (diagonal exp(q), strictly lower part l, d(d − 1)/2 per component), plus the
    /// log of a Wishart(γ, m) prior on the precisions:
    /// −(nd/2) log 2π + Σᵢ logsumexpₖ(main termₖ(xᵢ)) − n logsumexp(α) − Σₖ prior termₖ + k·C(d, γ, m).
    /// Each log-sum-exp is shifted by its maximum, so a point's main terms are computed twice here; <see cref="GmmBuffered"/>
    /// keeps them in a scratch buffer.
    /// </summary>
    [Differentiable]
    public static double Gmm(ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> q, ReadOnlySpan<double> l,
        [NoDiff] ReadOnlySpan<double> x, [NoDiff] double gamma, int m)
    {
        int k = alphas.Length;
        int d = means.Length / k;
        int n = x.Length / d;
        int lSize = d * (d - 1) / 2;
        double slse = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> point = x.Slice(i * d, d);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
                max = Math.Max(max, GmmMainTerm(alphas[c], means.Slice(c * d, d), q.Slice(c * d, d), l.Slice(c * lSize, lSize), point));
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += Math.Exp(GmmMainTerm(alphas[c], means.Slice(c * d, d), q.Slice(c * d, d), l.Slice(c * lSize, lSize), point) - max);
            slse += Math.Log(sum) + max;
        }
        double prior = 0;
        for (int c = 0; c < k; c++)
            prior += GmmWishartTerm(q.Slice(c * d, d), l.Slice(c * lSize, lSize), gamma, m);
        return -0.5 * n * d * Math.Log(2 * Math.PI) + slse - n * Lse(alphas) - prior + k * GmmWishartConstant(d, gamma, m);
    }

    /// <summary>
    /// <see cref="Gmm"/> as a C# user writes it with a scratch buffer: each point's main terms computed once, into a buffer
    /// allocated before the loops and written whole for each point, then one log-sum-exp of them.
    /// </summary>
    [Differentiable]
    public static double GmmBuffered(ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> q, ReadOnlySpan<double> l,
        [NoDiff] ReadOnlySpan<double> x, [NoDiff] double gamma, int m)
    {
        int k = alphas.Length;
        int d = means.Length / k;
        int n = x.Length / d;
        int lSize = d * (d - 1) / 2;
        Span<double> mainTerms = stackalloc double[k];
        double slse = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> point = x.Slice(i * d, d);
            for (int c = 0; c < k; c++)
                mainTerms[c] = GmmMainTerm(alphas[c], means.Slice(c * d, d), q.Slice(c * d, d), l.Slice(c * lSize, lSize), point);
            slse += Lse(mainTerms);
        }
        double prior = 0;
        for (int c = 0; c < k; c++)
            prior += GmmWishartTerm(q.Slice(c * d, d), l.Slice(c * lSize, lSize), gamma, m);
        return -0.5 * n * d * Math.Log(2 * Math.PI) + slse - n * Lse(alphas) - prior + k * GmmWishartConstant(d, gamma, m);
    }

    /// <summary><see cref="GmmMainTerm"/> in single precision.</summary>
    [Differentiable]
    public static float GmmMainTermF(float alpha, ReadOnlySpan<float> mu, ReadOnlySpan<float> q, ReadOnlySpan<float> l, [NoDiff] ReadOnlySpan<float> x)
    {
        int d = x.Length;
        float sumQ = 0;
        float sqnorm = 0;
        for (int j = 0; j < d; j++)
        {
            float row = MathF.Exp(q[j]) * (x[j] - mu[j]);
            for (int i = 0; i < j; i++)
                row += l[i * (2 * d - i - 1) / 2 + j - i - 1] * (x[i] - mu[i]);
            sumQ += q[j];
            sqnorm += row * row;
        }
        return alpha + sumQ - 0.5f * sqnorm;
    }

    /// <summary><see cref="GmmWishartTerm"/> in single precision.</summary>
    [Differentiable]
    public static float GmmWishartTermF(ReadOnlySpan<float> q, ReadOnlySpan<float> l, [NoDiff] float gamma, int m)
    {
        float frobenius = 0;
        float sumQ = 0;
        for (int j = 0; j < q.Length; j++)
        {
            float diagonal = MathF.Exp(q[j]);
            frobenius += diagonal * diagonal;
            sumQ += q[j];
        }
        for (int j = 0; j < l.Length; j++)
            frobenius += l[j] * l[j];
        return 0.5f * gamma * gamma * frobenius - m * sumQ;
    }

    /// <summary><see cref="Gmm"/> in single precision (the constant C is computed in double).</summary>
    [Differentiable]
    public static float GmmF(ReadOnlySpan<float> alphas, ReadOnlySpan<float> means, ReadOnlySpan<float> q, ReadOnlySpan<float> l,
        [NoDiff] ReadOnlySpan<float> x, [NoDiff] float gamma, int m)
    {
        int k = alphas.Length;
        int d = means.Length / k;
        int n = x.Length / d;
        int lSize = d * (d - 1) / 2;
        float slse = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> point = x.Slice(i * d, d);
            float max = float.NegativeInfinity;
            for (int c = 0; c < k; c++)
                max = MathF.Max(max, GmmMainTermF(alphas[c], means.Slice(c * d, d), q.Slice(c * d, d), l.Slice(c * lSize, lSize), point));
            float sum = 0;
            for (int c = 0; c < k; c++)
                sum += MathF.Exp(GmmMainTermF(alphas[c], means.Slice(c * d, d), q.Slice(c * d, d), l.Slice(c * lSize, lSize), point) - max);
            slse += MathF.Log(sum) + max;
        }
        float prior = 0;
        for (int c = 0; c < k; c++)
            prior += GmmWishartTermF(q.Slice(c * d, d), l.Slice(c * lSize, lSize), gamma, m);
        return -0.5f * n * d * MathF.Log(2 * MathF.PI) + slse - n * LseF(alphas) - prior + k * (float)GmmWishartConstant(d, gamma, m);
    }

    /// <summary>
    /// The Wishart prior's normalising constant per component, C = n′d (log γ − ½ log 2) − log Γ_d(n′/2) with
    /// n′ = d + m + 1 (constant: no derivative flows through it). Γ_d is the multivariate gamma function,
    /// log Γ_d(a) = d(d − 1)/4 · log π + Σⱼ₌₁..d log Γ(a + (1 − j)/2); its arguments here are halves of integers.
    /// </summary>
    public static double GmmWishartConstant(int d, double gamma, int m)
    {
        int degrees = d + m + 1;
        double logGammaD = 0.25 * d * (d - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= d; j++)
            logGammaD += LogGammaOfHalf(degrees + 1 - j);
        return degrees * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - logGammaD;
    }

    /// <summary>log Γ(t/2) for an integer t ≥ 1, by Γ(z + 1) = z Γ(z) from Γ(1) = 1 and Γ(½) = √π.</summary>
    private static double LogGammaOfHalf(int t)
    {
        double result = t % 2 == 0 ? 0 : 0.5 * Math.Log(Math.PI);
        for (int u = t - 2; u >= 1; u -= 2)
            result += Math.Log(u / 2.0);
        return result;
    }
}
