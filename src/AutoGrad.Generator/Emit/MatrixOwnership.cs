using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Which matrices a generated method computes for itself — and so rents, and returns when it
/// ends — and which it hands out. Every <c>m = f(…)</c> rents storage for <c>m</c>; a matrix that
/// is returned, or copied (perhaps through other copies) into an out parameter or the returned
/// value, belongs to the caller afterwards and is not returned to the pool.
/// </summary>
internal static class MatrixOwnership
{
    public static IReadOnlyList<IrVariable> Intermediates(IrMethod method)
    {
        var statements = method.Body.Flatten().ToList();
        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var escaping = new HashSet<IrVariable>(statements.OfType<Return>()
            .Select(ret => (ret.Value as VariableRef)?.Variable)
            .OfType<IrVariable>());
        bool changed;
        do
        {
            changed = false;
            foreach (var copy in statements.OfType<Assign>())
            {
                if (copy.Value is VariableRef { Variable: var source } && source.Type.IsMatrix()
                    && (parameters.Contains(copy.Target) || escaping.Contains(copy.Target)))
                {
                    changed |= escaping.Add(source);
                }
            }
        }
        while (changed);

        return statements.OfType<Assign>()
            .Where(assign => assign.Value is MatrixCall { Type: var type } && type.IsMatrix())
            .Select(assign => assign.Target)
            .Where(target => !parameters.Contains(target) && !escaping.Contains(target))
            .Distinct()
            .ToList();
    }
}
