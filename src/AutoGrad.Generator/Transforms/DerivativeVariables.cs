using System.Collections.Generic;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// The derivative partner of each primal variable — its tangent (<c>xDot</c>) or adjoint
/// (<c>xBar</c>) — created on first use. Active parameters' partners are parameters themselves.
/// </summary>
/// <param name="partnerType">The partner's type: a span's adjoint is written where the span is read, and read where it is written.</param>
internal sealed class DerivativeVariables(VariableFactory factory, string suffix, VariableRole role, System.Func<IrType, IrType> partnerType)
{
    private readonly Dictionary<IrVariable, IrVariable> partners = [];

    public IrVariable Of(IrVariable variable)
    {
        if (!partners.TryGetValue(variable, out var partner))
        {
            partner = factory.Create(variable.Name + suffix, partnerType(variable.Type), role);
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

    /// <summary>Each active span parameter's partner must be as long as the span, a matrix's as large as the matrix: checked before anything is written.</summary>
    public IEnumerable<IrStatement> PartnerLengthChecks(IrMethod primal)
    {
        foreach (var parameter in primal.Parameters)
        {
            if (parameter.IsActive && parameter.Variable.Type.IsMatrix())
            {
                yield return MatrixDerivativeRules.ShapeCheck(Of(parameter.Variable), parameter.Variable, $"'{parameter.Variable.Name}'");
                continue;
            }
            if (!parameter.IsActive || !parameter.Variable.Type.IsSpan())
                continue;
            var span = parameter.Variable;
            var partner = Of(span);
            yield return new Require(
                new Binary(BinaryOperator.NotEqual, new SpanLength(partner), new SpanLength(span), IrType.Bool),
                partner.Name,
                $"'{partner.Name}' must have the same length as '{span.Name}'.",
                EquatableArray.Create(new SpanCovers(partner, span), new SpanCovers(span, partner)));
        }
    }
}
