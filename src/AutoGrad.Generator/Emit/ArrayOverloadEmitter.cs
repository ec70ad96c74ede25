using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// A method with array parameters keeps them in its derivatives' contract: each generated method gets an
/// overload taking the arrays themselves, which checks them for null and passes them on as the spans the
/// generated method is written over (read-only for an input array, writable for an output).
/// </summary>
internal static class ArrayOverloadEmitter
{
    public static void Emit(SourceWriter writer, IrMethod method, ISet<string> arrayParameters, string modifiers, Spellings spellings)
    {
        var names = new NameAllocator(method.Parameters, []);
        bool IsArray(IrParameter parameter) => parameter.Variable.Role == VariableRole.Parameter && arrayParameters.Contains(parameter.Variable.Name);

        writer.WriteDocumentation($"<summary><c>{method.Name}</c> over arrays: the same, with each array passed as the span it is read or written through.</summary>");
        writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
        var declared = method.Parameters.Select(parameter =>
        {
            var type = IsArray(parameter) ? parameter.Variable.Type.ElementType().ArrayOf().ToCSharp() : spellings.Type(parameter);
            var text = $"{Prefix(parameter)}{type} {names[parameter.Variable]}";
            return parameter.DefaultValue is { } value ? $"{text} = {Literals.Format(value)}" : text;
        });
        writer.WriteWrapped($"{modifiers} {spellings.Type(method.ReturnType)} {method.Name}(", [.. declared], ", ", ")");
        writer.OpenBlock();
        foreach (var parameter in method.Parameters.Where(IsArray))
            writer.WriteLine($"global::System.ArgumentNullException.ThrowIfNull({names[parameter.Variable]});");
        var passed = method.Parameters.Select(parameter => IsArray(parameter)
            ? $"({spellings.Type(parameter.Variable.Type)}){names[parameter.Variable]}"
            : Prefix(parameter) + names[parameter.Variable]);
        writer.WriteWrapped($"{(method.ReturnType == IrType.Void ? "" : "return ")}{method.Name}(", [.. passed], ", ", ");");
        writer.CloseBlock();
    }

    private static string Prefix(IrParameter parameter) => parameter.Kind switch
    {
        ParameterKind.Ref => "ref ",
        ParameterKind.Out => "out ",
        _ => "",
    };
}
