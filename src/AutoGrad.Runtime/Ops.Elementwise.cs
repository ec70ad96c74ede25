using System.Numerics;
using AutoGrad.Kernels;

namespace AutoGrad;

/// <summary>
/// Matrix functions for any C# code (<c>using static AutoGrad.Ops;</c>): elementwise functions,
/// reductions and the matrix product. Each allocates its result (reductions return a scalar or a
/// row/column); the allocation-free forms are the span kernels in <c>AutoGrad.Kernels</c>, which
/// these call. Generic over float and double: <c>Exp(Matrix&lt;double&gt;)</c> and
/// <c>Exp(Matrix&lt;float&gt;)</c> are the same method.
/// </summary>
public static partial class Ops
{
    /// <summary>e^x for every element.</summary>
    public static Matrix<T> Exp<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, ExpOperator<T>>(a);

    /// <summary>The natural logarithm of every element (NaN below 0, −∞ at 0).</summary>
    public static Matrix<T> Log<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, LogOperator<T>>(a);

    /// <summary>The square root of every element (NaN below 0).</summary>
    public static Matrix<T> Sqrt<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SqrtOperator<T>>(a);

    /// <summary>The sine of every element (radians).</summary>
    public static Matrix<T> Sin<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SinOperator<T>>(a);

    /// <summary>The cosine of every element (radians).</summary>
    public static Matrix<T> Cos<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, CosOperator<T>>(a);

    /// <summary>The hyperbolic tangent of every element.</summary>
    public static Matrix<T> Tanh<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, TanhOperator<T>>(a);

    /// <summary>The logistic sigmoid 1 / (1 + e^−x) of every element.</summary>
    public static Matrix<T> Sigmoid<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SigmoidOperator<T>>(a);

    /// <summary>max(x, 0) for every element (NaN stays NaN).</summary>
    public static Matrix<T> Relu<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, ReluOperator<T>>(a);

    /// <summary>|x| for every element.</summary>
    public static Matrix<T> Abs<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, AbsOperator<T>>(a);

    /// <summary>x² for every element.</summary>
    public static Matrix<T> Square<T>(Matrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Map<T, SquareOperator<T>>(a);

    /// <summary>x^<paramref name="exponent"/> for every element, as Math.Pow defines it.</summary>
    public static Matrix<T> Pow<T>(Matrix<T> a, T exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(a.Rows, a.Cols);
        BinaryKernels.Pow(a.ReadOnlySpan, exponent, result.Span);
        return result;
    }

    private static Matrix<T> Map<T, TOperator>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IUnaryOperator<T>
    {
        var result = new Matrix<T>(a.Rows, a.Cols);
        UnaryKernels.Invoke<T, TOperator>(a.ReadOnlySpan, result.Span);
        return result;
    }
}
