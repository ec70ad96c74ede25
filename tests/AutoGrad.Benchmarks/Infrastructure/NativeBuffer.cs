using System;
using System.Runtime.InteropServices;

namespace AutoGrad.Benchmarks.Infrastructure;

/// <summary>
/// A 64-byte aligned native array. Managed arrays start at whatever offset the GC gives them, so a
/// Vector256 loop over one may split cache lines in one run and not in the next; aligned buffers
/// keep the numbers comparable from run to run and between the subjects.
/// </summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable
    where T : unmanaged
{
    private const nuint Alignment = 64;
    private T* _pointer;

    public NativeBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _pointer = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * (nuint)sizeof(T), Alignment);
        Length = length;
        Span.Clear();
    }

    public int Length { get; }

    public Span<T> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return new Span<T>(_pointer, Length);
        }
    }

    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
