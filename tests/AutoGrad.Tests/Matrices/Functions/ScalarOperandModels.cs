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

    /// <summary>Σ(a − mean a)²: centring.</summary>
    [Differentiable]
    public static double Centred(Matrix<double> a) => Sum(Square(a - Mean(a)));

    /// <summary>Σ y ∘ log softmax(logits), with log softmax = logits − log Σ exp(logits).</summary>
    [Differentiable]
    public static double LogSoftmaxDot(Matrix<double> logits, [NoDiff] Matrix<double> y)
        => Sum((logits - Math.Log(Sum(Exp(logits)))) * y);
}
