using System;

namespace AutoGrad.Tests.Jacobians;

/// <summary>Vector- and matrix-valued [Differentiable] methods whose Jacobians have closed forms.</summary>
public static partial class VectorModels
{
    /// <summary>y = W·x with W (y.Length × x.Length, row-major) constant: J = W.</summary>
    [Differentiable]
    public static void Apply(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> w, Span<double> y)
    {
        int n = x.Length;
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
                s += w[i * n + j] * x[j];
            y[i] = s;
        }
    }

    /// <summary>Two outputs of three inputs: y0 = x0·sin x1 + x2², y1 = exp(x0·x1) − x2/x0.</summary>
    [Differentiable]
    public static void TwoOutputs(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = x[0] * Math.Sin(x[1]) + x[2] * x[2];
        y[1] = Math.Exp(x[0] * x[1]) - x[2] / x[0];
    }

    /// <summary>A curve of one parameter: (cos t, sin t, t²), J = (−sin t, cos t, 2t)ᵀ.</summary>
    [Differentiable]
    public static void Curve(ReadOnlySpan<double> t, Span<double> y)
    {
        y[0] = Math.Cos(t[0]);
        y[1] = Math.Sin(t[0]);
        y[2] = t[0] * t[0];
    }

    /// <summary>Y = W·X with W constant: ∂Y[i,c]/∂X[r,c'] = W[i,r]·δ(c, c').</summary>
    [Differentiable]
    public static Matrix<double> Product(Matrix<double> x, [NoDiff] Matrix<double> w) => Ops.MatMul(w, x);

    /// <summary>Y = tanh(X)·2 elementwise, in float: a diagonal Jacobian 2(1 − tanh² X).</summary>
    [Differentiable]
    public static Matrix<float> Squash(Matrix<float> x) => Ops.Tanh(x) * 2f;
}
