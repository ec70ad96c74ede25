using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;

namespace AutoGrad.Generator.Emit;

/// <summary>
/// Writes what AutoGrad adds beside a function with a custom adjoint. <c>FForward</c> when no custom
/// tangent is given: one adjoint call with <c>resultBar = 1</c> gives the whole gradient (into zeroed
/// scalars, and pooled zeroed spans), and <c>resultDot</c> is its dot product with the tangents.
/// <c>FHessianVector</c>, throwing, when no custom Hessian-vector product is given.
/// </summary>
internal static class CustomForwardEmitter
{
    public static string Emit(CustomForwardModel model)
    {
        var writer = new SourceWriter();
        GeneratedFileFrame.Open(writer, model.Namespace, model.ContainingTypes);

        if (model.DeriveForward)
            EmitForward(writer, model);
        if (model.DeriveForward && model.StubHessianVector)
            writer.WriteLine();
        if (model.StubHessianVector)
            EmitHessianVectorStub(writer, model);

        GeneratedFileFrame.Close(writer, model.Namespace, model.ContainingTypes);
        return writer.ToString();
    }

    private static void EmitForward(SourceWriter writer, CustomForwardModel model)
    {
        var result = model.ReturnType.ToCSharp();
        var zero = Literal(model.ReturnType, "0");
        var active = model.Parameters.Where(parameter => parameter.IsActive).ToList();
        var spans = active.Where(parameter => parameter.Type.IsSpan()).ToList();
        var parameters = model.Parameters.SelectMany(parameter => parameter.IsActive
            ? new[] { $"{parameter.Type.ToCSharp()} {parameter.Name}", $"{parameter.Type.ToCSharp()} {parameter.Name}Dot" }
            : new[] { $"{parameter.DeclaredType} {parameter.Name}" });
        var arguments = model.Parameters.SelectMany(parameter => parameter.IsActive
            ? new[] { parameter.Name, parameter.Type.IsSpan() ? parameter.Name + "Bar" : "ref " + parameter.Name + "Bar" }
            : new[] { parameter.Name });

        writer.WriteDocumentation($"<summary>Forward mode (tangent) of <c>{model.FunctionName}</c>, from its custom adjoint <c>{model.AdjointName}</c>: returns its value and sets <c>resultDot</c> to the gradient (one adjoint call with <c>resultBar = 1</c>) times the <c>…Dot</c> arguments.</summary>");
        writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
        writer.OpenBlock($"{model.Accessibility} static {result} {model.FunctionName}Forward({string.Join(", ", parameters.Concat([$"out {result} resultDot"]))})");
        foreach (var span in spans)
        {
            writer.WriteLine($"if ({span.Name}Dot.Length != {span.Name}.Length)");
            writer.WriteLine($"    throw new global::System.ArgumentException(\"'{span.Name}Dot' must have the same length as '{span.Name}'.\", \"{span.Name}Dot\");");
        }
        foreach (var scalar in active.Where(parameter => !parameter.Type.IsSpan()))
            writer.WriteLine($"{scalar.Type.ToCSharp()} {scalar.Name}Bar = {Literal(scalar.Type, "0")};");
        foreach (var span in spans)
        {
            var element = span.Type.ElementType().ToCSharp();
            writer.WriteLine($"{element}[] {span.Name}BarArray = global::System.Buffers.ArrayPool<{element}>.Shared.Rent({span.Name}.Length);");
        }
        if (spans.Count > 0)
            writer.OpenBlock("try");
        foreach (var span in spans)
        {
            var element = span.Type.ElementType().ToCSharp();
            writer.WriteLine($"global::System.Span<{element}> {span.Name}Bar = global::System.MemoryExtensions.AsSpan({span.Name}BarArray, 0, {span.Name}.Length);");
            writer.WriteLine($"{span.Name}Bar.Clear();");
        }
        writer.WriteLine($"{result} value = {QualifiedType(model)}.{model.AdjointName}({string.Join(", ", arguments.Concat([Literal(model.ReturnType, "1")]))});");
        var terms = active.Select(parameter => parameter.Type.IsSpan()
            ? Widen(parameter.Type.ElementType(), model.ReturnType, $"global::AutoGrad.Kernels.ReductionKernels.Dot<{parameter.Type.ElementType().ToCSharp()}>({parameter.Name}Bar, {parameter.Name}Dot)")
            : Widen(parameter.Type, model.ReturnType, $"{parameter.Name}Bar * {parameter.Name}Dot")).ToList();
        writer.WriteLine($"resultDot = {(terms.Count == 0 ? zero : string.Join(" + ", terms))};");
        writer.WriteLine("return value;");
        if (spans.Count > 0)
        {
            writer.CloseBlock();
            writer.OpenBlock("finally");
            foreach (var span in spans)
                writer.WriteLine($"global::System.Buffers.ArrayPool<{span.Type.ElementType().ToCSharp()}>.Shared.Return({span.Name}BarArray);");
            writer.CloseBlock();
        }
        writer.CloseBlock();
    }

    /// <summary>
    /// The Hessian-vector product's contract (each argument of the adjoint that carries a derivative
    /// followed by its tangent), throwing: a second derivative cannot be derived from a first one
    /// supplied by hand. Callers' generated products call it, so they compile; calling it says what to supply.
    /// </summary>
    private static void EmitHessianVectorStub(SourceWriter writer, CustomForwardModel model)
    {
        var parameters = new List<string>();
        foreach (var parameter in model.Parameters)
        {
            var type = parameter.Type;
            parameters.Add($"{parameter.DeclaredType} {parameter.Name}");
            if (!parameter.IsActive)
                continue;
            var tangent = type.IsWritableSpan() ? type : type.IsSpan() ? type.ElementType().ReadOnlySpanOf() : type;
            var adjoint = type.IsWritableSpan() ? type.ElementType().ReadOnlySpanOf().ToCSharp()
                : type.IsSpan() ? type.ElementType().SpanOf().ToCSharp()
                : "ref " + type.ToCSharp();
            parameters.Add($"{tangent.ToCSharp()} {parameter.Name}Dot");
            parameters.Add($"{adjoint} {parameter.Name}Bar");
            parameters.Add($"{adjoint} {parameter.Name}BarDot");
        }
        if (model.ReturnType != IrType.Void)
        {
            parameters.Add($"{model.ReturnType.ToCSharp()} resultBar = {Literal(model.ReturnType, "1")}");
            parameters.Add($"{model.ReturnType.ToCSharp()} resultBarDot = {Literal(model.ReturnType, "0")}");
        }
        var remedy = $"[DerivativeOf(nameof({model.FunctionName}), Kind = DerivativeKind.HessianVector)]";
        writer.WriteDocumentation($"<summary>Hessian-vector product of <c>{model.FunctionName}</c>: not available, since its derivatives are supplied by hand (<c>{model.AdjointName}</c>) and a second derivative cannot be derived from them; throws <see cref=\"global::System.NotSupportedException\"/>. Supply one with <c>{remedy}</c>.</summary>");
        writer.WriteLine(GeneratedFileFrame.GeneratedCodeAttribute);
        writer.WriteWrapped($"{model.Accessibility} static {model.ReturnType.ToCSharp()} {model.FunctionName}HessianVector(", parameters, ", ", ")");
        writer.WriteLine("    => throw new global::System.NotSupportedException(");
        writer.WriteLine($"        \"'{model.FunctionName}' has a custom adjoint ('{model.AdjointName}') but no custom Hessian-vector product; \" +");
        writer.WriteLine($"        \"supply one with {remedy}.\");");
    }

    /// <summary><c>global::Namespace.Outer&lt;T&gt;.Inner</c>: calls are qualified, so that a parameter with the callee's name cannot hide it.</summary>
    private static string QualifiedType(CustomForwardModel model)
        => "global::" + (model.Namespace is null ? "" : model.Namespace + ".") + string.Join(".", model.ContainingTypes.Select(type => type.Name + type.TypeParameters));

    private static string Literal(IrType type, string digits) => type == IrType.Float ? digits + "f" : digits + ".0";

    /// <summary>A float parameter's term of a double result (or the reverse) is converted to the result's type.</summary>
    private static string Widen(IrType from, IrType to, string expression) => from == to ? expression : $"({to.ToCSharp()})({expression})";
}
