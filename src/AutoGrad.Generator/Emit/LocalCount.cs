using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// A .NET method holds at most 65,534 locals (the C# compiler's CS0204 past that). The passes are
/// linear, so AG0021 lets through methods long enough for their Hessian-vector product to need that
/// many (it has about fifteen for each statement of the user's): such a method is refused (AG0022)
/// rather than given code that does not compile.
/// </summary>
internal static class LocalCount
{
    /// <summary>Below the compiler's 65,534, leaving room for what the emitter and the compiler add.</summary>
    public const int Maximum = 60_000;

    /// <summary>A smaller bound on this thread, so that tests can reach it with a small method.</summary>
    [System.ThreadStatic]
    internal static int? MaximumForTests;

    public static DiagnosticInfo? Check(string methodName, IrMethod forward, IrMethod adjoint, IrMethod hessianVector)
    {
        var maximum = MaximumForTests ?? Maximum;
        foreach (var (kind, method) in new[] { ("tangent", forward), ("adjoint", adjoint), ("Hessian-vector product", hessianVector) })
        {
            var locals = Of(method);
            if (locals > maximum)
                return DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMethodTooLarge, null, kind, methodName, Text(locals), Text(maximum));
        }
        return null;
    }

    /// <summary>The variables the method's body declares or writes, other than its parameters.</summary>
    internal static int Of(IrMethod method)
    {
        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var locals = new HashSet<IrVariable>();
        foreach (var statement in method.Body.Flatten())
        {
            if (statement is Declare declare)
                locals.Add(declare.Variable);
            foreach (var variable in statement.OwnWrites())
            {
                if (!parameters.Contains(variable))
                    locals.Add(variable);
            }
        }
        return locals.Count;
    }

    private static string Text(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
