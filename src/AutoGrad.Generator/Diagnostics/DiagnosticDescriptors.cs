using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Diagnostics;

/// <summary>
/// Every diagnostic AutoGrad reports. IDs are reserved in blocks: AG00xx errors in the user's
/// method, AG01xx warnings, AG9xxx failures of the generator itself. Documented in docs/diagnostics.md.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "AutoGrad";
    private const string HelpLinkBase = "https://github.com/autograd-dotnet/autograd/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "AG0001", "Containing type is not partial",
        "Type '{0}' must be declared 'partial' so that AutoGrad can add the derivatives of '{1}' to it");

    public static readonly DiagnosticDescriptor MethodNotStatic = Error(
        "AG0002", "Method is not static",
        "Differentiable method '{0}' must be 'static'; pass what it reads from the instance as parameters");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "AG0003", "Unsupported return type",
        "Differentiable method '{0}' returns '{1}'; it must return 'double' or 'float', or 'void' and write a Span<double> or Span<float> output");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "AG0004", "Unsupported parameter type",
        "Parameter '{0}' has type '{1}'; differentiable methods take 'double' or 'float', arrays and ReadOnlySpan/Span of them (active unless [NoDiff]), and 'int', 'long', 'bool' or an enum (constant; not an enum over ulong)");

    public static readonly DiagnosticDescriptor UnsupportedParameterKind = Error(
        "AG0005", "ref, out, in or params parameter",
        "Parameter '{0}' is declared '{1}'; {2}");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "AG0006", "Unsupported statement",
        "{0} cannot be differentiated by AutoGrad; {1}");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "AG0007", "Unsupported expression",
        "{0} cannot be differentiated by AutoGrad; {1}");

    public static readonly DiagnosticDescriptor NonDifferentiableCall = Error(
        "AG0008", "Active value passed to a method AutoGrad cannot differentiate",
        "'{0}' is neither [Differentiable] nor a known intrinsic, so a value that depends on an active parameter cannot flow through it; {1}");

    public static readonly DiagnosticDescriptor Recursion = Error(
        "AG0009", "Recursion among differentiable methods",
        "'{0}' calls itself through {1}; AutoGrad cannot differentiate recursion, rewrite it without the recursive call");

    public static readonly DiagnosticDescriptor NameClash = Error(
        "AG0010", "Generated name clashes with an existing name",
        "AutoGrad would generate '{0}' for '{1}', but {2}; rename one of them");

    public static readonly DiagnosticDescriptor LoopNotSupported = Error(
        "AG0011", "Loop kind not supported",
        "A '{0}' loop cannot be differentiated; write it as a 'for' or 'while' loop");

    public static readonly DiagnosticDescriptor MethodHasNoBody = Error(
        "AG0012", "Method has no body",
        "Differentiable method '{0}' has no body to differentiate");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "AG0013", "Generic method",
        "Differentiable method '{0}' is generic; write one method per element type (double or float)");

    public static readonly DiagnosticDescriptor CalleeNotDifferentiable = Error(
        "AG0014", "Called differentiable method cannot be differentiated",
        "'{0}' is [Differentiable] but has no generated derivatives ({1}); fix the diagnostics on '{0}' first");

    public static readonly DiagnosticDescriptor UnsupportedLocalType = Error(
        "AG0015", "Unsupported local variable type",
        "Local '{0}' has type '{1}'; differentiable methods may only use locals of type double, float, int, long, bool, enums, spans of double or float holding a slice, or scratch buffers of double or float allocated with a length (new T[n], stackalloc T[n]) and then written");

    public static readonly DiagnosticDescriptor DerivativeTargetNotFound = Error(
        "AG0016", "Function of a custom derivative not found",
        "[DerivativeOf] names '{0}', but '{1}' has no method of that name; name a static method of the same type (wrap a method of another type in one)");

    public static readonly DiagnosticDescriptor DerivativeTargetAmbiguous = Error(
        "AG0017", "Function of a custom derivative is ambiguous",
        "[DerivativeOf] names '{0}', which has {1} overloads, and {2} of them match the signature of '{3}'; give the function a name of its own");

    public static readonly DiagnosticDescriptor DerivativeSignatureMismatch = Error(
        "AG0018", "Custom derivative does not follow the contract",
        "'{0}' does not have the {1} signature of '{2}': {3}; expected '{4}'");

    public static readonly DiagnosticDescriptor DerivativeNotUsable = Error(
        "AG0019", "Custom derivative cannot be used",
        "The custom {0} '{1}' of '{2}' cannot be used: {3}");
    public static readonly DiagnosticDescriptor NestedTooDeeply = Error(
        "AG0020", "Code nested too deeply",
        "This {0} is nested {1} levels deep; AutoGrad differentiates code nested up to {2} levels (expressions inside expressions, statements inside blocks), so move inner parts into local variables");

    public static readonly DiagnosticDescriptor MethodTooLarge = Error(
        "AG0021", "Method too large",
        "Differentiable method '{0}' has {1} statements and expressions; AutoGrad differentiates methods of up to {2}, so split it into several [Differentiable] methods that call each other");

    public static readonly DiagnosticDescriptor GeneratedMethodTooLarge = Error(
        "AG0022", "Generated method too large",
        "The {0} of '{1}' would need {2} local variables, more than the {3} AutoGrad gives a generated method (.NET allows 65,534); split '{1}' into several [Differentiable] methods that call each other");

    public static readonly DiagnosticDescriptor ResultNotActive = Warning(
        "AG0100", "Result does not depend on any active parameter",
        "The result of '{0}' does not depend on any active parameter, so all of its derivatives are zero");

    public static readonly DiagnosticDescriptor ActiveValueIntoNoDiffParameter = Warning(
        "AG0101", "Active value passed for a [NoDiff] parameter",
        "'{0}' depends on the active parameters, but '{1}' takes it for its [NoDiff] parameter '{2}', so no derivative flows through it; drop [NoDiff] from '{2}' if one should, or suppress AG0101 here if the derivative is meant to stop");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "AG9999", "Internal generator error",
        "AutoGrad failed while generating the derivatives of '{0}' and generated nothing for it: {1}. Please report this with the method's source.");

    private static readonly Dictionary<string, DiagnosticDescriptor> byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    public static IReadOnlyCollection<DiagnosticDescriptor> All => byId.Values;

    public static DiagnosticDescriptor ById(string id) => byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
