using System;
using AutoGrad.Tests.Functions;
using Xunit;

namespace AutoGrad.Tests.CustomDerivatives;

/// <summary>
/// A void function writing an output (an iterative linear solve) with a custom adjoint and tangent,
/// called from a [Differentiable] method: its Jacobian by both sweeps against the closed form
/// ∂x/∂b = A⁻¹, ∂x_i/∂A_jk = −(A⁻¹)_ij·x_k (A⁻¹ by Gauss–Jordan elimination here) and against
/// central finite differences of the caller.
/// </summary>
public class LinearSolveTests
{
    private static readonly double[] Parameters =
    [
        4, -1, 0.5,
        1, 5, -2,
        -0.5, 1, 3,
        1, -2, 0.5,
    ];

    /// <summary>A⁻¹ of a 3×3 matrix by Gauss–Jordan elimination with partial pivoting.</summary>
    private static double[,] Inverse(ReadOnlySpan<double> a, int n)
    {
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                m[i, j] = a[i * n + j];
            m[i, n + i] = 1;
        }

        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                    pivot = r;
            }

            for (int k = 0; k < 2 * n; k++)
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            double d = m[c, c];
            for (int k = 0; k < 2 * n; k++)
                m[c, k] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == c)
                    continue;
                double f = m[r, c];
                for (int k = 0; k < 2 * n; k++)
                    m[r, k] -= f * m[c, k];
            }
        }

        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                inverse[i, j] = m[i, n + j];
        return inverse;
    }

    [Fact]
    public void The_solution_s_Jacobian_by_either_sweep_matches_the_implicit_function_theorem_and_finite_differences()
    {
        double[] p = Parameters;
        var inverse = Inverse(p.AsSpan(0, 9), 3);
        double[] x = new double[3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                x[i] += inverse[i, j] * p[9 + j];

        var expected = new double[3 * 12];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 3; k++)
                    expected[i * 12 + j * 3 + k] = -inverse[i, j] * x[k];
                expected[i * 12 + 9 + j] = inverse[i, j];
            }
        }

        foreach (var sweep in new[] { JacobianSweep.Forward, JacobianSweep.Reverse })
        {
            double[] y = new double[3], jacobian = new double[36];
            Jacobian.Compute<double>(LinearModels.EquilibriumForward, LinearModels.EquilibriumAdjoint, p, y, jacobian, sweep);
            for (int i = 0; i < 3; i++)
                Assert.True(Math.Abs(x[i] - y[i]) <= 1e-14, $"x[{i}] = {y[i]:R}, direct solve {x[i]:R}");
            for (int k = 0; k < 36; k++)
            {
                Assert.True(Math.Abs(expected[k] - jacobian[k]) <= 1e-13, $"J({sweep})[{k / 12},{k % 12}] = {jacobian[k]:R}, closed form {expected[k]:R}");

                int input = k % 12, output = k / 12;
                double h = 1e-6 * Math.Max(1, Math.Abs(p[input]));
                double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
                plus[input] += h;
                minus[input] -= h;
                double[] yPlus = new double[3], yMinus = new double[3];
                LinearModels.Equilibrium(plus, yPlus);
                LinearModels.Equilibrium(minus, yMinus);
                double difference = (yPlus[output] - yMinus[output]) / (plus[input] - minus[input]);
                Assert.True(Math.Abs(difference - jacobian[k]) <= 1e-7, $"J({sweep})[{output},{input}] = {jacobian[k]:R}, central difference {difference:R}");
            }
        }
    }
}
