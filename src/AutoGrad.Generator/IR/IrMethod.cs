using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

public enum ParameterKind
{
    Value,
    Ref,
    Out,
}

/// <param name="IsActive">Carries derivatives (a floating-point parameter not marked <c>[NoDiff]</c>).</param>
/// <param name="DefaultValue">Emitted after <c>=</c>, e.g. <c>resultBar = 1.0</c>.</param>
/// <param name="EnumType">
/// The enum type the parameter is declared with (fully qualified), which the IR reads as its underlying integer
/// (<see cref="IrVariable.Type"/>): generated signatures keep the enum, and generated code reads it through a cast.
/// </param>
public sealed record IrParameter(IrVariable Variable, bool IsActive, ParameterKind Kind = ParameterKind.Value, Constant? DefaultValue = null, string? EnumType = null);

/// <summary>A method in the IR: what the parser produces from the user's method and what each transform produces.</summary>
/// <param name="NextVariableId">Variables a transform adds take IDs from here on.</param>
public sealed record IrMethod(string Name, IrType ReturnType, EquatableArray<IrParameter> Parameters, IrBlock Body, int NextVariableId);
