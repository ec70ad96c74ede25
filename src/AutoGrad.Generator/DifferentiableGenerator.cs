using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.Emit;
using AutoGrad.Generator.Helpers;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using AutoGrad.Generator.Parsing;
using AutoGrad.Generator.Transforms;
using AutoGrad.Generator.Transforms.SecondOrder;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator;

/// <summary>Names of the incremental pipeline's tracked steps, asserted by the caching tests.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string CallGraph = nameof(CallGraph);
    public const string InlineLibrary = nameof(InlineLibrary);
    public const string Dependence = nameof(Dependence);
    public const string GenerationInput = nameof(GenerationInput);
    public const string Emit = nameof(Emit);
    public const string CustomDerivative = nameof(CustomDerivative);
}

/// <summary>
/// The pipeline: each <c>[Differentiable]</c> method is parsed into the IR on its own (Parse);
/// the call graph of all of them is checked together (CallGraph), and summarized for callers
/// (Dependence: which parameters each method's outputs depend on); each method that passes is
/// transformed and printed on its own (Emit). Diagnostics travel in their own output, so editing
/// one method redoes the work of that method only.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    /// <summary>
    /// Called with each method's ID just before its derivatives are generated. Only tests set it,
    /// to prove that a failure inside the generator becomes AG9999 and no partial output.
    /// </summary>
    internal System.Action<string>? BeforeGenerate { get; init; }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var beforeGenerate = BeforeGenerate;
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeMapping.DifferentiableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => ParseMemo.GetOrParse(context, cancellationToken,
                    static (context, cancellationToken) => ActivityCheck.Apply(MethodParser.Parse(context, cancellationToken))))
            .WithTrackingName(TrackingNames.Parse);

        var verdict = parsed
            .Select(static (result, _) => result.Node)
            .Collect()
            .Select(static (nodes, _) => CallGraphCheck.Check(nodes))
            .WithTrackingName(TrackingNames.CallGraph);

        var models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null);

        // Methods with matrices in their signatures are inlined where they are called.
        var library = models
            .Where(static model => InlineLibrary.Holds(model!.Primal))
            .Collect()
            .Select(static (methods, _) => new InlineLibrary(methods.Select(method => method!).OrderBy(method => method.Id, System.StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(TrackingNames.InlineLibrary);

        // What each method's outputs depend on, for the activity analysis of its callers.
        var dependence = models
            .Collect()
            .Select(static (all, _) => DependenceSummaries.Compute(all!))
            .WithTrackingName(TrackingNames.Dependence);

        // Each method's own slice of the whole-compilation steps: cheap to take again after any edit, and
        // equal unless something the method's derivatives read changed, so the step after it stays cached.
        var inputs = models
            .Combine(verdict)
            .Combine(library.Combine(dependence))
            .Select(static (input, _) => input.Left.Right.Allows(input.Left.Left!.Id)
                ? InputOf(input.Left.Left!, input.Right.Left, input.Right.Right)
                : null)
            .WithTrackingName(TrackingNames.GenerationInput);

        var generated = inputs
            .Select((input, cancellationToken) => input is null ? null : Generate(input, beforeGenerate, cancellationToken))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(generated, static (context, file) =>
        {
            if (file?.Source is { } source)
                context.AddSource(file.HintName, source);
        });

        var diagnostics = parsed
            .Collect()
            .Combine(verdict)
            .Combine(generated.Collect())
            .Select(static (all, _) => AllDiagnostics(all.Left.Left, all.Left.Right, all.Right));

        // Mapping locations back into the compilation's trees makes #pragma suppression apply; this last step is cheap.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (context, pair) =>
        {
            foreach (var diagnostic in pair.Left)
                context.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });

        InitializeCustomDerivatives(context);
    }

    /// <summary>
    /// [DerivativeOf] methods, each checked on its own; an adjoint without a custom tangent gets the
    /// function's <c>FForward</c> derived from it. Callers find them while being parsed.
    /// </summary>
    private static void InitializeCustomDerivatives(IncrementalGeneratorInitializationContext context)
    {
        var custom = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CustomDerivatives.DerivativeOfAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                CustomDerivatives.Check)
            .WithTrackingName(TrackingNames.CustomDerivative);

        context.RegisterSourceOutput(custom, static (context, result) =>
        {
            if (result.Forward is { } forward)
                context.AddSource(result.HintName!, CustomForwardEmitter.Emit(forward));
        });

        var diagnostics = custom
            .Select(static (result, _) => result.Diagnostics)
            .Collect();
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (context, pair) =>
        {
            foreach (var diagnostic in pair.Left.SelectMany(each => each))
                context.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }

    /// <summary>The generated file of one method, or an internal-error diagnostic (without a location: the model has none) and no file.</summary>
    public sealed record GeneratedFile(string MethodId, string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);

    private static EquatableArray<DiagnosticInfo> AllDiagnostics(ImmutableArray<ParseResult> parsed, CallGraphVerdict verdict, ImmutableArray<GeneratedFile?> generated)
    {
        // Models carry no locations, so that moving a method does not redo its generation; the call-graph node knows where it is.
        var locations = new Dictionary<string, LocationInfo?>();
        foreach (var result in parsed)
            locations[result.Node.Id] = result.Node.Location;
        var fromGeneration = generated
            .Where(file => file is not null)
            .SelectMany(file => file!.Diagnostics.Select(diagnostic => diagnostic with { Location = diagnostic.Location ?? locations[file.MethodId] }));
        return parsed.SelectMany(result => result.Diagnostics)
            .Concat(verdict.Diagnostics)
            .Concat(fromGeneration)
            .ToEquatableArray();
    }

    /// <summary>The method, the library methods inlined into it (and into them), and the summaries of all they call.</summary>
    private static GenerationInput InputOf(MethodModel model, InlineLibrary library, DependenceSummaries dependence)
    {
        var called = new HashSet<string>();
        var inlined = new List<MethodModel>();
        var pending = new Stack<IrMethod>();
        pending.Push(model.Primal);
        while (pending.Count > 0)
        {
            foreach (var callee in DependenceSummaries.Callees(pending.Pop()).Where(called.Add))
            {
                if (library.Methods.FirstOrDefault(method => method.Id == callee) is { } matrixMethod)
                {
                    inlined.Add(matrixMethod);
                    pending.Push(matrixMethod.Primal);
                }
            }
        }
        return new GenerationInput(
            model,
            inlined.OrderBy(method => method.Id, System.StringComparer.Ordinal).ToEquatableArray(),
            dependence.Summaries.Where(summary => called.Contains(summary.Id)).ToEquatableArray());
    }

    private static GeneratedFile Generate(GenerationInput input, System.Action<string>? beforeGenerate, System.Threading.CancellationToken cancellationToken)
    {
        var model = input.Model;
        var library = new InlineLibrary(input.InlinedCallees);
        try
        {
            beforeGenerate?.Invoke(model.Id);
            var summaries = input.CalleeSummaries.ToDictionary(summary => summary.Id, summary => summary);
            if (OutputContentCheck.Find(model.Primal, summaries).Concat(SpanCallCheck.Find(model.Primal, summaries)).ToList() is { Count: > 0 } refused)
                return new GeneratedFile(model.Id, model.HintName, null, refused.ToEquatableArray());
            var derivatives = Pipeline.Run(model.Primal, library, summaries, FileEmitter.TypeNameSuffix(model), cancellationToken, primalOverSpans: !model.ArrayParameters.IsEmpty);
            if (LocalCount.Check(model.Primal.Name, derivatives.Forward, derivatives.Adjoint, derivatives.HessianVector) is { } tooLarge)
                return new GeneratedFile(model.Id, model.HintName, null, EquatableArray.Create(tooLarge));
            return new GeneratedFile(model.Id, model.HintName, FileEmitter.Emit(model, derivatives.Forward, derivatives.Adjoint, derivatives.HessianVector, derivatives.PrimalOverSpans), EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (System.InsufficientExecutionStackException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.NestedTooDeeply, null, "method's code",
                "too many", Parsing.SizeCheck.MaximumDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (fewer on this thread's small stack)");
            return new GeneratedFile(model.Id, model.HintName, null, EquatableArray.Create(diagnostic));
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, model.Primal.Name, exception.Message);
            return new GeneratedFile(model.Id, model.HintName, null, EquatableArray.Create(diagnostic));
        }
    }
}
