using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// Replaces each call of a differentiable method with matrices in its signature by the callee's
/// body: its variables renamed apart, its parameters bound to the arguments, its result assigned
/// to the call's target. A <c>[NoDiff]</c> parameter of the callee is bound through
/// <c>MatrixFunctions.Constant</c>, which activity analysis cannot see through, so the derivative
/// stops there as it would at the call. Callees' own calls are inlined first (the call graph has no
/// cycles: AG0009).
/// </summary>
internal static class CallInliner
{
    public static IrMethod Apply(IrMethod method, InlineLibrary library)
    {
        if (!method.Body.Flatten().Any(statement => statement is Assign { Value: DifferentiableCall call } && library.Find(call.Target.Id) is not null))
            return method;
        var variables = new VariableFactory(method.NextVariableId);
        var body = Visit(method.Body, library, variables);
        return method with { Body = body, NextVariableId = variables.NextId };
    }

    private static IrBlock Visit(IrBlock block, InlineLibrary library, VariableFactory variables)
    {
        var output = new List<IrStatement>();
        foreach (var statement in block.Statements)
        {
            if (statement is Assign { Value: DifferentiableCall call } assign && library.Find(call.Target.Id) is { } callee)
            {
                output.AddRange(Inline(Apply(callee, library), call, assign.Target, variables));
                continue;
            }
            output.Add(statement.MapBlocks(nested => Visit(nested, library, variables)));
        }
        return IrBlock.From(output);
    }

    private static IEnumerable<IrStatement> Inline(IrMethod callee, DifferentiableCall call, IrVariable target, VariableFactory variables)
    {
        var renaming = new Dictionary<IrVariable, IrVariable>();
        foreach (var variable in callee.Body.Flatten().SelectMany(statement => statement.Writes().Concat(statement.Reads()))
                     .Concat(callee.Parameters.Select(parameter => parameter.Variable)).Distinct())
        {
            var role = variable.Role == VariableRole.Parameter ? VariableRole.Local : variable.Role;
            renaming[variable] = variables.Create(variable.Name, variable.Type, role);
        }

        for (var i = 0; i < callee.Parameters.Count; i++)
        {
            var argument = call.Arguments[i];
            var bound = call.Target.ActiveParameters[i] || !argument.Type.IsDifferentiable()
                ? argument
                : new MethodCall("global::AutoGrad.Internal.MatrixFunctions", "Constant", EquatableArray.Create(new Argument(argument)), argument.Type);
            yield return new Assign(renaming[callee.Parameters[i].Variable], bound);
        }

        var statements = callee.Body.Rename(renaming).Statements;
        foreach (var statement in statements)
        {
            if (statement is Return ret)
                yield return new Assign(target, ret.Value);
            else
                yield return statement;
        }
    }
}
