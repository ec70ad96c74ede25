using System;
using System.Linq;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.ScratchFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Scratch buffers (issue 18): <c>stackalloc</c> and <c>new T[n]</c> locals, active, in both modes and Hessian-vector
/// products against central differences of the methods as written; their derivative storage is pooled (0 B per call).
/// </summary>
public class ScratchBufferTests
{
    private static readonly double[] Point = [0.4, -1.3, 2.2, 0.15, -0.6, 1.7];
    private static readonly double[] Direction = [0.3, -0.7, 1.1, 0.5, -0.2, 0.8];
    private const int Rounds = 4;

    public static TheoryData<string> ScalarNames => new("Smoothed", "SoftmaxWeighted", "PerIteration", "Padded", "Binned", "MixtureLike", "MixtureHoisted", "ReadThenOverwritten", "TableReadDeep");

    /// <summary>Three points in two dimensions for <see cref="F.MixtureLike"/> (the six coordinates of <see cref="Point"/> are three means).</summary>
    private static readonly double[] Points = [0.5, -0.2, 1.1, 0.9, -0.7, 0.3];

    private static ArrayLoss Methods(string name) => name switch
    {
        "Smoothed" => new(x => F.Smoothed(x), (double[] x, ReadOnlySpan<double> d, out double r) => F.SmoothedForward(x, d, out r),
            (x, b, s) => F.SmoothedAdjoint(x, b, s), (x, d, b, bd, s, sd) => F.SmoothedHessianVector(x, d, b, bd, s, sd)),
        "SoftmaxWeighted" => new(F.SoftmaxWeighted, F.SoftmaxWeightedForward, F.SoftmaxWeightedAdjoint, F.SoftmaxWeightedHessianVector),
        "Binned" => new(F.Binned, F.BinnedForward, F.BinnedAdjoint, F.BinnedHessianVector),
        "MixtureLike" => new(x => F.MixtureLike(x, Points, 2), (double[] x, ReadOnlySpan<double> d, out double r) => F.MixtureLikeForward(x, d, Points, 2, out r),
            (x, b, s) => F.MixtureLikeAdjoint(x, b, Points, 2, s), (x, d, b, bd, s, sd) => F.MixtureLikeHessianVector(x, d, b, bd, Points, 2, s, sd)),
        "MixtureHoisted" => new(x => F.MixtureHoisted(x, Points, 2), (double[] x, ReadOnlySpan<double> d, out double r) => F.MixtureHoistedForward(x, d, Points, 2, out r),
            (x, b, s) => F.MixtureHoistedAdjoint(x, b, Points, 2, s), (x, d, b, bd, s, sd) => F.MixtureHoistedHessianVector(x, d, b, bd, Points, 2, s, sd)),
        "TableReadDeep" => new(x => F.TableReadDeep(x, 3), (double[] x, ReadOnlySpan<double> d, out double r) => F.TableReadDeepForward(x, d, 3, out r),
            (x, b, s) => F.TableReadDeepAdjoint(x, b, 3, s), (x, d, b, bd, s, sd) => F.TableReadDeepHessianVector(x, d, b, bd, 3, s, sd)),
        "ReadThenOverwritten" => new(x => F.ReadThenOverwritten(x), (double[] x, ReadOnlySpan<double> d, out double r) => F.ReadThenOverwrittenForward(x, d, out r),
            (x, b, s) => F.ReadThenOverwrittenAdjoint(x, b, s), (x, d, b, bd, s, sd) => F.ReadThenOverwrittenHessianVector(x, d, b, bd, s, sd)),
        "PerIteration" => new(x => F.PerIteration(x, Rounds), (double[] x, ReadOnlySpan<double> d, out double r) => F.PerIterationForward(x, d, Rounds, out r),
            (x, b, s) => F.PerIterationAdjoint(x, b, Rounds, s), (x, d, b, bd, s, sd) => F.PerIterationHessianVector(x, d, b, bd, Rounds, s, sd)),
        _ => new(x => F.Padded(x), (double[] x, ReadOnlySpan<double> d, out double r) => F.PaddedForward(x, d, out r),
            (x, b, s) => F.PaddedAdjoint(x, b, s), (x, d, b, bd, s, sd) => F.PaddedHessianVector(x, d, b, bd, s, sd)),
    };

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Gradient_matches_finite_differences(string name) => Methods(name).GradientMatchesFiniteDifferences(Point, name);

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Forward_mode_is_the_directional_derivative(string name) => Methods(name).ForwardModeIsTheDirectionalDerivative(Point, Direction, name);

    [Theory]
    [MemberData(nameof(ScalarNames))]
    public void Hessian_vector_products_agree_with_differences_of_the_gradient(string name) => Methods(name).HessianVectorProductsAgreeWithDifferencesOfTheGradient(Point, Direction);

    /// <summary>Each round's buffer starts from zeros: a value left from the round before would change the sum.</summary>
    [Fact]
    public void A_buffer_allocated_in_a_loop_starts_each_iteration_from_zeros()
    {
        double expected = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var t = new double[Point.Length];
            for (int i = 1; i < Point.Length; i++)
                t[i] = Point[i] * (round + 1) + Math.Sin(Point[i - 1]) + t[i - 1];
            expected += t[(round + 1) % Point.Length] * t[^1] + t[0];
        }
        Assert.Equal(expected, F.PerIteration(Point, Rounds));
        Assert.Equal(expected, F.PerIterationAdjoint(Point, new double[Point.Length], Rounds), 12);
        Assert.Equal(expected, F.PerIterationForward(Point, Direction, Rounds, out _), 12);
    }

    /// <summary>y = exp(x)·1.5x² + x through two slices of one buffer a callee each writes: J = diag(exp(x)·(1.5x² + 3x) + 1).</summary>
    [Fact]
    public void Slices_of_a_buffer_written_by_callees_have_the_closed_form_jacobian_in_both_modes()
    {
        var x = Point;
        int n = x.Length;
        var y = new double[n];
        var yDot = new double[n];
        F.HalvesForward(x, Direction, y, yDot);
        var cotangent = Direction.Select(d => d * 2 - 0.5).ToArray();
        var xBar = new double[n];
        F.HalvesAdjoint(x, xBar, new double[n], cotangent);
        for (int i = 0; i < n; i++)
        {
            double jacobian = Math.Exp(x[i]) * (1.5 * x[i] * x[i] + 3 * x[i]) + 1;
            GradientAssert.Close(Math.Exp(x[i]) * 1.5 * x[i] * x[i] + x[i], y[i], Tolerance.DoubleClosedForm, $"y[{i}]");
            GradientAssert.Close(jacobian * Direction[i], yDot[i], Tolerance.DoubleClosedForm, $"yDot[{i}]");
            GradientAssert.Close(jacobian * cotangent[i], xBar[i], Tolerance.DoubleClosedForm, $"xBar[{i}]");
        }
    }

    /// <summary>y = exp(sin x) through a buffer a callee reads: J = diag(exp(sin x)·cos x).</summary>
    [Fact]
    public void A_buffer_a_callee_reads_has_the_closed_form_jacobian_in_both_modes()
    {
        int n = Point.Length;
        var y = new double[n];
        var yDot = new double[n];
        F.ExpOfSineForward(Point, Direction, y, yDot);
        var xBar = new double[n];
        F.ExpOfSineAdjoint(Point, xBar, new double[n], Direction);
        for (int i = 0; i < n; i++)
        {
            double jacobian = Math.Exp(Math.Sin(Point[i])) * Math.Cos(Point[i]);
            GradientAssert.Close(jacobian * Direction[i], yDot[i], Tolerance.DoubleClosedForm, $"yDot[{i}]");
            GradientAssert.Close(jacobian * Direction[i], xBar[i], Tolerance.DoubleClosedForm, $"xBar[{i}]");
        }
    }

    /// <summary>
    /// An output a value-returning callee reads and the method then overwrites: the callee's adjoint must see what it read.
    /// J·v from Forward and vᵀJ from Adjoint against central differences of the method along v (and along each unit vector).
    /// </summary>
    [Fact]
    public void An_output_read_by_a_value_callee_and_then_overwritten_has_the_jacobian_of_the_method()
    {
        int n = Point.Length;
        double[] Apply(double[] x)
        {
            var y = new double[n];
            F.NormalizedSquares(x, y);
            return y;
        }
        double[] Difference(double[] direction)
        {
            const double h = 1e-6;
            var up = Apply(Point.Select((x, i) => x + h * direction[i]).ToArray());
            var down = Apply(Point.Select((x, i) => x - h * direction[i]).ToArray());
            return up.Select((u, i) => (u - down[i]) / (2 * h)).ToArray();
        }
        var yDot = new double[n];
        F.NormalizedSquaresForward(Point, Direction, new double[n], yDot);
        var along = Difference(Direction);
        for (int i = 0; i < n; i++)
            GradientAssert.Close(along[i], yDot[i], Tolerance.FiniteDifference(Precision.Double), $"(J·v)[{i}]");
        var xBar = new double[n];
        F.NormalizedSquaresAdjoint(Point, xBar, new double[n], Direction);
        for (int j = 0; j < n; j++)
        {
            var column = Difference(Enumerable.Range(0, n).Select(k => k == j ? 1.0 : 0.0).ToArray());
            GradientAssert.Close(column.Select((c, i) => c * Direction[i]).Sum(), xBar[j], Tolerance.FiniteDifference(Precision.Double), $"(vᵀJ)[{j}]");
        }
    }

    /// <summary>The float method against central differences of the same steps in double.</summary>
    [Fact]
    public void A_float_buffer_has_the_gradient_of_the_method_in_double()
    {
        static double InDouble(double[] x)
        {
            var t = new double[x.Length];
            t[0] = x[0];
            for (int i = 1; i < x.Length; i++)
                t[i] = 0.5 * t[i - 1] + Math.Sin(x[i]);
            return t.Sum(v => v * v);
        }
        var point = Point.Select(v => (float)v).ToArray();
        var gradient = new float[point.Length];
        F.SmoothedFloatAdjoint(point, gradient);
        var direction = Direction.Select(v => (float)v).ToArray();
        F.SmoothedFloatForward(point, direction, out var derivative);
        var asDouble = point.Select(v => (double)v).ToArray();
        double expectedDerivative = 0;
        for (int i = 0; i < point.Length; i++)
        {
            var partial = FiniteDifference.Partial(InDouble, asDouble, i);
            expectedDerivative += partial.Value * direction[i];
            GradientAssert.Close(partial, gradient[i], Tolerance.FiniteDifference(Precision.Float), $"∂/∂x{i}");
        }
        GradientAssert.Close(expectedDerivative, derivative, Tolerance.FiniteDifference(Precision.Float), "forward");
    }

    /// <summary>The buffers and their cotangents come from the pool: nothing is allocated per call once it is warm.</summary>
    [Fact]
    public void Gradients_through_scratch_buffers_allocate_nothing_after_warm_up()
    {
        var gradient = new double[Point.Length];
        var y = new double[Point.Length];
        var yBar = new double[Point.Length];
        void Call()
        {
            F.SmoothedAdjoint(Point, gradient);
            F.SoftmaxWeightedAdjoint(Point, gradient);
            F.PerIterationAdjoint(Point, gradient, Rounds);
            F.HalvesAdjoint(Point, gradient, y, yBar);
        }
        Call();
        Call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
            Call();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
