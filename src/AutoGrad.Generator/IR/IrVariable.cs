namespace AutoGrad.Generator.IR;

/// <summary>What a variable is for; decides how it is named and how freely the simplifier may rewrite it.</summary>
public enum VariableRole
{
    /// <summary>A parameter of the user's method; its name is part of the public contract.</summary>
    Parameter,
    /// <summary>A local the user wrote (one version of it: every assignment makes a new variable).</summary>
    Local,
    /// <summary>An intermediate value the lowering introduced.</summary>
    Temporary,
    /// <summary>A tangent (forward mode) variable.</summary>
    Tangent,
    /// <summary>An adjoint (reverse mode) variable.</summary>
    Adjoint,
}

/// <summary>
/// A variable of the IR. The lowering puts the method into single-assignment form: each variable
/// is assigned once on any path (variables merged after a branch are declared before it and assigned
/// once in each arm), so a reverse sweep can read every value the forward sweep computed.
/// Identity is <see cref="Id"/>; <see cref="Name"/> is only the preferred spelling.
/// </summary>
public sealed record IrVariable(int Id, string Name, IrType Type, VariableRole Role)
{
    public bool IsDerivative => Role is VariableRole.Tangent or VariableRole.Adjoint;

    /// <summary>The ID alone: variables equal in every field share it, and the passes hash variables far more often than they compare them.</summary>
    public override int GetHashCode() => Id;

    public override string ToString() => $"{Name}#{Id}";
}
