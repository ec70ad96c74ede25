using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Local functions: inlined where they are called, so they are differentiated with the method in every mode.
internal sealed partial class BodyLowerer
{
    /// <summary>The method's local functions by symbol, and what keeps each that cannot be inlined from it (null when it can).</summary>
    private readonly Dictionary<IMethodSymbol, (ILocalFunctionOperation Declaration, (string What, string Instead)? WhyNot)> localFunctions = new(SymbolEqualityComparer.Default);

    /// <summary>The local functions being inlined, innermost last: one that calls itself is refused rather than inlined forever.</summary>
    private readonly List<IMethodSymbol> inlining = [];

    private void CollectLocalFunctions(IOperation body)
    {
        foreach (var declaration in body.Descendants().OfType<ILocalFunctionOperation>())
            localFunctions[declaration.Symbol] = (declaration, WhyNotInlined(declaration));
    }

    /// <summary>
    /// A local function is inlined when it takes scalars and read-only spans by value and returns double or float; captures
    /// nothing (it is <c>static</c>, or reads only its own parameters and locals); and returns once, at its end.
    /// </summary>
    private static (string What, string Instead)? WhyNotInlined(ILocalFunctionOperation declaration)
    {
        var function = declaration.Symbol;
        if (function.IsGenericMethod)
            return ("generic local function", "write it for double or float");
        if (TypeMapping.Map(function.ReturnType) is not { } returned || !returned.IsFloatingPoint())
            return ("local function that does not return double or float", "return the value it computes as double or float");
        if (function.Parameters.Any(parameter => parameter.RefKind != RefKind.None || parameter.IsParams
            || TypeMapping.Map(parameter.Type) is not { } type || type.IsWritableSpan() || type.IsMatrix()))
            return ("local function with a parameter other than a scalar or a ReadOnlySpan<T>", "take double, float, int, long, bool and ReadOnlySpan<T> by value");
        if (declaration.Body is not { } body || body.Operations.LastOrDefault() is not IReturnOperation { ReturnedValue: not null })
            return ("local function that does not end in a return", "end it with its only return");
        if (body.Operations.Take(body.Operations.Length - 1).Any(statement => statement.DescendantsAndSelf().Any(operation => operation is IReturnOperation)))
            return ("local function that returns before its end", "return once, at its end");
        var captured = body.Descendants().Select(operation => operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            })
            .FirstOrDefault(symbol => symbol is not null && !IsWithin(symbol.ContainingSymbol, function));
        return captured is null ? null : ($"local function that captures '{captured.Name}'", "pass it as a parameter, or make the function static");
    }

    private static bool IsWithin(ISymbol? symbol, IMethodSymbol function)
    {
        for (; symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(symbol, function))
                return true;
        }
        return false;
    }

    /// <summary>The declaration itself lowers to nothing; one that cannot be inlined is reported here, once.</summary>
    private void LowerLocalFunctionDeclaration(ILocalFunctionOperation declaration)
    {
        if (localFunctions.TryGetValue(declaration.Symbol, out var entry) && entry.WhyNot is { } whyNot)
            ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, declaration.Syntax, whyNot.What, whyNot.Instead);
    }

    /// <summary>
    /// <c>F(a, b)</c> of a local function: its body lowered here with its parameters bound to the arguments, in an
    /// environment of its own (it sees nothing of the caller's), its final return the call's value.
    /// </summary>
    /// <remarks>
    /// The body becomes statements before the expression the call is in, so a call in a loop's condition (tested each
    /// iteration) or behind a short circuit (<c>&amp;&amp;</c>, <c>||</c>, a <c>?:</c> or switch arm kept as a tree: run on some
    /// paths only) is refused: it would run once, and always. Elsewhere — an <c>if</c>'s condition, an integer expression
    /// such as <c>Math.Sign(F(x))</c> — before is where it runs.
    /// </remarks>
    private IrExpression LowerLocalFunctionCall(IInvocationOperation invocation, IrType type, bool flatten)
    {
        var function = invocation.TargetMethod.OriginalDefinition;
        if (!localFunctions.TryGetValue(function, out var entry))
            return Unsupported(invocation, "call of a local function declared elsewhere", "declare the local function in this method");
        if (entry.WhyNot is not null)
            return Constant.Of(type, 0);
        if (!flatten && (conditionOfLoops > 0 || conditionallyEvaluated > 0))
            return Unsupported(invocation, "call of a local function in a loop's condition or behind a short circuit", "assign its value to a local before the statement");
        if (inlining.Contains(function, SymbolEqualityComparer.Default))
            return Unsupported(invocation, "recursive call of a local function", "write the recursion as a loop");

        var bound = new Environment();
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            var parameterType = TypeMapping.Map(parameter.Type)!.Value;
            var value = ConvertTo(LowerExpression(argument.Value, flatten: true), parameterType);
            if (value is not VariableRef { Variable: var variable })
            {
                variable = NewVariable(parameter.Name, parameterType, VariableRole.Local);
                block.Add(new Assign(variable, value));
            }
            bound.Variables[parameter] = variable;
        }

        var caller = environment;
        environment = bound;
        inlining.Add(function);
        var body = entry.Declaration.Body!;
        for (var i = 0; i < body.Operations.Length - 1; i++)
            LowerStatement(body.Operations[i]);
        var result = LowerValue(((IReturnOperation)body.Operations[body.Operations.Length - 1]).ReturnedValue!);
        var returned = TypeMapping.Map(function.ReturnType)!.Value;
        var named = NewVariable(HintFor(function.Name), returned, VariableRole.Temporary);
        block.Add(new Assign(named, ConvertTo(result, returned)));
        inlining.RemoveAt(inlining.Count - 1);
        environment = caller;
        return ConvertTo(new VariableRef(named), type);
    }
}
