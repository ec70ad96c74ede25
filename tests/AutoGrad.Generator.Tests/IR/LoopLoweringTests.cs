using System.Collections.Generic;
using System.Linq;
using AutoGrad.Generator.IR;
using AutoGrad.Generator.Tests.Infrastructure;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests.IR;

/// <summary>
/// The lowering decides once, from the source, which loops are counted (<see cref="CountedLoop"/>) and which
/// stay general (<see cref="Loop"/>); no later pass rediscovers a loop from the shapes of its statements.
/// </summary>
public sealed class LoopLoweringTests
{
    /// <summary>The IR the parser makes of <c>F</c>, declared with <paramref name="parameters"/> and <paramref name="body"/>.</summary>
    private static IrMethod Lowered(string body, string parameters = "ReadOnlySpan<double> x")
    {
        var source = $$"""
            using System;
            using AutoGrad;
            public static partial class C
            {
                [Differentiable]
                public static double F({{parameters}})
                {
                    {{body}}
                }
            }
            """;
        IrMethod? lowered = null;
        Pipeline.Observer = (pass, method) =>
        {
            if (pass == "parse" && method.Name == "F")
                lowered = method;
            return method;
        };
        try
        {
            GeneratorHarness.Run(source).AssertOutputCompiles();
        }
        finally
        {
            Pipeline.Observer = null;
        }
        return lowered ?? throw new Xunit.Sdk.XunitException("F was not lowered");
    }

    private static List<IrStatement> Loops(IrMethod method) => method.Body.Flatten().Where(statement => statement is Loop or CountedLoop).ToList();

    [Fact]
    public void A_for_loop_over_a_fixed_range_is_one_counted_loop_node()
    {
        var actual = IrPrinter.Print(Lowered("double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * x[i]; return s;"));
        const string expected = """
            method F(x#0: readonly span<double>): double
              locals s#1: double, s#2: double, i#3: int, value#4: double temporary, value#5: double temporary, product#6: double temporary, s#7: double, result#8: double temporary
              s#1 = 0.0
              s#2 = s#1
              for i#3 = 0 .. < x#0.length step 1 carrying [s#2]
                value#4 = x#0[i#3]
                value#5 = x#0[i#3]
                product#6 = value#4 * value#5
                s#7 = s#2 + product#6
                s#2 = s#7
              result#8 = s#2
              return result#8
            """;
        Assert.True(expected.ReplaceLineEndings("\n") + "\n" == actual, "The lowering gave\n" + actual);
    }

    public static TheoryData<string, long, bool> CountedForms => new()
    {
        { "for (int i = x.Length - 1; i >= 0; i--) s += x[i];", -1, true },
        { "for (int i = 0; i < x.Length; i += 2) s += x[i];", 2, false },
        { "for (int i = x.Length - 1; i > 0; i -= 3) s += x[i];", -3, false },
        { "int n = x.Length; for (int i = 1; i <= n - 1; ++i) s += x[i];", 1, true },
        { "for (long i = 0; i < x.Length; i++) s += x[(int)i];", 1, false },
        { "for (int i = 0; i < Math.Min(x.Length, 4); i++) { if (x[i] < 0) continue; s += x[i]; }", 1, false },
    };

    [Theory]
    [MemberData(nameof(CountedForms))]
    public void Counted_forms_become_counted_loops(string loop, long step, bool inclusive)
    {
        var counted = Assert.IsType<CountedLoop>(Assert.Single(Loops(Lowered("double s = 0; " + loop + " return s;"))));
        Assert.Equal((step, inclusive), (counted.Step, counted.Inclusive));
        Assert.DoesNotContain(counted.Counter, counted.Carried);
    }

    public static TheoryData<string> GeneralForms => new()
    {
        // A break, a return: the loop may stop short of its range.
        "for (int i = 0; i < x.Length; i++) { if (x[i] > 1) break; s += x[i]; }",
        "for (int i = 0; i < x.Length; i++) { if (x[i] > 1) return s; s += x[i]; }",
        // The counter is changed in the body, or the bound is.
        "for (int i = 0; i < x.Length; i++) { s += x[i]; if (x[i] > 1) i++; }",
        "int n = x.Length; for (int i = 0; i < n; i++) { s += x[i]; n--; }",
        // Not a counter declared by the loop, not stepped toward the bound by a constant, not compared with a bound.
        "int i = 0; while (i < x.Length) { s += x[i]; i++; }",
        "int j = 0; for (; j < x.Length; j++) s += x[j];",
        "for (int i = 1; i < x.Length; i *= 2) s += x[i];",
        "for (int i = 0; i < x.Length && s < 10; i++) s += x[i];",
        "for (int i = 0, j = x.Length - 1; i < j; i++, j--) s += x[i] * x[j];",
        // A bound read from an element is not evaluated once by C#; the loop stays as written.
        "for (int i = 0; i < (int)x[0]; i++) s += x[i];",
    };

    [Theory]
    [MemberData(nameof(GeneralForms))]
    public void Other_loops_stay_general(string loop)
    {
        var loops = Loops(Lowered("double s = 0; " + loop + " return s;"));
        Assert.NotEmpty(loops);
        Assert.All(loops, statement => Assert.IsType<Loop>(statement));
    }

    [Fact]
    public void No_pass_after_the_lowering_turns_a_general_loop_into_a_counted_one()
    {
        // A while loop over the range keeps its while form to the end: only the lowering decides.
        var counted = new List<string>();
        Pipeline.Observer = (pass, method) =>
        {
            if (method.Name.StartsWith("F", System.StringComparison.Ordinal) && method.Body.Flatten().OfType<CountedLoop>().Any(loop => loop.Counter.Name == "i"))
                counted.Add(pass);
            return method;
        };
        try
        {
            GeneratorHarness.Run("""
                using System;
                using AutoGrad;
                public static partial class C
                {
                    [Differentiable]
                    public static double F(ReadOnlySpan<double> x) { double s = 0; int i = 0; while (i < x.Length) { s += x[i] * x[i]; i++; } return s; }
                }
                """).AssertOutputCompiles();
        }
        finally
        {
            Pipeline.Observer = null;
        }
        Assert.Empty(counted);
    }
}
