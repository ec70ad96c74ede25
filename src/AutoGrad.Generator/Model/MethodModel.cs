using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;

namespace AutoGrad.Generator.Model;

// Pipeline models. Contract: immutable, value-equatable, and free of ISymbol, SyntaxNode,
// Location and Compilation, so that an edit elsewhere leaves them equal and the generator's later
// steps cached.

/// <summary>One type the generated partial declaration must reopen, outermost first.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Modifiers">Modifiers every partial part must repeat (<c>static</c>, <c>ref</c>, <c>readonly</c>), or empty.</param>
/// <param name="TypeParameters">E.g. <c>&lt;T, U&gt;</c>, or empty.</param>
public sealed record ContainingTypeInfo(string Keyword, string Name, string Modifiers, string TypeParameters);

/// <summary>Everything the back end needs to emit the derivatives of one method.</summary>
/// <param name="Id">The documentation-comment ID of the method: unique across the compilation.</param>
/// <param name="FullyQualifiedContainingType">With <c>global::</c>.</param>
/// <param name="ReservedNames">
/// The names visible where the generated methods are declared, sorted: members of the containing types
/// (outer ones too, inherited ones, and the derivatives generated for methods), <c>using static</c>
/// imports, and whatever the method's code names that is not its own parameter or local (callees,
/// types, fields). A generated local never takes one of them, so it can shadow nothing.
/// </param>
/// <param name="FreeAliases">
/// The <see cref="FileAlias"/> names that mean nothing else where the method is declared (or mean
/// just the type they alias): its generated file may declare them.
/// </param>
/// <param name="ArrayParameters">The parameters declared as arrays, which <see cref="Primal"/> reads or writes as spans.</param>
public sealed record MethodModel(
    string Id,
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeInfo> ContainingTypes,
    string FullyQualifiedContainingType,
    string Accessibility,
    IrMethod Primal,
    EquatableArray<string> ReservedNames = default,
    EquatableArray<string> FreeAliases = default,
    EquatableArray<string> ArrayParameters = default);

/// <summary>
/// What generating one method's derivatives reads: its model, and of the rest of the compilation only what
/// concerns its callees — the matrix methods inlined into it (transitively) and the dependence summaries of
/// everything it and they call. Each method's generation depends on this alone, so an edit that leaves it
/// equal (another method's body, a syntax error elsewhere) does not run it again.
/// </summary>
public sealed record GenerationInput(MethodModel Model, EquatableArray<MethodModel> InlinedCallees, EquatableArray<Transforms.DependenceSummary> CalleeSummaries);

/// <summary>A call from one differentiable method to another, for the call-graph checks.</summary>
public sealed record CallSite(string CalleeId, string CalleeName, LocationInfo? Location);

/// <summary>A differentiable method as the call graph sees it.</summary>
/// <param name="WhyNot">Set when the method itself cannot be differentiated; its callers are then reported.</param>
/// <param name="Location">The method's name, where a failure later in the pipeline is reported.</param>
public sealed record CallGraphNode(string Id, string Name, string? WhyNot, EquatableArray<CallSite> Calls, LocationInfo? Location);

/// <summary>A call to a method AutoGrad cannot see into, whose result is <see cref="Result"/>.</summary>
/// <param name="Remedy">What the user can do, which depends on whether the method is theirs (AG0008's message).</param>
public sealed record OpaqueCall(IrVariable Result, string MethodName, LocationInfo? Location, string Remedy);

/// <summary>A value passed for a callee's <c>[NoDiff]</c> parameter, where no derivative flows; warned of when the value is active.</summary>
/// <param name="Argument">How the argument is written, for the message.</param>
public sealed record NoDiffArgument(IrVariable Value, string Argument, string Callee, string Parameter, LocationInfo? Location);

/// <summary>The result of parsing one <c>[Differentiable]</c> method.</summary>
/// <param name="Model">Null when the method cannot be differentiated (see the diagnostics).</param>
/// <param name="OpaqueCalls">Calls of the model's primal into methods AutoGrad cannot see into, for the activity check that follows parsing.</param>
/// <param name="NoDiffArguments">Variables passed for callees' <c>[NoDiff]</c> parameters, for the same check.</param>
public sealed record ParseResult(MethodModel? Model, CallGraphNode Node, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<OpaqueCall> OpaqueCalls = default,
    EquatableArray<NoDiffArgument> NoDiffArguments = default);

/// <summary>
/// The primal IR of every differentiable method whose signature has matrices: calls to them are
/// inlined into their callers (so a model and its loss are differentiated, and later fused, as one).
/// </summary>
public sealed record InlineLibrary(EquatableArray<MethodModel> Methods)
{
    public IrMethod? Find(string id) => Methods.FirstOrDefault(method => method.Id == id)?.Primal;

    public static bool Holds(IrMethod method)
        => method.ReturnType.IsMatrix() || method.Parameters.Any(parameter => parameter.Variable.Type.IsMatrix());
}
