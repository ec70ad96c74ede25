using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Transforms.SecondOrder;

/// <summary>
/// Hessian-vector products by forward over reverse: the forward transform applied to the adjoint.
/// <c>FAdjoint(x, ref xBar, resultBar)</c> computes xBar += resultBar·∇F(x); its tangent along
/// <c>xDot</c> (with <c>xBarDot</c> the tangent of the accumulator and <c>resultBarDot</c> that of
/// the seed) computes xBarDot += resultBar·∇²F(x)·xDot + resultBarDot·∇F(x). With the defaults
/// (resultBar = 1, resultBarDot = 0) that is H·v, at about the cost of two adjoints, and exact: no
/// finite differences anywhere. The adjoint is first taken back to one operation per assignment
/// (<see cref="ThreeAddressForm"/>), so the same derivative rules apply to the adjoint's products
/// and calls as to the user's. Every method gets one — also those writing outputs or returning a
/// matrix (there it is the tangent of the adjoint along the inputs and the cotangent), so that a
/// caller's product can call its callees' products.
/// </summary>
internal static class HessianVectorTransform
{
    public const string Suffix = "HessianVector";

    /// <param name="primalName">The user's method's name; the product is named after it.</param>
    /// <param name="adjoint">The simplified adjoint of the method.</param>
    public static IrMethod Apply(string primalName, IrMethod adjoint)
    {
        // What carries a tangent: the primal's active inputs, their adjoints, and the result's cotangent.
        var withTangents = adjoint with
        {
            Parameters = adjoint.Parameters
                .Select(parameter => parameter with { IsActive = parameter.IsActive || parameter.Variable.Role == VariableRole.Adjoint })
                .ToEquatableArray(),
        };
        var flattened = ThreeAddressForm.Apply(withTangents);
        return ForwardTransform.ApplyToDerivative(flattened, ActivityAnalysis.OfDerivativeCode(flattened), primalName + Suffix);
    }
}
