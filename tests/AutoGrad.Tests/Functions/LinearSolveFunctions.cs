using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// An iterative solver with custom derivatives by the implicit function theorem: x solves A·x = b,
/// so A·ẋ = ḃ − Ȧ·x (tangent) and, with Aᵀ·λ = x̄, b̄ += λ and Ā += −λ·xᵀ (adjoint). Neither
/// derivative differentiates the iterations.
/// </summary>
public static partial class LinearSolve
{
    /// <summary>Solves A·x = b (A n×n row-major, diagonally dominant) by Gauss–Seidel sweeps until they stop changing x.</summary>
    public static void Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x) => GaussSeidel(a, b, x, transposed: false);

    [DerivativeOf(nameof(Solve))]
    public static void SolveAdjoint(ReadOnlySpan<double> a, Span<double> aBar, ReadOnlySpan<double> b, Span<double> bBar, Span<double> x, ReadOnlySpan<double> xBar)
    {
        int n = b.Length;
        Solve(a, b, x);
        Span<double> lambda = stackalloc double[n];
        GaussSeidel(a, xBar, lambda, transposed: true);
        for (int i = 0; i < n; i++)
        {
            bBar[i] += lambda[i];
            for (int j = 0; j < n; j++)
                aBar[i * n + j] -= lambda[i] * x[j];
        }
    }

    [DerivativeOf(nameof(Solve), Kind = DerivativeKind.Tangent)]
    public static void SolveTangent(ReadOnlySpan<double> a, ReadOnlySpan<double> aDot, ReadOnlySpan<double> b, ReadOnlySpan<double> bDot, Span<double> x, Span<double> xDot)
    {
        int n = b.Length;
        Solve(a, b, x);
        Span<double> rhs = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            double s = bDot[i];
            for (int j = 0; j < n; j++)
                s -= aDot[i * n + j] * x[j];
            rhs[i] = s;
        }

        GaussSeidel(a, rhs, xDot, transposed: false);
    }

    private static void GaussSeidel(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x, bool transposed)
    {
        int n = b.Length;
        x.Clear();
        for (int sweep = 0; sweep < 10_000; sweep++)
        {
            double change = 0, size = 0;
            for (int i = 0; i < n; i++)
            {
                double s = b[i];
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                        s -= (transposed ? a[j * n + i] : a[i * n + j]) * x[j];
                }

                double next = s / a[i * n + i];
                change = Math.Max(change, Math.Abs(next - x[i]));
                size = Math.Max(size, Math.Abs(next));
                x[i] = next;
            }

            if (change <= 1e-16 * size)
                break;
        }
    }
}

/// <summary>[Differentiable] callers: the parameters packed in one span, sliced into A and b.</summary>
public static partial class LinearModels
{
    /// <summary>x(p) with A = p[0..9] (3×3), b = p[9..12].</summary>
    [Differentiable]
    public static void Equilibrium(ReadOnlySpan<double> p, Span<double> x) => LinearSolve.Solve(p.Slice(0, 9), p.Slice(9, 3), x);
}
