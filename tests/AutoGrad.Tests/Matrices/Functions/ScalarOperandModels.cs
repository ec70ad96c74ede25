using System;
using AutoGrad;
using static AutoGrad.Ops;

namespace AutoGrad.Tests.Matrices.Functions;

/// <summary>A matrix minus an active scalar, as users write it (ScalarOperandGradientTests).</summary>
public static partial class ScalarOperandModels
{
    /// <summary>Σ(a − s)².</summary>
    [Differentiable]
    public static double MinusScalar(Matrix<double> a, double s) => Sum(Square(a - s));

    /// <summary>
    /// Σ(c − s)∘a with c constant: only the scalar is active in c − s, whose tangent −ṡ must be spread
    /// over c's shape (a matrix fuzzer program was refused: a matrix tangent assigned a scalar).
    /// </summary>
    [Differentiable]
    public static double ConstantMinusScalar(Matrix<double> a, [NoDiff] Matrix<double> c, double s) => Sum((c - s) * a);

    /// <summary>Σ(a − mean a)²: centring.</summary>
    [Differentiable]
    public static double Centred(Matrix<double> a) => Sum(Square(a - Mean(a)));

    /// <summary>Σ y ∘ log softmax(logits), with log softmax = logits − log Σ exp(logits).</summary>
    [Differentiable]
    public static double LogSoftmaxDot(Matrix<double> logits, [NoDiff] Matrix<double> y)
        => Sum((logits - Math.Log(Sum(Exp(logits)))) * y);
}
