using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using AutoGrad.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// An instrumented copy of a program — its original methods and its generated ones — for what a check
/// cannot see from the outside:
/// <list type="bullet">
/// <item>whether some intermediate of the original was non-finite (∞ or NaN) although its result is
/// finite: tanh(∞) = 1, Pow(∞, −2) = 0;</item>
/// <item>which branches the original took: every comparison, and the piece chosen by each of Max, Min,
/// Abs, Clamp, Floor, Ceiling, Round, Truncate, Sign and (int) casts — two points with the same
/// decisions lie on one smooth piece;</item>
/// <item>how much rounding moves a result: in <see cref="Reset"/>'s perturbed mode every arithmetic
/// operation and Math call moves its result by −1, 0 or +1 ulp at random (Monte Carlo arithmetic), so
/// the spread of a few runs measures how far the computation amplifies its roundings.</item>
/// </list>
/// Compiled on demand — only when a check is about to fail — in its own collectible load context. A
/// program the rewriting cannot handle gives <see cref="Create"/> null, and the check fails as before.
/// </summary>
internal sealed class InstrumentedProgram : IDisposable
{
    private static int assemblies;

    private readonly AssemblyLoadContext context;
    private readonly Type probe;
    private readonly MethodInfo? forward;
    private readonly MethodInfo? adjoint;
    private readonly MethodInfo? hessianVector;

    private InstrumentedProgram(AssemblyLoadContext context, Assembly assembly, string harnessTypeName)
    {
        this.context = context;
        var harness = assembly.GetType(harnessTypeName, throwOnError: true)!;
        Primal = harness.GetMethod("Primal")!;
        // A double twin is compiled without the generator: its harness has the original only.
        forward = harness.GetMethod("Forward");
        adjoint = harness.GetMethod("Adjoint");
        hessianVector = harness.GetMethod("HessianVector");
        probe = assembly.GetType("FuzzProbe.Probe", throwOnError: true)!;
    }

    /// <summary>The harness's methods (<see cref="EntrySignature.HarnessSource"/>) over the instrumented code.</summary>
    public MethodInfo Primal { get; }

    public MethodInfo Forward => forward ?? throw NoGeneratedCode();

    public MethodInfo Adjoint => adjoint ?? throw NoGeneratedCode();

    public MethodInfo HessianVector => hessianVector ?? throw NoGeneratedCode();

    /// <summary>Whether a value computed since <see cref="Reset"/> was non-finite.</summary>
    public bool NonFinite => (bool)probe.GetField("NonFinite")!.GetValue(null)!;

    /// <summary>The largest magnitude of a finite value computed since <see cref="Reset"/>.</summary>
    public double Largest => (double)probe.GetField("Largest")!.GetValue(null)!;

    /// <summary>The decisions taken since <see cref="Reset"/>, in order.</summary>
    public IReadOnlyList<long> Decisions => [.. (List<long>)probe.GetField("Decisions")!.GetValue(null)!];

    /// <summary>Clears what was recorded; with a seed, perturbs every rounding from now on, without, computes exactly as the original.</summary>
    public void Reset(int? perturbationSeed = null)
    {
        probe.GetField("NonFinite")!.SetValue(null, false);
        probe.GetField("Largest")!.SetValue(null, 0.0);
        ((List<long>)probe.GetField("Decisions")!.GetValue(null)!).Clear();
        probe.GetField("Random")!.SetValue(null, perturbationSeed is { } seed ? new Random(seed) : null);
    }

    public static InstrumentedProgram? Create(string source, IEnumerable<string> generatedSources, EntrySignature signature)
        => Create(source, generatedSources, signature, signature.HarnessSource());

    /// <summary>
    /// The original methods of a float program computed in double — every float type, MathF call and
    /// cast made double; float literals and float's constants keep their float values — instrumented
    /// the same way, with a harness of <c>Primal</c> only. Its finite differences resolve steps that
    /// float's cannot: a function that turns within float's step 2⁻⁶ (seed 40085: the derivative −71.2
    /// at the point, about 0.9 a step of 10⁻⁴ away) defeats every float difference, but not double's.
    /// With <paramref name="differentiated"/>, the generator's code for the twin is compiled (and
    /// instrumented) too, and the harness has Forward and Adjoint as well.
    /// </summary>
    public static InstrumentedProgram? CreateDoubleTwin(string source, EntrySignature signature, bool differentiated = false)
    {
        var tree = GeneratorHarness.Parse(source, "/twin/source.cs");
        var model = CSharpCompilation.Create("AutoGrad.FuzzTwin", [tree], GeneratorHarness.References, GeneratorHarness.CompilationOptions).GetSemanticModel(tree);
        var twin = new DoubleTwinRewriter(model, CollidingInDouble(tree, model)).Visit(tree.GetRoot()).ToFullString();
        var doubleSignature = signature.AsDouble();
        if (!differentiated)
            return Create(twin, [], doubleSignature, doubleSignature.HarnessSource(primalOnly: true));
        var generated = GeneratorHarness.Run(GeneratorChecks.None, twin).GeneratedSources.Values;
        return Create(twin, generated, doubleSignature, doubleSignature.HarnessSource());
    }

    private static InstrumentedProgram? Create(string source, IEnumerable<string> generatedSources, EntrySignature signature, string harness)
    {
        var trees = new[] { source }.Concat(generatedSources)
            .Select((text, i) => GeneratorHarness.Parse(text, $"/probe/{i.ToString(CultureInfo.InvariantCulture)}.cs"))
            .Select(tree => tree.WithRootAndOptions(new Instrumenter().Visit(tree.GetRoot()), tree.Options))
            .Append(GeneratorHarness.Parse(ProbeSource, "/probe/Probe.cs"))
            .Append(GeneratorHarness.Parse(harness, "/probe/Harness.cs"));
        var compilation = CSharpCompilation.Create(
            $"AutoGrad.FuzzProbe{Interlocked.Increment(ref assemblies).ToString(CultureInfo.InvariantCulture)}",
            trees,
            GeneratorHarness.References,
            GeneratorHarness.CompilationOptions.WithOptimizationLevel(OptimizationLevel.Release));
        using var image = new MemoryStream();
        if (!compilation.Emit(image).Success)
            return null;
        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return new InstrumentedProgram(context, context.LoadFromStream(image), signature.HarnessTypeName);
    }

    public void Dispose() => context.Unload();

    private static InvalidOperationException NoGeneratedCode() => new("A double twin is compiled without the generator: it has the original methods only.");

    /// <summary>The probe's runtime, compiled beside the instrumented program.</summary>
    private const string ProbeSource = """
        namespace FuzzProbe;

        internal static class Probe
        {
            public static bool NonFinite;
            public static double Largest;
            public static readonly System.Collections.Generic.List<long> Decisions = new();
            public static System.Random? Random;

            /// <summary>A rounded result: noted if non-finite; moved by −1, 0 or +1 ulp when perturbing.</summary>
            public static T V<T>(T value) where T : allows ref struct
            {
                if (typeof(T) == typeof(double))
                {
                    ref var d = ref System.Runtime.CompilerServices.Unsafe.As<T, double>(ref value);
                    Note(d);
                    if (Random is not null)
                        d = Random.Next(3) switch { 0 => System.Math.BitDecrement(d), 1 => d, _ => System.Math.BitIncrement(d) };
                }
                else if (typeof(T) == typeof(float))
                {
                    ref var f = ref System.Runtime.CompilerServices.Unsafe.As<T, float>(ref value);
                    Note(f);
                    if (Random is not null)
                        f = Random.Next(3) switch { 0 => System.MathF.BitDecrement(f), 1 => f, _ => System.MathF.BitIncrement(f) };
                }
                return value;
            }

            /// <summary>A value that is not rounded (a call's result, an assignment): noted if non-finite.</summary>
            public static T N<T>(T value) where T : allows ref struct
            {
                if (typeof(T) == typeof(double))
                    Note(System.Runtime.CompilerServices.Unsafe.As<T, double>(ref value));
                else if (typeof(T) == typeof(float))
                    Note(System.Runtime.CompilerServices.Unsafe.As<T, float>(ref value));
                return value;
            }

            private static void Note(double value)
            {
                if (double.IsFinite(value))
                    Largest = System.Math.Max(Largest, System.Math.Abs(value));
                else
                    NonFinite = true;
            }

            public static bool B(bool value) { Decisions.Add(value ? 1 : 0); return value; }

            private static long Order(double a, double b) => a > b ? 1 : a < b ? 2 : a == b ? 3 : 4;

            public static double Max(double a, double b) { Decisions.Add(Order(a, b)); return System.Math.Max(a, b); }
            public static float Max(float a, float b) { Decisions.Add(Order(a, b)); return System.MathF.Max(a, b); }
            public static int Max(int a, int b) => System.Math.Max(a, b);
            public static double Min(double a, double b) { Decisions.Add(Order(a, b)); return System.Math.Min(a, b); }
            public static float Min(float a, float b) { Decisions.Add(Order(a, b)); return System.MathF.Min(a, b); }
            public static int Min(int a, int b) => System.Math.Min(a, b);
            public static double Abs(double a) { Decisions.Add(Order(a, 0)); return System.Math.Abs(a); }
            public static float Abs(float a) { Decisions.Add(Order(a, 0)); return System.MathF.Abs(a); }
            public static int Abs(int a) => System.Math.Abs(a);
            public static double Clamp(double x, double lo, double hi) { Decisions.Add(Order(x, lo) * 8 + Order(x, hi)); return System.Math.Clamp(x, lo, hi); }
            public static float Clamp(float x, float lo, float hi) { Decisions.Add(Order(x, lo) * 8 + Order(x, hi)); return System.Math.Clamp(x, lo, hi); }
            public static int Clamp(int x, int lo, int hi) => System.Math.Clamp(x, lo, hi);
            public static int Sign(double a) { var s = System.Math.Sign(a); Decisions.Add(s); return s; }
            public static int Sign(float a) { var s = System.MathF.Sign(a); Decisions.Add(s); return s; }
            public static int Sign(int a) => System.Math.Sign(a);
            public static double Floor(double a) => Piece(System.Math.Floor(a));
            public static float Floor(float a) => (float)Piece(System.MathF.Floor(a));
            public static double Ceiling(double a) => Piece(System.Math.Ceiling(a));
            public static float Ceiling(float a) => (float)Piece(System.MathF.Ceiling(a));
            public static double Round(double a) => Piece(System.Math.Round(a));
            public static float Round(float a) => (float)Piece(System.MathF.Round(a));
            public static double Truncate(double a) => Piece(System.Math.Truncate(a));
            public static float Truncate(float a) => (float)Piece(System.MathF.Truncate(a));
            public static int I(int value) { Decisions.Add(value); return value; }

            private static double Piece(double value) { Decisions.Add(System.BitConverter.DoubleToInt64Bits(value)); return value; }
        }
        """;

    private static readonly HashSet<string> Pieces = new(StringComparer.Ordinal)
    {
        "Max", "Min", "Abs", "Clamp", "Sign", "Floor", "Ceiling", "Round", "Truncate",
    };

    /// <summary>
    /// Sends every arithmetic operation, Math call and compound assignment through <c>Probe.V</c> (a
    /// rounding), every other call and assignment through <c>Probe.N</c>, every comparison through
    /// <c>Probe.B</c> and every cast to int through <c>Probe.I</c>, and the piecewise Math functions of
    /// the original (written <c>Math.X</c>, unlike the generated <c>global::System.Math.X</c>) to
    /// <c>Probe</c>'s recording twins, which return exactly what Math returns.
    /// </summary>
    private sealed class Instrumenter : CSharpSyntaxRewriter
    {
        private static ExpressionSyntax Call(string method, ExpressionSyntax argument)
            => SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression($"global::FuzzProbe.Probe.{method}"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument.WithoutTrivia()))))
                .WithTriviaFrom(argument);

        public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            var visited = (BinaryExpressionSyntax)base.VisitBinaryExpression(node)!;
            return node.Kind() switch
            {
                SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                    or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression => Call("V", visited),
                SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                    or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression => Call("B", visited),
                _ => visited,
            };
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            var target = visited.Expression.ToString();
            var isMath = target.StartsWith("Math.", StringComparison.Ordinal) || target.StartsWith("MathF.", StringComparison.Ordinal)
                || target.StartsWith("global::System.Math.", StringComparison.Ordinal) || target.StartsWith("global::System.MathF.", StringComparison.Ordinal);
            if (visited.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Math" or "MathF" } } member
                && Pieces.Contains(member.Name.Identifier.Text))
                visited = visited.WithExpression(SyntaxFactory.ParseExpression($"global::FuzzProbe.Probe.{member.Name.Identifier.Text}").WithTriviaFrom(member));
            // A call that is a statement of its own may return nothing; one whose result is taken by
            // reference must stay a variable; nameof is a constant.
            if (node.Parent is ExpressionStatementSyntax or RefExpressionSyntax
                || node.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 }
                || target == "nameof")
                return visited;
            return Call(isMath ? "V" : "N", visited);
        }

        public override SyntaxNode? VisitCastExpression(CastExpressionSyntax node)
        {
            var visited = (CastExpressionSyntax)base.VisitCastExpression(node)!;
            return visited.Type.ToString() == "int" ? Call("I", visited.WithExpression(SyntaxFactory.ParenthesizedExpression(visited.Expression))) : visited;
        }

        public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
        {
            var visited = (ExpressionStatementSyntax)base.VisitExpressionStatement(node)!;
            if (visited.Expression is not AssignmentExpressionSyntax assignment)
                return visited;
            // x += e rounds, and what it stores must be perturbed, not only the statement's value: an
            // adjoint accumulates into its bars with +=, and where cotangents of 10¹³ cancel there
            // (x̄ += a·b; … x̄ −= a·b) the rounding of x̄ is all the error (seed 71112).
            var op = assignment.Kind() switch
            {
                SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
                SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
                SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
                SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
                _ => SyntaxKind.None,
            };
            if (op == SyntaxKind.None)
                return visited.WithExpression(Call(assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? "N" : "V", assignment));
            var target = assignment.Left.WithoutTrivia();
            var value = SyntaxFactory.BinaryExpression(op, SyntaxFactory.ParenthesizedExpression(target), SyntaxFactory.ParenthesizedExpression(assignment.Right.WithoutTrivia()));
            return visited.WithExpression(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, target, Call("V", value)).WithTriviaFrom(assignment));
        }
    }

    /// <summary>
    /// The methods without float in their signature that a float overload would become in double
    /// (<c>Tanh(double)</c> beside <c>Tanh(float)</c>): the twin renames them, and their calls, so that
    /// every call still reaches the method it reached.
    /// </summary>
    private static HashSet<IMethodSymbol> CollidingInDouble(SyntaxTree tree, SemanticModel model)
    {
        static string Widened(ITypeSymbol type) => type.ToDisplayString().Replace("float", "double", StringComparison.Ordinal);
        var methods = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(declaration => model.GetDeclaredSymbol(declaration)).OfType<IMethodSymbol>();
        return methods
            .GroupBy(m => $"{m.ContainingType.ToDisplayString()}.{m.Name}({string.Join(",", m.Parameters.Select(p => $"{p.RefKind} {Widened(p.Type)}"))})", StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group.Where(m => !m.Parameters.Any(p => p.Type.ToDisplayString().Contains("float", StringComparison.Ordinal))))
            .ToHashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>float → double throughout a program, keeping each float constant's value: <c>0.1f</c> becomes <c>((double)0.1f)</c>, <c>float.Epsilon</c> and <c>MathF.PI</c> stay float values.</summary>
    private sealed class DoubleTwinRewriter(SemanticModel model, HashSet<IMethodSymbol> renamed) : CSharpSyntaxRewriter
    {
        private const string RenamedSuffix = "_DoubleInOriginal";

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
        {
            var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
            return model.GetDeclaredSymbol(node) is { } method && renamed.Contains(method)
                ? visited.WithIdentifier(SyntaxFactory.Identifier(visited.Identifier.Text + RenamedSuffix).WithTriviaFrom(visited.Identifier))
                : visited;
        }

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (model.GetSymbolInfo(node).Symbol is not IMethodSymbol target || !renamed.Contains(target.OriginalDefinition))
                return visited;
            SimpleNameSyntax Renamed(SimpleNameSyntax name) => name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.Text + RenamedSuffix).WithTriviaFrom(name.Identifier));
            return visited.Expression switch
            {
                SimpleNameSyntax name => visited.WithExpression(Renamed(name)),
                MemberAccessExpressionSyntax member => visited.WithExpression(member.WithName(Renamed(member.Name))),
                _ => visited,
            };
        }

        public override SyntaxNode? VisitPredefinedType(PredefinedTypeSyntax node)
            => node.Keyword.IsKind(SyntaxKind.FloatKeyword)
                ? node.WithKeyword(SyntaxFactory.Token(node.Keyword.LeadingTrivia, SyntaxKind.DoubleKeyword, node.Keyword.TrailingTrivia))
                : node;

        public override SyntaxNode? VisitLiteralExpression(LiteralExpressionSyntax node)
            => node.Token.Value is float
                ? SyntaxFactory.ParseExpression($"((double){node.Token.Text})").WithTriviaFrom(node)
                : node;

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            // A constant member of float or MathF keeps its float value, widened.
            if (node.Parent is not InvocationExpressionSyntax && node.Expression is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.FloatKeyword } or IdentifierNameSyntax { Identifier.Text: "MathF" })
                return SyntaxFactory.ParseExpression($"((double){node.WithoutTrivia().ToFullString()})").WithTriviaFrom(node);
            return base.VisitMemberAccessExpression(node);
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
            => node.Identifier.Text == "MathF" ? node.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, "Math", node.Identifier.TrailingTrivia)) : node;
    }
}
