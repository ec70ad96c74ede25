using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>Hands out fresh variable IDs for the variables a transform adds to a method.</summary>
internal sealed class VariableFactory(int nextId)
{
    public int NextId { get; private set; } = nextId;

    public IrVariable Create(string name, IrType type, VariableRole role) => new(NextId++, name, type, role);
}
