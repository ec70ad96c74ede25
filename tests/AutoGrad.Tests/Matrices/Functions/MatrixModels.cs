using AutoGrad;
using static AutoGrad.Ops;

namespace AutoGrad.Tests.Matrices.Functions;

/// <summary>The notebooks' matrix models and losses, written as a user would write them.</summary>
public static partial class MatrixModels
{
    /// <summary>The abundance solver's exp-link loss: Σ(E·exp(C·A + 1 − D·B) − F)².</summary>
    [Differentiable]
    public static double ExpLinkLoss(Matrix<double> A, Matrix<double> B,
        [NoDiff] Matrix<double> C, [NoDiff] Matrix<double> D, [NoDiff] Matrix<double> E, [NoDiff] Matrix<double> F)
        => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);

    [Differentiable]
    public static float ExpLinkLossF(Matrix<float> A, Matrix<float> B,
        [NoDiff] Matrix<float> C, [NoDiff] Matrix<float> D, [NoDiff] Matrix<float> E, [NoDiff] Matrix<float> F)
        => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);

    /// <summary>Σ(g ∘ (a·b)): the backprop notebook's matmul with upstream gradient g.</summary>
    [Differentiable]
    public static double MatMulAgainst(Matrix<double> a, Matrix<double> b, [NoDiff] Matrix<double> g) => Sum(MatMul(a, b) * g);

    /// <summary>Σ(g ∘ (a ∘ b)): Hadamard.</summary>
    [Differentiable]
    public static double HadamardAgainst(Matrix<double> a, Matrix<double> b, [NoDiff] Matrix<double> g) => Sum(a * b * g);

    /// <summary>Σ(g ∘ (a + b)).</summary>
    [Differentiable]
    public static double AddAgainst(Matrix<double> a, Matrix<double> b, [NoDiff] Matrix<double> g) => Sum((a + b) * g);

    [Differentiable]
    public static double SumAll(Matrix<double> a) => Sum(a);

    [Differentiable]
    public static double MaxAll(Matrix<double> a) => Max(a);

    [Differentiable]
    public static double MinAll(Matrix<double> a) => Min(a);

    /// <summary>y = W·x, a matrix result.</summary>
    [Differentiable]
    public static Matrix<double> Linear(Matrix<double> W, [NoDiff] Matrix<double> x) => MatMul(W, x);

    /// <summary>mean((y − W·x)²).</summary>
    [Differentiable]
    public static double LinearMse(Matrix<double> W, [NoDiff] Matrix<double> x, [NoDiff] Matrix<double> y) => Mse(y, MatMul(W, x));

    /// <summary>mean((y − W₂·(W₁·x))²): the two-layer linear network.</summary>
    [Differentiable]
    public static double TwoLayerMse(Matrix<double> W1, Matrix<double> W2, [NoDiff] Matrix<double> x, [NoDiff] Matrix<double> y)
    {
        Matrix<double> hidden = MatMul(W1, x);
        Matrix<double> prediction = MatMul(W2, hidden);
        return Mse(y, prediction);
    }

    /// <summary>mean((I − R·M)²): the notebook's gradient descent for a matrix inverse.</summary>
    [Differentiable]
    public static double InverseLoss(Matrix<double> R, [NoDiff] Matrix<double> M, [NoDiff] Matrix<double> I) => Mean(Square(I - MatMul(R, M)));

    /// <summary>½Σ(ŷ − y)² of the backprop snippet's 3-4-1 sigmoid network.</summary>
    [Differentiable]
    public static double SigmoidNetLoss(Matrix<double> synapse0, Matrix<double> synapse1, [NoDiff] Matrix<double> X, [NoDiff] Matrix<double> y)
    {
        Matrix<double> layer1 = Sigmoid(MatMul(X, synapse0));
        Matrix<double> layer2 = Sigmoid(MatMul(layer1, synapse1));
        return 0.5 * SumOfSquares(layer2 - y);
    }

    /// <summary>Broadcasting: a 1×c row bias, an r×1 column scale and an active scalar.</summary>
    [Differentiable]
    public static double Broadcasts(Matrix<double> x, Matrix<double> rowBias, Matrix<double> columnScale, double s)
        => SumOfSquares((x + rowBias) * columnScale) + Sum(s * x - s / (Square(x) + 1)) + Sum(2 - x / 3);

    /// <summary>
    /// Operations whose one varying operand is the smaller, broadcast one (a row, a column) beside a
    /// constant matrix: forward mode stretches that operand's tangent to the result's shape.
    /// </summary>
    [Differentiable]
    public static double LoneBroadcastOperands(Matrix<double> rowBias, Matrix<double> columnScale, [NoDiff] Matrix<double> x)
        => SumOfSquares(x - rowBias) + Sum(Square(x + columnScale)) + SumOfSquares(columnScale * x);

    /// <summary>Every elementwise function at once.</summary>
    [Differentiable]
    public static double Elementwise(Matrix<double> a)
    {
        Matrix<double> positive = Square(a) + 1;
        return Sum(Exp(a) + Log(positive) + Sqrt(positive) + Sin(a) + Cos(a) + Tanh(a) + Sigmoid(a) + Relu(a) + Abs(a)
            + Pow(positive, 1.5) - Transpose(Transpose(a)) / positive);
    }

    /// <summary>Reductions along each axis.</summary>
    [Differentiable]
    public static double AxisReductions(Matrix<double> a)
        => SumOfSquares(Sum(a, axis: 0)) + SumOfSquares(Mean(a, axis: 1)) + Sum(Max(a, axis: 1)) + Sum(Max(a, axis: 0)) * Min(a);

    [Differentiable]
    public static float ElementwiseF(Matrix<float> a, Matrix<float> rowBias)
        => Mean(Tanh(a + rowBias) * Sigmoid(a)) + SumOfSquares(MatMul(a, Transpose(a)));

    /// <summary>A model with a matrix result, and a loss calling it: the call is inlined, so model and loss are differentiated as one.</summary>
    [Differentiable]
    public static Matrix<double> Model(Matrix<double> W, Matrix<double> bias, [NoDiff] Matrix<double> x) => Sigmoid(MatMul(W, x) + bias);

    [Differentiable]
    public static double ModelLoss(Matrix<double> W, Matrix<double> bias, [NoDiff] Matrix<double> x, [NoDiff] Matrix<double> y)
        => 0.5 * SumOfSquares(Model(W, bias, x) - y);

    /// <summary>The callee's [NoDiff] parameter stops the derivative, as a call would: ∂/∂a Σ(a ∘ a) through this is a, not 2a.</summary>
    [Differentiable]
    public static double Weighted(Matrix<double> a, [NoDiff] Matrix<double> weights) => Sum(a * weights);

    // The derivative is meant to stop at the [NoDiff] parameter: that is what the tests check.
#pragma warning disable AG0101
    [Differentiable]
    public static double WeightedBySelf(Matrix<double> a) => Weighted(a, a);
#pragma warning restore AG0101
}
