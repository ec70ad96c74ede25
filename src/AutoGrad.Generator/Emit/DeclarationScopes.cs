using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Finds the variables C# scoping would hide from a later reference: a value the adjoint's forward
/// sweep computes inside a branch and its reverse sweep reads inside the replayed branch. Those
/// are declared at the top of the method instead (initialised, since C# cannot see that the
/// replayed branch is the one that assigned them).
/// </summary>
internal static class DeclarationScopes
{
    public static IReadOnlyList<IrVariable> VariablesToHoist(IrMethod method)
    {
        var parameters = new HashSet<IrVariable>(method.Parameters.Select(parameter => parameter.Variable));
        var declaredIn = new Dictionary<IrVariable, int[]>();
        var hoisted = new List<IrVariable>();
        var nextBlockId = 0;

        void Reference(IrVariable variable, int[] path)
        {
            if (parameters.Contains(variable))
                return;
            if (!declaredIn.TryGetValue(variable, out var declaration))
            {
                declaredIn[variable] = path;
                return;
            }
            if (!hoisted.Contains(variable) && !IsPrefix(declaration, path))
                hoisted.Add(variable);
        }

        void Visit(IrBlock block, int[] path)
        {
            foreach (var statement in block.Statements)
            {
                // Reads before writes: an assignment's value is evaluated before its target is declared.
                foreach (var variable in statement.Expressions().SelectMany(expression => expression.ReadVariables()))
                    Reference(variable, path);
                if (statement is Declare declare)
                    Reference(declare.Variable, path);
                // A counted loop's counter is declared by its for statement, in the loop's own scope.
                foreach (var variable in statement.OwnWrites().Where(variable => statement is not CountedLoop counted || !variable.Equals(counted.Counter)))
                    Reference(variable, path);
                foreach (var nested in statement.Blocks())
                {
                    int[] nestedPath = [.. path, nextBlockId++];
                    if (statement is CountedLoop scoped)
                        Reference(scoped.Counter, nestedPath);
                    Visit(nested, nestedPath);
                }
            }
        }

        Visit(method.Body, []);
        return hoisted;
    }

    private static bool IsPrefix(int[] prefix, int[] path)
        => prefix.Length <= path.Length && prefix.SequenceEqual(path.Take(prefix.Length));
}
