using System;

namespace AutoGrad.Tests.Functions;

public enum Activation { Identity, Relu, Tanh, Softplus }

public enum Penalty : byte { None, L1, L2 }

[Flags]
public enum EnergyTerms : long { None = 0, Data = 1, Smoothness = 2, Prior = 4 }

/// <summary>
/// Enums as users write them (issue 18): a switch statement over an activation, an enum local chosen
/// by a conditional and passed on to a callee, a switch expression over an enum stored in a byte, flags
/// over long tested with <c>&amp;</c>, an enum nested in the class converted from an int, an enum argument of a
/// function with a custom adjoint, and a static local function taking one.
/// </summary>
public static partial class EnumFunctions
{
    public enum Shape { Circle = 1, Square = 2, Triangle = 3 }

    private const Activation Fallback = Activation.Tanh;

    private static readonly Activation Configured = Activation.Relu;

    /// <summary>
    /// Enums as conditions: <c>or</c> and relational case labels, an <c>is</c> pattern, comparisons with a <c>const</c> and a
    /// <c>static readonly</c> enum, the parameter reassigned in a loop bounded by its value, a default argument.
    /// </summary>
    [Differentiable]
    public static double Schedule(double x, Activation activation = Activation.Softplus)
    {
        double s;
        switch (activation)
        {
            case Activation.Relu or Activation.Tanh:
                s = x * x;
                break;
            case > Activation.Tanh:
                s = Math.Exp(0.5 * x);
                break;
            default:
                s = x;
                break;
        }
        for (int i = 0; i < (int)activation; i++)
        {
            var next = i % 2 == 0 ? Fallback : Configured;
            s += next switch { not Activation.Relu => Math.Sin(s), _ => 0.5 * s };
            activation = next;
        }
        if (activation < Activation.Softplus && activation != Fallback)
            s *= 2;
        return s + (activation is Activation.Relu ? 1 : 0) * x;
    }

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
    public static double Neuron(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> x, Activation activation, Penalty penalty)
    {
        var hidden = activation == Activation.Relu ? Activation.Softplus : activation;
        double z = 0;
        for (int i = 0; i < w.Length; i++)
            z += w[i] * x[i];
        double y = Activate(z, hidden) + Activate(w[0], Activation.Tanh) + Activate(w[1], activation);
        double regularization = penalty switch
        {
            Penalty.L1 => Math.Abs(w[1]),
            Penalty.L2 => w[1] * w[1],
            _ => 0,
        };
        return y + 0.1 * regularization * (int)penalty;
    }

    [Differentiable]
    public static double Energy(double x, double y, EnergyTerms terms)
    {
        double e = 0;
        if ((terms & EnergyTerms.Data) != 0)
            e += (x - 1) * (x - 1);
        if ((terms & EnergyTerms.Smoothness) == EnergyTerms.Smoothness)
            e += Math.Sin(x * y);
        EnergyTerms others = terms & (EnergyTerms.Smoothness | EnergyTerms.Prior);
        if (others != EnergyTerms.None)
            e += y * y * x;
        return e;
    }

    [Differentiable]
    public static float Area(float size, Shape shape, int variant)
    {
        Shape other = (Shape)variant;
        float area = shape switch
        {
            Shape.Circle => MathF.PI * size * size,
            Shape.Square => size * size,
            _ => 0.4330127f * size * size,
        };
        if (other == shape)
            area *= 2;
        return area + Perimeter(size, other) + Perimeter(size, Shape.Square) + Perimeter(size, shape);
    }

    [Differentiable]
    public static float Perimeter(float size, Shape shape) => shape == Shape.Circle ? 2 * MathF.PI * size : (int)shape * size * MathF.Sqrt(size);

    /// <summary><c>Area</c> in double, for central differences finer than float's.</summary>
    public static double AreaInDouble(double size, Shape shape, int variant)
    {
        Shape other = (Shape)variant;
        double area = shape switch
        {
            Shape.Circle => Math.PI * size * size,
            Shape.Square => size * size,
            _ => 0.4330127 * size * size,
        };
        if (other == shape)
            area *= 2;
        return area + PerimeterInDouble(size, other) + PerimeterInDouble(size, Shape.Square) + PerimeterInDouble(size, shape);
    }

    private static double PerimeterInDouble(double size, Shape shape) => shape == Shape.Circle ? 2 * Math.PI * size : (int)shape * size * Math.Sqrt(size);

    public static double Smooth(double x, Activation activation) => activation == Activation.Softplus ? Math.Log(1 + Math.Exp(x)) : x * x;

    [DerivativeOf(nameof(Smooth))]
    public static double SmoothAdjoint(double x, ref double xBar, Activation activation, double resultBar)
    {
        xBar += resultBar * (activation == Activation.Softplus ? 1 / (1 + Math.Exp(-x)) : 2 * x);
        return Smooth(x, activation);
    }

    [Differentiable]
    public static double UsesSmooth(double x, Activation activation) => Smooth(x, activation) * Smooth(x, Activation.Softplus);

    [Differentiable]
    public static double Total(double[] w, Activation activation)
    {
        static double Term(double v, Activation a) => a == Activation.Tanh ? Math.Tanh(v) * v : v * v * v;
        double s = 0;
        foreach (var v in w)
            s += Term(v, activation);
        return s;
    }
}
