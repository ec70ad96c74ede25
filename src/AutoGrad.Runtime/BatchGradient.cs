using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AutoGrad;

/// <summary>
/// One sample's part of a batch: adds the gradient of sample <paramref name="index"/>'s loss into <paramref name="gradient"/>
/// and returns that loss — typically a call of a generated adjoint on the sample's data.
/// </summary>
public delegate T SampleGradient<T>(int index, Span<T> gradient);

/// <summary>
/// The loss and gradient of a sum over independent samples (a dataset's points, an abundance solver's samples), split
/// across the cores. The samples are cut into one contiguous chunk per core; each chunk's losses and gradients are summed
/// in sample order into buffers of its own, on a worker thread; then the chunks' sums are added in chunk order. The cut
/// depends on the sample count and the number of cores alone, never on timing, so the result is bit for bit the same in
/// every run — and with <see cref="Parallelism.IsEnabled"/> false, which runs the same chunks one after another on the
/// calling thread. After the first call on a thread, a call allocates nothing: the chunks' buffers and work items are
/// kept per calling thread (one gradient-sized buffer per core).
/// </summary>
public static class BatchGradient
{
    /// <summary>At most this many chunks, whatever the machine: each holds a gradient-sized buffer.</summary>
    public const int MaxChunks = 64;

    /// <summary>
    /// Adds Σᵢ ∇lossᵢ over the samples 0 … <paramref name="count"/> − 1 into <paramref name="gradient"/> and returns Σᵢ lossᵢ.
    /// <paramref name="sample"/> runs on several threads at once: it must only read what the samples share.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sample"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static T Sum<T>(int count, Span<T> gradient, SampleGradient<T> sample)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return T.Zero;
        int chunks = Math.Min(Math.Min(Environment.ProcessorCount, MaxChunks), count);
        var batch = Batch<T>.ForThisThread(chunks, gradient.Length);
        try
        {
            for (int c = 0; c < chunks; c++)
                batch.Chunks[c].Prepare(sample, (int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks), gradient.Length);
            if (Parallelism.IsEnabled && chunks > 1)
            {
                batch.Done.Reset(chunks - 1);
                for (int c = 1; c < chunks; c++)
                    ThreadPool.UnsafeQueueUserWorkItem(batch.Chunks[c], preferLocal: false);
                batch.Chunks[0].Execute();
                batch.Done.Wait();
            }
            else
            {
                for (int c = 0; c < chunks; c++)
                    batch.Chunks[c].Execute();
            }

            T total = T.Zero;
            for (int c = 0; c < chunks; c++)
            {
                var chunk = batch.Chunks[c];
                chunk.Failure?.Throw();
                total += chunk.Loss;
                TensorPrimitives.Add(gradient, chunk.Gradient.AsSpan(0, gradient.Length), gradient);
            }
            return total;
        }
        finally
        {
            batch.Release();
        }
    }

    /// <summary>A calling thread's chunks and the event the workers signal; a nested call on the same thread gets its own.</summary>
    private sealed class Batch<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static Batch<T>? t_cached;

        /// <summary>In use by a call on this thread: a call the sample makes in turn gets chunks of its own.</summary>
        private bool Busy { get; set; }

        public Chunk<T>[] Chunks { get; private set; } = [];

        public CountdownEvent Done { get; } = new(0);

        public static Batch<T> ForThisThread(int chunks, int length)
        {
            var batch = t_cached is { Busy: false } cached ? cached : new Batch<T>();
            t_cached ??= batch;
            batch.Busy = true;
            if (batch.Chunks.Length < chunks)
            {
                var grown = new Chunk<T>[chunks];
                Array.Copy(batch.Chunks, grown, batch.Chunks.Length);
                for (int c = batch.Chunks.Length; c < chunks; c++)
                    grown[c] = new Chunk<T>(batch.Done);
                batch.Chunks = grown;
            }
            return batch;
        }

        /// <summary>Drops the delegate (it may hold the caller's data) and frees the chunks for the next call.</summary>
        public void Release()
        {
            foreach (var chunk in Chunks)
                chunk.Sample = null;
            Busy = false;
        }
    }

    /// <summary>One contiguous run of samples, summed in order into a buffer of its own.</summary>
    private sealed class Chunk<T>(CountdownEvent done) : IThreadPoolWorkItem
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private int start, end, length;
        private bool onWorker;

        public SampleGradient<T>? Sample { get; set; }

        public T[] Gradient { get; private set; } = [];

        public T Loss { get; private set; }

        public ExceptionDispatchInfo? Failure { get; private set; }

        public void Prepare(SampleGradient<T> sample, int from, int to, int length)
        {
            (Sample, start, end, this.length, Loss, Failure, onWorker) = (sample, from, to, length, T.Zero, null, false);
            if (Gradient.Length < length)
                Gradient = new T[length];
        }

        /// <summary>Runs the chunk on a worker, which then signals the calling thread.</summary>
        void IThreadPoolWorkItem.Execute()
        {
            onWorker = true;
            Execute();
        }

        public void Execute()
        {
            try
            {
                var gradient = Gradient.AsSpan(0, length);
                gradient.Clear();
                T loss = T.Zero;
                for (int i = start; i < end; i++)
                    loss += Sample!(i, gradient);
                Loss = loss;
            }
            catch (Exception exception)
            {
                Failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                if (onWorker)
                    done.Signal();
            }
        }
    }
}
