using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Emit;

/// <summary>Writes the generated file of one differentiable method: its partial types and its derivative methods.</summary>
internal static class FileEmitter
{
    public static string Emit(MethodModel model, IrMethod forward, IrMethod adjoint, IrMethod? hessianVector = null, IrMethod? primalOverSpans = null)
    {
        var methods = new[] { forward, adjoint, hessianVector, primalOverSpans }.OfType<IrMethod>().ToList();
        var epilogues = methods.SelectMany(IrTraversal.Epilogues).ToList();
        var spellings = new Spellings(model.FreeAliases.Except(NamesDeclaredBy(methods, epilogues)));
        var writer = new SourceWriter();
        GeneratedFileFrame.Open(writer, model.Namespace, model.ContainingTypes);

        var modifiersOfMethods = model.Accessibility + " static";
        var arrayParameters = new HashSet<string>(model.ArrayParameters.AsEnumerable());
        void EmitMethod(IrMethod method)
        {
            MethodEmitter.Emit(writer, method, modifiersOfMethods, model.ReservedNames, spellings);
            if (arrayParameters.Count == 0)
                return;
            writer.WriteLine();
            ArrayOverloadEmitter.Emit(writer, method, arrayParameters, modifiersOfMethods, spellings);
        }
        var signature = Signature(model.Primal);
        if (primalOverSpans is not null)
        {
            writer.WriteDocumentation($"<summary><c>{model.Primal.Name}</c> over spans, for generated callers, which hold its arrays as spans: computes {signature}.</summary>");
            writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
            MethodEmitter.Emit(writer, primalOverSpans, modifiersOfMethods, model.ReservedNames, spellings);
            writer.WriteLine();
        }
        writer.WriteDocumentation($"<summary>Forward mode (tangent) of <c>{model.Primal.Name}</c>: returns {signature} and sets <c>resultDot</c> to its directional derivative along the <c>…Dot</c> arguments.</summary>");
        writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
        EmitMethod(forward);
        writer.WriteLine();
        writer.WriteDocumentation($"<summary>Reverse mode (adjoint) of <c>{model.Primal.Name}</c>: returns {signature} and adds <c>resultBar</c> times its gradient into the <c>…Bar</c> arguments.</summary>");
        writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
        EmitMethod(adjoint);
        if (hessianVector is not null)
        {
            writer.WriteLine();
            writer.WriteDocumentation(model.Primal.ReturnType.IsFloatingPoint()
                ? $"<summary>Hessian-vector product (forward over reverse) of <c>{model.Primal.Name}</c>: returns {signature}, adds <c>resultBar</c> times its gradient into the <c>…Bar</c> arguments and <c>resultBar</c> times its Hessian applied to the <c>…Dot</c> arguments (plus <c>resultBarDot</c> times the gradient) into the <c>…BarDot</c> arguments.</summary>"
                : $"<summary>Tangent of the adjoint of <c>{model.Primal.Name}</c> (forward over reverse) along the <c>…Dot</c> arguments: does what <c>{model.Primal.Name}Adjoint</c> does, and adds the tangent of each <c>…Bar</c> into its <c>…BarDot</c>.</summary>");
            writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
            EmitMethod(hessianVector);
        }

        foreach (var epilogue in epilogues)
        {
            writer.WriteLine();
            EpilogueEmitter.Emit(writer, epilogue, model.ReservedNames, spellings);
        }

        GeneratedFileFrame.Close(writer, model.Namespace, model.ContainingTypes);
        return GeneratedFileFrame.WithAliases(writer.ToString(), spellings.Used);
    }

    /// <summary>Names the emitted code declares as they are — parameters, an epilogue's fields — which would hide an alias of the same name.</summary>
    private static IEnumerable<string> NamesDeclaredBy(IEnumerable<IrMethod> methods, IEnumerable<GemmEpilogue> epilogues)
        => methods.Concat(epilogues.Select(epilogue => epilogue.Apply)).SelectMany(method => method.Parameters).Select(parameter => parameter.Variable.Name)
            .Concat(epilogues.SelectMany(epilogue => epilogue.Fields.Append(epilogue.Columns)).Select(field => field.Name));

    /// <summary>
    /// Makes the names of a method's generated types unique in the containing type, where overloads
    /// share a name: a stable hash of the method's documentation ID (the same on every machine and run).
    /// </summary>
    public static string TypeNameSuffix(MethodModel model) => "_" + Helpers.StableHash.Of(model.Id);

    private static string Signature(IrMethod method)
        => $"<c>{method.Name}({string.Join(", ", System.Linq.Enumerable.Select(method.Parameters, parameter => parameter.Variable.Name))})</c>";
}
