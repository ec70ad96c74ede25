using System;

namespace AutoGrad;

/// <summary>
/// Marks a static method in a partial type for differentiation. At build time AutoGrad adds
/// <c>{Name}Forward</c> (tangent) and <c>{Name}Adjoint</c> (reverse-mode) methods beside it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DifferentiableAttribute : Attribute { }

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute"/> method as constant: it gets no
/// tangent or adjoint partner and no derivative flows through it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class NoDiffAttribute : Attribute { }

/// <summary>Which derivative a <see cref="DerivativeOfAttribute"/> method supplies.</summary>
public enum DerivativeKind
{
    /// <summary>Reverse mode, with the signature of a generated <c>{F}Adjoint</c>.</summary>
    Adjoint,

    /// <summary>Forward mode, with the signature of a generated <c>{F}Forward</c>.</summary>
    Tangent,

    /// <summary>
    /// The Hessian-vector product, with the signature of a generated <c>{F}HessianVector</c>: the
    /// tangent of the adjoint, each of the adjoint's arguments that carries a derivative followed by
    /// its tangent (<c>x, xDot, ref xBar, ref xBarDot, …, resultBar, resultBarDot</c>).
    /// </summary>
    HessianVector,
}

/// <summary>
/// Supplies, by hand, a derivative of the method <see cref="Function"/> of the same type, for a
/// function AutoGrad cannot or should not differentiate itself (a native call, an iterative
/// solver, a numerically better formula). <c>[Differentiable]</c> methods that call the function
/// then call this method where they would call a generated derivative.
/// </summary>
/// <remarks>
/// <para>The function is an ordinary <c>static</c> method (not <c>[Differentiable]</c>) returning
/// <c>double</c> or <c>float</c>, whose parameters are <c>double</c>/<c>float</c> and
/// <c>ReadOnlySpan</c> of them (active unless <c>[NoDiff]</c>) or <c>int</c>/<c>long</c>/<c>bool</c>;
/// or a <c>void</c> one that also writes (overwrites) <c>Span</c> outputs.</para>
/// <para>An <see cref="DerivativeKind.Adjoint"/> (the default) has the generated adjoint's
/// signature: the function's parameters in order, each active scalar followed by <c>ref T pBar</c>
/// and each active span by <c>Span&lt;T&gt; pBar</c>, then <c>T resultBar</c>; it returns the
/// function's value and <em>adds</em> <c>resultBar · ∂F/∂p</c> into each <c>pBar</c>. For a
/// <c>void</c> function an output <c>y</c> is followed by <c>ReadOnlySpan&lt;T&gt; yBar</c> (its
/// cotangent, read), there is no <c>resultBar</c>, and the adjoint writes the outputs' values too:</para>
/// <code>
/// public static double Solve(double x, [NoDiff] int iterations) { ... }
/// [DerivativeOf(nameof(Solve))]
/// public static double SolveAdjoint(double x, ref double xBar, int iterations, double resultBar) { ... }
/// </code>
/// <para>A <see cref="DerivativeKind.Tangent"/> (optional) has the generated forward method's
/// signature: each active parameter followed by its tangent <c>pDot</c> (a <c>ReadOnlySpan</c> for a
/// span), then <c>out T resultDot</c>, and returns the function's value (a <c>void</c> function's
/// output <c>y</c> is followed by <c>Span&lt;T&gt; yDot</c>, which it writes). Without one, AutoGrad
/// generates <c>{F}Forward</c> in the (partial) type from the adjoint: one adjoint call with
/// <c>resultBar = 1</c> gives the gradient, and <c>resultDot</c> is its dot product with the tangents;
/// a <c>void</c> function needs its tangent supplied.</para>
/// <para>A <see cref="DerivativeKind.HessianVector"/> (optional) supplies second derivatives for the
/// Hessian-vector products of callers; without one AutoGrad adds an <c>{F}HessianVector</c> that
/// throws <see cref="NotSupportedException"/>, since a second derivative cannot be derived from a
/// first one given by hand.</para>
/// <para>AutoGrad checks the signatures at build time (AG0016–AG0019).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <param name="function">The function's name, as <c>nameof(F)</c>; a method of the same type.</param>
    public DerivativeOfAttribute(string function) => Function = function;

    /// <summary>The name of the function whose derivative this method is.</summary>
    public string Function { get; }

    /// <summary>Whether this method is the function's adjoint (the default), its tangent or its Hessian-vector product.</summary>
    public DerivativeKind Kind { get; set; } = DerivativeKind.Adjoint;
}
