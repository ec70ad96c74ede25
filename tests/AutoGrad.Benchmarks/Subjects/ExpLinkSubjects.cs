using AutoGrad;
using static AutoGrad.Ops;

namespace AutoGrad.Benchmarks.Subjects;

/// <summary>The abundance solver's exp-link loss as a user writes it; AutoGrad adds its Forward and Adjoint.</summary>
public static partial class ExpLinkSubjects
{
    [Differentiable]
    public static double Loss(Matrix<double> A, Matrix<double> B,
        [NoDiff] Matrix<double> C, [NoDiff] Matrix<double> D, [NoDiff] Matrix<double> E, [NoDiff] Matrix<double> F)
        => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);

    [Differentiable]
    public static float LossF(Matrix<float> A, Matrix<float> B,
        [NoDiff] Matrix<float> C, [NoDiff] Matrix<float> D, [NoDiff] Matrix<float> E, [NoDiff] Matrix<float> F)
        => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);
}
