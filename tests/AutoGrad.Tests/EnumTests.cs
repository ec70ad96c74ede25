using System;
using System.Linq;
using AutoGrad.Tests.Functions;
using AutoGrad.Tests.Infrastructure;
using AutoGrad.Tests.SecondOrder;
using Xunit;
using F = AutoGrad.Tests.Functions.EnumFunctions;

namespace AutoGrad.Tests;

/// <summary>
/// Enum parameters and switches on enums (issue 18): generated methods keep the enum in their signatures, and each
/// value takes its own section, in both modes and in Hessian-vector products, against central differences.
/// </summary>
public class EnumTests
{
    private static readonly Tolerance Difference = Tolerance.FiniteDifference(Precision.Double);

    public static TheoryData<Activation, double> Activations => new()
    {
        { Activation.Identity, 0.7 }, { Activation.Relu, 0.7 }, { Activation.Relu, -0.4 },
        { Activation.Tanh, -1.3 }, { Activation.Softplus, 0.4 }, { (Activation)9, 0.4 },
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Each_activation_takes_its_section(Activation activation, double x)
    {
        var expected = FiniteDifference.Derivative(t => F.Activate(t, activation), x);
        Assert.Equal(F.Activate(x, activation), F.ActivateForward(x, 1.0, activation, out var tangent));
        double gradient = 0;
        Assert.Equal(F.Activate(x, activation), F.ActivateAdjoint(x, ref gradient, activation));
        GradientAssert.Close(expected, tangent, Difference, $"{activation} forward");
        GradientAssert.Close(expected, gradient, Difference, $"{activation} adjoint");

        double b = 0, bd = 0;
        F.ActivateHessianVector(x, 1.0, ref b, ref bd, activation);
        var second = FiniteDifference.Derivative(t => { double g = 0; F.ActivateAdjoint(t, ref g, activation); return g; }, x);
        GradientAssert.Close(second, bd, Difference, $"{activation} second derivative");
    }

    public static TheoryData<Activation, Penalty> NeuronCases()
    {
        var cases = new TheoryData<Activation, Penalty>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            foreach (var penalty in Enum.GetValues<Penalty>())
                cases.Add(activation, penalty);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(NeuronCases))]
    public void An_enum_local_and_constant_reach_the_callee(Activation activation, Penalty penalty)
    {
        double[] w = [0.4, -0.9, 0.3, 1.1];
        double[] x = [1.2, 0.5, -0.7, 0.2];
        double[] direction = [0.3, -0.6, 0.8, 0.1];
        var gradient = new double[w.Length];
        Assert.Equal(F.Neuron(w, x, activation, penalty), F.NeuronAdjoint(w, gradient, x, activation, penalty), 1e-14);
        for (int i = 0; i < w.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(p => F.Neuron(p, x, activation, penalty), w, i), gradient[i], Difference, $"∂/∂w{i}");
        F.NeuronForward(w, direction, x, activation, penalty, out var directional);
        var expected = FiniteDifference.Derivative(t => F.Neuron(w.Zip(direction, (a, d) => a + t * d).ToArray(), x, activation, penalty), 0.0);
        GradientAssert.Close(expected, directional, Difference, "forward");
        HessianVectorTests.AssertAgreesWithDifferences(w, direction,
            (p, g) => F.NeuronAdjoint(p, g, x, activation, penalty),
            (p, d, g, hv) => F.NeuronHessianVector(p, d, g, hv, x, activation, penalty));
    }

    [Theory]
    [InlineData(EnergyTerms.None)]
    [InlineData(EnergyTerms.Data)]
    [InlineData(EnergyTerms.Smoothness)]
    [InlineData(EnergyTerms.Prior)]
    [InlineData(EnergyTerms.Data | EnergyTerms.Smoothness)]
    [InlineData(EnergyTerms.Data | EnergyTerms.Smoothness | EnergyTerms.Prior)]
    public void Flags_over_long_select_the_terms(EnergyTerms terms)
    {
        double x = 0.8, y = -1.3;
        double xBar = 0, yBar = 0;
        Assert.Equal(F.Energy(x, y, terms), F.EnergyAdjoint(x, ref xBar, y, ref yBar, terms));
        GradientAssert.Close(FiniteDifference.Derivative(t => F.Energy(t, y, terms), x), xBar, Difference, "∂/∂x");
        GradientAssert.Close(FiniteDifference.Derivative(t => F.Energy(x, t, terms), y), yBar, Difference, "∂/∂y");
        F.EnergyForward(x, 0.5, y, -2.0, terms, out var directional);
        GradientAssert.Close(FiniteDifference.Derivative(t => F.Energy(x + 0.5 * t, y - 2.0 * t, terms), 0.0), directional, Difference, "forward");
        HessianVectorTests.AssertAgreesWithDifferences([x, y], [0.5, -2.0],
            (p, g) => { double gx = 0, gy = 0; F.EnergyAdjoint(p[0], ref gx, p[1], ref gy, terms); g[0] += gx; g[1] += gy; },
            (p, d, g, hv) =>
            {
                double gx = 0, gy = 0, hx = 0, hy = 0;
                F.EnergyHessianVector(p[0], d[0], ref gx, ref hx, p[1], d[1], ref gy, ref hy, terms);
                g[0] += gx; g[1] += gy; hv[0] += hx; hv[1] += hy;
            });
    }

    [Theory]
    [InlineData(F.Shape.Circle, 1)]
    [InlineData(F.Shape.Square, 1)]
    [InlineData(F.Shape.Square, 2)]
    [InlineData(F.Shape.Triangle, 3)]
    [InlineData(F.Shape.Triangle, 7)]
    public void A_float_enum_method_has_the_gradient_of_the_method_in_double(F.Shape shape, int variant)
    {
        const float size = 1.7f;
        var expected = FiniteDifference.Derivative(s => F.AreaInDouble(s, shape, variant), size);
        float gradient = 0;
        var value = F.AreaAdjoint(size, ref gradient, shape, variant);
        Assert.Equal(F.AreaInDouble(size, shape, variant), value, 1e-5 * Math.Abs(value));
        F.AreaForward(size, 1f, shape, variant, out var tangent);
        GradientAssert.Close(expected, gradient, Tolerance.FiniteDifference(Precision.Float), $"{shape} adjoint");
        GradientAssert.Close(expected, tangent, Tolerance.FiniteDifference(Precision.Float), $"{shape} forward");
        float b = 0, bd = 0;
        F.AreaHessianVector(size, 1f, ref b, ref bd, shape, variant);
        var second = FiniteDifference.Derivative(s => FiniteDifference.Derivative(t => F.AreaInDouble(t, shape, variant), s).Value, size);
        GradientAssert.Close(second, bd, Tolerance.FiniteDifference(Precision.Float), $"{shape} second derivative");
    }

    [Theory]
    [InlineData(Activation.Softplus, 0.6)]
    [InlineData(Activation.Identity, -0.9)]
    public void An_enum_reaches_a_custom_adjoint(Activation activation, double x)
    {
        var expected = FiniteDifference.Derivative(t => F.UsesSmooth(t, activation), x);
        double gradient = 0;
        Assert.Equal(F.UsesSmooth(x, activation), F.UsesSmoothAdjoint(x, ref gradient, activation));
        F.UsesSmoothForward(x, 1.0, activation, out var tangent);
        GradientAssert.Close(expected, gradient, Difference, "adjoint");
        GradientAssert.Close(expected, tangent, Difference, "forward");
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Identity)]
    public void An_enum_reaches_a_local_function_over_an_array(Activation activation)
    {
        double[] w = [0.5, -1.2, 0.9];
        double[] direction = [1.0, 0.4, -0.3];
        var gradient = new double[w.Length];
        Assert.Equal(F.Total(w, activation), F.TotalAdjoint(w, gradient, activation), 1e-14);
        for (int i = 0; i < w.Length; i++)
            GradientAssert.Close(FiniteDifference.Partial(p => F.Total(p, activation), w, i), gradient[i], Difference, $"∂/∂w{i}");
        HessianVectorTests.AssertAgreesWithDifferences(w, direction,
            (p, g) => F.TotalAdjoint(p, g, activation),
            (p, d, g, hv) => F.TotalHessianVector(p, d, g, hv, activation));
    }

    [Theory]
    [InlineData(Activation.Identity, 0.4)]
    [InlineData(Activation.Relu, -0.7)]
    [InlineData(Activation.Tanh, 1.1)]
    [InlineData(Activation.Softplus, 0.3)]
    public void Enum_patterns_fields_and_a_reassigned_parameter_match_finite_differences(Activation activation, double x)
    {
        var expected = FiniteDifference.Derivative(t => F.Schedule(t, activation), x);
        double gradient = 0;
        Assert.Equal(F.Schedule(x, activation), F.ScheduleAdjoint(x, ref gradient, activation));
        F.ScheduleForward(x, 1.0, activation, out var tangent);
        GradientAssert.Close(expected, gradient, Difference, $"{activation} adjoint");
        GradientAssert.Close(expected, tangent, Difference, $"{activation} forward");
        double b = 0, bd = 0;
        F.ScheduleHessianVector(x, 1.0, ref b, ref bd, activation);
        var second = FiniteDifference.Derivative(t => { double g = 0; F.ScheduleAdjoint(t, ref g, activation); return g; }, x);
        GradientAssert.Close(second, bd, Difference, $"{activation} second derivative");
    }
}
