using System;
using System.Globalization;
using System.Linq;

namespace AutoGrad.Samples;

/// <summary>Short invariant-culture text for the scenarios' progress lines.</summary>
public static class Text
{
    public static string Of(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Of(ReadOnlySpan<double> values) => "(" + string.Join(", ", values.ToArray().Select(Of)) + ")";

    /// <summary>Rows in brackets, as NumPy prints them: [[1, 2], [3, 4]].</summary>
    public static string Of(Matrix<double> matrix)
        => "[" + string.Join(", ", Enumerable.Range(0, matrix.Rows).Select(row => "[" + string.Join(", ", matrix.Row(row).ToArray().Select(Of)) + "]")) + "]";
}
