using System;
using System.Collections.Generic;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.Spans.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Spans.Functions.FloatOutputSpans;
using O = AutoGrad.Tests.Spans.Functions.OutputSpans;

namespace AutoGrad.Tests.Spans;

/// <summary>
/// void methods that write output spans: forward fills outputDot, the adjoint reads outputBar and
/// writes the primal output. Output buffers start as NaN so a read before a write shows.
/// </summary>
public class OutputSpanTests
{
    public static readonly Dictionary<string, VectorCase<double>> DoubleCases = new[]
    {
        Predict(4, seed: 61),
        TanhProduct(3, seed: 62),
        MatVec(3, 2, seed: 63),
        TransposedMatVec(3, 2, seed: 64),
        PrefixSum(5, seed: 65),
        PrefixSum(1, seed: 66),
        Recurrence(4, seed: 67),
        PolarToCartesian(3, seed: 68),
        WritesBeforeACheck(4, seed: 69),
    }.ToDictionary(c => c.Name);

    public static readonly Dictionary<string, VectorCase<float>> FloatCases = new[]
    {
        PredictF(4, seed: 71),
        MatVecF(3, 2, seed: 72),
        RecurrenceF(4, seed: 73),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> DoubleNames => new(DoubleCases.Keys);

    public static TheoryData<string> FloatNames => new(FloatCases.Keys);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_jacobian_matches_closed_form(string name) => SpanAssert.MatchesClosedForm(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_jacobian_matches_closed_form(string name) => SpanAssert.MatchesClosedForm(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_forward_matches_finite_difference(string name) => SpanAssert.ForwardMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_adjoint_matches_finite_difference(string name) => SpanAssert.AdjointMatchesFiniteDifference(DoubleCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_forward_matches_finite_difference(string name) => SpanAssert.ForwardMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_adjoint_matches_finite_difference(string name) => SpanAssert.AdjointMatchesFiniteDifference(FloatCases[name]);

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_sum_of_output_bar_times_output_dot_equals_sum_of_input_bar_times_input_dot(string name) => SpanAssert.ForwardAndAdjointAgree(DoubleCases[name], seed: 99);

    [Theory]
    [MemberData(nameof(FloatNames))]
    public void Float_sum_of_output_bar_times_output_dot_equals_sum_of_input_bar_times_input_dot(string name) => SpanAssert.ForwardAndAdjointAgree(FloatCases[name], seed: 99);

    /// <summary>
    /// y = W·x with W 20×5: the Jacobian ∂y/∂W from 20 adjoint calls (outputBar = e_i) equals the one
    /// from 100 forward calls (wDot = e_k), and its row i is xᵀ in the i-th block of five, zero elsewhere.
    /// ∂y/∂x is W, from both modes.
    /// </summary>
    [Fact]
    public void MatVec_20x5_jacobian_in_W_from_adjoint_rows_and_forward_columns()
    {
        const int Rows = 20, Columns = 5;
        double[] w = SpanData.Uniform<double>(201, Rows * Columns);
        double[] x = SpanData.Uniform<double>(202, Columns);
        double[] expectedY = Enumerable.Range(0, Rows).Select(i => Enumerable.Range(0, Columns).Sum(j => w[i * Columns + j] * x[j])).ToArray();

        double[][] byAdjointW = SpanData.Zeros(Rows, Rows * Columns);
        double[][] byAdjointX = SpanData.Zeros(Rows, Columns);
        for (int i = 0; i < Rows; i++)
        {
            double[] y = SpanData.Unwritten<double>(Rows);
            O.MatVecAdjoint(w, byAdjointW[i], x, byAdjointX[i], y, GradientAssert.Unit<double>(Rows, i));
            for (int r = 0; r < Rows; r++)
            {
                GradientAssert.Close(expectedY[r], y[r], Tolerance.DoubleClosedForm, $"adjoint's y[{r}]");
            }
        }

        double[][] byForwardW = SpanData.Zeros(Rows, Rows * Columns);
        for (int k = 0; k < Rows * Columns; k++)
        {
            double[] y = SpanData.Unwritten<double>(Rows), yDot = SpanData.Unwritten<double>(Rows);
            O.MatVecForward(w, GradientAssert.Unit<double>(Rows * Columns, k), x, new double[Columns], y, yDot);
            for (int i = 0; i < Rows; i++)
            {
                byForwardW[i][k] = yDot[i];
            }
        }

        double[][] byForwardX = SpanData.Zeros(Rows, Columns);
        for (int j = 0; j < Columns; j++)
        {
            double[] y = SpanData.Unwritten<double>(Rows), yDot = SpanData.Unwritten<double>(Rows);
            O.MatVecForward(w, new double[Rows * Columns], x, GradientAssert.Unit<double>(Columns, j), y, yDot);
            for (int i = 0; i < Rows; i++)
            {
                byForwardX[i][j] = yDot[i];
            }
        }

        for (int i = 0; i < Rows; i++)
        {
            for (int k = 0; k < Rows * Columns; k++)
            {
                double expected = k / Columns == i ? x[k % Columns] : 0.0;
                GradientAssert.Close(expected, byAdjointW[i][k], Tolerance.DoubleClosedForm, $"adjoint ∂y{i}/∂W[{k / Columns},{k % Columns}]");
                GradientAssert.Close(expected, byForwardW[i][k], Tolerance.DoubleClosedForm, $"forward ∂y{i}/∂W[{k / Columns},{k % Columns}]");
                GradientAssert.Close(byAdjointW[i][k], byForwardW[i][k], Tolerance.DoubleClosedForm, $"adjoint vs forward ∂y{i}/∂W[{k / Columns},{k % Columns}]");
            }

            for (int j = 0; j < Columns; j++)
            {
                GradientAssert.Close(w[i * Columns + j], byAdjointX[i][j], Tolerance.DoubleClosedForm, $"adjoint ∂y{i}/∂x{j}");
                GradientAssert.Close(w[i * Columns + j], byForwardX[i][j], Tolerance.DoubleClosedForm, $"forward ∂y{i}/∂x{j}");
            }
        }
    }

    [Fact]
    public void Prefix_sum_adjoint_gives_suffix_sums_of_the_output_bar()
    {
        // y_j = Σ_{i≤j} x_i, so xBar_i = Σ_{j≥i} yBar_j.
        double[] x = [0.5, -1.0, 2.0, 0.25, 3.0];
        double[] yBar = [1.0, 2.0, -1.0, 0.5, 4.0];
        double[] xBar = new double[5];
        double[] y = SpanData.Unwritten<double>(5);

        O.PrefixSumAdjoint(x, xBar, y, yBar);

        Assert.Equal(new[] { 0.5, -0.5, 1.5, 1.75, 4.75 }, y);
        Assert.Equal(new[] { 6.5, 5.5, 3.5, 4.5, 4.0 }, xBar);
    }

    private static VectorCase<double> Predict(int n, int seed)
    {
        double[] x = SpanData.Uniform<double>(seed, n);
        return new VectorCase<double>(
            $"{nameof(O.Predict)}(n={n})",
            n,
            w =>
            {
                double[] output = SpanData.Unwritten<double>(n);
                O.Predict(w, x, output);
                return output;
            },
            (w, wDot, out outputDot) =>
            {
                double[] output = SpanData.Unwritten<double>(n);
                outputDot = SpanData.Unwritten<double>(n);
                O.PredictForward(w, wDot, x, output, outputDot);
                return output;
            },
            (w, wBar, outputBar) =>
            {
                double[] output = SpanData.Unwritten<double>(n);
                O.PredictAdjoint(w, wBar, x, output, outputBar);
                return output;
            },
            SpanData.Points<double>(seed, 3, n))
        {
            Jacobian = w => Diagonal(w.Select((wi, i) => x[i] * SechSquared(wi * x[i])).ToArray()),
        };
    }

    private static VectorCase<double> TanhProduct(int n, int seed)
        => new(
            $"{nameof(O.TanhProduct)}(n={n})",
            n,
            p =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.TanhProduct(p.AsSpan(0, n), p.AsSpan(n), y);
                return y;
            },
            (p, d, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                yDot = SpanData.Unwritten<double>(n);
                O.TanhProductForward(p.AsSpan(0, n), d.AsSpan(0, n), p.AsSpan(n), d.AsSpan(n), y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.TanhProductAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p.AsSpan(n), b.AsSpan(n), y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, 2 * n))
        {
            Jacobian = p =>
            {
                double[][] j = SpanData.Zeros(n, 2 * n);
                for (int i = 0; i < n; i++)
                {
                    double s = SechSquared(p[i] * p[n + i]);
                    j[i][i] = p[n + i] * s;
                    j[i][n + i] = p[i] * s;
                }

                return j;
            },
        };

    /// <summary>p = [W (rows × columns, row-major), x (columns)].</summary>
    private static VectorCase<double> MatVec(int rows, int columns, int seed)
    {
        int m = rows * columns;
        return new VectorCase<double>(
            $"{nameof(O.MatVec)}({rows}x{columns})",
            rows,
            p =>
            {
                double[] y = SpanData.Unwritten<double>(rows);
                O.MatVec(p.AsSpan(0, m), p.AsSpan(m), y);
                return y;
            },
            (p, d, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(rows);
                yDot = SpanData.Unwritten<double>(rows);
                O.MatVecForward(p.AsSpan(0, m), d.AsSpan(0, m), p.AsSpan(m), d.AsSpan(m), y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(rows);
                O.MatVecAdjoint(p.AsSpan(0, m), b.AsSpan(0, m), p.AsSpan(m), b.AsSpan(m), y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, m + columns))
        {
            Jacobian = p => MatVecJacobian(p, rows, columns),
        };
    }

    /// <summary>p = [W (rows × columns, row-major), x (rows)]; y = Wᵀx has columns elements.</summary>
    private static VectorCase<double> TransposedMatVec(int rows, int columns, int seed)
    {
        int m = rows * columns;
        return new VectorCase<double>(
            $"{nameof(O.TransposedMatVec)}({rows}x{columns})",
            columns,
            p =>
            {
                double[] y = SpanData.Unwritten<double>(columns);
                O.TransposedMatVec(p.AsSpan(0, m), p.AsSpan(m), y);
                return y;
            },
            (p, d, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(columns);
                yDot = SpanData.Unwritten<double>(columns);
                O.TransposedMatVecForward(p.AsSpan(0, m), d.AsSpan(0, m), p.AsSpan(m), d.AsSpan(m), y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(columns);
                O.TransposedMatVecAdjoint(p.AsSpan(0, m), b.AsSpan(0, m), p.AsSpan(m), b.AsSpan(m), y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, m + rows))
        {
            Jacobian = p =>
            {
                // y_j = Σ_i W[i, j]·x_i.
                double[][] jacobian = SpanData.Zeros(columns, m + rows);
                for (int j = 0; j < columns; j++)
                {
                    for (int i = 0; i < rows; i++)
                    {
                        jacobian[j][i * columns + j] = p[m + i];
                        jacobian[j][m + i] = p[i * columns + j];
                    }
                }

                return jacobian;
            },
        };
    }

    private static VectorCase<double> PrefixSum(int n, int seed)
        => new(
            $"{nameof(O.PrefixSum)}(n={n})",
            n,
            x =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.PrefixSum(x, y);
                return y;
            },
            (x, xDot, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                yDot = SpanData.Unwritten<double>(n);
                O.PrefixSumForward(x, xDot, y, yDot);
                return y;
            },
            (x, xBar, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.PrefixSumAdjoint(x, xBar, y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, n))
        {
            Jacobian = _ => Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Select(i => i <= j ? 1.0 : 0.0).ToArray()).ToArray(),
        };

    /// <summary>z fixed with z[0] &gt; 0: y = (x[0]², 2x[1], …).</summary>
    private static VectorCase<double> WritesBeforeACheck(int n, int seed)
    {
        double[] z = [.. Enumerable.Range(0, n).Select(i => 0.5 + i)];
        return new(
            $"{nameof(O.WritesBeforeACheck)}(n={n})",
            n,
            x =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.WritesBeforeACheck(x, z, y);
                return y;
            },
            (x, xDot, out yDot) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                yDot = SpanData.Unwritten<double>(n);
                O.WritesBeforeACheckForward(x, xDot, z, y, yDot);
                return y;
            },
            (x, xBar, yBar) =>
            {
                double[] y = SpanData.Unwritten<double>(n);
                O.WritesBeforeACheckAdjoint(x, xBar, z, y, yBar);
                return y;
            },
            SpanData.Points<double>(seed, 3, n))
        {
            Jacobian = x => [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => i != j ? 0.0 : i == 0 ? 2 * x[0] : 2.0).ToArray())],
        };
    }

    /// <summary>p = [x (n), decay].</summary>
    private static VectorCase<double> Recurrence(int n, int seed)
        => new(
            $"{nameof(O.Recurrence)}(n={n})",
            n,
            p =>
            {
                double[] h = SpanData.Unwritten<double>(n);
                O.Recurrence(p.AsSpan(0, n), p[n], h);
                return h;
            },
            (p, d, out hDot) =>
            {
                double[] h = SpanData.Unwritten<double>(n);
                hDot = SpanData.Unwritten<double>(n);
                O.RecurrenceForward(p.AsSpan(0, n), d.AsSpan(0, n), p[n], d[n], h, hDot);
                return h;
            },
            (p, b, hBar) =>
            {
                double[] h = SpanData.Unwritten<double>(n);
                O.RecurrenceAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p[n], ref b[n], h, hBar);
                return h;
            },
            SpanData.Points<double>(seed, 3, n + 1, -1.5, 1.5))
        {
            Jacobian = p => RecurrenceJacobian(p, n),
        };

    /// <summary>p = [r (n), θ (n)]; outputs [x (n), y (n)].</summary>
    private static VectorCase<double> PolarToCartesian(int n, int seed)
        => new(
            $"{nameof(O.PolarToCartesian)}(n={n})",
            2 * n,
            p =>
            {
                double[] x = SpanData.Unwritten<double>(n), y = SpanData.Unwritten<double>(n);
                O.PolarToCartesian(p.AsSpan(0, n), p.AsSpan(n), x, y);
                return SpanData.Concat(x, y);
            },
            (p, d, out outputDot) =>
            {
                double[] x = SpanData.Unwritten<double>(n), y = SpanData.Unwritten<double>(n);
                double[] xDot = SpanData.Unwritten<double>(n), yDot = SpanData.Unwritten<double>(n);
                O.PolarToCartesianForward(p.AsSpan(0, n), d.AsSpan(0, n), p.AsSpan(n), d.AsSpan(n), x, xDot, y, yDot);
                outputDot = SpanData.Concat(xDot, yDot);
                return SpanData.Concat(x, y);
            },
            (p, b, outputBar) =>
            {
                double[] x = SpanData.Unwritten<double>(n), y = SpanData.Unwritten<double>(n);
                O.PolarToCartesianAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p.AsSpan(n), b.AsSpan(n), x, outputBar.AsSpan(0, n), y, outputBar.AsSpan(n));
                return SpanData.Concat(x, y);
            },
            SpanData.Points<double>(seed, 3, 2 * n, 0.2, 3.0))
        {
            Jacobian = p =>
            {
                double[][] j = SpanData.Zeros(2 * n, 2 * n);
                for (int i = 0; i < n; i++)
                {
                    double r = p[i], theta = p[n + i];
                    j[i][i] = Math.Cos(theta);
                    j[i][n + i] = -r * Math.Sin(theta);
                    j[n + i][i] = Math.Sin(theta);
                    j[n + i][n + i] = r * Math.Cos(theta);
                }

                return j;
            },
        };

    private static VectorCase<float> PredictF(int n, int seed)
    {
        float[] x = SpanData.Uniform<float>(seed, n);
        return new VectorCase<float>(
            $"{nameof(F.Predict)}(n={n})",
            n,
            w =>
            {
                float[] output = SpanData.Unwritten<float>(n);
                F.Predict(w, x, output);
                return output;
            },
            (w, wDot, out outputDot) =>
            {
                float[] output = SpanData.Unwritten<float>(n);
                outputDot = SpanData.Unwritten<float>(n);
                F.PredictForward(w, wDot, x, output, outputDot);
                return output;
            },
            (w, wBar, outputBar) =>
            {
                float[] output = SpanData.Unwritten<float>(n);
                F.PredictAdjoint(w, wBar, x, output, outputBar);
                return output;
            },
            SpanData.Points<float>(seed, 3, n))
        {
            Jacobian = w => Diagonal(w.Select((wi, i) => x[i] * SechSquared(wi * x[i])).ToArray()),
        };
    }

    private static VectorCase<float> MatVecF(int rows, int columns, int seed)
    {
        int m = rows * columns;
        return new VectorCase<float>(
            $"{nameof(F.MatVec)}({rows}x{columns})",
            rows,
            p =>
            {
                float[] y = SpanData.Unwritten<float>(rows);
                F.MatVec(p.AsSpan(0, m), p.AsSpan(m), y);
                return y;
            },
            (p, d, out yDot) =>
            {
                float[] y = SpanData.Unwritten<float>(rows);
                yDot = SpanData.Unwritten<float>(rows);
                F.MatVecForward(p.AsSpan(0, m), d.AsSpan(0, m), p.AsSpan(m), d.AsSpan(m), y, yDot);
                return y;
            },
            (p, b, yBar) =>
            {
                float[] y = SpanData.Unwritten<float>(rows);
                F.MatVecAdjoint(p.AsSpan(0, m), b.AsSpan(0, m), p.AsSpan(m), b.AsSpan(m), y, yBar);
                return y;
            },
            SpanData.Points<float>(seed, 3, m + columns))
        {
            Jacobian = p => MatVecJacobian(p, rows, columns),
        };
    }

    private static VectorCase<float> RecurrenceF(int n, int seed)
        => new(
            $"{nameof(F.Recurrence)}(n={n})",
            n,
            p =>
            {
                float[] h = SpanData.Unwritten<float>(n);
                F.Recurrence(p.AsSpan(0, n), p[n], h);
                return h;
            },
            (p, d, out hDot) =>
            {
                float[] h = SpanData.Unwritten<float>(n);
                hDot = SpanData.Unwritten<float>(n);
                F.RecurrenceForward(p.AsSpan(0, n), d.AsSpan(0, n), p[n], d[n], h, hDot);
                return h;
            },
            (p, b, hBar) =>
            {
                float[] h = SpanData.Unwritten<float>(n);
                F.RecurrenceAdjoint(p.AsSpan(0, n), b.AsSpan(0, n), p[n], ref b[n], h, hBar);
                return h;
            },
            SpanData.Points<float>(seed, 3, n + 1, -1.5, 1.5))
        {
            Jacobian = p => RecurrenceJacobian(p, n),
        };

    private static double SechSquared(double z) => 1 - Math.Tanh(z) * Math.Tanh(z);

    private static double[][] Diagonal(double[] d)
        => d.Select((v, i) => d.Select((_, k) => k == i ? v : 0.0).ToArray()).ToArray();

    /// <summary>∂(W·x)/∂[W, x] for p = [W row-major, x].</summary>
    private static double[][] MatVecJacobian(double[] p, int rows, int columns)
    {
        int m = rows * columns;
        double[][] jacobian = SpanData.Zeros(rows, m + columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                jacobian[i][i * columns + j] = p[m + j];
                jacobian[i][m + j] = p[i * columns + j];
            }
        }

        return jacobian;
    }

    /// <summary>
    /// h_i = tanh(x_i + decay·h_{i−1}): ∂h_i/∂x_k = (1 − h_i²)(δ_ik + decay·∂h_{i−1}/∂x_k),
    /// ∂h_i/∂decay = (1 − h_i²)(h_{i−1} + decay·∂h_{i−1}/∂decay), for p = [x (n), decay].
    /// </summary>
    private static double[][] RecurrenceJacobian(double[] p, int n)
    {
        double decay = p[n];
        double[][] jacobian = SpanData.Zeros(n, n + 1);
        double previous = 0.0;
        for (int i = 0; i < n; i++)
        {
            double h = Math.Tanh(p[i] + (i > 0 ? decay * previous : 0.0));
            double s = 1 - h * h;
            for (int k = 0; k < n; k++)
            {
                jacobian[i][k] = s * ((i == k ? 1.0 : 0.0) + (i > 0 ? decay * jacobian[i - 1][k] : 0.0));
            }

            jacobian[i][n] = i > 0 ? s * (previous + decay * jacobian[i - 1][n]) : 0.0;
            previous = h;
        }

        return jacobian;
    }
}
