using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// How emitted code names the types it calls: by a file alias where the file may declare it
/// (<see cref="MethodModel.FreeAliases"/>, and no parameter of the file's methods takes the name),
/// else fully qualified with <c>global::</c>. Remembers which aliases the code used, for the file's header.
/// </summary>
internal sealed class Spellings(IEnumerable<string> usable)
{
    private readonly HashSet<string> usable = [.. usable];
    private readonly HashSet<FileAlias> used = [];

    /// <summary>Every name fully qualified: for code that declares no aliases.</summary>
    public static Spellings FullyQualified() => new([]);

    public string this[FileAlias alias]
    {
        get
        {
            if (!usable.Contains(alias.Name))
                return alias.Target;
            used.Add(alias);
            return alias.Name;
        }
    }

    /// <summary>A type named fully qualified (<c>global::AutoGrad.Internal.MatrixFunctions</c>): its alias where there is one.</summary>
    public string Of(string qualifiedType)
        => FileAlias.All.FirstOrDefault(alias => alias.Target == qualifiedType) is { } alias ? this[alias] : qualifiedType;

    /// <summary>A type as the code declares it: a matrix by its alias where the file may declare one.</summary>
    public string Type(IrType type) => Of(type.ToCSharp());

    /// <summary>A parameter's declared type: its enum where it has one, else its IR type's.</summary>
    public string Type(IrParameter parameter) => parameter.EnumType ?? Type(parameter.Variable.Type);

    /// <summary>The names the code may use as aliases: no local may take one.</summary>
    public IEnumerable<string> Reserved => usable;

    /// <summary>The aliases the code used, in a fixed order: the file declares them.</summary>
    public IEnumerable<FileAlias> Used => FileAlias.All.Where(used.Contains);
}
