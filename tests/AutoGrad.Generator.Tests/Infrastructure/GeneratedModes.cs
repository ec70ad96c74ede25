using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>
/// Splits one generated file (one user method) by mode: the Forward, Adjoint and HessianVector methods (and the Primal over spans of a method taking arrays),
/// each with the GEMM epilogue structs generated for it (<c>{Method}{Mode}Epilogue…</c>).
/// </summary>
public static partial class GeneratedModes
{
    private static readonly string[] Modes = ["HessianVector", "Adjoint", "Forward", "Primal"];

    /// <summary>
    /// For each mode the file has, the name <c>{hint name without .g.cs}.{Mode}</c> and the file with the
    /// other modes' members removed. A member that belongs to no mode throws: a new kind of generated
    /// member must decide which snapshot shows it.
    /// </summary>
    public static IEnumerable<(string Name, string Text)> Split(string hintName, string source)
    {
        var baseName = hintName.EndsWith(".g.cs", StringComparison.Ordinal) ? hintName[..^".g.cs".Length] : hintName;
        var method = MethodName().Match(baseName).Groups[1].Value;
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var type = root.DescendantNodes().OfType<TypeDeclarationSyntax>()
            .First(declaration => declaration.Members.Any(member => member is MethodDeclarationSyntax));
        var members = type.Members.Select(member => (Member: member, Mode: ModeOf(member, method))).ToList();
        if (members.FirstOrDefault(pair => pair.Mode is null) is { Member: { } orphan })
            throw new InvalidOperationException($"{hintName}: the generated member '{Identifier(orphan)}' belongs to no mode of '{method}'.");

        foreach (var mode in Modes.Reverse().Where(mode => members.Any(pair => pair.Mode == mode)))
        {
            var others = members.Where(pair => pair.Mode != mode).Select(pair => pair.Member);
            var kept = root.RemoveNodes(others, SyntaxRemoveOptions.KeepNoTrivia)!;
            yield return ($"{baseName}.{mode}", WithoutBlankLineAfterBrace(kept.ToFullString()));
        }
    }

    private static string? ModeOf(MemberDeclarationSyntax member, string method)
    {
        var name = Identifier(member);
        return name is not null && name.StartsWith(method, StringComparison.Ordinal)
            ? Modes.FirstOrDefault(mode => name.AsSpan(method.Length).StartsWith(mode, StringComparison.Ordinal))
            : null;
    }

    private static string? Identifier(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax declaration => declaration.Identifier.Text,
        BaseTypeDeclarationSyntax declaration => declaration.Identifier.Text,
        _ => null,
    };

    /// <summary>A removed first member leaves the blank line that separated it from the next one.</summary>
    private static string WithoutBlankLineAfterBrace(string text) => BlankLineAfterBrace().Replace(text, "$1");

    /// <summary>The method's name: the last segment of the hint name, without an overload's parameter list.</summary>
    [GeneratedRegex(@"([^.(]+)(?:\(.*\))?$")]
    private static partial Regex MethodName();

    [GeneratedRegex(@"(\{\n)(?:[ \t]*\n)+")]
    private static partial Regex BlankLineAfterBrace();
}
