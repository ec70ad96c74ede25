using System;

namespace AutoGrad.Optimization;

/// <summary>
/// An objective and its gradient: returns f(x) and writes ∇f(x) into <paramref name="gradient"/>.
/// The optimizers clear <paramref name="gradient"/> before every call, so a generated adjoint, which
/// adds into its <c>…Bar</c> span, can be passed as it is: <c>(x, g) =&gt; Model.LossAdjoint(x, g)</c>.
/// </summary>
/// <param name="x">The point; as long as the span handed to the optimizer.</param>
/// <param name="gradient">Zeros on entry; ∇f(x) on return.</param>
public delegate double GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// An objective with its gradient and a Hessian-vector product: returns f(x), writes ∇f(x) into
/// <paramref name="gradient"/> and ∇²f(x)·<paramref name="v"/> into <paramref name="hessianVector"/>.
/// Both are cleared before every call, so accumulating implementations work as they are.
/// </summary>
public delegate double HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> gradient, Span<double> hessianVector);
