using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Model;

// Pipeline models of the CustomDerivative step; the same contract as MethodModel's: immutable,
// value-equatable, free of symbols, syntax and locations.

/// <summary>A parameter of a function with a custom derivative.</summary>
/// <param name="EnumType">The enum type it is declared with (fully qualified), which <see cref="Type"/> is the underlying integer of.</param>
public sealed record CustomParameter(string Name, IrType Type, bool IsActive, string? EnumType = null)
{
    /// <summary>The type as declared: the enum's where it is one.</summary>
    public string DeclaredType => EnumType ?? Type.ToCSharp();
}

/// <summary>
/// What AutoGrad adds beside a function whose adjoint is custom: <c>FForward</c> derived from the
/// adjoint when no custom tangent is given, and an <c>FHessianVector</c> that throws (with the
/// remedy) when no custom Hessian-vector product is, so that callers' generated products compile.
/// </summary>
/// <param name="Accessibility">The function's.</param>
/// <param name="AdjointName">The user's <c>[DerivativeOf]</c> adjoint, called with <c>resultBar = 1</c>.</param>
/// <param name="ReturnType">Void for a function writing outputs (which then has a custom tangent).</param>
public sealed record CustomForwardModel(
    string? Namespace,
    EquatableArray<ContainingTypeInfo> ContainingTypes,
    string Accessibility,
    string FunctionName,
    string AdjointName,
    IrType ReturnType,
    EquatableArray<CustomParameter> Parameters,
    bool DeriveForward,
    bool StubHessianVector);

/// <summary>The result of checking one <c>[DerivativeOf]</c> method.</summary>
/// <param name="HintName">Set with <paramref name="Forward"/>: the file to generate.</param>
/// <param name="Forward">What to generate beside the function for this adjoint, or null.</param>
public sealed record CustomDerivativeResult(string? HintName, CustomForwardModel? Forward, EquatableArray<DiagnosticInfo> Diagnostics);
