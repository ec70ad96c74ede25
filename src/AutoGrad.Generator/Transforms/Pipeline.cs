using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Model;
using AutoGrad.Generator.Transforms.SecondOrder;

namespace AutoGrad.Generator.Transforms;

/// <summary>
/// The one place that says which passes run, and in which order, to turn a method's IR into its
/// forward, adjoint and Hessian-vector methods: <see cref="Stages"/>, each a list of named passes
/// applied to the result of an earlier stage. <see cref="Describe"/> draws it (docs/how-it-works.md
/// shows that drawing, and a test keeps the two equal). The Hessian-vector product differentiates
/// the simplified adjoint before its loops are fused. With <see cref="Verify"/> on (tests, Debug
/// builds) the <see cref="IrVerifier"/> checks the IR after every pass.
/// </summary>
internal static class Pipeline
{
    /// <summary>Runs the <see cref="IrVerifier"/> after every pass; a failure names the pass that broke the IR.</summary>
    public static bool Verify { get; set; }
#if DEBUG
        = true;
#endif

    /// <summary>
    /// Sees (and may replace) the IR after every pass on this thread, by the pass's path
    /// (<c>adjoint/simplify/clean/values/dead-code</c>), before it is verified: for dumping the IR, and for
    /// tests that break a pass on purpose. Tests and debugging only.
    /// </summary>
    internal static System.Func<string, IrMethod, IrMethod>? Observer
    {
        get => observer;
        set => observer = value;
    }

    [System.ThreadStatic]
    private static System.Func<string, IrMethod, IrMethod>? observer;

    private static readonly Pass Simplify = new Sequence("simplify",
    [
        // The passes that change almost every method settle first; the rest, which seldom find anything, then run
        // once on what they left rather than again after each of those passes' rounds.
        new Fixpoint("clean",
        [
            new Fixpoint("values",
            [
                Pass.OnBody("expressions", Simplifier.SimplifyExpressions),
                Pass.OnBody("propagate", Propagation.Apply),
                Pass.OnBody("common-subexpressions", CommonSubexpressions.Apply),
                Pass.OnOutputs("dead-code", DeadCode.Apply),
            ]),
            Pass.OnOutputs("dead-stores", DeadStores.Apply),
            Pass.OnBody("fold-accumulations", Accumulations.Fold),
            Pass.OnBody("fold-element-accumulations", ElementAccumulations.Fold),
            Pass.OnBody("redundant-copies", RedundantCopies.Apply),
            Pass.OnBody("merge-branches", BranchMerging.Apply),
            Pass.OnParameters("coalesce", Coalescing.Apply),
        ]),
        // Inline only once sharing has settled, or an inlined copy would hide a common subexpression.
        new Fixpoint("inline",
        [
            Pass.OnBody("inline", Inlining.Apply),
            Pass.OnBody("expressions", Simplifier.SimplifyExpressions),
            Pass.OnOutputs("dead-code", DeadCode.Apply),
            Pass.OnBody("fold-accumulations", Accumulations.Fold),
            Pass.OnParameters("coalesce", Coalescing.Apply),
        ]),
    ]);

    /// <summary>
    /// Fusion writes each elementwise operation as a statement of the fused loop or GEMM epilogue
    /// (<c>zerosLike = 0; add = values[i] + zerosLike</c>): this cleans them as the simplifier cleans any
    /// scalar code, in the method and in every epilogue, leaving the matrix statements as they are.
    /// </summary>
    private static readonly Pass SimplifyFused = new Fixpoint("simplify-fused",
    [
        WithEpilogues(Pass.OnBody("expressions", Simplifier.SimplifyExpressions)),
        WithEpilogues(Pass.OnBody("propagate", Propagation.Apply)),
        WithEpilogues(Pass.OnOutputs("dead-code", DeadCode.Apply)),
        WithEpilogues(Pass.OnBody("inline-scalars", Inlining.ApplyToScalars)),
    ]);

    /// <summary>The pass applied to the method and to the Apply method of each GEMM epilogue in it.</summary>
    private static Pass WithEpilogues(Pass pass)
        => new(pass.Name, method => ElementwiseFusion.MapEpilogues(pass.Apply(method), pass.Apply));

    /// <summary>From whole-matrix operations and scalar loops to pooled temporaries, fused elementwise passes and vector loops.</summary>
    private static Pass Lower(string epilogueSuffix) => new Sequence("lower",
    [
        new Pass("matrix-temporaries", MatrixTemporaries.Apply),
        new Pass("matrix-zero-starts", MatrixZeroStarts.Apply),
        new Pass("fuse-elementwise", method => ElementwiseFusion.Apply(method, epilogueSuffix)),
        SimplifyFused,
        MarkIndependentLoops,
        new Pass("contract-multiply-adds", MultiplyAddContraction.Apply),
        new Pass("vectorize", Vectorizer.Apply),
        new Pass("vectorize-epilogues", method => ElementwiseFusion.MapEpilogues(method,
            epilogue => Vectorizer.Apply(MultiplyAddContraction.Apply(IndependentLoops.Mark(epilogue))))),
    ]);

    /// <summary>
    /// What the passes that reorder iterations rely on, put into the IR (where the verifier checks it) just before them.
    /// Marking a method it marked already changes nothing, so it is not run again on a method no pass changed since.
    /// </summary>
    private static readonly Pass MarkIndependentLoops = new("mark-independent-loops", IndependentLoops.Mark) { Idempotent = true };

    private static readonly Pass FuseLoops = new("fuse-loops", LoopFusion.Apply);

    private static readonly Pass GuardZeroCotangents = Pass.OnBody("guard-zero-cotangents", ZeroCotangents.Guard);

    /// <summary>
    /// After loop fusion the method is simplified again only if fusion changed it: simplifying what the
    /// simplifier left (with loops merely marked) changed nothing on any method of the tests, and cost a
    /// tenth of the Hessian-vector product's time.
    /// </summary>
    private static readonly Pass SimplifyIfChanged = new IfChanged(Simplify);

    private static readonly Pass InsertBoundsChecks = new("insert-bounds-checks", BoundsChecks.Insert);

    private static readonly Pass FoldConstantBranches = Pass.OnBody("fold-constant-branches", Simplifier.FoldConstantBranches);

    /// <summary>The stages in the order they run: each applies its passes to what <see cref="Stage.From"/> produced last.</summary>
    private static IReadOnlyList<Stage> Stages(PassContext context) =>
    [
        new("primal", "parse", [new Pass("inline-matrix-calls", method => CallInliner.Apply(method, context.Library)), FoldConstantBranches, InsertBoundsChecks], AnalyzesActivity: true),
        new("forward", "primal", [new Pass("forward-transform", method => ForwardTransform.Apply(method, context.Activity)), Simplify, Lower(context.EpilogueSuffix)]),
        new("adjoint", "primal", [new Pass("reverse-transform", method => ReverseTransform.Apply(method, context.Activity)), Simplify, GuardZeroCotangents]),
        new("hvp", "adjoint", [new Pass("hessian-vector-transform", method => HessianVectorTransform.Apply(context.PrimalName, method)), Simplify, MarkIndependentLoops, FuseLoops, SimplifyIfChanged, Lower(context.EpilogueSuffix)]),
        new("adjoint", "adjoint", [MarkIndependentLoops, FuseLoops, SimplifyIfChanged, Lower(context.EpilogueSuffix)]),
    ];

    /// <summary>The three generated methods of one user method, and its primal over spans when it takes arrays.</summary>
    public sealed record Derivatives(IrMethod Forward, IrMethod Adjoint, IrMethod HessianVector, IrMethod? PrimalOverSpans = null);

    /// <param name="epilogueSuffix">Makes generated GEMM epilogue struct names unique in the containing type.</param>
    /// <param name="primalOverSpans">
    /// Whether to generate the primal itself, for a method taking arrays: generated callers hold spans, which the user's method does not take.
    /// </param>
    public static Derivatives Run(IrMethod primal, InlineLibrary library, IReadOnlyDictionary<string, DependenceSummary> summaries, string epilogueSuffix,
        CancellationToken cancellationToken, bool primalOverSpans = false)
    {
        if (Observer is { } observe)
            primal = observe("parse", primal);
        if (Verify)
            IrVerifier.Check(primal, "parse");
        var context = new PassContext(library, epilogueSuffix, primal.Name);
        var run = new Runner(cancellationToken);
        var results = new Dictionary<string, IrMethod> { ["parse"] = primal };
        foreach (var stage in Stages(context))
        {
            results[stage.Name] = run.Stage(stage.Name, results[stage.From], stage.Passes);
            if (stage.AnalyzesActivity)
                context.Activity = ActivityAnalysis.Analyze(results[stage.Name], summaries);
        }
        var primalCode = primalOverSpans
            ? run.Stage("primal-over-spans", results["primal"], [Simplify, Lower(context.EpilogueSuffix)]) with { Name = primal.Name + DifferentiableTarget.PrimalSuffix }
            : null;
        return new Derivatives(results["forward"], results["adjoint"], results["hvp"], primalCode);
    }

    /// <summary>
    /// The pipeline as text: one line per stage (<c>stage ← from: pass → pass</c>), then what each
    /// composite pass is made of, wrapped at 100 columns.
    /// </summary>
    internal static string Describe()
    {
        const int Width = 100;
        var stages = Stages(new PassContext(null!, "", ""));
        var composites = stages.SelectMany(stage => stage.Passes).OfType<Sequence>().GroupBy(pass => pass.Name).Select(group => group.First()).ToList();
        var column = stages.Select(stage => $"{stage.Name} ← {stage.From}:".Length).Concat(composites.Select(pass => pass.Name.Length + 2)).Max() + 1;
        var lines = new List<string>();
        foreach (var stage in stages)
        {
            var passes = stage.Passes.Select(pass => pass is IfChanged conditional ? conditional.Inner.Name + " if changed" : pass.Name).Concat(stage.AnalyzesActivity ? ["(activity analysis)"] : []);
            Chain($"{stage.Name} ← {stage.From}:", passes.Select(name => new[] { name }));
        }
        foreach (var composite in composites)
            Chain($"{composite.Name} =", composite.Passes.Select(Pieces));
        return string.Concat(lines.Select(line => line + "\n"));

        // Each element of the chain is a list of pieces: a fixpoint's passes, which wrap aligned after "fixpoint(".
        void Chain(string head, IEnumerable<string[]> elements)
        {
            var line = head.PadRight(column);
            var first = true;
            foreach (var pieces in elements)
            {
                var separator = first ? "" : " → ";
                var text = pieces.Length == 1 ? pieces[0] : $"fixpoint({string.Join(", ", pieces)})";
                if (!first && line.Length + separator.Length + text.Length > Width)
                {
                    lines.Add(line);
                    (line, separator) = (new string(' ', column - 2) + "→ ", "");
                }
                line += separator;
                first = false;
                if (pieces.Length == 1)
                {
                    line += text;
                    continue;
                }
                var align = new string(' ', line.Length + "fixpoint(".Length);
                line += "fixpoint(";
                for (var i = 0; i < pieces.Length; i++)
                {
                    var piece = pieces[i] + (i == pieces.Length - 1 ? ")" : ",");
                    if (i > 0 && line.Length + 1 + piece.Length > Width)
                    {
                        lines.Add(line);
                        line = align + piece;
                    }
                    else
                    {
                        line += (i > 0 ? " " : "") + piece;
                    }
                }
            }
            lines.Add(line);
        }

        static string[] Pieces(Pass pass) => pass switch
        {
            Fixpoint fixpoint => [.. fixpoint.Passes.SelectMany(inner => inner is Fixpoint ? Nested(Pieces(inner)) : [inner.Name])],
            _ => [pass.Name],
        };

        static string[] Nested(string[] pieces) => [.. pieces.Select((piece, i) => (i == 0 ? "fixpoint(" : "") + piece + (i == pieces.Length - 1 ? ")" : ""))];
    }

    /// <summary>What passes need beyond the method: the callees to inline, names, and the primal's activity once it is known.</summary>
    private sealed class PassContext(InlineLibrary library, string epilogueSuffix, string primalName)
    {
        public InlineLibrary Library { get; } = library;

        public string EpilogueSuffix { get; } = epilogueSuffix;

        public string PrimalName { get; } = primalName;

        public ActivityAnalysis Activity { get; set; } = null!;
    }

    /// <summary>A named list of passes applied to the IR another stage (or the parser) produced.</summary>
    /// <param name="AnalyzesActivity">Whether the derivative transforms' activity analysis runs on this stage's result.</param>
    private sealed record Stage(string Name, string From, IReadOnlyList<Pass> Passes, bool AnalyzesActivity = false);

    /// <summary>
    /// The pass of that name among those that need nothing but the method (the simplifier's, the
    /// lowering's, loop fusion, bounds checks), for per-pass tests: it is the very pass the stages run.
    /// </summary>
    internal static System.Func<IrMethod, IrMethod> PassNamed(string name)
    {
        IEnumerable<Pass> Leaves(Pass pass) => pass switch
        {
            Sequence sequence => sequence.Passes.SelectMany(Leaves),
            Fixpoint fixpoint => fixpoint.Passes.SelectMany(Leaves),
            _ => [pass],
        };
        var all = new[] { Simplify, Lower(""), MarkIndependentLoops, FuseLoops, FoldConstantBranches, InsertBoundsChecks }.SelectMany(Leaves);
        return all.FirstOrDefault(pass => pass.Name == name)?.Apply ?? throw new System.ArgumentException("No pass is named " + name, nameof(name));
    }

    /// <summary>A named step from IR to IR.</summary>
    private record Pass(string Name, System.Func<IrMethod, IrMethod> Apply)
    {
        /// <summary>Applied to its own result, it changes nothing.</summary>
        public bool Idempotent { get; init; }

        public static Pass OnBody(string name, System.Func<IrBlock, IrBlock> apply)
            => new(name, method => method with { Body = apply(method.Body) });

        /// <summary>A pass that must keep what the method hands back: ref/out parameters, and matrix parameters (adjoint partners) whose elements it adds into.</summary>
        public static Pass OnOutputs(string name, System.Func<IrBlock, HashSet<IrVariable>, IrBlock> apply)
            => new(name, method => method with { Body = apply(method.Body, Simplifier.Outputs(method)) });

        public static Pass OnParameters(string name, System.Func<IrBlock, HashSet<IrVariable>, IrBlock> apply)
            => new(name, method => method with { Body = apply(method.Body, [.. method.Parameters.Select(parameter => parameter.Variable)]) });
    }

    /// <summary><see cref="Inner"/>, run only when the pass before it in its list changed the method.</summary>
    private sealed record IfChanged(Pass Inner) : Pass(Inner.Name, method => method);

    /// <summary>Passes in order.</summary>
    private sealed record Sequence(string Name, IReadOnlyList<Pass> Passes) : Pass(Name, method => method);

    /// <summary>Passes repeated in order until a round changes nothing (at most <see cref="MaximumRounds"/> rounds).</summary>
    private sealed record Fixpoint(string Name, IReadOnlyList<Pass> Passes) : Pass(Name, method => method)
    {
        public const int MaximumRounds = 32;
    }

    /// <summary>
    /// Runs passes on one method. A pass that leaves the method as it was hands back the very method it was given, so
    /// whether anything changed since a pass last ran is a reference comparison.
    /// </summary>
    private sealed class Runner(CancellationToken cancellationToken)
    {
        /// <summary>What each idempotent pass last produced: running it on that again would change nothing.</summary>
        private readonly Dictionary<Pass, IrMethod> idempotentResults = [];

        public IrMethod Stage(string stage, IrMethod method, IReadOnlyList<Pass> passes) => RunAll(stage, passes, method);

        private IrMethod RunAll(string path, IReadOnlyList<Pass> passes, IrMethod method)
        {
            var changed = true;
            foreach (var pass in passes)
            {
                if (pass is IfChanged conditional && !changed)
                    continue;
                var next = Run(path, pass is IfChanged { Inner: var inner } ? inner : pass, method, out _);
                changed = !ReferenceEquals(next, method);
                method = next;
            }
            return method;
        }

        /// <param name="settled">Whether every pass of a fixpoint last ran on the result and left it as it was.</param>
        private IrMethod Run(string path, Pass pass, IrMethod method, out bool settled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            path = path + "/" + pass.Name;
            settled = false;
            switch (pass)
            {
                case Sequence sequence:
                    return RunAll(path, sequence.Passes, method);
                case Fixpoint fixpoint:
                    return RunToFixpoint(path, fixpoint.Passes, method, out settled);
                default:
                    if (pass.Idempotent && idempotentResults.TryGetValue(pass, out var produced) && ReferenceEquals(produced, method))
                        return method;
                    var result = pass.Apply(method);
                    if (Observer is { } observe)
                        result = observe(path, result);
                    if (Verify)
                        IrVerifier.Check(result, path);
                    if (!ReferenceEquals(result, method) && SameMethod(result, method))
                        result = method;
                    if (pass.Idempotent)
                        idempotentResults[pass] = result;
                    return result;
            }
        }

        /// <summary>
        /// Runs the passes in turn until each has run on the method as it now is and left it so (at most
        /// <see cref="Fixpoint.MaximumRounds"/> rounds). A pass is skipped while the method is the one it last left
        /// unchanged; a nested fixpoint that settled has run all its passes on its result.
        /// </summary>
        private IrMethod RunToFixpoint(string path, IReadOnlyList<Pass> passes, IrMethod method, out bool settled)
        {
            var leftAsItWas = new IrMethod?[passes.Count];
            for (var step = 0; step < Fixpoint.MaximumRounds * passes.Count; step++)
            {
                if (leftAsItWas.All(confirmed => ReferenceEquals(confirmed, method)))
                {
                    settled = true;
                    return method;
                }
                var index = step % passes.Count;
                if (ReferenceEquals(leftAsItWas[index], method))
                    continue;
                var next = Run(path, passes[index], method, out var innerSettled);
                if (ReferenceEquals(next, method) || innerSettled)
                    leftAsItWas[index] = next;
                method = next;
            }
            settled = leftAsItWas.All(confirmed => ReferenceEquals(confirmed, method));
            return method;
        }

        /// <summary>Equal in all but <see cref="IrMethod.NextVariableId"/>: IDs a pass took and did not use change nothing.</summary>
        private static bool SameMethod(IrMethod result, IrMethod method)
            => result.Name == method.Name && result.ReturnType.Equals(method.ReturnType) && result.Parameters.Equals(method.Parameters) && result.Body.Equals(method.Body);
    }
}
