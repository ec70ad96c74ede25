using System;
using System.Linq;
using System.Reflection;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// Switches for the program patterns of <see cref="ProgramGenerator"/> and <see cref="MatrixProgram"/>
/// beyond the original subset: each a shape users write that the first fuzzer never did, and that hid a
/// defect. A pattern is on by default once the generator handles it; one whose fix has not landed is
/// off, named here, so that turning it on is a one-word change (or, for one run,
/// <c>AUTOGRAD_FUZZ_PATTERNS=-ConstantConditions,Overloads</c>: names to turn on, or off with a minus).
/// A seed gives the same program for the same switches.
/// </summary>
internal static class FuzzPatterns
{
    /// <summary>Scans written to an output: prefix sums and products, running maxima, EMAs, forwards and backwards, the carried value read in the loop.</summary>
    public static bool ScansToOutputs { get; } = Setting(nameof(ScansToOutputs), true);

    /// <summary>
    /// Void callees chained through the caller's output spans and their slices: <c>V0(x0, h0); V1(h0, o0);</c>.
    /// Once failed the dot-product test (Regressions/seed-2-3.cs, seed-200030.cs): dead-code elimination removed
    /// the second call's adjoint, whose arguments were all generated buffers (the spans' cotangent copies).
    /// And 1 of 400 from seed 200001 (Regressions/seed-200135.cs): a callee that may return before writing its
    /// output, over a span its caller had written — Forward lost that span's tangent. Such a call is now refused
    /// (AG0007), and the program generator does not write it (a helper with a return, break or continue counts as
    /// adding into its output). Seeds 1..300 and 200001..200300 since: no failures.
    /// </summary>
    public static bool ChainedVoidCalls { get; } = Setting(nameof(ChainedVoidCalls), true);

    /// <summary>Parameters, locals, loop counters and callees named like the generator's temporaries (<c>sin</c>, <c>sq</c>, <c>value</c>, <c>xBar</c>, …).</summary>
    public static bool GeneratorLikeNames { get; } = Setting(nameof(GeneratorLikeNames), true);

    /// <summary>Helpers in a second class called qualified (<c>P1Helpers.H0(x)</c>), calls qualified with the own class (<c>P1.H0(x)</c>), and <c>using static</c>.</summary>
    public static bool QualifiedCalls { get; } = Setting(nameof(QualifiedCalls), true);

    /// <summary>Overloads of a helper by arity, and by element type (a <c>float</c> twin of a <c>double</c> helper and the reverse).</summary>
    public static bool Overloads { get; } = Setting(nameof(Overloads), true);

    /// <summary><c>return</c> inside <c>for</c> and <c>while</c> loops.</summary>
    public static bool ReturnInLoops { get; } = Setting(nameof(ReturnInLoops), true);

    /// <summary>Matrix programs: an active scalar parameter on either side of every matrix operator.</summary>
    public static bool MatrixScalarOperands { get; } = Setting(nameof(MatrixScalarOperands), true);

    /// <summary>
    /// Conditions C# does not see as constant but the generator folds (<c>2f &gt; 0.25f ? a : b</c>): the simplifier
    /// must take the live arm, or the compiler warns CS0162 (unreachable code) in generated code.
    /// </summary>
    public static bool ConstantConditions { get; } = Setting(nameof(ConstantConditions), true);

    /// <summary>
    /// <c>Max</c>, <c>Min</c> and <c>Clamp</c> of the same variable twice (<c>Math.Min(v, v)</c>): their
    /// derivative rules compare the arguments, and <c>v &lt; v</c> must be folded, or the compiler warns CS1718 in generated code.
    /// </summary>
    public static bool IdenticalComparedArguments { get; } = Setting(nameof(IdenticalComparedArguments), true);

    /// <summary>
    /// A loop writing an output that branches on what it wrote: <c>if (o[i] &gt; c) o[i] = …</c>, <c>o[i] = o[i] &gt; c ? … : o[i]</c>,
    /// a bool local from <c>o[i]</c> read by a later branch, a running maximum in <c>o[0]</c>. Found by Clad's and
    /// Enzyme's tests (clip, manymax, insertsort): the adjoint recomputed such a condition from the output's final
    /// contents, a wrong gradient; the condition is now kept per iteration.
    /// </summary>
    public static bool OutputBranches { get; } = Setting(nameof(OutputBranches), true);

    /// <summary>
    /// A running maximum or minimum of a helper's values over a loop, kept by <c>if (b &lt; v) b = v;</c>, a conditional or
    /// <c>Max</c>: the helper's adjoint runs only in the iterations that replaced the best (issue 17), which must
    /// still give every replacement's contribution and none of the others'.
    /// </summary>
    public static bool SelectedCalls { get; } = Setting(nameof(SelectedCalls), true);

    /// <summary>
    /// <c>Math.Asinh</c>/<c>Acosh</c>/<c>Atanh</c>/<c>CopySign</c> and the generic-math functions <c>ExpM1</c>, <c>LogP1</c>,
    /// <c>Hypot</c>, <c>Exp2</c>, <c>Exp10</c> called on <c>double</c>/<c>float</c> (issue 18), each inside its domain.
    /// </summary>
    public static bool GenericMathFunctions { get; } = Setting(nameof(GenericMathFunctions), true);

    /// <summary><c>foreach</c> over input and inactive spans (issue 18), nested and with <c>break</c>, <c>continue</c> and <c>return</c>.</summary>
    public static bool ForEachLoops { get; } = Setting(nameof(ForEachLoops), true);

    /// <summary><c>do { … } while (k &lt; n &amp;&amp; c);</c> in place of a third of the while loops (issue 18).</summary>
    public static bool DoWhileLoops { get; } = Setting(nameof(DoWhileLoops), true);

    /// <summary>
    /// Switch expressions with relational, <c>and</c> and discard patterns in place of a third of the conditionals (issue 18), and
    /// <c>is</c> patterns among the conditions (<c>v is &gt;= -0.5 and &lt; 1.5</c>, <c>v is not &lt; 0.5</c>, <c>n % 3 is 0 or 2</c>).
    /// </summary>
    public static bool SwitchExpressions { get; } = Setting(nameof(SwitchExpressions), true);

    /// <summary>
    /// The entry's spans declared as arrays in a third of the programs (issue 18): inputs read by index, <c>foreach</c> and ranges
    /// (copies, passed to span callees), the output written by index and, through <c>o0.AsSpan(1)</c>, by void callees.
    /// </summary>
    public static bool ArrayParameters { get; } = Setting(nameof(ArrayParameters), true);

    /// <summary>Switch statements (issue 18) in place of a quarter of the if statements: on an int with grouped labels, or on a real with relational patterns.</summary>
    public static bool SwitchStatements { get; } = Setting(nameof(SwitchStatements), true);

    /// <summary>
    /// Argument guards that never fail at the checked points (issue 18): <c>if (n0 &lt; 0) throw …</c>, an empty span, an element past
    /// 1e30 inside loops, and switch sections that only throw: kept in every generated method, through every transform.
    /// </summary>
    public static bool Guards { get; } = Setting(nameof(Guards), true);

    /// <summary>A static local function of one parameter in a third of the entries (issue 18), called like a helper, also in loops.</summary>
    public static bool LocalFunctions { get; } = Setting(nameof(LocalFunctions), true);

    /// <summary>
    /// In half the entries that chain void callees, the chain's intermediate <c>h0</c> is a scratch buffer of the entry (issue 18):
    /// <c>Span&lt;T&gt; h0 = stackalloc T[x0.Length]</c> or <c>var h0 = new T[x0.Length]</c>, written by the first call, read by the second
    /// and read back by index, instead of a parameter.
    /// </summary>
    public static bool ScratchBuffers { get; } = Setting(nameof(ScratchBuffers), true);

    /// <summary>
    /// In half the scalar helpers taking an int, an enum parameter instead (issue 18): <c>FuzzMode m0</c>, read as <c>int n0 = (int)m0;</c>,
    /// switched on with enum labels, and passed by callers as a member or as <c>(FuzzMode)k</c>.
    /// </summary>
    public static bool Enums { get; } = Setting(nameof(Enums), true);

    /// <summary>
    /// In a third of the counted loops over the spans' elements, a read-only view of the iteration's element bound at the top of the
    /// body and read there (<c>ReadOnlySpan&lt;T&gt; w0 = x0.Slice(i0, 1);</c>, gmm's <c>point = x.Slice(i * d, d)</c> in small): a
    /// view bound afresh in each iteration carries nothing, which the one-sweep adjoint of issue 17 relies on.
    /// </summary>
    public static bool LoopViews { get; } = Setting(nameof(LoopViews), true);

    /// <summary>
    /// In a third of the counted loops, a recurrence no input flows into, declared before the loop, read in the body as any value is
    /// and updated as the body's last statement (<c>r0 = r0 * 0.8 + 0.1;</c>, a sign flip, an int stride <c>q0 = (q0 + 3) % 7</c>, or
    /// <c>r0 = Math.Exp(-r0)</c>, or a branch on it halving or raising it): llsq's running power in small, which a reverse loop run forwards replays (issue 17); a <c>continue</c>
    /// before the update skips it in that iteration.
    /// </summary>
    public static bool InactiveRecurrences { get; } = Setting(nameof(InactiveRecurrences), true);

    /// <summary>The switches and their values, for a run's log.</summary>
    public static string Describe()
        => string.Join(", ", typeof(FuzzPatterns).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(bool))
            .Select(p => $"{p.Name} {((bool)p.GetValue(null)! ? "on" : "off")}"));

    private static bool Setting(string name, bool fallback)
    {
        var overrides = (Environment.GetEnvironmentVariable("AUTOGRAD_FUZZ_PATTERNS") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (overrides.Contains(name, StringComparer.Ordinal))
            return true;
        if (overrides.Contains("-" + name, StringComparer.Ordinal))
            return false;
        return fallback;
    }
}
