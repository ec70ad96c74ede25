using System.Collections.Generic;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// The derivative partner of each primal variable — its tangent (<c>xDot</c>) or adjoint
/// (<c>xBar</c>) — created on first use. Active parameters' partners are parameters themselves.
/// </summary>
internal sealed class DerivativeVariables(VariableFactory factory, string suffix, VariableRole role)
{
    private readonly Dictionary<IrVariable, IrVariable> partners = [];

    public IrVariable Of(IrVariable variable)
    {
        if (!partners.TryGetValue(variable, out var partner))
        {
            partner = factory.Create(variable.Name + suffix, variable.Type, role);
            partners[variable] = partner;
        }
        return partner;
    }

    /// <summary>The primal's parameters, each active one followed at once by its partner (the public contract's order).</summary>
    public List<IrParameter> InterleavedParameters(IrMethod primal, ParameterKind partnerKind)
    {
        var parameters = new List<IrParameter>();
        foreach (var parameter in primal.Parameters)
        {
            parameters.Add(parameter);
            if (parameter.IsActive)
                parameters.Add(new IrParameter(Of(parameter.Variable), IsActive: false, partnerKind));
        }
        return parameters;
    }
}
