using System.Collections.Generic;
using System.Globalization;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Gives every variable of one emitted method a distinct C# identifier: parameters keep their
/// names (they are the contract), everything else takes its preferred name or the first free
/// numbered variant of it.
/// </summary>
internal sealed class NameAllocator
{
    private readonly Dictionary<IrVariable, string> names = [];
    private readonly HashSet<string> taken = [];

    public NameAllocator(IEnumerable<IrParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            names[parameter.Variable] = parameter.Variable.Name;
            taken.Add(parameter.Variable.Name);
        }
    }

    public string this[IrVariable variable]
    {
        get
        {
            if (!names.TryGetValue(variable, out var name))
            {
                name = variable.Name;
                for (var suffix = 2; taken.Contains(name); suffix++)
                    name = variable.Name + suffix.ToString(CultureInfo.InvariantCulture);
                taken.Add(name);
                names[variable] = name;
            }
            return Escape(name);
        }
    }

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}
