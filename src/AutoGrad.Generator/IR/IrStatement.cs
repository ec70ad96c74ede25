using System.Collections.Generic;
using AutoGrad.Generator.Helpers;

namespace AutoGrad.Generator.IR;

public abstract record IrStatement;

/// <summary>Declares a variable that the arms of a following <see cref="If"/> assign.</summary>
public sealed record Declare(IrVariable Variable) : IrStatement;

/// <summary>Defines <see cref="Target"/> (or assigns it, if it was declared before).</summary>
public sealed record Assign(IrVariable Target, IrExpression Value) : IrStatement;

/// <summary><c>Target += Value</c>: how adjoints accumulate.</summary>
public sealed record AddAssign(IrVariable Target, IrExpression Value) : IrStatement;

/// <summary>A call evaluated for what it writes through <c>ref</c> arguments.</summary>
public sealed record ExpressionStatement(IrExpression Expression) : IrStatement;

public sealed record If(IrExpression Condition, IrBlock Then, IrBlock Else) : IrStatement;

public sealed record Return(IrExpression Value) : IrStatement;

public sealed record IrBlock(EquatableArray<IrStatement> Statements)
{
    public static readonly IrBlock Empty = new(EquatableArray<IrStatement>.Empty);

    public static IrBlock From(IEnumerable<IrStatement> statements) => new(statements.ToEquatableArray());

    public bool IsEmpty => Statements.IsEmpty;
}
