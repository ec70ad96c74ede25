using System.Collections.Generic;
using System.Globalization;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Gives every variable of one emitted method a distinct C# identifier: parameters keep their
/// names (they are the contract), everything else takes its preferred name or the first free
/// numbered variant of it — free of the other variables' names and of the reserved names, those
/// visible where the method is declared (members, callees, types), so that no generated local shadows them.
/// </summary>
internal sealed class NameAllocator
{
    private readonly Dictionary<IrVariable, string> names = [];
    private readonly HashSet<string> taken = [];

    /// <summary>
    /// The suffix to try first for each preferred name: every smaller one was taken when it was last
    /// asked for, and names are never given back, so the search resumes there (a long method's hundreds
    /// of <c>t</c>s would otherwise each probe from 2 again).
    /// </summary>
    private readonly Dictionary<string, int> nextSuffix = [];

    public NameAllocator(IEnumerable<IrParameter> parameters, IEnumerable<string> reserved)
    {
        // Parameters first, in order: the user's keep their names whatever they shadow; a generated one
        // whose name an earlier one has (the partner resultDot of a parameter named result, then the
        // result's own resultDot) takes a numbered variant.
        var parameterNames = new HashSet<string>();
        foreach (var parameter in parameters)
        {
            var name = Free(parameter.Variable.Name, parameterNames);
            parameterNames.Add(name);
            names[parameter.Variable] = name;
        }
        taken.UnionWith(reserved);
        taken.UnionWith(parameterNames);
    }

    private static string Free(string preferred, HashSet<string> taken) => Free(preferred, taken, null);

    private static string Free(string preferred, HashSet<string> taken, Dictionary<string, int>? nextSuffix)
    {
        if (!taken.Contains(preferred))
            return preferred;
        var suffix = nextSuffix is not null && nextSuffix.TryGetValue(preferred, out var next) ? next : 2;
        var name = preferred + suffix.ToString(CultureInfo.InvariantCulture);
        while (taken.Contains(name))
            name = preferred + (++suffix).ToString(CultureInfo.InvariantCulture);
        if (nextSuffix is not null)
            nextSuffix[preferred] = suffix + 1;
        return name;
    }

    public string this[IrVariable variable]
    {
        get
        {
            if (!names.TryGetValue(variable, out var name))
            {
                name = Free(variable.Name, taken, nextSuffix);
                taken.Add(name);
                names[variable] = name;
            }
            return Escape(name);
        }
    }

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}
