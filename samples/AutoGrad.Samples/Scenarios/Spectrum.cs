using System;
using System.Linq;
using System.Numerics;

namespace AutoGrad.Samples;

/// <summary>
/// The amplitude spectrum of evenly spaced real samples by a direct discrete Fourier transform:
/// O(n²), and exact for any n (the scenario's 100 samples are not a power of two, so a radix-2
/// FFT would need padding, which smears the peaks).
/// </summary>
public static class Spectrum
{
    /// <summary>
    /// The <paramref name="count"/> frequencies with the largest amplitudes (strongest first) and
    /// those amplitudes: 2|Yₖ|/n for bin k of Y = DFT(y), at frequency k/(n·dt).
    /// </summary>
    public static (double[] Frequencies, double[] Amplitudes) LargestPeaks(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int count)
    {
        int n = y.Length;
        double dt = (x[n - 1] - x[0]) / (n - 1);
        // Bins 1 … n/2 − 1: a real signal's upper half mirrors the lower, and the constant and
        // Nyquist bins are not sinusoids of the model.
        var amplitudes = new double[n / 2];
        for (int k = 1; k < n / 2; k++)
        {
            Complex sum = 0;
            for (int t = 0; t < n; t++)
            {
                sum += y[t] * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * t / n);
            }

            amplitudes[k] = 2 * sum.Magnitude / n;
        }

        int[] strongest = Enumerable.Range(1, n / 2 - 1).OrderByDescending(k => amplitudes[k]).Take(count).ToArray();
        return (strongest.Select(k => k / (n * dt)).ToArray(), strongest.Select(k => amplitudes[k]).ToArray());
    }
}
