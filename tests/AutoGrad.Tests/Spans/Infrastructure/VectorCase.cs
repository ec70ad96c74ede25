using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AutoGrad.Tests.Infrastructure;

namespace AutoGrad.Tests.Spans.Infrastructure;

/// <summary>
/// The generated forward method of a method that writes output spans, seen through arrays: x and xDot
/// hold the active inputs (span elements and scalars, concatenated); it returns the outputs it wrote
/// (all output spans, concatenated) and their tangents.
/// </summary>
public delegate T[] VectorForwardFunc<T>(T[] x, T[] xDot, out T[] outputDot);

/// <summary>
/// The generated adjoint of a method that writes output spans, seen through arrays: given the outputs'
/// cotangent it adds outputBar · ∂output/∂x_i into xBar[i] and returns the outputs it wrote.
/// </summary>
public delegate T[] VectorAdjointFunc<T>(T[] x, T[] xBar, T[] outputBar);

/// <summary>
/// One [Differentiable] method with output spans, with its generated pair, the points to check it at
/// and, when known, its Jacobian in closed form. The [NoDiff] and int arguments and the lengths of
/// the output spans are fixed inside the lambdas.
/// </summary>
public sealed record VectorCase<T>
    where T : struct, IBinaryFloatingPointIeee754<T>
{
    public VectorCase(string name, int outputs, Func<T[], T[]> primal, VectorForwardFunc<T> forward, VectorAdjointFunc<T> adjoint, IEnumerable<T[]> points)
    {
        Name = name;
        Outputs = outputs;
        Primal = primal;
        Forward = forward;
        Adjoint = adjoint;
        Points = points.ToArray();
        Arity = Points[0].Length;
    }

    public string Name { get; }

    /// <summary>The number of output elements (all output spans together).</summary>
    public int Outputs { get; }

    public Func<T[], T[]> Primal { get; }
    public VectorForwardFunc<T> Forward { get; }
    public VectorAdjointFunc<T> Adjoint { get; }
    public IReadOnlyList<T[]> Points { get; }

    /// <summary>The number of active input elements.</summary>
    public int Arity { get; }

    /// <summary>∂output_j/∂x_i as [j][i], evaluated in double from the same inputs.</summary>
    public Func<double[], double[][]>? Jacobian { get; init; }

    public Precision Precision { get; init; } = typeof(T) == typeof(float) ? Precision.Float : Precision.Double;

    public override string ToString() => Name;
}

/// <summary>Inputs for the span tables: seeded, reproducible, and output buffers that expose reads before writes.</summary>
public static class SpanData
{
    /// <summary>Seeded uniform values in [lo, hi).</summary>
    public static T[] Uniform<T>(int seed, int length, double lo = -2.0, double hi = 2.0)
        where T : struct, IBinaryFloatingPointIeee754<T>
    {
        Random random = new(seed);
        return Enumerable.Range(0, length).Select(_ => T.CreateTruncating(lo + (hi - lo) * random.NextDouble())).ToArray();
    }

    /// <summary><paramref name="count"/> seeded points of <paramref name="length"/> elements each.</summary>
    public static T[][] Points<T>(int seed, int count, int length, double lo = -2.0, double hi = 2.0)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, count).Select(k => Uniform<T>(seed * 1000 + k, length, lo, hi)).ToArray();

    /// <summary>
    /// An output buffer full of NaN: a generated method that read an output element before writing
    /// it, or left one unwritten, shows up as NaN in the result.
    /// </summary>
    public static T[] Unwritten<T>(int length)
        where T : struct, IBinaryFloatingPointIeee754<T>
        => Enumerable.Repeat(T.NaN, length).ToArray();

    public static T[] Concat<T>(params T[][] parts) => parts.SelectMany(p => p).ToArray();

    public static double[][] Zeros(int rows, int columns)
        => Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();
}
