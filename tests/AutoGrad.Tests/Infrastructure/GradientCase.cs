using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>A generated forward method seen through arrays: x and xDot hold the active parameters.</summary>
public delegate T ForwardFunc<T>(T[] x, T[] xDot, out T resultDot);

/// <summary>A generated adjoint method seen through arrays: it adds resultBar · ∂F/∂x_i into xBar[i].</summary>
public delegate T AdjointFunc<T>(T[] x, T[] xBar, T resultBar);

/// <summary>
/// One [Differentiable] subject with its generated pair, the points to check it at and, when known,
/// its gradient in closed form. Constant ([NoDiff], int, long, bool) arguments are fixed inside the lambdas.
/// </summary>
public sealed record GradientCase<T>
    where T : struct, IBinaryFloatingPointIeee754<T>
{
    public GradientCase(string name, Func<T[], T> primal, ForwardFunc<T> forward, AdjointFunc<T> adjoint, IEnumerable<T[]> points)
    {
        Name = name;
        Primal = primal;
        Forward = forward;
        Adjoint = adjoint;
        Points = points.ToArray();
        Arity = Points[0].Length;
    }

    public string Name { get; }
    public Func<T[], T> Primal { get; }
    public ForwardFunc<T> Forward { get; }
    public AdjointFunc<T> Adjoint { get; }
    public IReadOnlyList<T[]> Points { get; }
    public int Arity { get; }

    /// <summary>The exact gradient, when the case has one; it is evaluated in double from the same inputs.</summary>
    public Func<double[], double[]>? Gradient { get; init; }

    /// <summary>Float for float methods, and for double methods that round through float inside.</summary>
    public Precision Precision { get; init; } = typeof(T) == typeof(float) ? Precision.Float : Precision.Double;

    /// <summary>False when the derivative deliberately differs from the primal's finite difference (a [NoDiff] callee parameter receiving an active value).</summary>
    public bool CheckedByFiniteDifference { get; init; } = true;

    public override string ToString() => Name;
}

/// <summary>Builds <see cref="GradientCase{T}"/>s for the common shapes without lambda noise.</summary>
public static class Case
{
    public delegate double Forward1(double x, double xDot, out double resultDot);
    public delegate double Adjoint1(double x, ref double xBar, double resultBar);
    public delegate double Forward2(double x, double xDot, double y, double yDot, out double resultDot);
    public delegate double Adjoint2(double x, ref double xBar, double y, ref double yBar, double resultBar);
    public delegate double Forward3(double x, double xDot, double y, double yDot, double z, double zDot, out double resultDot);
    public delegate double Adjoint3(double x, ref double xBar, double y, ref double yBar, double z, ref double zBar, double resultBar);

    public delegate float Forward1F(float x, float xDot, out float resultDot);
    public delegate float Adjoint1F(float x, ref float xBar, float resultBar);
    public delegate float Forward2F(float x, float xDot, float y, float yDot, out float resultDot);
    public delegate float Adjoint2F(float x, ref float xBar, float y, ref float yBar, float resultBar);
    public delegate float Forward3F(float x, float xDot, float y, float yDot, float z, float zDot, out float resultDot);
    public delegate float Adjoint3F(float x, ref float xBar, float y, ref float yBar, float z, ref float zBar, float resultBar);

    public static GradientCase<double> Of(string name, Func<double, double> f, Forward1 forward, Adjoint1 adjoint, params double[] points)
        => new(
            name,
            p => f(p[0]),
            (p, d, out r) => forward(p[0], d[0], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], rb),
            points.Select(x => new[] { x }));

    public static GradientCase<double> Of(string name, Func<double, double, double> f, Forward2 forward, Adjoint2 adjoint, params (double X, double Y)[] points)
        => new(
            name,
            p => f(p[0], p[1]),
            (p, d, out r) => forward(p[0], d[0], p[1], d[1], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], p[1], ref b[1], rb),
            points.Select(x => new[] { x.X, x.Y }));

    public static GradientCase<double> Of(string name, Func<double, double, double, double> f, Forward3 forward, Adjoint3 adjoint, params (double X, double Y, double Z)[] points)
        => new(
            name,
            p => f(p[0], p[1], p[2]),
            (p, d, out r) => forward(p[0], d[0], p[1], d[1], p[2], d[2], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], rb),
            points.Select(x => new[] { x.X, x.Y, x.Z }));

    public static GradientCase<float> Of(string name, Func<float, float> f, Forward1F forward, Adjoint1F adjoint, params float[] points)
        => new(
            name,
            p => f(p[0]),
            (p, d, out r) => forward(p[0], d[0], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], rb),
            points.Select(x => new[] { x }));

    public static GradientCase<float> Of(string name, Func<float, float, float> f, Forward2F forward, Adjoint2F adjoint, params (float X, float Y)[] points)
        => new(
            name,
            p => f(p[0], p[1]),
            (p, d, out r) => forward(p[0], d[0], p[1], d[1], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], p[1], ref b[1], rb),
            points.Select(x => new[] { x.X, x.Y }));

    public static GradientCase<float> Of(string name, Func<float, float, float, float> f, Forward3F forward, Adjoint3F adjoint, params (float X, float Y, float Z)[] points)
        => new(
            name,
            p => f(p[0], p[1], p[2]),
            (p, d, out r) => forward(p[0], d[0], p[1], d[1], p[2], d[2], out r),
            (p, b, rb) => adjoint(p[0], ref b[0], p[1], ref b[1], p[2], ref b[2], rb),
            points.Select(x => new[] { x.X, x.Y, x.Z }));

    /// <summary>Indexes cases by name for [MemberData] tables of names (strings serialize; delegates do not).</summary>
    public static Dictionary<string, GradientCase<T>> ByName<T>(params GradientCase<T>[] cases)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => cases.ToDictionary(c => c.Name);
}
