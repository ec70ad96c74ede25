using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Tests.Fuzzing;

internal enum ParameterKind
{
    Scalar,
    Int,
    Input,
    Output,
}

internal sealed record EntryParameter(string Name, ParameterKind Kind, bool NoDiff)
{
    public bool IsActive => !NoDiff && Kind is ParameterKind.Scalar or ParameterKind.Input;
}

/// <summary>
/// The checked method of a program — the last [Differentiable] method of its class — read from the
/// source text, so that a saved regression file needs nothing beside it. Also writes the harness: a
/// plain class whose methods take arrays (which reflection can pass, unlike spans) and call the
/// method and its generated Forward and Adjoint with the README's signatures.
/// </summary>
internal sealed record EntrySignature(string ClassName, string Method, bool IsFloat, bool IsVoid, IReadOnlyList<EntryParameter> Parameters)
{
    public string HarnessTypeName => $"FuzzHarness.{ClassName}Harness";

    public IEnumerable<EntryParameter> Scalars => Parameters.Where(p => p.Kind == ParameterKind.Scalar);

    public IEnumerable<EntryParameter> Ints => Parameters.Where(p => p.Kind == ParameterKind.Int);

    /// <summary>Input and output spans, in parameter order: the harness's span arrays.</summary>
    public IEnumerable<EntryParameter> Spans => Parameters.Where(p => p.Kind is ParameterKind.Input or ParameterKind.Output);

    public static EntrySignature? FromSource(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        var method = type?.Members.OfType<MethodDeclarationSyntax>()
            .LastOrDefault(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Differentiable"));
        if (type is null || method is null)
            return null;

        var parameters = new List<EntryParameter>();
        var isFloat = false;
        foreach (var parameter in method.ParameterList.Parameters)
        {
            var typeText = parameter.Type!.ToString().Replace(" ", "", System.StringComparison.Ordinal);
            var noDiff = parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "NoDiff");
            isFloat |= typeText.Contains("float", System.StringComparison.Ordinal);
            var kind = typeText switch
            {
                "double" or "float" => ParameterKind.Scalar,
                "int" => ParameterKind.Int,
                "double[]" or "float[]" => WritesArray(method, parameter.Identifier.Text) ? ParameterKind.Output : ParameterKind.Input,
                _ when typeText.StartsWith("ReadOnlySpan<", System.StringComparison.Ordinal) => ParameterKind.Input,
                _ when typeText.StartsWith("Span<", System.StringComparison.Ordinal) => ParameterKind.Output,
                _ => (ParameterKind?)null,
            };
            if (kind is null)
                return null;
            parameters.Add(new EntryParameter(parameter.Identifier.Text, kind.Value, noDiff));
        }
        var returnType = method.ReturnType.ToString();
        isFloat |= returnType == "float";
        return new EntrySignature(type.Identifier.Text, method.Identifier.Text, isFloat, returnType == "void", parameters);
    }

    /// <summary>
    /// Whether the method writes the array: an element assigned, or the array (or <c>AsSpan</c> of it) passed last in a call
    /// made as a statement — the programs' void callees take their input first and write their last argument. (A range of
    /// the array is a copy.) The generator reads this from the method's semantics; the programs are simple enough for syntax.
    /// </summary>
    private static bool WritesArray(MethodDeclarationSyntax method, string name)
    {
        static bool Names(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.Text == name,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "AsSpan", Expression: var array } } => Names(array, name),
            _ => false,
        };
        var assigned = method.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(assignment => assignment.Left is ElementAccessExpressionSyntax element && Names(element.Expression, name));
        var passed = method.DescendantNodes().OfType<ExpressionStatementSyntax>()
            .Select(statement => statement.Expression).OfType<InvocationExpressionSyntax>()
            .Any(call => call.ArgumentList.Arguments.Count > 0 && Names(call.ArgumentList.Arguments[^1].Expression, name));
        return assigned || passed;
    }

    /// <summary>
    /// <c>Primal(s, k, sp)</c>, <c>Forward(s, sDot, k, sp, spDot, resultDot)</c>,
    /// <c>Adjoint(s, sBar, k, sp, spBar, resultBar)</c> and
    /// <c>HessianVector(s, sDot, sBar, sBarDot, k, sp, spDot, spBar, spBarDot, resultBar)</c> (with
    /// <c>resultBarDot</c> 0): <c>s</c> holds the scalar parameters in order, <c>k</c> the ints,
    /// <c>sp</c> the spans (inputs and outputs); the partners share their indexes.
    /// </summary>
    /// <summary>This program's entry with float replaced by double: the signature of its double twin (<see cref="InstrumentedProgram.CreateDoubleTwin"/>).</summary>
    public EntrySignature AsDouble() => this with { IsFloat = false };

    /// <param name="primalOnly">Only <c>Primal</c>: for a program compiled without the generator.</param>
    public string HarnessSource(bool primalOnly = false)
    {
        var t = IsFloat ? "float" : "double";
        var target = $"global::Fuzz.{ClassName}.{Method}";
        var primal = new List<string>();
        var forward = new List<string>();
        var adjoint = new List<string>();
        var hessianVector = new List<string>();
        int scalar = 0, integer = 0, span = 0;
        foreach (var parameter in Parameters)
        {
            switch (parameter.Kind)
            {
                case ParameterKind.Scalar:
                {
                    var s = Index("s", scalar++);
                    primal.Add(s);
                    forward.Add(s);
                    adjoint.Add(s);
                    hessianVector.Add(s);
                    if (!parameter.NoDiff)
                    {
                        forward.Add(Index("sDot", scalar - 1));
                        adjoint.Add("ref " + Index("sBar", scalar - 1));
                        hessianVector.Add(Index("sDot", scalar - 1));
                        hessianVector.Add("ref " + Index("sBar", scalar - 1));
                        hessianVector.Add("ref " + Index("sBarDot", scalar - 1));
                    }
                    break;
                }
                case ParameterKind.Int:
                {
                    var k = Index("k", integer++);
                    primal.Add(k);
                    forward.Add(k);
                    adjoint.Add(k);
                    hessianVector.Add(k);
                    break;
                }
                default:
                {
                    var p = Index("sp", span++);
                    primal.Add(p);
                    forward.Add(p);
                    adjoint.Add(p);
                    hessianVector.Add(p);
                    if (!parameter.NoDiff)
                    {
                        forward.Add(Index("spDot", span - 1));
                        adjoint.Add(Index("spBar", span - 1));
                        hessianVector.Add(Index("spDot", span - 1));
                        hessianVector.Add(Index("spBar", span - 1));
                        hessianVector.Add(Index("spBarDot", span - 1));
                    }
                    break;
                }
            }
        }

        var text = new StringBuilder()
            .AppendLine("namespace FuzzHarness;")
            .AppendLine(CultureInfo.InvariantCulture, $"public static class {ClassName}Harness")
            .AppendLine("{");
        if (primalOnly)
        {
            var call = $"{target}({string.Join(", ", primal)})";
            var body = IsVoid ? $"{{ {call}; return 0; }}" : $"=> {call};";
            text.AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Primal({t}[] s, int[] k, {t}[][] sp) {body}");
        }
        else if (IsVoid)
        {
            forward.Add("");
            text.AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Primal({t}[] s, int[] k, {t}[][] sp) {{ {target}({string.Join(", ", primal)}); return 0; }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Forward({t}[] s, {t}[] sDot, int[] k, {t}[][] sp, {t}[][] spDot, {t}[] resultDot) {{ {target}Forward({string.Join(", ", forward.SkipLast(1))}); return 0; }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Adjoint({t}[] s, {t}[] sBar, int[] k, {t}[][] sp, {t}[][] spBar, {t} resultBar) {{ {target}Adjoint({string.Join(", ", adjoint)}); return 0; }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} HessianVector({HessianVectorParameters(t)}) {{ {target}HessianVector({string.Join(", ", hessianVector)}); return 0; }}");
        }
        else
        {
            forward.Add("out resultDot[0]");
            adjoint.Add("resultBar");
            text.AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Primal({t}[] s, int[] k, {t}[][] sp) => {target}({string.Join(", ", primal)});")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Forward({t}[] s, {t}[] sDot, int[] k, {t}[][] sp, {t}[][] spDot, {t}[] resultDot) => {target}Forward({string.Join(", ", forward)});")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} Adjoint({t}[] s, {t}[] sBar, int[] k, {t}[][] sp, {t}[][] spBar, {t} resultBar) => {target}Adjoint({string.Join(", ", adjoint)});")
                .AppendLine(CultureInfo.InvariantCulture, $"    public static {t} HessianVector({HessianVectorParameters(t)}) => {target}HessianVector({string.Join(", ", hessianVector.Append("resultBar").Append("0"))});");
        }
        return text.AppendLine("}").ToString();
    }

    private static string HessianVectorParameters(string t)
        => $"{t}[] s, {t}[] sDot, {t}[] sBar, {t}[] sBarDot, int[] k, {t}[][] sp, {t}[][] spDot, {t}[][] spBar, {t}[][] spBarDot, {t} resultBar";

    private static string Index(string array, int index) => $"{array}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
