using System;
using AutoGrad.Tests.Matrices.Functions;
using Xunit;
using static AutoGrad.Tests.Matrices.Differentiation.Dense;
using static AutoGrad.Tests.Matrices.Differentiation.FiniteDifferences;

namespace AutoGrad.Tests.Matrices.Differentiation;

/// <summary>
/// Generated derivatives of matrix methods against the notebooks' closed forms (written out with
/// <see cref="Dense"/>) and central finite differences, in both modes.
/// </summary>
public class MatrixGradientTests
{
    /// <summary>n = 4 genomes, s = 3 samples, m = 20 genes, k = 12 sequences, as in the notebook.</summary>
    private const int Genomes = 4, Samples = 3, Genes = 20, Sequences = 12;

    private static (double[,] A, double[,] B, double[,] C, double[,] D, double[,] E, double[,] F) ExpLinkData()
        => (Random(1, Genomes, Samples, 0, 1), Random(2, Genomes, Samples, 0, 1),
            Membership(3, Genes, Genomes), Random(4, Genes, Genomes, 0, 1),
            Membership(5, Sequences, Genes), Random(6, Sequences, Samples, 0, 20));

    [Fact]
    public void Exp_link_gradients_equal_the_notebook_closed_forms()
    {
        var (a, b, c, d, e, f) = ExpLinkData();
        // G = C·A + 1 − D·B, F̂ = E·exp(G); ∂L/∂A = 2Cᵀ(exp(G) ∘ Eᵀ(F̂ − F)), ∂L/∂B = −2Dᵀ(exp(G) ∘ Eᵀ(F̂ − F)).
        var g = Zip(Map(MatMul(c, a), x => x + 1), MatMul(d, b), (x, y) => x - y);
        var expG = Map(g, Math.Exp);
        var fHat = MatMul(e, expG);
        var residual = Zip(fHat, f, (x, y) => x - y);
        var inner = Zip(expG, MatMul(T(e), residual), (x, y) => x * y);
        var expectedA = Map(MatMul(T(c), inner), x => 2 * x);
        var expectedB = Map(MatMul(T(d), inner), x => -2 * x);
        double expectedLoss = Sum(Map(residual, x => x * x));

        var aBar = new Matrix<double>(Genomes, Samples);
        var bBar = new Matrix<double>(Genomes, Samples);
        double loss = MatrixModels.ExpLinkLossAdjoint(M(a), aBar, M(b), bBar, M(c), M(d), M(e), M(f));

        Assert.Equal(expectedLoss, loss, 1e-12 * expectedLoss);
        // The notebook checks dL_dA / A.grad = 1 elementwise: the ratio to 1 ± 1e-12.
        for (int i = 0; i < Genomes; i++)
            for (int j = 0; j < Samples; j++)
            {
                Assert.InRange(aBar[i, j] / expectedA[i, j], 1 - 1e-12, 1 + 1e-12);
                Assert.InRange(bBar[i, j] / expectedB[i, j], 1 - 1e-12, 1 + 1e-12);
            }
    }

    [Fact]
    public void Exp_link_gradients_agree_with_finite_differences_in_both_modes()
    {
        var (a, b, c, d, e, f) = ExpLinkData();
        Matrix<double> A = M(a), B = M(b), C = M(c), D = M(d), E = M(e), F = M(f);
        double Loss() => MatrixModels.ExpLinkLoss(A, B, C, D, E, F);

        var aBar = new Matrix<double>(Genomes, Samples);
        var bBar = new Matrix<double>(Genomes, Samples);
        MatrixModels.ExpLinkLossAdjoint(A, aBar, B, bBar, C, D, E, F);
        AssertClose(Gradient(A, Loss), aBar, 1e-6, 1e-6, "∂L/∂A");
        AssertClose(Gradient(B, Loss), bBar, 1e-6, 1e-6, "∂L/∂B");

        // Forward mode: the directional derivative along (dA, dB) is ⟨∇L, (dA, dB)⟩.
        var dA = M(Random(7, Genomes, Samples));
        var dB = M(Random(8, Genomes, Samples));
        double value = MatrixModels.ExpLinkLossForward(A, dA, B, dB, C, D, E, F, out double dot);
        double expected = 0;
        for (int i = 0; i < Genomes; i++)
            for (int j = 0; j < Samples; j++)
                expected += aBar[i, j] * dA[i, j] + bBar[i, j] * dB[i, j];
        Assert.Equal(Loss(), value);
        Assert.Equal(expected, dot, 1e-10 * Math.Abs(expected));
    }

    [Fact]
    public void Exp_link_in_float_agrees_with_double()
    {
        var (a, b, c, d, e, f) = ExpLinkData();
        var aBar = new Matrix<double>(Genomes, Samples);
        var bBar = new Matrix<double>(Genomes, Samples);
        MatrixModels.ExpLinkLossAdjoint(M(a), aBar, M(b), bBar, M(c), M(d), M(e), M(f));
        var aBarF = new Matrix<float>(Genomes, Samples);
        var bBarF = new Matrix<float>(Genomes, Samples);
        MatrixModels.ExpLinkLossFAdjoint(F(a), aBarF, F(b), bBarF, F(c), F(d), F(e), F(f));
        for (int i = 0; i < Genomes; i++)
            for (int j = 0; j < Samples; j++)
            {
                Assert.Equal(aBar[i, j], aBarF[i, j], 1e-3 * Math.Abs(aBar[i, j]) + 1e-3);
                Assert.Equal(bBar[i, j], bBarF[i, j], 1e-3 * Math.Abs(bBar[i, j]) + 1e-3);
            }
    }

    public static TheoryData<int, int, int> MatMulShapes => new() { { 1, 1, 4 }, { 2, 2, 1 }, { 1, 2, 2 }, { 2, 2, 2 } };

    /// <summary>The backprop notebook: for c = a·b with upstream g, ∂/∂a = g·bᵀ and ∂/∂b = aᵀ·g (a is m×k, b is k×n).</summary>
    [Theory]
    [MemberData(nameof(MatMulShapes))]
    public void Matmul_backprop_is_g_times_b_transposed_and_a_transposed_times_g(int m, int k, int n)
    {
        double[,] a = Random(10 + m, m, k), b = Random(20 + n, k, n), g = Random(30 + k, m, n);
        var aBar = new Matrix<double>(m, k);
        var bBar = new Matrix<double>(k, n);
        MatrixModels.MatMulAgainstAdjoint(M(a), aBar, M(b), bBar, M(g));
        AssertClose(MatMul(g, T(b)), aBar, 1e-14, 1e-15, "∂/∂a");
        AssertClose(MatMul(T(a), g), bBar, 1e-14, 1e-15, "∂/∂b");
    }

    [Fact]
    public void Hadamard_add_and_sum_backprop_follow_the_notebook()
    {
        double[,] a = Random(40, 2, 3), b = Random(41, 2, 3), g = Random(42, 2, 3);
        var aBar = new Matrix<double>(2, 3);
        var bBar = new Matrix<double>(2, 3);
        MatrixModels.HadamardAgainstAdjoint(M(a), aBar, M(b), bBar, M(g));
        AssertClose(Zip(g, b, (x, y) => x * y), aBar, 1e-15, 0, "Hadamard ∂/∂a");
        AssertClose(Zip(g, a, (x, y) => x * y), bBar, 1e-15, 0, "Hadamard ∂/∂b");

        aBar = new Matrix<double>(2, 3);
        bBar = new Matrix<double>(2, 3);
        MatrixModels.AddAgainstAdjoint(M(a), aBar, M(b), bBar, M(g));
        AssertClose(g, aBar, 0, 0, "add ∂/∂a");
        AssertClose(g, bBar, 0, 0, "add ∂/∂b");

        var sumBar = new Matrix<double>(2, 3);
        MatrixModels.SumAllAdjoint(M(a), sumBar);
        AssertClose(Map(a, _ => 1), sumBar, 0, 0, "sum");
    }

    [Fact]
    public void Max_over_six_equal_values_gives_each_a_sixth()
    {
        var ties = M(new double[,] { { 2, 2 }, { 2, 2 }, { 2, 2 } });
        var bar = new Matrix<double>(3, 2);
        Assert.Equal(2, MatrixModels.MaxAllAdjoint(ties, bar));
        AssertClose(new double[,] { { 1.0 / 6, 1.0 / 6 }, { 1.0 / 6, 1.0 / 6 }, { 1.0 / 6, 1.0 / 6 } }, bar, 1e-15, 0, "max ties");

        MatrixModels.MaxAllForward(ties, M(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }), out double dot);
        Assert.Equal(21.0 / 6, dot, 1e-15);

        var distinct = M(new double[,] { { 1, 5 }, { -3, 2 } });
        var minBar = new Matrix<double>(2, 2);
        Assert.Equal(-3, MatrixModels.MinAllAdjoint(distinct, minBar));
        AssertClose(new double[,] { { 0, 0 }, { 1, 0 } }, minBar, 0, 0, "min");
    }

    /// <summary>∂(W·x)/∂W for W 20×5: the Jacobian from 20 adjoint calls (unit cotangents) and from forward calls; row i of ∂yᵢ/∂W is xᵀ.</summary>
    [Fact]
    public void Jacobian_of_w_times_x_has_x_transposed_in_row_i()
    {
        double[,] w = Random(50, 20, 5), x = Random(51, 5, 1);
        for (int i = 0; i < 20; i++)
        {
            var unit = new Matrix<double>(20, 1);
            unit[i, 0] = 1;
            var wBar = new Matrix<double>(20, 5);
            var y = MatrixModels.LinearAdjoint(M(w), wBar, M(x), unit);
            AssertClose(MatMul(w, x), y, 1e-13, 1e-16, "y"); // the GEMM sums in its own order
            var expected = new double[20, 5];
            for (int j = 0; j < 5; j++)
                expected[i, j] = x[j, 0];
            AssertClose(expected, wBar, 0, 0, $"∂y{i}/∂W");
        }

        // Forward along the unit direction E_ij: yDot = x_j in row i.
        for (int j = 0; j < 5; j++)
        {
            var direction = new Matrix<double>(20, 5);
            direction[3, j] = 1;
            MatrixModels.LinearForward(M(w), direction, M(x), out var yDot);
            var expected = new double[20, 1];
            expected[3, 0] = x[j, 0];
            AssertClose(expected, yDot, 0, 0, $"∂y/∂W[3,{j}]");
        }
    }

    [Fact]
    public void Mse_gradient_is_minus_two_over_n_times_residual_times_x_transposed()
    {
        double[,] w = Random(60, 20, 5), x = Random(61, 5, 1), y = Random(62, 20, 1);
        var residual = Zip(y, MatMul(w, x), (a, b) => a - b);
        var expected = Map(MatMul(residual, T(x)), v => -2.0 / 20 * v);
        var wBar = new Matrix<double>(20, 5);
        MatrixModels.LinearMseAdjoint(M(w), wBar, M(x), M(y));
        AssertClose(expected, wBar, 1e-13, 1e-16, "dMSE/dW");
    }

    /// <summary>pred = W₂(W₁x), W₁ 9×5, W₂ 7×9: ∂MSE/∂W₁ = W₂ᵀ·(−2/n)(y − pred)·xᵀ, ∂MSE/∂W₂ = (−2/n)(y − pred)·(W₁x)ᵀ.</summary>
    [Fact]
    public void Two_layer_network_gradients_follow_the_chain_rule()
    {
        double[,] w1 = Random(70, 9, 5), w2 = Random(71, 7, 9), x = Random(72, 5, 1), y = Random(73, 7, 1);
        var hidden = MatMul(w1, x);
        var delta = Map(Zip(y, MatMul(w2, hidden), (a, b) => a - b), v => -2.0 / 7 * v);
        var w1Bar = new Matrix<double>(9, 5);
        var w2Bar = new Matrix<double>(7, 9);
        MatrixModels.TwoLayerMseAdjoint(M(w1), w1Bar, M(w2), w2Bar, M(x), M(y));
        AssertClose(MatMul(MatMul(T(w2), delta), T(x)), w1Bar, 1e-13, 1e-16, "∂MSE/∂W₁");
        AssertClose(MatMul(delta, T(hidden)), w2Bar, 1e-13, 1e-16, "∂MSE/∂W₂");
    }

    /// <summary>The tensor notebook's gradient descent for the inverse of diag(1, 2, 3, 4), from its printed R₀, η = ln(10^0.2).</summary>
    [Fact]
    public void Gradient_descent_finds_the_inverse_with_the_notebook_loss_trajectory()
    {
        var r = M(new double[,]
        {
            { 0.7196, 0.6295, 0.6667, 0.3385 },
            { 0.8522, 0.3126, 0.5006, 0.4643 },
            { 0.0083, 0.4469, 0.8029, 0.5512 },
            { 0.3556, 0.3710, 0.6830, 0.3074 },
        });
        var m = M(new double[,] { { 1, 0, 0, 0 }, { 0, 2, 0, 0 }, { 0, 0, 3, 0 }, { 0, 0, 0, 4 } });
        var identity = M(Identity(4));
        double rate = Math.Log(Math.Pow(10, 0.2));
        double[] expected = [1.6651, 5.4389e-3, 5.0715e-4, 4.7337e-5, 4.4184e-6];
        var gradient = new Matrix<double>(4, 4);
        for (int step = 0; step <= 80; step++)
        {
            gradient.Span.Clear();
            double loss = MatrixModels.InverseLossAdjoint(r, gradient, m, identity);
            if (step % 20 == 0)
                Assert.Equal(expected[step / 20], loss, 1e-3 * expected[step / 20]);
            for (int i = 0; i < 16; i++)
                r.Span[i] -= rate * gradient.Span[i];
        }
    }

    /// <summary>
    /// The backprop snippet's 3-4-1 sigmoid network: one step with the generated gradient of
    /// ½Σ(ŷ − y)² equals the snippet's layer_2_delta / layer_1_delta update, and training converges.
    /// </summary>
    [Fact]
    public void Sigmoid_network_step_equals_the_snippet_and_training_converges()
    {
        double[,] x = { { 0, 0, 1 }, { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 1 } };
        double[,] y = { { 0 }, { 1 }, { 1 }, { 0 } };
        double[,] s0 = Random(80, 3, 4), s1 = Random(81, 4, 1);
        const double alpha = 0.5;

        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var layer1 = Map(MatMul(x, s0), Sigmoid);
        var layer2 = Map(MatMul(layer1, s1), Sigmoid);
        var layer2Delta = Zip(Zip(layer2, y, (p, t) => p - t), layer2, (d, p) => d * p * (1 - p));
        var layer1Delta = Zip(MatMul(layer2Delta, T(s1)), layer1, (d, p) => d * p * (1 - p));
        var expectedS1 = Zip(s1, MatMul(T(layer1), layer2Delta), (w, g) => w - alpha * g);
        var expectedS0 = Zip(s0, MatMul(T(x), layer1Delta), (w, g) => w - alpha * g);

        Matrix<double> synapse0 = M(s0), synapse1 = M(s1), X = M(x), Y = M(y);
        var bar0 = new Matrix<double>(3, 4);
        var bar1 = new Matrix<double>(4, 1);
        double Step()
        {
            bar0.Span.Clear();
            bar1.Span.Clear();
            double loss = MatrixModels.SigmoidNetLossAdjoint(synapse0, bar0, synapse1, bar1, X, Y);
            for (int i = 0; i < 12; i++)
                synapse0.Span[i] -= alpha * bar0.Span[i];
            for (int i = 0; i < 4; i++)
                synapse1.Span[i] -= alpha * bar1.Span[i];
            return loss;
        }

        Step();
        AssertClose(expectedS0, synapse0, 0, 1e-12, "synapse_0 after one step");
        AssertClose(expectedS1, synapse1, 0, 1e-12, "synapse_1 after one step");

        double final = double.NaN;
        for (int i = 0; i < 20_000 && !(final < 0.01); i++)
            final = Step();
        Assert.True(final < 0.01, $"½Σ(ŷ − y)² = {final} after training");
    }

    [Fact]
    public void A_loss_calling_a_matrix_model_is_differentiated_through_it()
    {
        Matrix<double> w = M(Random(90, 6, 4)), bias = M(Random(91, 6, 1)), x = M(Random(92, 4, 5)), y = M(Random(93, 6, 5, 0, 1));
        double Loss() => MatrixModels.ModelLoss(w, bias, x, y);
        var wBar = new Matrix<double>(6, 4);
        var biasBar = new Matrix<double>(6, 1);
        Assert.Equal(Loss(), MatrixModels.ModelLossAdjoint(w, wBar, bias, biasBar, x, y));
        AssertClose(Gradient(w, Loss), wBar, 1e-6, 1e-8, "∂L/∂W");
        AssertClose(Gradient(bias, Loss), biasBar, 1e-6, 1e-8, "∂L/∂bias");

        // The closed form: with ŷ = σ(W·x + b), ∂L/∂W = ((ŷ − y) ∘ ŷ(1 − ŷ))·xᵀ and ∂L/∂b sums that over columns.
        var yHat = Map(Zip(MatMul(w.ToArray(), x.ToArray()), Broadcast(bias.ToArray(), 5), (a, b) => a + b), v => 1 / (1 + Math.Exp(-v)));
        var delta = Zip(Zip(yHat, y.ToArray(), (p, t) => p - t), yHat, (d, p) => d * p * (1 - p));
        AssertClose(MatMul(delta, T(x.ToArray())), wBar, 1e-12, 1e-15, "closed-form ∂L/∂W");
    }

    [Fact]
    public void A_no_diff_parameter_of_an_inlined_callee_stops_the_derivative()
    {
        var a = M(Random(94, 3, 4));
        var bar = new Matrix<double>(3, 4);
        MatrixModels.WeightedBySelfAdjoint(a, bar);
        AssertClose(a.ToArray(), bar, 0, 0, "∂/∂a through a [NoDiff] weight");
        MatrixModels.WeightedBySelfForward(a, bar, out double dot);
        Assert.Equal(Sum(Zip(a.ToArray(), a.ToArray(), (p, q) => p * q)), dot, 1e-12);
    }

    private static double[,] Broadcast(double[,] column, int cols)
    {
        var r = new double[column.GetLength(0), cols];
        for (int i = 0; i < column.GetLength(0); i++)
            for (int j = 0; j < cols; j++)
                r[i, j] = column[i, 0];
        return r;
    }
}
