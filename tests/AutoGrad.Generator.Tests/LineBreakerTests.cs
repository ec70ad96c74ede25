using System.Linq;
using AutoGrad.Generator.Emit;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>How a generated statement longer than the line limit continues on the next lines.</summary>
public sealed class LineBreakerTests
{
    [Theory]
    [InlineData("resultDot = (a > b ? aDot : 0.0) + (b > a ? bDot : 0.0) - ((a < b ? aDot : 0.0) + (b < a ? bDot : 0.0));", 60)]
    [InlineData("var epilogue = new Epilogue { Bias = bias, Add = add, Multiply = multiply, Columns = matMul.Cols };", 50)]
    [InlineData("throw new System.ArgumentException(\"'xDot' must have the same length as 'x', or a, b, c + d.\", \"xDot\");", 96)]
    public void Pieces_rejoin_to_the_same_statement_and_fit_where_a_break_allows(string line, int width)
    {
        var pieces = LineBreaker.Break(line, width, continuationIndent: 4);

        Assert.True(pieces.Count > 1);
        Assert.Equal(line, string.Join(" ", pieces));
        Assert.All(pieces.Skip(1), piece => Assert.False(piece.StartsWith(' ')));
    }

    [Fact]
    public void No_break_falls_inside_a_string_literal()
    {
        const string line = "Fail(\"a, b + c ? d : e, f, g, h, i, j, k, l, m, n\", x + y, z);";

        var pieces = LineBreaker.Break(line, 20, continuationIndent: 4);

        Assert.All(pieces, piece => Assert.Equal(0, piece.Count(c => c == '"') % 2));
    }

    [Fact]
    public void Breaks_at_the_shallowest_comma_before_a_deeper_operator()
    {
        var pieces = LineBreaker.Break("F(alpha * beta, gamma * delta + epsilon * zeta, eta)", 40, continuationIndent: 4);

        Assert.Equal(["F(alpha * beta,", "gamma * delta + epsilon * zeta, eta)"], pieces);
    }

    [Fact]
    public void A_short_line_stays_whole() => Assert.Equal(["x = a + b;"], LineBreaker.Break("x = a + b;", 160, continuationIndent: 4));
}
