using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AutoGrad.Generator.Diagnostics;
using AutoGrad.Generator.IR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AutoGrad.Generator.Parsing;

// Guards: the checks a method makes of its arguments, kept in every generated method and not differentiated.
internal sealed partial class BodyLowerer
{
    /// <summary>The throw an arm consists of (<c>throw …;</c> or <c>{ throw …; }</c>), if that is all it does.</summary>
    private static IThrowOperation? ThrowOf(IOperation? arm) => arm switch
    {
        IThrowOperation thrown => thrown,
        IExpressionStatementOperation { Operation: IThrowOperation thrown } => thrown,
        IBlockOperation { Operations.Length: 1 } single => ThrowOf(single.Operations[0]),
        _ => null,
    };

    /// <summary>
    /// <c>if (failure) throw new E(…);</c>: the same check, at the same place, in every generated method; nothing flows
    /// through it, so nothing of it is differentiated. The exception is the user's, with constant arguments.
    /// </summary>
    private void LowerGuard(IrExpression failure, IThrowOperation thrown)
    {
        if (ThrownException(thrown) is { } exception)
            block.Add(new Require(failure, "", "", default, exception));
    }

    /// <summary><c>new E(a, b)</c> as C# that compiles where the generated code is: E qualified, the arguments written as the constants they are.</summary>
    private string? ThrownException(IThrowOperation thrown)
    {
        var exception = thrown.Exception is IConversionOperation { Conversion.IsImplicit: true } conversion ? conversion.Operand : thrown.Exception;
        if (exception is not IObjectCreationOperation { Constructor: { } constructor, Initializer: null } creation)
        {
            ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, thrown.Syntax, "throw of an exception held in a variable",
                "throw a new exception: if (…) throw new ArgumentException(\"…\", nameof(x));");
            return null;
        }
        var written = new List<string>();
        var positional = true;
        foreach (var argument in creation.Arguments.OrderBy(argument => argument.Parameter?.Ordinal ?? 0))
        {
            if (argument.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
            {
                positional = false;
                continue;
            }
            if ((Literal(argument.Value.ConstantValue, parameter.Type) ?? UnchangedParameter(argument.Value)) is not { } literal)
            {
                ReportUnsupported(DiagnosticDescriptors.UnsupportedStatement, argument.Syntax, "exception argument that is neither a constant nor a parameter",
                    "build the exception from constants, nameof(…) and the method's scalar parameters");
                return null;
            }
            written.Add(positional ? literal : $"{parameter.Name}: {literal}");
        }
        return $"new {constructor.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}({string.Join(", ", written)})";
    }

    /// <summary>A scalar parameter not assigned before the throw: every generated method has it, under its own name.</summary>
    private string? UnchangedParameter(IOperation value)
    {
        while (value is IConversionOperation { Conversion.IsImplicit: true } conversion)
            value = conversion.Operand;
        if (value is not IParameterReferenceOperation { Parameter: var parameter } || TypeMapping.Map(parameter.Type) is not { } type || !type.IsScalar()
            || !environment.Variables.TryGetValue(parameter, out var current) || current.Role != VariableRole.Parameter)
            return null;
        return SyntaxFacts.GetKeywordKind(parameter.Name) == SyntaxKind.None ? parameter.Name : "@" + parameter.Name;
    }

    private static string? Literal(Optional<object?> constant, ITypeSymbol type)
    {
        if (!constant.HasValue)
            return null;
        return constant.Value switch
        {
            null => "null",
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            float single => single.ToString("R", CultureInfo.InvariantCulture) + "f",
            double real when type.SpecialType == SpecialType.System_Single => ((float)real).ToString("R", CultureInfo.InvariantCulture) + "f",
            double real => DoubleLiteral(real),
            int or long or short or byte or sbyte or ushort or uint or ulong => type.SpecialType switch
            {
                SpecialType.System_Single => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) + "f",
                SpecialType.System_Double => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) + ".0",
                _ => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture),
            },
            _ => null,
        };
    }

    private static string DoubleLiteral(double value)
    {
        if (double.IsNaN(value))
            return "double.NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) >= 0 ? text : text + ".0";
    }

    /// <summary>
    /// Sections of a switch that only throw: each is a guard before the chain, failing when it matches and no section before
    /// it does. When the default section throws, every value that passes the guards matches a section left, so the last of
    /// them needs no test: it becomes the chain's final else (and a method whose sections all return has a result on every path).
    /// </summary>
    private void LowerThrowingSections(List<SwitchSection> sections, ref ImmutableArray<IOperation> fallback)
    {
        IrExpression? earlier = null;
        foreach (var (condition, body) in sections)
        {
            if (body.Length == 1 && ThrowOf(body[0]) is { } thrown)
                LowerGuard(earlier is null ? condition : new Binary(BinaryOperator.ConditionalAnd, new Unary(UnaryOperator.Not, earlier, IrType.Bool), condition, IrType.Bool), thrown);
            earlier = earlier is null ? condition : new Binary(BinaryOperator.ConditionalOr, earlier, condition, IrType.Bool);
        }
        sections.RemoveAll(section => section.Body.Length == 1 && ThrowOf(section.Body[0]) is not null);
        if (fallback.Length == 1 && ThrowOf(fallback[0]) is { } otherwise)
        {
            LowerGuard(earlier is null ? Constant.Bool(true) : new Unary(UnaryOperator.Not, earlier, IrType.Bool), otherwise);
            fallback = ImmutableArray<IOperation>.Empty;
            if (sections.Count > 0)
            {
                fallback = sections[sections.Count - 1].Body;
                sections.RemoveAt(sections.Count - 1);
            }
        }
    }
}
