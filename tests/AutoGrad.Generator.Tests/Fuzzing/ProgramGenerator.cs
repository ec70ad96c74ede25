using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Random well-typed programs inside AutoGrad's supported subset, from a seed. A program is one class
/// of 1–3 differentiable methods in one precision; later methods call earlier ones. Half the programs
/// take spans (all of one length, at least 1, chosen by the checker) and may write an output span.
/// Every function gets a domain-safe argument (<c>Log(x * x + 1)</c>, <c>Asin(Tanh(x) * 0.9)</c>),
/// the arguments of Exp, Sinh, Cosh and of a Pow's exponent pass through Tanh so that nothing
/// overflows (an overflowed intermediate makes IEEE derivatives NaN where the function is flat),
/// and so do those of Floor, Round, Truncate and Ceiling, which finite differences cannot tell from
/// their argument when it crosses many integers within a step;
/// every loop terminates (counted, or a while loop with a counter bound), and every result depends
/// on an active parameter.
/// </summary>
internal sealed partial class ProgramGenerator
{
    private static readonly double[] constants = [0.5, 1.5, 2.0, 3.0, 0.25, 0.75, 1.25, -0.5, -2.0, 0.1];

    private readonly Random random;
    private readonly bool isFloat;
    private readonly string t;
    private readonly string m;
    private readonly List<Callee> callees = [];
    private readonly HashSet<string> accumulatingHelpers = [];
    private readonly Dictionary<string, NameKind> identifiers = new(StringComparer.Ordinal);
    private int names;

    /// <summary>The spans of the method being written that are arrays: a view of one is <c>AsSpan(i, 1)</c>, of a span <c>Slice(i, 1)</c>.</summary>
    private readonly HashSet<string> arrayNames = [];

    /// <summary>The shape of the last scalar helper: what an overload by arity must differ in.</summary>
    private (int Actives, bool HasInactive, bool HasInt) lastScalarHelper;

    /// <summary>
    /// Whether the method being generated has (textually) written its output span yet. A call of a void
    /// helper that adds into its output (or may leave some of it unwritten, seed 200135) after that is
    /// refused by the generator (AG0007, seed 1771), so the program generator does not write it: the
    /// long run of 5,000 gave 31 such "failures".
    /// </summary>
    private bool outputWritten;

    /// <summary>The enum parameter of the scalar helper being written (<see cref="FuzzPatterns.Enums"/>), which its switches may be on; else null.</summary>
    private string? enumParameter;

    private ProgramGenerator(int seed, bool? forceFloat = null)
    {
        random = new Random(seed);
        isFloat = random.Next(3) == 0;
        if (forceFloat is { } value)
            isFloat = value;
        t = isFloat ? "float" : "double";
        m = isFloat ? "MathF" : "Math";
    }

    /// <summary>What an identifier names, for the names it may be given instead (<see cref="FuzzPatterns.GeneratorLikeNames"/>).</summary>
    private enum NameKind
    {
        Parameter,
        Helper,
        IntLocal,
        RealLocal,
    }

    public static FuzzProgram Generate(int seed) => new ProgramGenerator(seed).Program(seed);

    private sealed record Callee(string Name, bool IsVoid, bool Accumulates, Func<Scope, ProgramGenerator, (string Template, Node[] Children)?> Call);

    /// <summary>What a statement or expression may refer to at its place in the method.</summary>
    private sealed class Scope
    {
        public List<string> Reals { get; init; } = [];
        public List<string> Assignable { get; init; } = [];
        public List<string> Inactive { get; init; } = [];
        public List<string> Ints { get; init; } = [];
        public List<string> Reads { get; init; } = [];
        /// <summary>Settable: a scratch buffer's iteration reads it as one more input (<see cref="ScratchLoop"/>), without its scope's parent seeing it.</summary>
        public List<string> InputSpans { get; set; } = [];
        public List<string> InactiveSpans { get; init; } = [];

        /// <summary>Output spans that a call has written and later calls may read (the chain's h0).</summary>
        public List<string> WrittenSpans { get; init; } = [];
        public string? Output { get; init; }

        /// <summary>The output is an array (<see cref="FuzzPatterns.ArrayParameters"/>): a range of it would be a copy, so a part of it passed to be written is <c>o0.AsSpan(1)</c>.</summary>
        public bool OutputIsArray { get; init; }
        public string? OutputIndex { get; set; }
        public string? Length { get; init; }
        public int LoopDepth { get; init; }

        /// <summary>The entry's local function <c>lf0</c> is in scope (<see cref="FuzzPatterns.LocalFunctions"/>).</summary>
        public bool HasLocalFunction { get; init; }

        /// <summary>Inside a switch section (and no loop within it): a <c>break</c> here would leave the switch, not the loop.</summary>
        public bool InSwitch { get; init; }
        public bool TopLevel { get; init; }
        public bool IsVoid { get; init; }

        /// <param name="section">The scope is a switch section's (<see cref="InSwitch"/>).</param>
        public Scope Nested(bool loop = false, bool section = false) => new()
        {
            Reals = [.. Reals],
            Assignable = [.. Assignable],
            Inactive = [.. Inactive],
            Ints = [.. Ints],
            // An output element read back is refused inside nested loops, so a loop drops those reads.
            Reads = loop && Output is not null ? [.. Reads.Where(r => !r.StartsWith(Output + "[", StringComparison.Ordinal))] : [.. Reads],
            InputSpans = InputSpans,
            InactiveSpans = InactiveSpans,
            WrittenSpans = WrittenSpans,
            Output = Output,
            OutputIsArray = OutputIsArray,
            OutputIndex = loop ? null : OutputIndex,
            Length = Length,
            LoopDepth = LoopDepth + (loop ? 1 : 0),
            InSwitch = section || (!loop && InSwitch),
            HasLocalFunction = HasLocalFunction,
            TopLevel = false,
            IsVoid = IsVoid,
        };
    }

    private FuzzProgram Program(int seed)
    {
        var spans = random.Next(2) == 0;
        var methods = new List<FuzzMethod>();
        var helpers = random.Next(3);

        // The entry's span parameters decide which span helpers it can call.
        var entryActiveSpans = spans ? (random.Next(3) == 0 ? new[] { "x0", "x1" } : ["x0"]) : [];
        var entryInactiveSpan = spans && random.Next(2) == 0;
        var entryOutput = spans && random.Next(2) == 0;
        var entryVoid = entryOutput && random.Next(2) == 0;
        // The entry chains void helpers through an output span h0 of its own: V0(x0, h0); V1(h0, o0);
        var chain = FuzzPatterns.ChainedVoidCalls && entryOutput && random.Next(2) == 0;
        if (chain && helpers == 0)
            helpers = 1;

        for (var h = 0; h < helpers; h++)
        {
            var kind = spans ? random.Next(entryOutput ? 3 : 2) : 0;
            if (chain && h == helpers - 1 && !callees.Any(c => c.IsVoid))
                kind = 2;
            var inHelperClass = FuzzPatterns.QualifiedCalls && random.Next(3) == 0;
            var name = kind switch
            {
                0 => $"H{h}",
                1 => $"S{h}",
                _ => $"V{h}",
            };
            identifiers[name] = NameKind.Helper;
            var method = kind switch
            {
                0 => ScalarHelper(name),
                1 => SpanHelper(name, entryInactiveSpan),
                _ => VoidHelper(name),
            };
            methods.Add(new FuzzMethod(method.Signature, method.Body, name, inHelperClass));
            if (kind == 0 && FuzzPatterns.Overloads && random.Next(3) == 0)
                methods.Add(Overload(name, inHelperClass, seed));
        }

        var entry = Entry(entryActiveSpans, entryInactiveSpan, entryOutput, entryVoid, chain);
        methods.Add(new FuzzMethod(entry.Signature, entry.Body, "F"));
        var usingStatic = FuzzPatterns.QualifiedCalls && random.Next(2) == 0;
        return new FuzzProgram(seed, isFloat, methods, FuzzPatterns.GeneratorLikeNames ? Renames() : null, usingStatic);
    }

    /// <summary>
    /// An overload of the scalar helper just made: by arity (one active parameter more or fewer), or by
    /// element type — a twin of the other precision, which a float program calls with its arguments
    /// cast to double (a double program does not call its float twin: the float rounding of forward and
    /// adjoint would differ by more than the dot-product test allows in double).
    /// </summary>
    private FuzzMethod Overload(string name, bool inHelperClass, int seed)
    {
        FuzzMethod method;
        if (random.Next(2) == 0)
        {
            var (actives, hasInactive, hasInt) = lastScalarHelper;
            method = ScalarHelper(name, actives == 1 ? 2 : 1, hasInactive, hasInt);
        }
        else
        {
            var twin = new ProgramGenerator(unchecked(seed * 31 + 7), forceFloat: !isFloat);
            method = twin.ScalarHelper(name);
            foreach (var (identifier, kind) in twin.identifiers)
                identifiers.TryAdd(identifier, kind);
            if (isFloat)
            {
                var call = twin.callees[^1].Call;
                callees.Add(new Callee(name, false, false, (caller, generator) =>
                    call(caller, generator) is { } inner
                        ? ($"((float){PlaceHolder().Replace(inner.Template, "((double)$0)")})", inner.Children)
                        : null));
            }
        }
        return new FuzzMethod(method.Signature, method.Body, name, inHelperClass);
    }

    /// <summary>
    /// New names for about a third of the identifiers, chosen among the generator's own temporaries and
    /// partners (<c>sin</c>, <c>sq</c>, <c>value</c>, <c>i</c>, <c>xBar</c>, <c>a0Dot</c>, …): each name once in the program,
    /// so no two identifiers meet; a parameter never gets a name of the generated signature's partners.
    /// </summary>
    private Dictionary<string, string> Renames()
    {
        string[] parameterNames = ["x", "y", "w", "b", "value", "input", "data", "weights", "sin", "exp", "sq", "tmp", "product", "sum", "hidden", "output"];
        string[] helperNames = ["sq", "sin", "exp", "Exp", "Square", "Sum", "Product", "Tanh", "value", "result", "cube", "Dense", "Scan"];
        string[] intNames = ["i", "j", "k", "n", "index", "iteration", "iterations", "count", "length", "offset"];
        string[] localNames = ["sin", "cos", "exp", "log", "sqrt", "pow", "tanh", "sq", "sum", "product", "quotient", "difference", "negation",
            "value", "result", "tmp", "choice", "min", "max", "multiply", "x", "y", "xBar", "xDot", "resultBar", "resultDot", "sumBar", "valueDot", "t", "s", "v"];
        var used = new HashSet<string>(StringComparer.Ordinal);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var partners = new List<string>();
        foreach (var (identifier, kind) in identifiers.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            // A local named like a parameter's generated partner: xBar beside x.
            var pool = kind switch
            {
                NameKind.Parameter => parameterNames,
                NameKind.Helper => helperNames,
                NameKind.IntLocal => intNames,
                _ => [.. localNames, .. partners],
            };
            var renamed = identifier;
            if (random.Next(3) == 0 && pool.Where(name => !used.Contains(name)).ToList() is { Count: > 0 } free)
            {
                renamed = Pick(free);
                used.Add(renamed);
                renames[identifier] = renamed;
            }
            if (kind == NameKind.Parameter)
                partners.AddRange([renamed + "Bar", renamed + "Dot"]);
        }
        return renames;
    }

    /// <summary>How a call is written: <c>q</c>ualified with its class, or <c>u</c>nqualified where C# allows.</summary>
    private string Qualifier() => FuzzPatterns.QualifiedCalls && random.Next(3) == 0 ? "q" : "u";

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[0-9]+\}")]
    private static partial System.Text.RegularExpressions.Regex PlaceHolder();

    private FuzzMethod ScalarHelper(string name, int? activeCount = null, bool? inactive = null, bool? integer = null)
    {
        names = 0;
        arrayNames.Clear();
        outputWritten = false;
        var parameters = new List<string>();
        var scope = new Scope { TopLevel = true };
        var actives = activeCount ?? random.Next(1, 3);
        for (var i = 0; i < actives; i++)
            AddActive(parameters, scope, $"a{i}");
        var hasInactive = inactive ?? random.Next(2) == 0;
        if (hasInactive)
            AddInactive(parameters, scope, "c0");
        var hasInt = integer ?? random.Next(3) == 0;
        var isEnum = hasInt && FuzzPatterns.Enums && random.Next(2) == 0;
        var body = new List<Statement>();
        if (isEnum)
        {
            parameters.Add($"{FuzzProgram.EnumName} m0");
            identifiers["m0"] = NameKind.Parameter;
            body.Add(new Statement("int n0 = (int)m0;", [], [], essential: true));
            scope.Ints.Add("n0");
            identifiers["n0"] = NameKind.IntLocal;
            enumParameter = "m0";
            if (FuzzPatterns.SwitchStatements && random.Next(2) == 0)
                body.Add(EnumSwitch(scope, enumParameter, depth: 2));
        }
        else if (hasInt)
        {
            parameters.Add("int n0");
            scope.Ints.Add("n0");
            identifiers["n0"] = NameKind.Parameter;
        }
        lastScalarHelper = (actives, hasInactive, hasInt);

        body.AddRange(Block(scope, random.Next(1, 4), depth: 2));
        enumParameter = null;
        body.Add(Statement.Simple("return {0};", Plus(Real(scope, 2), ActiveTerm("a0"))));
        var method = new FuzzMethod($"public static {t} {name}({string.Join(", ", parameters)})", body);

        callees.Add(new Callee(name, false, false, (caller, generator) =>
        {
            var arguments = new List<string>();
            var children = new List<Node>();
            for (var i = 0; i < actives; i++)
            {
                arguments.Add("{" + children.Count.ToString(CultureInfo.InvariantCulture) + "}");
                children.Add(generator.Real(caller, 1));
            }
            if (hasInactive)
                arguments.Add(generator.InactiveText(caller));
            if (hasInt)
            {
                var integer = caller.Ints.Count > 0 && generator.random.Next(2) == 0 ? generator.Pick(caller.Ints) : generator.random.Next(4).ToString(CultureInfo.InvariantCulture);
                arguments.Add(!isEnum ? integer
                    : generator.random.Next(3) == 0 ? $"{FuzzProgram.EnumName}.{FuzzProgram.EnumMembers[generator.random.Next(FuzzProgram.EnumMembers.Length)]}"
                    : $"({FuzzProgram.EnumName}){integer}");
            }
            return ($"«{name}|{generator.Qualifier()}»({string.Join(", ", arguments)})", children.ToArray());
        }));
        return method;
    }

    private FuzzMethod SpanHelper(string name, bool entryHasInactiveSpan)
    {
        names = 0;
        arrayNames.Clear();
        outputWritten = false;
        var hasInactiveSpan = entryHasInactiveSpan && random.Next(2) == 0;
        var parameters = new List<string> { $"ReadOnlySpan<{t}> x0" };
        var scope = new Scope { TopLevel = true, InputSpans = ["x0"], InactiveSpans = hasInactiveSpan ? ["y0"] : [], Length = "x0.Length" };
        identifiers["x0"] = NameKind.Parameter;
        if (hasInactiveSpan)
        {
            parameters.Add($"[NoDiff] ReadOnlySpan<{t}> y0");
            identifiers["y0"] = NameKind.Parameter;
        }
        AddActive(parameters, scope, "a0");

        var body = Block(scope, random.Next(1, 3), depth: 2);
        var (sum, loop) = SumLoop(scope, "x0");
        body.AddRange(sum);
        body.Add(loop);
        body.Add(Statement.Simple("return {0};", Plus(Real(scope, 2), Plus(ActiveTerm("a0"), Leaf(NodeType.Real, sum[0].Head.Split(' ')[1])))));
        var method = new FuzzMethod($"public static {t} {name}({string.Join(", ", parameters)})", body);

        callees.Add(new Callee(name, false, false, (caller, generator) =>
        {
            if (caller.InputSpans.Count == 0 || (hasInactiveSpan && caller.InactiveSpans.Count == 0))
                return null;
            var slice = generator.random.Next(3) == 0 && KnownNotEmpty(caller) ? "[1..]" : "";
            // Not an output span a call wrote (the chain's h0): passing one to a method that returns a value is AG0007 by design.
            var arguments = new List<string> { generator.Pick(caller.InputSpans.Concat(caller.InactiveSpans).ToList()) + slice };
            if (hasInactiveSpan)
                arguments.Add(generator.Pick(caller.InactiveSpans) + slice);
            arguments.Add("{0}");
            return ($"«{name}|{generator.Qualifier()}»({string.Join(", ", arguments)})", [generator.Real(caller, 1)]);
        }));
        return method;
    }

    /// <summary>
    /// Whether the caller's spans are known not to be empty (the entry's, which read element 0), so
    /// that <c>[1..]</c> of them is valid: a helper may itself have received an empty slice (seed 2013).
    /// </summary>
    private static List<string> NonEmptyInputs(Scope scope) => [.. scope.InputSpans.Where(span => scope.Reads.Contains(span + "[0]"))];

    private static bool KnownNotEmpty(Scope caller) => caller.Reads.Any(read => read.EndsWith("[0]", StringComparison.Ordinal));

    private FuzzMethod VoidHelper(string name)
    {
        names = 0;
        arrayNames.Clear();
        outputWritten = false;
        var scope = new Scope { TopLevel = true, InputSpans = ["x0"], Output = "o0", Length = "x0.Length", IsVoid = true };
        var parameters = new List<string> { $"ReadOnlySpan<{t}> x0", $"Span<{t}> o0" };
        identifiers["x0"] = NameKind.Parameter;
        identifiers["o0"] = NameKind.Parameter;
        var body = Block(scope, random.Next(0, 3), depth: 2);
        // Its last loop writes every output element: a plain map, or a scan.
        if (FuzzPatterns.ScansToOutputs && random.Next(2) == 0)
            body.AddRange(ScanLoop(scope));
        else
            body.Add(OutputLoop(scope));
        var method = new FuzzMethod($"public static void {name}({string.Join(", ", parameters)})", body);
        // It adds into its output if it writes an element with += or calls a helper that does. It keeps
        // (to the generator: reads) what its output held before the call just the same when it may
        // return before its last loop has written every element, or that loop may stop short (seed
        // 200135): a return (only in loops here), a break or a continue anywhere counts; so does reading
        // an element of its output back (FuzzPatterns.OutputBranches).
        var text = new System.Text.StringBuilder();
        foreach (var statement in body)
            statement.Print(text, 0);
        var printed = text.ToString();
        var accumulates = System.Text.RegularExpressions.Regex.IsMatch(printed, @"o0\[[^\]]*\] \+=")
            || System.Text.RegularExpressions.Regex.IsMatch(printed, @"\b(return|break|continue);")
            || System.Text.RegularExpressions.Regex.IsMatch(printed, @"o0\[[^\]]*\](?!\s*\+?=[^=])")
            || accumulatingHelpers.Any(helper => printed.Contains($"«{helper}|", StringComparison.Ordinal));
        if (accumulates)
            accumulatingHelpers.Add(name);
        callees.Add(new Callee(name, true, accumulates, (caller, generator) =>
        {
            if (caller.InputSpans.Count == 0 || caller.Output is null || caller.LoopDepth > 0)
                return null;
            if (accumulates && generator.outputWritten)
                return null;
            generator.outputWritten = true;
            var slice = generator.random.Next(3) == 0 && KnownNotEmpty(caller) ? "[1..]" : "";
            var input = generator.Pick([.. caller.InputSpans, .. caller.WrittenSpans]);
            var outputSlice = slice.Length > 0 && caller.OutputIsArray ? ".AsSpan(1)" : slice;
            return ($"«{name}|{generator.Qualifier()}»({input}{slice}, {caller.Output}{outputSlice});", []);
        }));
        return method;
    }

    private FuzzMethod Entry(string[] activeSpans, bool inactiveSpan, bool output, bool isVoid, bool chain)
    {
        names = 0;
        arrayNames.Clear();
        outputWritten = false;
        var parameters = new List<string>();
        // The entry's spans as arrays, read and written as users write arrays (ranges of inputs, AsSpan of the output).
        var arrays = FuzzPatterns.ArrayParameters && random.Next(3) == 0;
        var localFunction = FuzzPatterns.LocalFunctions && random.Next(3) == 0;
        string Input(string name) => arrays ? $"{t}[] {name}" : $"ReadOnlySpan<{t}> {name}";
        if (arrays)
            arrayNames.UnionWith([.. activeSpans, "y0", "o0"]);
        var scope = new Scope
        {
            TopLevel = true,
            InputSpans = [.. activeSpans],
            InactiveSpans = inactiveSpan ? ["y0"] : [],
            Output = output ? "o0" : null,
            OutputIsArray = arrays && output,
            HasLocalFunction = localFunction,
            Length = activeSpans.Length > 0 ? activeSpans[0] + ".Length" : null,
            IsVoid = isVoid,
            WrittenSpans = chain ? ["h0"] : [],
        };
        foreach (var span in activeSpans)
        {
            parameters.Add(Input(span));
            identifiers[span] = NameKind.Parameter;
        }
        if (inactiveSpan)
        {
            parameters.Add($"[NoDiff] {Input("y0")}");
            identifiers["y0"] = NameKind.Parameter;
        }

        var actives = activeSpans.Length == 0 ? random.Next(1, 4) : random.Next(0, 2);
        for (var i = 0; i < actives; i++)
            AddActive(parameters, scope, $"a{i}");
        for (var i = random.Next(0, 3); i > 0; i--)
            AddInactive(parameters, scope, $"c{scope.Inactive.Count}");
        if (random.Next(2) == 0)
        {
            parameters.Add("int n0");
            scope.Ints.Add("n0");
            identifiers["n0"] = NameKind.Parameter;
        }
        // The chain's intermediate: a parameter, or a buffer the entry allocates (as long as the input it is computed from).
        var scratch = chain && FuzzPatterns.ScratchBuffers && random.Next(2) == 0;
        var scratchArray = scratch && random.Next(2) == 0;
        if (chain && !scratch)
            parameters.Add($"Span<{t}> h0");
        if (chain)
            identifiers["h0"] = scratch ? NameKind.RealLocal : NameKind.Parameter;
        if (output)
        {
            parameters.Add(arrays ? $"{t}[] o0" : $"Span<{t}> o0");
            identifiers["o0"] = NameKind.Parameter;
        }

        // Spans have at least one element in the entry.
        foreach (var span in scope.InputSpans.Concat(scope.InactiveSpans))
        {
            scope.Reads.Add($"{span}[0]");
            scope.Reads.Add($"{span}[{span}.Length - 1]");
        }

        var body = new List<Statement>();
        if (localFunction)
        {
            // static T lf0(T q0) => …q0…; called like a helper anywhere in the entry (never from its own body).
            var own = new Scope { Reals = ["q0"] };
            body.Add(new Statement($"static {t} lf0({t} q0) => {{0}};", [Real(own, 2)], [], essential: true));
            callees.Add(new Callee("lf0", false, false, (caller, generator) => caller.HasLocalFunction && generator.conditionDepth == 0 ? ("lf0({0})", [generator.Real(caller, 1)]) : null));
            // Called at least once (an unused local function is CS8321 in the program), into a local later statements may read.
            var called = Fresh("t");
            body.Add(Statement.Simple($"{t} {called} = lf0({{0}});", Real(scope, 2)));
            scope.Reals.Add(called);
            scope.Assignable.Add(called);
        }
        if (chain)
        {
            // The first call writes h0 (all of it, or a slice), the second reads it and writes o0.
            var voids = callees.Where(c => c.IsVoid).ToList();
            var slice = random.Next(3) == 0 ? "[1..]" : "";
            var from = Pick(scope.InputSpans);
            if (scratch)
                body.Add(new Statement(scratchArray ? $"var h0 = new {t}[{from}.Length];" : $"Span<{t}> h0 = stackalloc {t}[{from}.Length];", [], [], essential: true));
                if (scratchArray)
                    arrayNames.Add("h0");
            body.Add(Statement.Simple($"«{Pick(voids).Name}|{Qualifier()}»({from}{slice}, h0{(slice.Length > 0 && scratchArray ? ".AsSpan(1)" : slice)});"));
            body.Add(Statement.Simple($"«{Pick(voids).Name}|{Qualifier()}»(h0{slice}, o0{(slice.Length > 0 && arrays ? ".AsSpan(1)" : slice)});"));
            outputWritten = true;
            if (scratch)
            {
                // Read back at the top level, where a read of it is kept (in nested loops it is refused).
                var local = Fresh("t");
                body.Add(Statement.Simple($"{t} {local} = h0[0] * {{0}};", Real(scope, 2)));
                scope.Reals.Add(local);
                scope.Assignable.Add(local);
            }
        }
        body.AddRange(Block(scope, random.Next(2, 7), depth: 3));
        if (isVoid)
        {
            if (FuzzPatterns.ScansToOutputs && random.Next(3) == 0)
                body.AddRange(ScanLoop(scope));
            else
                body.Add(OutputLoop(scope));
        }
        else
        {
            Node activeTerm;
            if (actives > 0)
            {
                activeTerm = ActiveTerm("a0");
            }
            else
            {
                var (sum, loop) = SumLoop(scope, activeSpans[0]);
                body.AddRange(sum);
                body.Add(loop);
                activeTerm = Leaf(NodeType.Real, sum[0].Head.Split(' ')[1]);
            }
            body.Add(Statement.Simple("return {0};", Plus(Real(scope, 3), activeTerm)));
        }

        var returnType = isVoid ? "void" : t;
        return new FuzzMethod($"public static {returnType} F({string.Join(", ", parameters)})", body);
    }

    private void AddActive(List<string> parameters, Scope scope, string name)
    {
        identifiers[name] = NameKind.Parameter;
        parameters.Add($"{t} {name}");
        scope.Reals.Add(name);
        // a0 is never reassigned: the term that keeps the result active reads it.
        if (name != "a0")
            scope.Assignable.Add(name);
    }

    private void AddInactive(List<string> parameters, Scope scope, string name)
    {
        identifiers[name] = NameKind.Parameter;
        parameters.Add($"[NoDiff] {t} {name}");
        scope.Reals.Add(name);
        scope.Inactive.Add(name);
    }

    // ----- statements

    /// <summary>
    /// A switch statement (<see cref="FuzzPatterns.SwitchStatements"/>): on an int in scope modulo 3 with grouped labels, or on a
    /// real with relational and <c>and</c> patterns; sections of ordinary statements, each closed by <c>break;</c>, default last or first.
    /// </summary>
    private Statement SwitchStatement(Scope scope, int depth)
    {
        string head;
        Node[] expressions;
        string[] labels;
        if (enumParameter is not null && random.Next(2) == 0)
            return EnumSwitch(scope, enumParameter, depth);
        if (scope.Ints.Count > 0 && random.Next(2) == 0)
        {
            head = $"switch ({Pick(scope.Ints)} % 3)";
            expressions = [];
            labels = random.Next(2) == 0 ? ["case 0:", "case 1:", "default:"] : ["default:", "case 2:", $"case 0:{Environment.NewLine}case 1:"];
            // The ints are not negative, so with every remainder labelled the default section is a guard that never fails.
            if (FuzzPatterns.Guards && random.Next(3) == 0)
            {
                var labelled = new[] { "case 0:", "case 1:", "case 2:" }.Select(_ => Block(scope.Nested(section: true), random.Next(1, 3), depth - 1)).ToList();
                labelled.Add([Statement.Simple("throw new NotSupportedException(\"a negative remainder\");")]);
                return new Statement(head, [], [.. labelled], labels: ["case 0:", "case 1:", "case 2:", "default:"]);
            }
        }
        else
        {
            head = "switch ({0})";
            conditionDepth++;
            expressions = [RealReadingAVariable(scope, 2)];
            conditionDepth--;
            labels = [$"case < {K(-0.5)}:", $"case >= {K(0.5)} and < {K(2.0)}:", "default:"];
        }
        var sections = labels.Select(_ => Block(scope.Nested(section: true), random.Next(1, 3), depth - 1)).ToArray();
        return new Statement(head, expressions, sections, labels: labels);
    }

    /// <summary>
    /// A real that reads a variable, for a value matched against patterns: on a constant, C# knows which pattern matches and
    /// warns (CS0162 of the sections it never takes, CS8519/CS8793 of an <c>is</c> pattern that never or always matches).
    /// </summary>
    private Node RealReadingAVariable(Scope scope, int depth)
    {
        var value = Real(scope, depth);
        for (var attempt = 0; attempt < 8 && IsConstant(value.ToString()); attempt++)
            value = Real(scope, depth);
        var variables = scope.Reals.Concat(scope.Reads).ToList();
        if (IsConstant(value.ToString()) && variables.Count > 0)
            value = new Node(NodeType.Real, "{0} + {1}", value, Leaf(NodeType.Real, Pick(variables)));
        return value;
    }

    /// <summary>A switch statement on the helper's enum parameter (<see cref="FuzzPatterns.Enums"/>), with grouped labels, default last or first.</summary>
    private Statement EnumSwitch(Scope scope, string parameter, int depth)
    {
        var members = FuzzProgram.EnumMembers.Select(member => $"case {FuzzProgram.EnumName}.{member}:").ToArray();
        string[] labels = random.Next(2) == 0 ? [members[0], $"{members[1]}{Environment.NewLine}{members[3]}", "default:"] : ["default:", members[2], members[0]];
        var sections = labels.Select(_ => Block(scope.Nested(section: true), random.Next(1, 3), depth - 1)).ToArray();
        return new Statement($"switch ({parameter})", [], sections, labels: labels);
    }

    /// <summary>
    /// An argument guard that never fails at the checker's points (<see cref="FuzzPatterns.Guards"/>): a parameter int below 0
    /// (they are drawn from [0, 6)), an entry span read at 0 being empty, an input element past 1e30 (they lie in [-2, 2]).
    /// </summary>
    private Statement? Guard(Scope scope)
    {
        var spans = scope.InputSpans.Concat(scope.InactiveSpans).ToList();
        var nonEmpty = spans.Where(span => scope.Reads.Contains($"{span}[0]")).ToList();
        var elements = scope.Reads.Where(read => spans.Any(span => read.StartsWith(span + "[", StringComparison.Ordinal))).ToList();
        switch (random.Next(3))
        {
            case 0 when scope.Ints.Contains("n0") && identifiers.TryGetValue("n0", out var kind) && kind == NameKind.Parameter:
                return Statement.Simple("if (n0 < 0) throw new ArgumentOutOfRangeException(nameof(n0), n0, \"n0 must not be negative.\");");
            case 1 when nonEmpty.Count > 0:
            {
                var span = Pick(nonEmpty);
                return Statement.Simple($"if ({span}.Length == 0) throw new ArgumentException(\"{span} must not be empty.\", nameof({span}));");
            }
            case 2 when elements.Count > 0:
                return Statement.Simple($"if ({Pick(elements)} > {K(1e30)}) throw new ArgumentOutOfRangeException(\"element\", \"too large\");");
            default:
                return null;
        }
    }

    private List<Statement> Block(Scope scope, int count, int depth)
    {
        var block = new List<Statement>();
        for (var i = 0; i < count; i++)
            block.AddRange(Statements(scope, depth));
        return block;
    }

    private IEnumerable<Statement> Statements(Scope scope, int depth)
    {
        if (FuzzPatterns.ScansToOutputs && scope.TopLevel && scope.Output is not null && scope.InputSpans.Count > 0 && random.Next(8) == 0)
            return ScanLoop(scope);
        if (FuzzPatterns.SelectedCalls && depth > 0 && scope.LoopDepth < 2 && callees.Any(c => !c.IsVoid) && random.Next(10) == 0)
            return SelectionLoop(scope, depth);
        if (FuzzPatterns.ReturnInLoops && scope.LoopDepth > 0 && random.Next(10) == 0)
        {
            var exit = scope.IsVoid ? Statement.Simple("return;") : Statement.Simple("return {0};", Real(scope, 2));
            return [new Statement("if ({0})", [Bool(scope, 1)], [[exit], []])];
        }
        if (FuzzPatterns.Guards && random.Next(12) == 0 && Guard(scope) is { } guard)
            return [guard];
        if (FuzzPatterns.ScratchBuffers && depth > 0 && scope.LoopDepth < 2 && NonEmptyInputs(scope).Count > 0 && random.Next(10) == 0)
            return scope.LoopDepth == 0 && random.Next(3) == 0 ? TableLoops(scope) : ScratchLoop(scope);
        while (true)
        {
            switch (random.Next(100))
            {
                case < 25:
                {
                    var name = Fresh("t");
                    var declaration = Statement.Simple($"{t} {name} = {{0}};", Real(scope, 3));
                    scope.Reals.Add(name);
                    scope.Assignable.Add(name);
                    return [declaration];
                }
                case < 42 when scope.Assignable.Count > 0:
                {
                    var target = Pick(scope.Assignable);
                    return random.Next(6) switch
                    {
                        0 => [Statement.Simple($"{target} = {{0}};", Other(target, () => Real(scope, 3)))],
                        1 => [Statement.Simple($"{target} += {{0}};", Real(scope, 2))],
                        2 => [Statement.Simple($"{target} -= {{0}};", Real(scope, 2))],
                        3 => [Statement.Simple($"{target} *= {{0}};", Bounded(scope))],
                        4 => [Statement.Simple($"{target} /= {{0}} * {{0}} + {K(1.0)};", Real(scope, 1))],
                        _ => [Statement.Simple($"{target} = {target} * {K(0.5)} + {{0}};", Real(scope, 2))],
                    };
                }
                case < 52 when depth > 0 && FuzzPatterns.SwitchStatements && random.Next(4) == 0:
                    return [SwitchStatement(scope, depth)];
                case < 52 when depth > 0:
                {
                    var then = Block(scope.Nested(), random.Next(1, 3), depth - 1);
                    var otherwise = random.Next(2) == 0 ? Block(scope.Nested(), random.Next(1, 3), depth - 1) : [];
                    return [new Statement("if ({0})", [Bool(scope, 2)], [then, otherwise])];
                }
                case < 57 when scope.TopLevel && !scope.IsVoid:
                    return [new Statement("if ({0})", [Bool(scope, 2)], [[Statement.Simple("return {0};", Real(scope, 2))], []])];
                case < 70 when depth > 0 && scope.LoopDepth < 2:
                    return FuzzPatterns.ForEachLoops && scope.InputSpans.Count + scope.InactiveSpans.Count > 0 && random.Next(4) == 0
                        ? ForEachLoop(scope, depth)
                        : ForLoop(scope, depth);
                case < 76 when depth > 0 && scope.LoopDepth < 2:
                    return WhileLoop(scope, depth);
                case < 82 when scope.LoopDepth > 0:
                {
                    var jump = random.Next(2) == 0 && !scope.InSwitch ? "break;" : "continue;";
                    return [new Statement("if ({0})", [Bool(scope, 1)], [[Statement.Simple(jump)], []])];
                }
                case < 92 when scope.Output is not null && (scope.OutputIndex is not null || (scope.LoopDepth == 0 && !scope.IsVoid)):
                {
                    var index = scope.OutputIndex ?? "0";
                    var op = random.Next(3) == 0 && scope.OutputIndex is not null ? "+=" : "=";
                    var write = Statement.Simple($"{scope.Output}[{index}] {op} {{0}};", Real(scope, 2));
                    outputWritten = true;
                    // An element written in this iteration may be read back (not inside nested loops).
                    if (scope.OutputIndex is not null && scope.LoopDepth == 1)
                        scope.Reads.Add($"{scope.Output}[{index}]");
                    return [write];
                }
                case < 96 when scope.LoopDepth == 0 && scope.Output is not null:
                {
                    var call = Call(scope, wantVoid: true);
                    if (call is not null)
                        return [Statement.Simple(call.Value.Template)];
                    break;
                }
            }
        }
    }

    /// <summary>A counted loop: over the spans' elements (several shapes) or a small count; its accumulator is declared before it.</summary>
    private IEnumerable<Statement> ForLoop(Scope scope, int depth)
    {
        var prefix = new List<Statement>();
        if (scope.Assignable.Count == 0 || random.Next(3) == 0)
        {
            var accumulator = Fresh("s");
            prefix.Add(Statement.Simple($"{t} {accumulator} = {{0}};", random.Next(2) == 0 ? Leaf(NodeType.Real, K(0.0)) : Real(scope, 1)));
            scope.Reals.Add(accumulator);
            scope.Assignable.Add(accumulator);
        }

        var (head, inner, prologue) = CountedLoopHead(scope);
        var recurrence = FuzzPatterns.InactiveRecurrences && random.Next(3) == 0 ? InactiveRecurrence(scope, inner) : null;
        if (recurrence is not null)
            prefix.Add(recurrence.Value.Declaration);

        List<Statement> body;
        if (recurrence is not null && random.Next(2) == 0)
        {
            // llsq's shape: a sum of terms that read the recurrence, into an accumulator of the loop's own, and nothing else.
            var sum = Fresh("s");
            prefix.Insert(prefix.Count - 1, Statement.Simple($"{t} {sum} = {{0}};", Leaf(NodeType.Real, K(0.0))));
            body = [.. prologue, Statement.Simple($"{sum} += {{0}};", Real(inner, 2))];
            scope.Reals.Add(sum);
            scope.Assignable.Add(sum);
        }
        else
        {
            body = [.. prologue, Accumulate(inner)];
            body.AddRange(Block(inner, random.Next(0, 3), depth - 1));
            if (random.Next(2) == 0)
                body.Add(Accumulate(inner));
        }
        if (recurrence is not null)
            body.Add(recurrence.Value.Update);
        prefix.Add(new Statement(head, [], [body]));
        return prefix;
    }

    /// <summary>
    /// A value no input flows into, carried by a loop (<see cref="FuzzPatterns.InactiveRecurrences"/>): its declaration before the loop
    /// and its update, the body's last statement. The body reads it; nothing else assigns it, and the code after the loop may read it too.
    /// </summary>
    private (Statement Declaration, Statement Update)? InactiveRecurrence(Scope scope, Scope inner)
    {
        var kind = random.Next(6);
        if (kind == 5)
        {
            var stride = Fresh("q");
            inner.Ints.Add(stride);
            scope.Ints.Add(stride);
            return (new Statement($"int {stride} = {random.Next(0, 4).ToString(CultureInfo.InvariantCulture)};", [], [], essential: true),
                Statement.Simple($"{stride} = ({stride} + 3) % 7;"));
        }
        var value = Fresh("r");
        inner.Reals.Add(value);
        scope.Reals.Add(value);
        var update = kind switch
        {
            0 => $"{value} = {value} * {K(0.8)} + {K(0.1)};",
            1 => $"{value} *= {K(-0.9)};",
            2 => $"{value} = {m}.Abs({value} - {K(0.3)}) * {K(0.9)};",
            3 => $"{value} = {m}.Exp(-{value});",
            _ => null,
        };
        var declaration = new Statement($"{t} {value} = {K(0.5 + random.Next(0, 5) * 0.25)};", [], [], essential: true);
        // A branch on the value itself: the body is no longer straight-line, so the reverse loop replays it rather than keep it.
        return (declaration, update is not null ? Statement.Simple(update)
            : new Statement($"if ({value} > {K(0.6)})", [], [[Statement.Simple($"{value} *= {K(0.5)};")], [Statement.Simple($"{value} += {K(0.25)};")]]));
    }

    /// <summary>
    /// A running maximum or minimum of a helper's values, kept by a branch or a conditional as users write it
    /// (<c>double v = H(x[i]); if (b &lt; v) b = v;</c>): the helper's adjoint then has a cotangent that is zero in
    /// every iteration but those that replaced the best, which the generator only runs in those iterations.
    /// </summary>
    private IEnumerable<Statement> SelectionLoop(Scope scope, int depth)
    {
        Node CallOrTerm(Scope where) => Call(where, wantVoid: false) is { } call ? new Node(NodeType.Real, call.Template, call.Children) : Real(where, 2);

        var best = Fresh("b");
        var declaration = Statement.Simple($"{t} {best} = {{0}};", CallOrTerm(scope));
        var (head, inner, prologue) = CountedLoopHead(scope);
        inner.Reals.Add(best);
        var value = Fresh("v");
        var body = new List<Statement>(prologue) { Statement.Simple($"{t} {value} = {{0}};", CallOrTerm(inner)) };
        body.Add(random.Next(6) switch
        {
            0 => Statement.Simple($"if ({best} < {value}) {best} = {value};"),
            1 => new Statement($"if ({value} > {best})", [], [[Statement.Simple($"{best} = {value};")], []]),
            2 => Statement.Simple($"if ({best} > {value}) {best} = {value};"),
            3 => Statement.Simple($"{best} = {value} > {best} ? {value} : {best};"),
            4 => Statement.Simple($"{best} = {m}.Max({best}, {value});"),
            // The helper called again in the arm, as when a user does not keep its value.
            // Not best itself: best = best is CS1717 (seed 340372, when no helper could be called there).
            _ => Statement.Simple($"if ({best} < {value}) {best} = {{0}};", Other(best, () => CallOrTerm(inner))),
        });
        inner.Reals.Add(value);
        body.AddRange(Block(inner, random.Next(0, 2), depth - 1));
        scope.Reals.Add(best);
        scope.Assignable.Add(best);
        return [declaration, new Statement(head, [], [body])];
    }

    /// <summary>
    /// The head of a counted loop over the spans' elements (several shapes) or a small count, the scope of its body, and the
    /// statements its body starts with (a view of the iteration's element, <see cref="FuzzPatterns.LoopViews"/>).
    /// </summary>
    private (string Head, Scope Inner, List<Statement> Prologue) CountedLoopHead(Scope scope)
    {
        var i = Fresh("i");
        var inner = scope.Nested(loop: true);
        var prologue = new List<Statement>();
        string head;
        if (scope.Length is { } length && random.Next(4) != 0)
        {
            // A long counter indexes through a cast, as users write it (x[(int)i]); it is not handed to
            // int parameters or int arithmetic, so it stays out of the scope's ints.
            var counter = random.Next(5) == 0 ? "long" : "int";
            var at = counter == "long" ? $"(int){i}" : i;
            if (counter == "int")
                inner.Ints.Add(i);
            var spans = inner.InputSpans.Concat(inner.InactiveSpans).ToList();
            // Steps other than one and ranges other than [0, n) are where the reverse sweep's last
            // iteration and the bounds checks' extremes can be off by one.
            switch (random.Next(7))
            {
                case 0:
                    head = $"for ({counter} {i} = 1; {i} < {length}; {i}++)";
                    inner.Reads.AddRange(spans.Select(s => $"{s}[{at} - 1]"));
                    break;
                case 1:
                    head = $"for ({counter} {i} = {length} - 1; {i} >= 0; {i}--)";
                    break;
                case 2:
                    head = $"for ({counter} {i} = 0; {i} < {length}; {i} += 2)";
                    break;
                case 3:
                    head = $"for ({counter} {i} = {length} - 1; {i} >= 0; {i} -= 2)";
                    break;
                case 4:
                    head = $"for ({counter} {i} = 0; {i} < {length}; {i} += 3)";
                    break;
                case 5:
                    head = $"for ({counter} {i} = 1; {i} <= {length} - 1; {i} += 2)";
                    inner.Reads.AddRange(spans.Select(s => $"{s}[{at} - 1]"));
                    break;
                default:
                    head = $"for ({counter} {i} = 0; {i} < {length}; {i}++)";
                    if (FuzzPatterns.LoopViews && counter == "int" && spans.Count > 0 && random.Next(3) == 0)
                    {
                        var view = Fresh("w");
                        var viewed = Pick(spans);
                        prologue.Add(Statement.Simple($"ReadOnlySpan<{t}> {view} = {viewed}.{(arrayNames.Contains(viewed) ? "AsSpan" : "Slice")}({i}, 1);"));
                        inner.Reads.Add($"{view}[0]");
                    }
                    break;
            }
            inner.Reads.AddRange(spans.Select(s => $"{s}[{at}]"));
            if (scope.LoopDepth == 0)
                inner.OutputIndex = at;
        }
        else
        {
            var bound = scope.Ints.Contains("n0") && random.Next(2) == 0 ? "n0" : random.Next(1, 5).ToString(CultureInfo.InvariantCulture);
            head = random.Next(2) == 0 ? $"for (int {i} = 0; {i} < {bound}; {i}++)" : $"for (int {i} = 0; {i} <= {bound}; {i}++)";
            inner.Ints.Add(i);
        }
        return (head, inner, prologue);
    }

    /// <summary>
    /// <c>foreach (var e in span)</c> over an input or inactive span, the element read in its body as any value is, with
    /// <c>break</c>, <c>continue</c>, <c>return</c> and nested loops as in any loop.
    /// </summary>
    private IEnumerable<Statement> ForEachLoop(Scope scope, int depth)
    {
        var prefix = new List<Statement>();
        if (scope.Assignable.Count == 0 || random.Next(3) == 0)
        {
            var accumulator = Fresh("s");
            prefix.Add(Statement.Simple($"{t} {accumulator} = {{0}};", random.Next(2) == 0 ? Leaf(NodeType.Real, K(0.0)) : Real(scope, 1)));
            scope.Reals.Add(accumulator);
            scope.Assignable.Add(accumulator);
        }
        var element = Fresh("e");
        var span = Pick([.. scope.InputSpans, .. scope.InactiveSpans]);
        var inner = scope.Nested(loop: true);
        inner.Reals.Add(element);
        var declared = random.Next(2) == 0 ? "var" : t;
        var body = new List<Statement> { Accumulate(inner) };
        body.AddRange(Block(inner, random.Next(0, 3), depth - 1));
        prefix.Add(new Statement($"foreach ({declared} {element} in {span})", [], [body]));
        return prefix;
    }

    /// <summary>A while loop with a data-dependent condition, bounded by a counter incremented first thing in the body.</summary>
    private IEnumerable<Statement> WhileLoop(Scope scope, int depth)
    {
        var result = new List<Statement>();
        string carried;
        if (scope.Assignable.Count == 0 || random.Next(2) == 0)
        {
            carried = Fresh("v");
            result.Add(Statement.Simple($"{t} {carried} = {{0}};", Real(scope, 2)));
            scope.Reals.Add(carried);
            scope.Assignable.Add(carried);
        }
        else
        {
            carried = Pick(scope.Assignable);
        }

        var k = Fresh("k");
        result.Add(new Statement($"int {k} = 0;", [], [], essential: true));
        // The condition runs in every iteration of the loop: as its body does, it reads no output element
        // back when the loop is nested (refused, seed 63412).
        var conditionScope = scope.Nested(loop: true);
        var inner = scope.Nested(loop: true);
        inner.Ints.Add(k);
        // Only the entry's spans are known not to be empty (a helper may get an empty slice).
        if (scope.Length is { } length && scope.Reads.Any(read => read.EndsWith("[0]", StringComparison.Ordinal)))
            inner.Reads.AddRange(inner.InputSpans.Concat(inner.InactiveSpans).Select(s => $"{s}[({k} - 1) % {length}]"));

        var bound = random.Next(2, 7).ToString(CultureInfo.InvariantCulture);
        conditionDepth++;
        var condition = random.Next(3) switch
        {
            0 => new Node(NodeType.Bool, $"{m}.Abs({{0}}) > {K(0.1)}", Leaf(NodeType.Real, carried)),
            1 => new Node(NodeType.Bool, $"{{0}} < {{1}}", Leaf(NodeType.Real, carried), Other(carried, () => Real(conditionScope, 1))),
            _ => Bool(conditionScope, 1),
        };
        conditionDepth--;
        var body = new List<Statement> { new($"{k}++;", [], [], essential: true) };
        body.Add(Statement.Simple($"{carried} = {{0}};", Other(carried, () => Real(inner, 2))));
        body.AddRange(Block(inner, random.Next(0, 3), depth - 1));
        // A do loop runs its body before it first tests the condition (issue 18).
        result.Add(FuzzPatterns.DoWhileLoops && random.Next(3) == 0
            ? new Statement("do", [condition], [body], tail: $"while ({k} < {bound} && {{0}});")
            : new Statement($"while ({k} < {bound} && {{0}})", [condition], [body]));
        return result;
    }

    private Statement Accumulate(Scope scope)
    {
        var target = Pick(scope.Assignable);
        return random.Next(5) switch
        {
            0 => Statement.Simple($"{target} *= {{0}};", Bounded(scope)),
            1 => Statement.Simple($"{target} = {m}.Max({target}, {{0}});", FuzzPatterns.IdenticalComparedArguments ? Real(scope, 2) : Other(target, () => Real(scope, 2))),
            2 => Statement.Simple($"{target} = {target} * {K(0.5)} + {{0}};", Real(scope, 2)),
            _ => Statement.Simple($"{target} += {{0}};", Real(scope, 2)),
        };
    }

    /// <summary>
    /// A scratch buffer allocated in each iteration of a small loop (<see cref="FuzzPatterns.ScratchBuffers"/>), or once before it:
    /// filled from an input span in an inner loop (as a map, or as a recurrence reading the element before; a buffer allocated
    /// before the loop is written whole, which makes it each iteration's own), then read in the iteration — by element and
    /// through value helpers passed the buffer — into an accumulator declared before the loop.
    /// </summary>
    private IEnumerable<Statement> ScratchLoop(Scope scope)
    {
        var accumulator = Fresh("s");
        var declaration = Statement.Simple($"{t} {accumulator} = {{0}};", Real(scope, 1));
        scope.Reals.Add(accumulator);
        scope.Assignable.Add(accumulator);
        var round = Fresh("k");
        var buffer = Fresh("buf");
        // Known not to be empty, as the buffer then is, for the reads of its elements.
        var input = Pick(NonEmptyInputs(scope));
        var iteration = scope.Nested(loop: true);
        iteration.Ints.Add(round);
        var allocation = random.Next(3) switch
        {
            0 => $"Span<{t}> {buffer} = stackalloc {t}[{input}.Length];",
            1 => $"{t}[] {buffer} = new {t}[{input}.Length];",
            _ => $"var {buffer} = new {t}[{input}.Length];",
        };
        if (!allocation.Contains("stackalloc", StringComparison.Ordinal))
            arrayNames.Add(buffer);
        var i = Fresh("i");
        var fill = iteration.Nested(loop: true);
        fill.Ints.Add(i);
        fill.Reads.Add($"{input}[{i}]");
        // Allocated once before the loop, a buffer each iteration writes whole (a map from 0) is that iteration's own.
        var hoisted = random.Next(3) == 0;
        var recurrence = !hoisted && random.Next(2) == 0;
        if (recurrence)
            fill.Reads.Add($"{buffer}[{i} - 1]");
        var filled = Statement.Simple($"{buffer}[{i}] = {{0}};", Plus(Leaf(NodeType.Real, $"{input}[{i}]"), Real(fill, 2)));
        var fillLoop = new Statement($"for (int {i} = {(recurrence ? 1 : 0)}; {i} < {buffer}.Length; {i}++)", [], [[filled]]);
        // Read where it was allocated: its elements, and the buffer itself passed to helpers that take spans.
        var reading = iteration.Nested();
        reading.InputSpans = [buffer, .. scope.InputSpans];
        reading.Reads.Add($"{buffer}[0]");
        reading.Reads.Add($"{buffer}[{buffer}.Length - 1]");
        var read = Statement.Simple($"{accumulator} += {{0}};", Plus(Leaf(NodeType.Real, $"{buffer}[{random.Next(2)} % {buffer}.Length]"), SpanCallOn(reading, buffer) ?? Real(reading, 2)));
        var loop = new Statement($"for (int {round} = 0; {round} < {random.Next(1, 4)}; {round}++)", [], [hoisted ? [fillLoop, read] : [new(allocation, [], [], essential: true), fillLoop, read]]);
        return hoisted ? [declaration, new(allocation, [], [], essential: true), loop] : [declaration, loop];
    }

    /// <summary>
    /// A scratch table (<see cref="FuzzPatterns.ScratchBuffers"/>) filled once from an input span, then only read, two loops deep:
    /// nothing writes it after the reads, so the reverse sweep reads there what the forward sweep did.
    /// </summary>
    private IEnumerable<Statement> TableLoops(Scope scope)
    {
        var accumulator = Fresh("s");
        var table = Fresh("tab");
        var input = Pick(NonEmptyInputs(scope));
        var i = Fresh("i");
        var fill = scope.Nested(loop: true);
        fill.Ints.Add(i);
        fill.Reads.Add($"{input}[{i}]");
        var round = Fresh("k");
        var j = Fresh("i");
        var reading = scope.Nested(loop: true).Nested(loop: true);
        reading.Ints.Add(round);
        reading.Ints.Add(j);
        reading.Reads.Add($"{input}[{j}]");
        // Helpers that take spans may be passed the table there too: value calls reading it two loops deep.
        reading.InputSpans = [table, .. scope.InputSpans];
        var read = Statement.Simple($"{accumulator} += {table}[{j}] * {{0}};", SpanCallOn(reading, table) ?? Real(reading, 2));
        scope.Reals.Add(accumulator);
        scope.Assignable.Add(accumulator);
        var tableAllocation = random.Next(2) == 0 ? $"Span<{t}> {table} = stackalloc {t}[{input}.Length];" : $"var {table} = new {t}[{input}.Length];";
        if (!tableAllocation.Contains("stackalloc", StringComparison.Ordinal))
            arrayNames.Add(table);
        return
        [
            new Statement(tableAllocation, [], [], essential: true),
            new Statement($"for (int {i} = 0; {i} < {table}.Length; {i}++)", [], [[Statement.Simple($"{table}[{i}] = {{0}};", Plus(Leaf(NodeType.Real, $"{input}[{i}]"), Real(fill, 2)))]]),
            Statement.Simple($"{t} {accumulator} = {K(0.0)};"),
            new Statement($"for (int {round} = 0; {round} < {random.Next(1, 4)}; {round}++)", [], [[new Statement($"for (int {j} = 0; {j} < {table}.Length; {j}++)", [], [[read]])]]),
        ];
    }

    /// <summary>
    /// In half the cases, a call of a helper that takes spans (<c>S0(buf1, …)</c>) passed <paramref name="span"/>: the scratch patterns
    /// would otherwise meet a span helper there only by the chance of three draws. Null when there is none, or it needs spans the scope has not.
    /// </summary>
    private Node? SpanCallOn(Scope scope, string span)
    {
        var helpers = callees.Where(callee => callee.Name.StartsWith('S') && !callee.IsVoid).ToList();
        if (helpers.Count == 0 || random.Next(2) == 0)
            return null;
        var only = scope.Nested();
        only.InputSpans = [span];
        return Pick(helpers).Call(only, this) is { } call ? new Node(NodeType.Real, call.Template, call.Children) : null;
    }

    /// <summary>A sum over a span, declared and looped: guarantees the result depends on the span.</summary>
    private (List<Statement> Declaration, Statement Loop) SumLoop(Scope scope, string span)
    {
        var sum = Fresh("s");
        var i = Fresh("i");
        var inner = scope.Nested(loop: true);
        inner.Ints.Add(i);
        inner.Reads.AddRange(inner.InputSpans.Concat(inner.InactiveSpans).Select(s => $"{s}[{i}]"));
        var body = new List<Statement> { Statement.Simple($"{sum} += {{0}};", Times(Leaf(NodeType.Real, $"{span}[{i}]"), Real(inner, 2))) };
        return ([Statement.Simple($"{t} {sum} = {K(0.0)};")], new Statement($"for (int {i} = 0; {i} < {span}.Length; {i}++)", [], [body]));
    }

    /// <summary>
    /// A scan written to the output, forwards or backwards: a value carried across the iterations —
    /// a prefix sum or product, a running maximum, an exponential moving average — updated from the
    /// input and written to each element (before the update or after it), maybe read by other
    /// statements in the loop too.
    /// </summary>
    private IEnumerable<Statement> ScanLoop(Scope scope)
    {
        var output = scope.Output!;
        var carried = Fresh("s");
        var declaration = Statement.Simple($"{t} {carried} = {{0}};", random.Next(2) == 0 ? Leaf(NodeType.Real, K(random.Next(2))) : Real(scope, 1));
        scope.Reals.Add(carried);
        scope.Assignable.Add(carried);
        var i = Fresh("i");
        var inner = scope.Nested(loop: true);
        inner.Ints.Add(i);
        inner.Reads.AddRange(inner.InputSpans.Concat(inner.InactiveSpans).Select(s => $"{s}[{i}]"));
        inner.OutputIndex = i;
        var head = random.Next(3) == 0 ? $"for (int {i} = {output}.Length - 1; {i} >= 0; {i}--)" : $"for (int {i} = 0; {i} < {output}.Length; {i}++)";
        var input = $"{Pick(inner.InputSpans)}[{i}]";
        var update = random.Next(6) switch
        {
            0 => Statement.Simple($"{carried} += {{0}};", Leaf(NodeType.Real, input)),
            1 => Statement.Simple($"{carried} = {carried} + {{0}};", Times(Leaf(NodeType.Real, input), Real(inner, 1))),
            2 => Statement.Simple($"{carried} *= {K(1.0)} + {K(0.5)} * {m}.Tanh({{0}});", Leaf(NodeType.Real, input)),
            3 => Statement.Simple($"{carried} = {m}.Max({carried}, {{0}});", Leaf(NodeType.Real, input)),
            4 => Statement.Simple($"{carried} = {K(0.75)} * {carried} + {K(0.25)} * {{0}};", Leaf(NodeType.Real, input)),
            _ => Statement.Simple($"{carried} = {carried} * {{1}} + {{0}};", Leaf(NodeType.Real, input), Bounded(inner)),
        };
        var value = random.Next(4) switch
        {
            0 => Plus(Leaf(NodeType.Real, carried), Real(inner, 1)),
            1 => Times(Leaf(NodeType.Real, carried), Leaf(NodeType.Real, input)),
            2 => new Node(NodeType.Real, $"{m}.Tanh({{0}})", Leaf(NodeType.Real, carried)),
            _ => Leaf(NodeType.Real, carried),
        };
        var write = Statement.Simple($"{output}[{i}] {(random.Next(4) == 0 ? "+=" : "=")} {{0}};", value);
        outputWritten = true;
        List<Statement> body = random.Next(4) == 0 ? [write, update] : [update, .. Block(inner, random.Next(0, 2), depth: 0), write];
        return [declaration, new Statement(head, [], [body])];
    }

    /// <summary>The loop that ends a void method: every output element gets a value depending on an input span.</summary>
    private Statement OutputLoop(Scope scope)
    {
        var i = Fresh("i");
        var inner = scope.Nested(loop: true);
        inner.Ints.Add(i);
        inner.Reads.AddRange(inner.InputSpans.Concat(inner.InactiveSpans).Select(s => $"{s}[{i}]"));
        var op = random.Next(3) == 0 ? "+=" : "=";
        var value = Plus(Real(inner, 2), Times(Leaf(NodeType.Real, $"{Pick(inner.InputSpans)}[{i}]"), Real(inner, 1)));
        var body = new List<Statement> { Statement.Simple($"{scope.Output}[{i}] {op} {{0}};", value) };
        if (FuzzPatterns.OutputBranches && random.Next(2) == 0)
            body.AddRange(BranchOnWritten(inner, $"{scope.Output}[{i}]", $"{Pick(inner.InputSpans)}[{i}]"));
        return new Statement($"for (int {i} = 0; {i} < {scope.Output}.Length; {i}++)", [], [body]);
    }

    /// <summary>Statements that branch on an output element the loop has just written (<see cref="FuzzPatterns.OutputBranches"/>).</summary>
    private IEnumerable<Statement> BranchOnWritten(Scope scope, string element, string input)
    {
        var output = element.Substring(0, element.IndexOf('[', StringComparison.Ordinal));
        switch (random.Next(4))
        {
            case 0:
                return [new Statement($"if ({element} > {K(0.5)})", [], [[Statement.Simple($"{element} = {{0}};", Real(scope, 2))], []])];
            case 1:
                return [Statement.Simple($"{element} = {element} < {{0}} ? {{1}} : {element};", Real(scope, 1), Real(scope, 2))];
            case 2:
            {
                var flag = Fresh("big");
                return
                [
                    Statement.Simple($"bool {flag} = {element} > {{0}};", Real(scope, 1)),
                    Statement.Simple($"{element} = {element} * {K(0.5)};"),
                    new Statement($"if ({flag})", [], [[Statement.Simple($"{element} += {{0}};", Real(scope, 2))], []]),
                ];
            }
            default:
                return [new Statement($"if ({input} > {output}[0])", [], [[Statement.Simple($"{output}[0] = {input};")], []])];
        }
    }

    // ----- expressions

    private Node Real(Scope scope, int depth)
    {
        if (depth <= 0 || random.Next(10) < 3)
            return RealLeaf(scope);

        switch (random.Next(100))
        {
            case < 12: return new Node(NodeType.Real, "({0} + {1})", Real(scope, depth - 1), Real(scope, depth - 1));
            case < 20: return new Node(NodeType.Real, "({0} - {1})", Real(scope, depth - 1), Real(scope, depth - 1));
            case < 32: return Times(Real(scope, depth - 1), Real(scope, depth - 1));
            case < 36: return new Node(NodeType.Real, $"({{0}} / ({{1}} * {{1}} + {K(0.5)}))", Real(scope, depth - 1), Real(scope, depth - 1));
            case < 37: return new Node(NodeType.Real, $"({{0}} / ({m}.Exp({m}.Tanh({{1}})) + {K(0.25)}))", Real(scope, depth - 1), Real(scope, depth - 1));
            case < 41: return new Node(NodeType.Real, "(-{0})", Real(scope, depth - 1));
            case < 64: return new Node(NodeType.Real, Pick(UnaryFunctions()), Real(scope, depth - 1));
            case < 74:
            {
                var function = Pick(BinaryFunctions());
                var first = Real(scope, depth - 1);
                // Max(v, v): the derivative rule compares v with v, which the simplifier must fold (CS1718 in generated code; FuzzPatterns.IdenticalComparedArguments).
                var compares = function.Contains(".Max(", StringComparison.Ordinal) || function.Contains(".Min(", StringComparison.Ordinal) || function.Contains("Clamp(", StringComparison.Ordinal);
                var second = compares && !FuzzPatterns.IdenticalComparedArguments ? Other(first.ToString(), () => Real(scope, depth - 1)) : Real(scope, depth - 1);
                return new Node(NodeType.Real, function, first, second);
            }
            case < 76: return new Node(NodeType.Real, $"{m}.FusedMultiplyAdd({{0}}, {{1}}, {{2}})", Real(scope, depth - 1), Real(scope, depth - 1), Real(scope, depth - 1));
            case < 82 when FuzzPatterns.SwitchExpressions && random.Next(3) == 0:
            {
                // The value is tested where it stands, as a condition is.
                conditionDepth++;
                var switched = Real(scope, depth - 1);
                conditionDepth--;
                // Braces doubled twice: once for this interpolated string, once for the template's string.Format.
                return new Node(NodeType.Real, $"({{0}} switch {{{{ < {K(-0.5)} => {{1}}, > {K(1.0)} and < {K(2.0)} => {{2}}, _ => {{3}} }}}})",
                    switched, Real(scope, depth - 1), Real(scope, depth - 1), Real(scope, depth - 1));
            }
            case < 82: return new Node(NodeType.Real, "({0} ? {1} : {2})", Bool(scope, depth - 1, FuzzPatterns.ConstantConditions), Real(scope, depth - 1), Real(scope, depth - 1));
            case < 85: return new Node(NodeType.Real, Pick(ZeroDerivativeFunctions()), Real(scope, depth - 1), Real(scope, depth - 1));
            case < 95:
            {
                var call = Call(scope, wantVoid: false);
                if (call is not null)
                    return new Node(NodeType.Real, call.Value.Template, call.Value.Children);
                return RealLeaf(scope);
            }
            default: return RealLeaf(scope);
        }
    }

    private Node RealLeaf(Scope scope)
    {
        while (true)
        {
            switch (random.Next(12))
            {
                case < 5 when scope.Reals.Count > 0:
                    return Leaf(NodeType.Real, Pick(scope.Reals));
                case < 9 when scope.Reads.Count > 0:
                    return Leaf(NodeType.Real, Pick(scope.Reads));
                case 9 when scope.Ints.Count > 0:
                    return Leaf(NodeType.Real, $"(({t}){Pick(scope.Ints)})");
                case 10 when scope.Length is not null && random.Next(3) == 0:
                    return Leaf(NodeType.Real, $"(({t}){scope.Length})");
                case 11:
                    return Leaf(NodeType.Real, K(Pick(constants)));
            }
        }
    }

    /// <summary>A factor that keeps repeated products bounded: in [0.5, 1.5].</summary>
    private Node Bounded(Scope scope)
        => new(NodeType.Real, random.Next(2) == 0 ? $"({K(1.0)} + {K(0.5)} * {m}.Sin({{0}}))" : $"({K(1.0)} + {K(0.5)} * {m}.Tanh({{0}}))", Real(scope, 2));

    /// <summary>
    /// A condition, never comparing an expression with itself (CS1718 in the user's code) and never one
    /// constant with another where C# would fold it to dead code (CS0162 in an if or a while, in the
    /// user's code): only a conditional expression may (<paramref name="constantAllowed"/>, with
    /// <see cref="FuzzPatterns.ConstantConditions"/>), which the generator folds to its live arm.
    /// </summary>
    /// <summary>How many conditions (or switch values) are being written: the local function is not called there (AG0007).</summary>
    private int conditionDepth;

    private Node Bool(Scope scope, int depth, bool constantAllowed = false)
    {
        conditionDepth++;
        try
        {
            return BoolOutsideLocalFunctions(scope, depth, constantAllowed);
        }
        finally
        {
            conditionDepth--;
        }
    }

    private Node BoolOutsideLocalFunctions(Scope scope, int depth, bool constantAllowed)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = BoolCandidate(scope, depth, constantAllowed);
            if (!candidate.Template.Contains("{0} ", StringComparison.Ordinal) || candidate.Children.Any(child => child.Type != NodeType.Real))
                return candidate;
            var texts = candidate.Children.Select(child => child.ToString()).ToList();
            var constant = texts.All(IsConstant) && (texts.Count == 2 || IsConstant(candidate.Template.Replace("{0}", "", StringComparison.Ordinal)));
            if ((texts.Count < 2 || texts[0] != texts[1]) && (constantAllowed || !constant))
                return candidate;
        }
        return scope.Length is not null ? Leaf(NodeType.Bool, $"{scope.Length} > 1")
            : scope.Ints.Count > 0 ? Leaf(NodeType.Bool, $"{Pick(scope.Ints)} > 1")
            : new Node(NodeType.Bool, "{0} < {1}", Leaf(NodeType.Real, Pick(scope.Reals)), Leaf(NodeType.Real, K(0.5)));
    }

    /// <summary>Whether C# sees the expression as a constant: it names nothing (a letter after a digit is a literal's suffix or exponent).</summary>
    private static bool IsConstant(string text) => !System.Text.RegularExpressions.Regex.IsMatch(text, "(?<![0-9.])[A-Za-z_]");

    /// <summary>An expression from <paramref name="make"/> that is not <paramref name="text"/> itself (<c>t = t</c>, <c>Max(t, t)</c>).</summary>
    private Node Other(string text, Func<Node> make)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var node = make();
            if (node.ToString() != text)
                return node;
        }
        return Leaf(NodeType.Real, K(0.75));
    }

    private Node BoolCandidate(Scope scope, int depth, bool constantAllowed)
    {
        switch (random.Next(10))
        {
            case < 4: return new Node(NodeType.Bool, random.Next(2) == 0 ? "{0} < {1}" : "{0} > {1}", Real(scope, depth), Real(scope, depth));
            case < 6 when FuzzPatterns.SwitchExpressions && random.Next(3) == 0:
                return new Node(NodeType.Bool, random.Next(2) == 0 ? $"({{0}} is >= {K(-0.5)} and < {K(1.5)})" : $"({{0}} is not < {K(0.5)})", RealReadingAVariable(scope, depth));
            case < 6: return new Node(NodeType.Bool, random.Next(2) == 0 ? $"{{0}} <= {K(Pick(constants))}" : $"{{0}} >= {K(Pick(constants))}", Real(scope, depth));
            case < 8 when scope.Ints.Count > 0:
            {
                var n = Pick(scope.Ints);
                return Leaf(NodeType.Bool, random.Next(3) switch
                {
                    0 => $"{n} % 2 == 0",
                    1 when FuzzPatterns.SwitchExpressions => $"{n} % 3 is 0 or 2",
                    _ => $"{n} > {random.Next(1, 4)}",
                });
            }
            case 8 when depth > 0:
                return new Node(NodeType.Bool, random.Next(2) == 0 ? "({0} && {1})" : "({0} || {1})", Bool(scope, depth - 1, constantAllowed), Bool(scope, depth - 1, constantAllowed));
            case 9 when depth > 0:
                return new Node(NodeType.Bool, "!({0})", Bool(scope, depth - 1, constantAllowed));
            default:
                return new Node(NodeType.Bool, "{0} < {1}", Real(scope, depth), Real(scope, depth));
        }
    }

    private (string Template, Node[] Children)? Call(Scope scope, bool wantVoid)
    {
        var candidates = callees.Where(c => c.IsVoid == wantVoid).ToList();
        if (candidates.Count == 0)
            return null;
        return Pick(candidates).Call(scope, this);
    }

    private string InactiveText(Scope scope)
        => scope.Inactive.Count > 0 && random.Next(3) != 0 ? Pick(scope.Inactive) : K(Pick(constants));

    /// <summary>
    /// Cbrt's argument and Atan2's second argument are offset by 0.3, which sums of the programs'
    /// dyadic inputs and constants (almost) never hit exactly: at Cbrt(0) the partial is +∞ and at Atan2(0, 0) both
    /// are 0/0, and programs often make such an argument exactly 0 whatever the input ((a − a),
    /// Sin(0), a loop counter 0). There AutoGrad, like PyTorch, lets IEEE arithmetic give NaN
    /// (0·∞ when no derivative reaches the argument, seeds 1220 and others), where the function is
    /// smooth and finite differences finite: a point where the derivative rule itself is undefined.
    /// </summary>
    private string[] UnaryFunctions() =>
    [
        $"{m}.Sin({{0}})", $"{m}.Cos({{0}})", $"{m}.Tanh({{0}})", $"{m}.Atan({{0}})", $"{m}.Exp({m}.Tanh({{0}}) * {K(2.0)})",
        $"{m}.Sinh({m}.Tanh({{0}}) * {K(2.0)})", $"{m}.Cosh({m}.Tanh({{0}}) * {K(2.0)})", $"{m}.Abs({{0}})", $"{m}.Cbrt({{0}} + {K(0.3)})",
        $"{m}.Log({{0}} * {{0}} + {K(1.0)})", $"{m}.Log({m}.Exp({m}.Tanh({{0}}) * {K(2.0)}) + {K(1.0)})", $"{m}.Log10({{0}} * {{0}} + {K(0.5)})",
        $"{m}.Log2({{0}} * {{0}} + {K(2.0)})", $"{m}.Log({{0}} * {{0}} + {K(1.0)}, {K(3.0)})", $"{m}.Sqrt({{0}} * {{0}} + {K(0.25)})",
        $"{m}.Pow({{0}} * {{0}} + {K(1.0)}, {K(1.5)})", $"{m}.Pow({{0}} * {{0}} + {K(0.5)}, {K(-0.5)})",
        $"{m}.Asin({m}.Tanh({{0}}) * {K(0.9)})", $"{m}.Acos({m}.Tanh({{0}}) * {K(0.9)})", $"{m}.Tan({m}.Tanh({{0}}))",
        $"Math.Clamp({{0}}, {K(-1.0)}, {K(1.5)})",
        .. (FuzzPatterns.GenericMathFunctions
            ? (string[])[$"{m}.Asinh({{0}})", $"{m}.Acosh({{0}} * {{0}} + {K(1.5)})", $"{m}.Atanh({m}.Tanh({{0}}) * {K(0.9)})",
                $"{t}.ExpM1({m}.Tanh({{0}}) * {K(2.0)})", $"{t}.LogP1({{0}} * {{0}})", $"{t}.Exp2({m}.Tanh({{0}}) * {K(2.0)})", $"{t}.Exp10({m}.Tanh({{0}}))"]
            : []),
    ];

    private string[] BinaryFunctions() =>
    [
        $"{m}.Max({{0}}, {{1}})", $"{m}.Min({{0}}, {{1}})", $"{m}.Atan2({{0}}, {{1}} + {K(0.3)})",
        $"{m}.Pow({{0}} * {{0}} + {K(0.5)}, {m}.Tanh({{1}}) * {K(2.0)})", $"Math.Clamp({{0}}, {{1}}, {{1}} + {K(1.0)})",
        .. (FuzzPatterns.GenericMathFunctions ? (string[])[$"{m}.CopySign({{0}}, {{1}})", $"{t}.Hypot({{0}}, {{1}} + {K(0.3)})"] : []),
    ];

    /// <summary>
    /// Floor, Round, Truncate and Ceiling get an argument bounded by Tanh to (−2, 2), so they have at
    /// most four jumps. Of an argument that sweeps many integers within the finite-difference step
    /// (Floor(Pow(…)) near 10⁵, seed 250) the staircase is too fine to see: central differences at
    /// both steps agree on the argument's slope and the point passes as smooth, while the derivative,
    /// correctly, is 0. A few jumps in the step make the two step sizes disagree, and the point is skipped.
    /// </summary>
    private string[] ZeroDerivativeFunctions() =>
    [
        $"({m}.Floor({m}.Tanh({{0}}) * {K(2.0)}) + {{1}})", $"({{0}} * {m}.Sign({{1}}))", $"({m}.Round({m}.Tanh({{0}}) * {K(2.0)}) * {{1}})",
        $"({m}.Truncate({m}.Tanh({{0}}) * {K(2.0)}) - {{1}})", $"({m}.Ceiling({m}.Tanh({{0}}) * {K(2.0)}) * {{1}})",
    ];

    private Node ActiveTerm(string parameter)
        => Leaf(NodeType.Real, random.Next(4) switch
        {
            0 => $"{m}.Sin({parameter})",
            1 => $"({parameter} * {K(Pick(constants))})",
            2 => $"{m}.Tanh({parameter})",
            _ => parameter,
        });

    private static Node Plus(Node left, Node right) => new(NodeType.Real, "({0} + {1})", left, right);

    private static Node Times(Node left, Node right) => new(NodeType.Real, "({0} * {1})", left, right);

    private static Node Leaf(NodeType type, string text) => new(type, text);

    private string K(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (isFloat)
            text += "f";
        else if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            text += ".0";
        return value < 0 ? $"({text})" : text;
    }

    private string Fresh(string prefix)
    {
        var name = prefix + (++names).ToString(CultureInfo.InvariantCulture);
        identifiers.TryAdd(name, prefix is "i" or "k" ? NameKind.IntLocal : NameKind.RealLocal);
        return name;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
