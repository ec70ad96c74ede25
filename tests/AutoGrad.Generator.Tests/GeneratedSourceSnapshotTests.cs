using AutoGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// The generated source of representative methods, reviewed like code. Each run must also
/// compile without errors and produce no diagnostics.
/// </summary>
public sealed class GeneratedSourceSnapshotTests
{
    private static void VerifyGenerated(string name, string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertOutputCompiles();
        Snapshot.VerifyGenerated(run, name);
    }

    [Fact]
    public void Notebook_partials() => VerifyGenerated("NotebookPartials", """
        using System;
        using AutoGrad;

        namespace Notebook;

        public static partial class Basics
        {
            // z = x·y⁵: ∂z/∂x = y⁵, ∂z/∂y = 5xy⁴.
            [Differentiable]
            public static double Z(double x, double y) => x * Math.Pow(y, 5);

            // loss = (w·x − y)², differentiated in w only.
            [Differentiable]
            public static double Loss(double w, [NoDiff] double x, [NoDiff] double y)
            {
                var error = w * x - y;
                return error * error;
            }

            [Differentiable]
            public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 2 * (y - x * x) * (y - x * x);

            [Differentiable]
            public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        }
        """);

    [Fact]
    public void Branches_and_early_returns() => VerifyGenerated("BranchesAndEarlyReturns", """
        using System;
        using AutoGrad;

        namespace Control;

        public static partial class Branches
        {
            [Differentiable]
            public static double Piecewise(double x, double y)
            {
                if (x < -1)
                    return -x * y;
                double s = x;
                if (y > 0 && x != 0)
                    s = s * y;
                else if (y < -2)
                    s = Math.Sin(s);
                else
                    s += 1;
                return s * s;
            }

            [Differentiable]
            public static double Ternary(double x, double y) => x > y ? Math.Exp(x - y) : y > 0 ? x * y : 0.5;
        }
        """);

    [Fact]
    public void Returns_inside_loops() => VerifyGenerated("ReturnsInsideLoops", """
        using System;
        using AutoGrad;

        namespace Control;

        public static partial class Searches
        {
            // A return under an if in a counted loop, and one after it: the loop becomes a general
            // loop (a returned flag it carries and tests), so the adjoint counts the iterations made.
            [Differentiable]
            public static double FirstAbove(ReadOnlySpan<double> x, double t)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] * x[i] > t)
                        return x[i] * t;
                }
                return t;
            }

            // The value returned is computed in the loop; the carried product is kept per iteration.
            [Differentiable]
            public static double PowerUntil(double x)
            {
                double r = 1;
                for (int i = 0; i < 10; i++)
                {
                    r = r * x;
                    if (r > 100)
                        return r;
                }
                return r;
            }
        }
        """);

    [Fact]
    public void Constant_tables() => VerifyGenerated("ConstantTables", """
        using System;
        using AutoGrad;

        namespace Tables;

        public static class Data
        {
            public static readonly double[] Cubic = { 1.0, -2.0, 0.5, 3.0 };
        }

        public static partial class Polynomials
        {
            private static readonly double[] weights = { 0.5, 1.5, -1.0, 2.0 };

            [Differentiable]
            public static double Poly(ReadOnlySpan<double> c, double x)
            {
                double r = 0;
                for (int i = c.Length - 1; i >= 0; i--)
                    r = r * x + c[i];
                return r;
            }

            // The tables are constants: bound to span locals, with zero tangents and discarded adjoints.
            [Differentiable]
            public static double OfTables(double x) => Poly(weights, x) + Poly(Data.Cubic, x * x);

            [Differentiable]
            public static double WeightedSines(double x)
            {
                double s = 0;
                for (int i = 0; i < weights.Length; i++)
                    s += weights[i] * Math.Sin(x * (i + 1));
                return s;
            }
        }
        """);

    [Fact]
    public void Calls_between_differentiable_methods() => VerifyGenerated("CallsBetweenDifferentiableMethods", """
        using System;
        using AutoGrad;

        namespace Calls
        {
            public static partial class Inner
            {
                [Differentiable]
                public static double Scaled(double x, [NoDiff] double scale, double offset) => scale * Math.Tanh(x) + offset;
            }

            public static partial class Outer
            {
                [Differentiable]
                public static double Twice(double a, double b) => Inner.Scaled(a, 3.0, b) + Square(b);

                [Differentiable]
                public static double Square(double v) => v * v;
            }
        }
        """);

    [Fact]
    public void Float_methods() => VerifyGenerated("FloatMethods", """
        using System;
        using AutoGrad;

        public static partial class Single
        {
            [Differentiable]
            public static float Softplus(float x) => MathF.Log(1 + MathF.Exp(x));

            [Differentiable]
            internal static float Mixed(float x, double y) => (float)(Math.Sin(x) * y) + 0.1f * x;
        }
        """);

    [Fact]
    public void Intrinsics_with_PyTorch_edge_conventions() => VerifyGenerated("IntrinsicsWithPyTorchEdgeConventions", """
        using System;
        using AutoGrad;

        namespace Edges;

        public static partial class Functions
        {
            [Differentiable]
            public static double MaxMin(double a, double b) => Math.Max(a, b) - Math.Min(a, b);

            [Differentiable]
            public static double AbsClamp(double x, double lo, double hi) => Math.Abs(x) + Math.Clamp(x, lo, hi);

            [Differentiable]
            public static double PowAndLogs(double x, double p) => Math.Pow(x, p) + Math.Log(x, p) + Math.Atan2(x, p);
        }
        """);

    [Fact]
    public void Inverse_hyperbolic_and_generic_math_functions() => VerifyGenerated("InverseHyperbolicAndGenericMath", """
        using System;
        using AutoGrad;

        namespace Edges;

        public static partial class MoreFunctions
        {
            [Differentiable]
            public static double Hyperbolic(double x) => Math.Asinh(x) + Math.Atanh(x / (1 + x * x)) + Math.Acosh(1 + x * x);

            [Differentiable]
            public static float GenericMath(float x, float y)
                => float.ExpM1(x) * float.LogP1(y * y) + float.Hypot(x, y) + float.Exp2(x) - float.Exp10(-y) + MathF.CopySign(x, y);
        }
        """);

    [Fact]
    public void Foreach_over_spans() => VerifyGenerated("ForeachOverSpans", """
        using System;
        using AutoGrad;

        namespace Loops;

        public static partial class Walks
        {
            [Differentiable]
            public static double WeightedSines(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> w)
            {
                double s = 0;
                int i = 0;
                foreach (var v in x)
                {
                    if (v < -10)
                        continue;
                    s += w[i] * Math.Sin(v);
                    i++;
                }
                return s;
            }

            [Differentiable]
            public static float RunningProduct(ReadOnlySpan<float> x)
            {
                float p = 1;
                foreach (float v in x)
                    p *= 1 + 0.5f * MathF.Tanh(v);
                return p;
            }

            [Differentiable]
            public static double SumUntil(ReadOnlySpan<double> x, [NoDiff] double bound)
            {
                double s = 0;
                foreach (var v in x)
                {
                    s += v * v;
                    if (s > bound)
                        break;
                }
                return s;
            }
        }
        """);

    [Fact]
    public void Array_parameters() => VerifyGenerated("ArrayParameters", """
        using System;
        using AutoGrad;

        namespace Arrays;

        public static partial class Fits
        {
            [Differentiable]
            public static double Loss(double[] w, [NoDiff] double[] x, [NoDiff] double[] y)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    double r = w[0] * x[i] + w[1] - y[i];
                    s += r * r;
                }
                return s / x.Length;
            }

            [Differentiable]
            public static void Predict(double[] w, [NoDiff] double[] x, double[] yHat)
            {
                for (int i = 0; i < x.Length; i++)
                    yHat[i] = Math.Tanh(w[0] * x[i] + w[1]);
            }

            [Differentiable]
            public static double Tail(double[] w, [NoDiff] double[] x) => Loss(w, x, x) + Sum(w.AsSpan(1));

            [Differentiable]
            public static double Sum(ReadOnlySpan<double> v)
            {
                double s = 0;
                foreach (var e in v)
                    s += e;
                return s;
            }
        }
        """);

    [Fact]
    public void Switches_on_enums() => VerifyGenerated("SwitchesOnEnums", """
        using System;
        using AutoGrad;

        namespace Layers;

        public enum Activation { Identity, Relu, Tanh, Softplus }

        public static partial class Dense
        {
            [Differentiable]
            public static double Activate(double x, Activation activation)
            {
                switch (activation)
                {
                    case Activation.Identity:
                        return x;
                    case Activation.Relu:
                        return x > 0 ? x : 0;
                    case Activation.Tanh:
                        return Math.Tanh(x);
                    default:
                        return Math.Log(1 + Math.Exp(x));
                }
            }

            [Differentiable]
            public static double Neuron(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Activation activation)
            {
                double z = 0;
                for (int i = 0; i < w.Length; i++)
                    z += w[i] * x[i];
                return Activate(z, activation) + Activate(w[0], Activation.Tanh);
            }
        }
        """);

    [Fact]
    public void Switch_statements() => VerifyGenerated("SwitchStatements", """
        using System;
        using AutoGrad;

        namespace Branches;

        public static partial class Sections
        {
            [Differentiable]
            public static double Activation(double x, int kind)
            {
                double y;
                switch (kind)
                {
                    case 0:
                        y = Math.Max(x, 0);
                        break;
                    case 1:
                    case 2:
                        y = Math.Tanh(x);
                        break;
                    default:
                        y = x / (1 + Math.Exp(-x));
                        break;
                }
                return y * y;
            }

            [Differentiable]
            public static double Huber(double r, [NoDiff] double delta)
            {
                switch (Math.Abs(r))
                {
                    case var a when a <= delta:
                        return 0.5 * r * r;
                    default:
                        return delta * (Math.Abs(r) - 0.5 * delta);
                }
            }
        }
        """);

    [Fact]
    public void Argument_guards() => VerifyGenerated("ArgumentGuards", """
        using System;
        using AutoGrad;

        namespace Guards;

        public static partial class Checked
        {
            [Differentiable]
            public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int power)
            {
                if (a.Length != b.Length)
                    throw new ArgumentException("a and b must have the same length.", nameof(b));
                if (power < 1) throw new ArgumentOutOfRangeException(nameof(power), power, "power must be at least 1.");
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                    s += Math.Pow(a[i] * b[i], power);
                return s;
            }

            [Differentiable]
            public static double Scale(double r, int kind)
            {
                switch (kind)
                {
                    case 0:
                        return r;
                    case 1:
                    case 2:
                        return 2 * r * r;
                    default:
                        throw new NotSupportedException("only kinds 0, 1 and 2");
                }
            }
        }
        """);

    [Fact]
    public void Local_functions() => VerifyGenerated("LocalFunctions", """
        using System;
        using AutoGrad;

        namespace Helpers;

        public static partial class Inlined
        {
            [Differentiable]
            public static double CrossEntropy(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y)
            {
                static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
                double loss = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    double p = Sigmoid(w[0] * x[i] + w[1]);
                    loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
                }
                return loss / x.Length;
            }
        }
        """);

    [Fact]
    public void Scratch_buffers() => VerifyGenerated("ScratchBuffers", """
        using System;
        using AutoGrad;

        namespace Buffers;

        public static partial class Smoothing
        {
            [Differentiable]
            public static double Smoothed(ReadOnlySpan<double> x)
            {
                Span<double> t = stackalloc double[x.Length];
                t[0] = x[0];
                for (int i = 1; i < x.Length; i++)
                    t[i] = 0.5 * t[i - 1] + x[i];
                double s = 0;
                for (int i = 0; i < t.Length; i++)
                    s += t[i] * t[i];
                return s;
            }

            [Differentiable]
            public static double PerRound(double[] x, int rounds)
            {
                double s = 0;
                for (int round = 0; round < rounds; round++)
                {
                    var t = new double[x.Length];
                    for (int i = 1; i < x.Length; i++)
                        t[i] = x[i] * round + Math.Sin(x[i - 1]);
                    s += t[round % x.Length];
                }
                return s;
            }

            [Differentiable]
            public static double RowEnergies(ReadOnlySpan<double> x, int rows)
            {
                int n = x.Length / rows;
                Span<double> row = stackalloc double[n];
                double s = 0;
                for (int r = 0; r < rows; r++)
                {
                    for (int j = 0; j < n; j++)
                        row[j] = x[r * n + j] * x[r * n + j];
                    s += Energy(row);
                }
                return s;
            }

            [Differentiable]
            public static double Energy(ReadOnlySpan<double> v)
            {
                double e = 0;
                for (int j = 0; j < v.Length; j++)
                    e += v[j] * Math.Tanh(v[j]);
                return e;
            }
        }
        """);

    [Fact]
    public void Do_while_loops() => VerifyGenerated("DoWhileLoops", """
        using System;
        using AutoGrad;

        namespace Loops;

        public static partial class Repeats
        {
            [Differentiable]
            public static double Halve(double x)
            {
                do
                    x /= 2;
                while (x > 1);
                return x;
            }

            [Differentiable]
            public static double Series(double x, int n)
            {
                double s = 0;
                double term = 1;
                int k = 0;
                do
                {
                    k++;
                    term *= x / k;
                    if (k % 3 == 0)
                        continue;
                    s += Math.Sin(term);
                }
                while (k < n);
                return s;
            }
        }
        """);

    [Fact]
    public void Switch_expressions() => VerifyGenerated("SwitchExpressions", """
        using System;
        using AutoGrad;

        namespace Control;

        public static partial class Switches
        {
            [Differentiable]
            public static double Huber(double r) => r switch
            {
                < -1 => -r - 0.5,
                > 1 => r - 0.5,
                _ => 0.5 * r * r,
            };

            [Differentiable]
            public static double Pick(double x, int kind) => kind switch
            {
                0 => x * x,
                1 or 2 => Math.Tanh(x) * kind,
                _ => Math.Sqrt(x * x + 1),
            };
        }
        """);

    [Fact]
    public void Containing_types_and_constants() => VerifyGenerated("ContainingTypesAndConstants", """
        using System;
        using AutoGrad;

        namespace Shapes.Nested;

        public partial class Outer<T>
        {
            internal partial record struct Inner
            {
                private const double Half = 0.5;
                private static readonly double Scale = 3.0;

                [Differentiable]
                private static double Weighted(double x, int n, long m, bool flip)
                {
                    double w = Half * n + m;
                    w *= flip ? -Scale : Scale;
                    w -= Math.Floor(x);
                    return w * x / (double)n;
                }
            }
        }
        """);

    [Fact]
    public void Loops_over_spans() => VerifyGenerated("LoopsOverSpans", """
        using System;
        using AutoGrad;

        namespace Losses;

        public static partial class Spans
        {
            // An accumulation keeps nothing: the reverse loop recomputes d from pred and y.
            [Differentiable]
            public static double Mse(ReadOnlySpan<double> pred, [NoDiff] ReadOnlySpan<double> y)
            {
                double s = 0;
                for (int i = 0; i < pred.Length; i++)
                {
                    double d = pred[i] - y[i];
                    s += d * d;
                }
                return s / pred.Length;
            }

            // A product needs the running value at each step: it is kept, per iteration.
            [Differentiable]
            public static double Product(ReadOnlySpan<double> x)
            {
                double p = 1;
                for (int i = 0; i < x.Length; i++)
                    p *= x[i];
                return p;
            }

            // A running maximum, then a sum of exponentials: both loops and the reverse accumulation into the max's adjoint are vectorized.
            [Differentiable]
            public static double LogSumExp(ReadOnlySpan<double> x)
            {
                double m = x[0];
                for (int i = 1; i < x.Length; i++)
                    m = Math.Max(m, x[i]);
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Exp(x[i] - m);
                return m + Math.Log(s);
            }

            // Output written once per element: the adjoint reads outputBar directly; the inner loop walks back without counting.
            [Differentiable]
            public static void Predict(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, Span<double> output)
            {
                int n = x.Length;
                for (int r = 0; r < output.Length; r++)
                {
                    double acc = 0;
                    for (int c = 0; c < n; c++)
                        acc += w[r * n + c] * x[c];
                    output[r] = acc;
                }
            }
        }
        """);

    [Fact]
    public void Fused_multiply_adds_in_vector_loops() => VerifyGenerated("FusedMultiplyAddsInVectorLoops", """
        using System;
        using AutoGrad;

        namespace Kernels;

        public static partial class Blas
        {
            // The tangent sum and the adjoint's aBar += resultBar · x[i] fuse into their accumulators; the primal sum does not.
            [Differentiable]
            public static double ScaledSum(double a, [NoDiff] ReadOnlySpan<double> x)
            {
                double sum = 0;
                for (int i = 0; i < x.Length; i++)
                    sum += a * x[i];
                return sum;
            }

            // outputDot[i] = aDot · x[i] + yDot[i] fuses; output[i] = a · x[i] + y[i] stays as written.
            [Differentiable]
            public static void Axpy(float a, [NoDiff] ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> output)
            {
                for (int i = 0; i < output.Length; i++)
                    output[i] = a * x[i] + y[i];
            }
        }
        """);

    [Fact]
    public void Matrix_expressions() => VerifyGenerated("MatrixExpressions", """
        using AutoGrad;
        using static AutoGrad.Ops;

        namespace Solver;

        public static partial class ExpLink
        {
            // The abundance solver's loss: the adjoint adds Cᵀ·Ḡ and −Dᵀ·Ḡ into ABar and BBar through transposed GEMMs.
            [Differentiable]
            public static double Loss(Matrix<double> A, Matrix<double> B,
                [NoDiff] Matrix<double> C, [NoDiff] Matrix<double> D, [NoDiff] Matrix<double> E, [NoDiff] Matrix<double> F)
                => SumOfSquares(MatMul(E, Exp(MatMul(C, A) + 1 - MatMul(D, B))) - F);

            // A matrix result: the forward sets out resultDot, the adjoint takes resultBar last; a row bias is broadcast.
            [Differentiable]
            public static Matrix<float> Layer(Matrix<float> W, Matrix<float> bias, [NoDiff] Matrix<float> x)
                => Sigmoid(MatMul(x, W) + bias);
        }
        """);

    [Fact]
    public void Data_dependent_loops() => VerifyGenerated("DataDependentLoops", """
        using System;
        using AutoGrad;

        namespace Iterations;

        public static partial class Solvers
        {
            // A while loop with a data-dependent trip count: the iterations are counted, the carried x kept.
            [Differentiable]
            public static double FixedPoint(double a)
            {
                double x = 1, delta = 1;
                int k = 0;
                while (Math.Abs(delta) > 1e-12 && k < 200)
                {
                    double next = Math.Cos(x) * a;
                    delta = next - x;
                    x = next;
                    k++;
                }
                return x;
            }

            // break and continue on data; an output read back (prefix sum) goes through a copy of its cotangent.
            [Differentiable]
            public static void PrefixUntil(ReadOnlySpan<double> x, [NoDiff] double limit, Span<double> y)
            {
                y[0] = x[0];
                for (int i = 1; i < x.Length; i++)
                {
                    if (x[i] < 0)
                        continue;
                    y[i] = y[i - 1] + x[i];
                    if (y[i] > limit)
                        break;
                }
            }
        }
        """);
}
