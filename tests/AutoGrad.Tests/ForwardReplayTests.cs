using System;
using AutoGrad.Tests.Infrastructure;
using Xunit;
using F = AutoGrad.Tests.Functions.ForwardReplayFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Reverse loops that run in the loop's own order, replaying inactive recurrences (issue 17), and the near misses that run
/// backwards: each adjoint returns the method's value, and the gradient, the forward derivative and the Hessian-vector product
/// agree with central differences. (Which reverse loops run forwards: the generator's ForwardReplayTests.)
/// </summary>
public class ForwardReplayTests
{
    private static (SpanAndWeightChecks.Primal, SpanAndWeightChecks.Adjoint, SpanAndWeightChecks.Forward, SpanAndWeightChecks.Product) Methods(string name) => name switch
    {
        "PolynomialFit" => (F.PolynomialFit, F.PolynomialFitAdjoint, F.PolynomialFitForward, F.PolynomialFitHessianVector),
        "DecayingSquares" => (F.DecayingSquares, F.DecayingSquaresAdjoint, F.DecayingSquaresForward, F.DecayingSquaresHessianVector),
        "StridedDecay" => (F.StridedDecay, F.StridedDecayAdjoint, F.StridedDecayForward, F.StridedDecayHessianVector),
        "Switched" => (F.Switched, F.SwitchedAdjoint, F.SwitchedForward, F.SwitchedHessianVector),
        "NestedDecay" => (F.NestedDecay, F.NestedDecayAdjoint, F.NestedDecayForward, F.NestedDecayHessianVector),
        "Product" => (F.Product, F.ProductAdjoint, F.ProductForward, F.ProductHessianVector),
        "Horner" => (F.Horner, F.HornerAdjoint, F.HornerForward, F.HornerHessianVector),
        "LastTerm" => (F.LastTerm, F.LastTermAdjoint, F.LastTermForward, F.LastTermHessianVector),
        _ => (F.ExpensiveRecurrence, F.ExpensiveRecurrenceAdjoint, F.ExpensiveRecurrenceForward, F.ExpensiveRecurrenceHessianVector),
    };

    [Theory]
    [InlineData("PolynomialFit")]
    [InlineData("DecayingSquares")]
    [InlineData("StridedDecay")]
    [InlineData("Switched")]
    [InlineData("NestedDecay")]
    [InlineData("Product")]
    [InlineData("Horner")]
    [InlineData("LastTerm")]
    [InlineData("ExpensiveRecurrence")]
    public void Each_adjoint_returns_the_methods_value_and_its_gradient(string name)
    {
        double[] x = [0.7, -0.4, 1.3, 0.2, -1.1, 0.9, 0.35, -0.8, 0.45];
        var value = Methods(name).Item1(x, 0.8);
        SpanAndWeightChecks.AllModesMatch(name, Methods(name), x, 0.8, [0.3, -0.5, 0.2, 0.9, -0.1, 0.4, 0.6, -0.2, 0.15, -0.6], 4e-16 * Math.Abs(value) * x.Length);
    }

    [Fact]
    public void An_empty_input_and_a_single_element_give_the_methods_value_and_gradient()
    {
        double wBar = 0;
        Assert.Equal(F.PolynomialFit([], 0.5), F.PolynomialFitAdjoint([], [], 0.5, ref wBar));
        // With no coefficients every fit is zero: the gradient in w is Σ sign(t)²·w over the samples (six of seven are nonzero).
        Assert.Equal(6 * 0.5, wBar, 1e-15);

        var xBar = new double[1];
        wBar = 0;
        F.PolynomialFitAdjoint([2.0], xBar, 0.5, ref wBar);
        // fit = x₀ at every sample (power starts at 1): ∂/∂x₀ = Σ (x₀ − sign(t)·w) = 7·2 − 0 (the signs cancel).
        Assert.Equal(14.0, xBar[0], 1e-13);
    }

    [Fact]
    public void An_output_written_from_a_running_power_has_the_gradient_of_central_differences()
    {
        double[] x = [0.7, -0.4, 1.3, 0.2, -1.1];
        const double w = 0.8;
        var y = new double[x.Length];
        double Objective(double[] p) => F.PowersInto(p.AsSpan(0, x.Length), p[^1], new double[x.Length]);
        double[] packed = [.. x, w];

        var xBar = new double[x.Length];
        double wBar = 0;
        var value = F.PowersIntoAdjoint(x, xBar, w, ref wBar, y, new double[x.Length]);
        Assert.Equal(Objective(packed), value, 1e-14);
        double[] gradient = [.. xBar, wBar];
        for (int i = 0; i < packed.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(Objective, packed, i), gradient[i], Tolerance.FiniteDifference(Precision.Double), $"PowersInto ∂/∂p{i}");
        // The outputs' own cotangent reaches the inputs too: y[j] = x[j]·w·0.6ʲ.
        var yBar = new double[x.Length];
        yBar[2] = 1;
        Array.Clear(xBar);
        wBar = 0;
        F.PowersIntoAdjoint(x, xBar, w, ref wBar, y, yBar, resultBar: 0.0);
        Assert.Equal(w * 0.36, xBar[2], 1e-15);
        Assert.Equal(x[2] * 0.36, wBar, 1e-15);
    }
}
