using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace AutoGrad;

/// <summary>
/// A dense matrix of <see cref="float"/> or <see cref="double"/> stored row-major in one array:
/// element (row, col) is at <c>row * Cols + col</c>. A thin view: copying the struct shares the
/// storage. <c>default(Matrix&lt;T&gt;)</c> is a 0×0 matrix.
/// </summary>
/// <remarks>
/// The elementwise operators (<c>+ - * /</c>, broadcasting rows, columns and 1×1) and <see cref="Ops"/>
/// allocate their result; the kernels in <c>AutoGrad.Kernels</c> work on spans and allocate nothing.
/// Any other <typeparamref name="T"/> than float or double (Half, NFloat) throws
/// <see cref="NotSupportedException"/> on construction: the kernels are written for those two.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly partial struct Matrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many rows and columns <see cref="ToString"/> shows before eliding with "…".</summary>
    private const int ShownExtent = 6;

    private readonly T[]? _data;

    /// <summary>A zero-filled <paramref name="rows"/>×<paramref name="cols"/> matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or rows·cols exceeds an array's length.</exception>
    public Matrix(int rows, int cols)
    {
        NumericType<T>.ThrowIfUnsupported();
        _data = new T[CheckedLength(rows, cols)];
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, not copied) as a <paramref name="rows"/>×<paramref name="cols"/> matrix.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/>'s length is not rows·cols.</exception>
    public Matrix(T[] data, int rows, int cols)
    {
        NumericType<T>.ThrowIfUnsupported();
        ArgumentNullException.ThrowIfNull(data);
        long length = CheckedLength(rows, cols);
        if (data.Length != length)
            throw new ArgumentException($"A {rows}×{cols} matrix needs {length} elements, but the array has {data.Length}.", nameof(data));
        _data = data;
        Rows = rows;
        Cols = cols;
    }

    /// <summary>A matrix holding a copy of <paramref name="values"/> (first index: row).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static Matrix<T> FromArray(T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Matrix<T>(values.GetLength(0), values.GetLength(1));
        // A T[,] is stored row-major too: one block copy.
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length)
            .CopyTo(result.Span);
        return result;
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Cols { get; }

    /// <summary>Rows·Cols, the number of elements.</summary>
    public int Length => _data?.Length ?? 0;

    /// <summary>The elements, row-major (writable: the matrix is a view of its storage).</summary>
    public Span<T> Span => _data;

    /// <summary>The elements, row-major, read-only.</summary>
    public ReadOnlySpan<T> ReadOnlySpan => _data;

    /// <summary>
    /// The backing array, row-major, exactly Rows·Cols long (an empty array for <c>default</c>);
    /// for APIs that need an array rather than a span.
    /// </summary>
    public T[] Array => _data ?? [];

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Cols"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, Rows).</exception>
    public Span<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        return _data.AsSpan(row * Cols, Cols);
    }

    /// <summary>A reference to element (<paramref name="row"/>, <paramref name="col"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="row"/> is outside [0, Rows) or <paramref name="col"/> outside [0, Cols)
    /// (always this exception, never <see cref="IndexOutOfRangeException"/>).
    /// </exception>
    public ref T this[int row, int col]
    {
        get
        {
            if ((uint)row >= (uint)Rows)
                ThrowIndex(nameof(row), row, Rows);
            if ((uint)col >= (uint)Cols)
                ThrowIndex(nameof(col), col, Cols);
            return ref _data![row * Cols + col];
        }
    }

    /// <summary>A copy of the elements as a rectangular array (first index: row).</summary>
    public T[,] ToArray()
    {
        var result = new T[Rows, Cols];
        ReadOnlySpan.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(result)), result.Length));
        return result;
    }

    /// <summary>A copy with its own storage.</summary>
    public Matrix<T> Clone() => _data is null ? default : new Matrix<T>((T[])_data.Clone(), Rows, Cols);

    /// <summary>Whether this matrix has the same shape as <paramref name="other"/>.</summary>
    public bool HasShapeOf(Matrix<T> other) => Rows == other.Rows && Cols == other.Cols;

    /// <summary>The shape as "rows×cols", as error messages print it.</summary>
    public string ShapeText => Shape(Rows, Cols);

    /// <summary>
    /// The type, the shape and up to 6×6 values in invariant culture, eliding the rest with "…",
    /// e.g. <c>Matrix&lt;Double&gt; 2×2 [[1, 2], [3, 4]]</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Matrix<").Append(typeof(T).Name).Append("> ").Append(ShapeText).Append(" [");
        for (int row = 0; row < Math.Min(Rows, ShownExtent); row++)
        {
            text.Append(row == 0 ? "[" : ", [");
            for (int col = 0; col < Math.Min(Cols, ShownExtent); col++)
            {
                if (col > 0)
                    text.Append(", ");
                text.Append(_data![row * Cols + col].ToString(null, CultureInfo.InvariantCulture));
            }

            text.Append(Cols > ShownExtent ? ", …]" : "]");
        }

        text.Append(Rows > ShownExtent ? ", …]" : "]");
        return text.ToString();
    }

    internal static string Shape(int rows, int cols) => string.Create(CultureInfo.InvariantCulture, $"{rows}×{cols}");

    private static int CheckedLength(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long length = (long)rows * cols;
        if (length > System.Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}×{cols} matrix has more elements than an array can hold.");
        return (int)length;
    }

    private static void ThrowIndex(string name, int value, int extent)
        => throw new ArgumentOutOfRangeException(name, value, $"Must be in [0, {extent}).");
}
