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
