using System;

namespace AutoGrad.Tests.Functions;

/// <summary>A family of float methods written with MathF.</summary>
public static partial class FloatFunctions
{
    private const float Half = 0.5f;

    [Differentiable]
    public static float Rosenbrock(float x, float y) => (1f - x) * (1f - x) + 2f * (y - x * x) * (y - x * x);

    [Differentiable]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    [Differentiable]
    public static float SoftPlus(float x) => x > 20f ? x : MathF.Log(1f + MathF.Exp(x));

    [Differentiable]
    public static float Gaussian(float x, float mu, float sigma)
    {
        float z = (x - mu) / sigma;
        return MathF.Exp(-Half * z * z) / (sigma * MathF.Sqrt(2f * MathF.PI));
    }

    [Differentiable]
    public static float Polar(float r, float theta) => r * MathF.Cos(theta) + r * r * MathF.Sin(theta);

    [Differentiable]
    public static float Branchy(float x, float y)
    {
        float r = x * y;
        if (r > 1f)
        {
            r -= MathF.Sqrt(r);
        }
        else if (x < y)
        {
            r *= MathF.Tanh(y);
        }
        else
        {
            r += MathF.Max(x, 2f * y);
        }

        return r;
    }

    /// <summary>Computes in double inside: float → double → float casts.</summary>
    [Differentiable]
    public static float ViaDouble(float x) => (float)Math.Exp((double)x * 0.5) + x;

    /// <summary>Calls two float methods.</summary>
    [Differentiable]
    public static float Calls(float x, float y) => Rosenbrock(x, y) * Sigmoid(x) + SoftPlus(y);
}
