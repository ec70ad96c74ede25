using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// Every matrix operator (+ − × ÷ and unary −) with every kind of operand — two matrices, a matrix and a
/// broadcast row, a matrix and an active scalar (a parameter, Mean of a matrix, the log-sum-exp of a
/// matrix), an inactive scalar, a constant, an inactive matrix with an active scalar, in both orders — through the generator: the output compiles,
/// and the adjoint, the tangent and the Hessian-vector product agree with central finite differences.
/// </summary>
public sealed class MatrixOperatorTableTests
{
    private static readonly string[] operators = ["+", "-", "*", "/"];

    /// <summary>The operand pairs, with <c>{0}</c> the operator. b stays away from zero, so dividing by it is smooth.</summary>
    private static readonly string[] operandPairs =
    [
        "a {0} b",
        "a {0} r",
        "r {0} b",
        "a {0} s",
        "s {0} b",
        "a {0} c",
        "c {0} b",
        "a {0} 2.0",
        "2.0 {0} b",
        "a {0} Ops.Mean(b)",
        "Ops.Mean(a) {0} b",
        "a {0} Math.Log(Ops.Sum(Ops.Exp(b)))",
        "(s * s) {0} b",
        "-a {0} s",
        "s {0} -b",
        "-(a {0} s)",
        "-(s {0} b)",
        "k {0} s",
        "s {0} k",
        "k {0} c",
    ];

    /// <summary>Unary minus on its own and the reported cases, written as the user wrote them.</summary>
    private static readonly string[] extraExpressions =
    [
        "-a",
        "-a + s",
        "a - Ops.Mean(a)",
        "a - Math.Log(Ops.Sum(Ops.Exp(a)))",
        "Ops.Exp(k - s)",
        "Ops.Sum(k - s) * k",
    ];

    public static IReadOnlyList<string> Expressions { get; } =
        [.. operators.SelectMany(op => operandPairs.Select(pair => string.Format(System.Globalization.CultureInfo.InvariantCulture, pair, op))), .. extraExpressions];

    private static string Source()
    {
        var text = new StringBuilder("""
            using System;
            using AutoGrad;

            namespace Table;

            public static partial class M
            {

            """);
        for (var k = 0; k < Expressions.Count; k++)
        {
            text.AppendLine($"    // {Expressions[k]}");
            text.AppendLine($"    [Differentiable] public static double Case{k}(Matrix<double> a, Matrix<double> b, Matrix<double> r, double s, [NoDiff] double c, [NoDiff] Matrix<double> k)");
            text.AppendLine($"        => Ops.Sum(Ops.Square({Expressions[k]}) * b);");
        }
        return text.Append('}').ToString();
    }

    private static readonly Lazy<GeneratorRun> run = new(() => GeneratorHarness.Run(Source()));

    [Fact]
    public void Every_case_compiles_without_diagnostics()
    {
        Assert.Empty(run.Value.GeneratorDiagnostics);
        Assert.Equal(Expressions.Count, run.Value.GeneratedSources.Count);
        run.Value.AssertOutputCompiles();
    }

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Expressions.Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_tangent_and_Hessian_vector_product_match_finite_differences(int k)
    {
        var method = "Case" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var point = Point.At(0);
        var direction = Point.At(1);
        const double c = 0.75;
        var constant = new Matrix<double>([0.5, -1.25, 2, 0.75, -0.5, 1.5], 2, 3);

        double Value(Point p) => (double)run.Value.Invoke("Table.M", method, p.A, p.B, p.R, p.S, c, constant).Result!;
        Point Gradient(Point p)
        {
            var bar = p.Zero();
            var (_, arguments) = run.Value.Invoke("Table.M", method + "Adjoint", p.A, bar.A, p.B, bar.B, p.R, bar.R, p.S, 0.0, c, constant, 1.0);
            return bar with { S = (double)arguments[7]! };
        }

        // The adjoint against central differences, coordinate by coordinate.
        var gradient = Gradient(point);
        var h = 1e-6;
        var coordinates = point.Coordinates();
        for (var i = 0; i < coordinates; i++)
        {
            var numeric = (Value(point.Moved(i, h)) - Value(point.Moved(i, -h))) / (2 * h);
            AssertClose(numeric, gradient.Get(i), $"{Expressions[k]}: ∂/∂{point.Describe(i)}");
        }

        // The tangent along a direction: the gradient's dot product with it.
        var (_, forward) = run.Value.Invoke("Table.M", method + "Forward", point.A, direction.A, point.B, direction.B, point.R, direction.R, point.S, direction.S, c, constant, null);
        AssertClose(gradient.Dot(direction), (double)forward[10]!, $"{Expressions[k]}: tangent");

        // The Hessian-vector product: the gradient's central difference along the direction.
        var bars = point.Zero();
        var barDots = point.Zero();
        var (_, product) = run.Value.Invoke("Table.M", method + "HessianVector",
            point.A, direction.A, bars.A, barDots.A, point.B, direction.B, bars.B, barDots.B, point.R, direction.R, bars.R, barDots.R,
            point.S, direction.S, 0.0, 0.0, c, constant, 1.0, 0.0);
        barDots = barDots with { S = (double)product[15]! };
        var ahead = Gradient(point.Plus(direction, 1e-5));
        var behind = Gradient(point.Plus(direction, -1e-5));
        for (var i = 0; i < coordinates; i++)
            AssertClose((ahead.Get(i) - behind.Get(i)) / 2e-5, barDots.Get(i), $"{Expressions[k]}: Hessian-vector product, {point.Describe(i)}");
    }

    private static void AssertClose(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-5 * (1 + Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    /// <summary>A point of the cases' domain: a, b (2×3), r (1×3, broadcast over rows) and the scalar s.</summary>
    private sealed record Point(Matrix<double> A, Matrix<double> B, Matrix<double> R, double S)
    {
        public static Point At(int seed)
        {
            var random = new Random(17 + seed);
            double Next(double low, double high) => low + (high - low) * random.NextDouble();
            Matrix<double> Of(int rows, double low, double high)
                => new([.. Enumerable.Range(0, rows * 3).Select(_ => Next(low, high))], rows, 3);
            // b and r stay away from 0, so that dividing by them is smooth; a and s have either sign.
            return seed == 0
                ? new(Of(2, -1, 1), Of(2, 0.5, 1.5), Of(1, 0.5, 1.5), Next(0.4, 0.9))
                : new(Of(2, -1, 1), Of(2, -1, 1), Of(1, -1, 1), Next(-1, 1));
        }

        public Point Zero() => new(new Matrix<double>(2, 3), new Matrix<double>(2, 3), new Matrix<double>(1, 3), 0);

        public int Coordinates() => 6 + 6 + 3 + 1;

        private (double[]? Array, int Index) Locate(int i)
            => i < 6 ? (A.Array, i) : i < 12 ? (B.Array, i - 6) : i < 15 ? (R.Array, i - 12) : (null, 0);

        public double Get(int i) => Locate(i) is ({ } array, var index) ? array[index] : S;

        public string Describe(int i) => i < 6 ? $"a[{i}]" : i < 12 ? $"b[{i - 6}]" : i < 15 ? $"r[{i - 12}]" : "s";

        public Point Moved(int i, double step) => Plus(Unit(i), step);

        private static Point Unit(int i)
        {
            var unit = new Point(new Matrix<double>(2, 3), new Matrix<double>(2, 3), new Matrix<double>(1, 3), 0);
            if (unit.Locate(i) is ({ } array, var index))
                array[index] = 1;
            else
                unit = unit with { S = 1 };
            return unit;
        }

        public Point Plus(Point other, double scale)
        {
            Matrix<double> Add(Matrix<double> x, Matrix<double> y, int rows)
                => new([.. x.Array.Zip(y.Array, (u, v) => u + scale * v)], rows, 3);
            return new(Add(A, other.A, 2), Add(B, other.B, 2), Add(R, other.R, 1), S + scale * other.S);
        }

        public double Dot(Point other)
            => Enumerable.Range(0, Coordinates()).Sum(i => Get(i) * other.Get(i));
    }
}
