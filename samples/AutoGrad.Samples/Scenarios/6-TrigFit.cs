using System;
using System.Linq;
using ScottPlot;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 6, "how to use gradient descent to solve this multiple terms trigonometry function":
/// the data are f(x) = A·sin(2πLx) + B·cos(2πMx) + C·sin(2πNx) at x = 0, 0.01, …, 0.99, and the
/// answer is −5·sin(2π·10x) + 4·cos(2π·5x) + 2·sin(2π·3x). Two ways, as in the thread:
/// (a) gradient descent on A, B, C with L, M, N = 10, 5, 3; (b) the frequencies found by a
/// Fourier transform, then a sine and a cosine amplitude for each fitted by the generated gradient.
/// </summary>
public static partial class TrigFit
{
    /// <summary>The question's y, as posted (10 significant digits).</summary>
    private static readonly double[] Y =
    [
        4, 1.240062433, -0.7829654986, -1.332487982, -0.3337640721, 1.618033989, 3.512512389, 4.341307895, 3.515268061, 1.118929599,
        -2.097886967, -4.990538967, -6.450324073, -5.831575611, -3.211486891, 0.6180339887, 4.425660706, 6.980842552, 7.493970785, 5.891593744,
        2.824429495, -0.5926374511, -3.207870455, -4.263694544, -3.667432785, -2, -0.2617162175, 0.5445886005, -0.169441247, -2.323237059,
        -5.175570505, -7.59471091, -8.488730333, -7.23200463, -3.924327772, 0.6180339887, 5.138501587, 8.38127157, 9.532377045, 8.495765687,
        5.902113033, 2.849529206, 0.4768388529, -0.46697525, 0.106795821, 1.618033989, 3.071952496, 3.475795162, 2.255463709, -0.4905371745,
        -4, -7.117914956, -8.727599664, -8.178077181, -5.544088451, -1.618033989, 2.365340134, 5.169257268, 5.995297102, 4.758922924,
        2.097886967, -0.8873135564, -3.06024109, -3.678989552, -2.666365632, -0.6180339887, 1.452191817, 2.529722611, 2.016594378, -0.01374122059,
        -2.824429495, -5.285215072, -6.302694708, -5.246870619, -2.210419738, 2, 6.13956874, 8.965976562, 9.68000641, 8.201089581,
        5.175570505, 1.716858387, -1.02183483, -2.278560533, -1.953524751, -0.6180339887, 0.7393509358, 1.129293593, -0.02181188158, -2.617913164,
        -5.902113033, -8.727381729, -9.987404016, -9.043589913, -5.984648344, -1.618033989, 2.805900027, 6.034770001, 7.255101454, 6.368389697,
    ];

    private static readonly double[] X = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();

    /// <summary>(a) The question's model with the frequencies given: mean((A·sin(2πLx) + B·cos(2πMx) + C·sin(2πNx) − y)²).</summary>
    [Differentiable]
    public static double Loss(double a, double b, double c, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y, int l, int m, int n)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double prediction = a * Math.Sin(2 * Math.PI * l * x[i]) + b * Math.Cos(2 * Math.PI * m * x[i]) + c * Math.Sin(2 * Math.PI * n * x[i]);
            double error = prediction - y[i];
            sum += error * error;
        }

        return sum / x.Length;
    }

    /// <summary>
    /// (b) Any set of frequencies, each with a sine and a cosine amplitude (amplitudes[2k] and
    /// amplitudes[2k + 1]), so the fit itself says which of the two each frequency is.
    /// </summary>
    [Differentiable]
    public static double LossAtFrequencies(ReadOnlySpan<double> amplitudes, [NoDiff] ReadOnlySpan<double> frequencies, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double prediction = 0;
            for (int k = 0; k < frequencies.Length; k++)
            {
                double phase = 2 * Math.PI * frequencies[k] * x[i];
                prediction += amplitudes[2 * k] * Math.Sin(phase) + amplitudes[2 * k + 1] * Math.Cos(phase);
            }

            double error = prediction - y[i];
            sum += error * error;
        }

        return sum / x.Length;
    }

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("6 Trigonometric fit");

        // (a) On this grid the three sinusoids are orthogonal with mean square ½, so the loss is
        // ½((A + 5)² + (B − 4)² + (C − 2)²): its Hessian is the identity, and a step of 0.5 halves the error.
        const double LearningRate = 0.5;
        const int Steps = 60;
        double a = 1, b = 1, c = 1;
        for (int step = 0; step <= Steps; step++)
        {
            double aBar = 0, bBar = 0, cBar = 0;
            double loss = LossAdjoint(a, ref aBar, b, ref bBar, c, ref cBar, X, Y, 10, 5, 3);
            if (step % 10 == 0)
            {
                Console.WriteLine($"    (a) step {step,2}: (A, B, C) = ({a,10:F6}, {b,10:F6}, {c,10:F6})   loss = {loss:0.000e+00}");
            }

            a -= LearningRate * aBar;
            b -= LearningRate * bBar;
            c -= LearningRate * cBar;
        }

        // The data have 10 significant digits.
        var recovered = Tolerance.AbsoluteOf(1e-8);
        report.CheckAll("(a) gradient descent: A, B, C with L, M, N = 10, 5, 3", [-5, 4, 2], [a, b, c], recovered);

        // (b) Frequencies first: the three largest peaks of the amplitude spectrum.
        var (peakFrequencies, amplitudes) = Spectrum.LargestPeaks(X, Y, count: 3);
        // The question says L, M, N are integers; the peaks come out within rounding of them.
        double[] frequencies = Array.ConvertAll(peakFrequencies, Math.Round);
        Console.WriteLine($"    (b) DFT peaks: frequencies {Text.Of(frequencies)} with amplitudes {Text.Of(amplitudes)}");
        report.CheckAll("(b) DFT: the three strongest frequencies", [10, 5, 3], peakFrequencies, Tolerance.AbsoluteOf(1e-9));
        report.CheckAll("(b) DFT: their amplitudes (the thread: 5.00, 4.00, 2.00)", [5, 4, 2], amplitudes, recovered);

        // Then a sine and a cosine amplitude per frequency, from zero, by the generated gradient.
        double[] fitted = new double[2 * frequencies.Length];
        double[] gradient = new double[fitted.Length];
        for (int step = 0; step < Steps; step++)
        {
            Array.Clear(gradient);
            LossAtFrequenciesAdjoint(fitted, gradient, frequencies, X, Y);
            for (int k = 0; k < fitted.Length; k++)
            {
                fitted[k] -= LearningRate * gradient[k];
            }
        }

        // The amplitudes are in the order the frequencies were found: 10, 5, 3 (checked above).
        Console.WriteLine($"    (b) fitted (sin, cos) amplitudes: {Text.Of(fitted)}, loss = {LossAtFrequencies(fitted, frequencies, X, Y):0.000e+00}");
        report.CheckAll("(b) fitted sin·10, sin·5, sin·3 amplitudes", [-5, 0, 2], [fitted[0], fitted[2], fitted[4]], recovered);
        report.CheckAll("(b) fitted cos·10, cos·5, cos·3 amplitudes", [0, 4, 0], [fitted[1], fitted[3], fitted[5]], recovered);

        if (plots.Enabled)
        {
            double[] fineX = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
            double[] curve = fineX.Select(x =>
            {
                double value = 0;
                for (int k = 0; k < frequencies.Length; k++)
                {
                    value += fitted[2 * k] * Math.Sin(2 * Math.PI * frequencies[k] * x) + fitted[2 * k + 1] * Math.Cos(2 * Math.PI * frequencies[k] * x);
                }

                return value;
            }).ToArray();

            var plot = new Plot();
            plot.Title("Trigonometric fit: frequencies by DFT, amplitudes by the generated gradient");
            plot.XLabel("x");
            var fit = plot.Add.ScatterLine(fineX, curve);
            fit.LegendText = $"fit: {fitted[0]:0.00}·sin(2π·10x) + {fitted[3]:0.00}·cos(2π·5x) + {fitted[4]:0.00}·sin(2π·3x)";
            fit.LineWidth = 2;
            var data = plot.Add.ScatterPoints(X, Y);
            data.LegendText = "data";
            data.MarkerSize = 6;
            plot.ShowLegend(Alignment.LowerLeft);
            plots.Save(plot, "trig-fit.png");
        }
    }
}
