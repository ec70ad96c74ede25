using System;
using ScottPlot;

namespace AutoGrad.Samples;

/// <summary>
/// Scenario 1, the tensor notebook's "magic differentiation": a dot product and its gradient,
/// the partials of z = x·y⁵ at (3, 7), and d/dx sin x = cos x at 100 points of [0, 2π].
/// </summary>
public static partial class AutogradBasics
{
    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [Differentiable]
    public static double Z(double x, double y) => x * Math.Pow(y, 5);

    /// <summary>y = sin x elementwise: the notebook's <c>y = torch.sin(x)</c> on a vector.</summary>
    [Differentiable]
    public static void Sine(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Sin(x[i]);
        }
    }

    public static void Run(Report report, Plots plots)
    {
        report.BeginScenario("1 Autograd basics");

        // 1·4 + 2·5 + 3·6 = 32, and the gradient of a·b is b with respect to a and a with respect to b.
        double[] a = [1, 2, 3], b = [4, 5, 6];
        double[] aBar = new double[3], bBar = new double[3];
        double dot = DotAdjoint(a, aBar, b, bBar);
        Console.WriteLine($"    (1, 2, 3)·(4, 5, 6) = {dot}, gradient in a = {Text.Of(aBar)}, in b = {Text.Of(bBar)}");
        report.Check("(1,2,3)·(4,5,6)", 32, dot, Tolerance.AbsoluteOf(0));
        report.CheckAll("∂(a·b)/∂a = b", b, aBar, Tolerance.AbsoluteOf(0), "b");
        report.CheckAll("∂(a·b)/∂b = a", a, bBar, Tolerance.AbsoluteOf(0), "a");

        // Forward mode: one call per direction, seeding the tangent of the variable of interest.
        ZForward(3, 1, 7, 0, out double dzdx);
        ZForward(3, 0, 7, 1, out double dzdy);
        // Reverse mode: one call gives both partials (the bars start at zero and are added to).
        double xBar = 0, yBar = 0;
        ZAdjoint(3, ref xBar, 7, ref yBar);
        Console.WriteLine($"    z = x*y^5 at (3, 7): forward dz/dx = {dzdx}, dz/dy = {dzdy}; adjoint dz/dx = {xBar}, dz/dy = {yBar}");
        var exact = Tolerance.RelativeOf(1e-15);
        report.Check("z = x·y⁵: ∂z/∂x at (3, 7), forward (y⁵)", 16807, dzdx, exact);
        report.Check("z = x·y⁵: ∂z/∂y at (3, 7), forward (5xy⁴)", 36015, dzdy, exact);
        report.Check("z = x·y⁵: ∂z/∂x at (3, 7), adjoint", 16807, xBar, exact);
        report.Check("z = x·y⁵: ∂z/∂y at (3, 7), adjoint", 36015, yBar, exact);

        // torch.linspace(0, 2π) has 100 points; y.backward(ones) gives x.grad = cos x. The adjoint
        // of a method with an output span takes that span's cotangent: ones here.
        const int Points = 100;
        double[] x = new double[Points], sine = new double[Points], ones = new double[Points], derivative = new double[Points], cosine = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            x[i] = 2 * Math.PI * i / (Points - 1);
            cosine[i] = Math.Cos(x[i]);
        }

        Array.Fill(ones, 1.0);
        SineAdjoint(x, derivative, sine, ones);
        // Where the generated loop is vectorized it uses Vector256.Sin/Cos, which may differ from
        // Math.Cos in the last few bits: hence 1e-14 rather than exact equality.
        report.CheckAll("d/dx sin x at 100 points of [0, 2π]", cosine, derivative, Tolerance.AbsoluteOf(1e-14), "cos x");

        if (plots.Enabled)
        {
            var plot = new Plot();
            plot.Title("Automatic differentiation of sin");
            plot.XLabel("x");
            var sinLine = plot.Add.ScatterLine(x, sine);
            sinLine.LegendText = "sin x";
            sinLine.LineWidth = 2;
            var cosLine = plot.Add.ScatterLine(x, cosine);
            cosLine.LegendText = "cos x";
            cosLine.LineWidth = 3;
            var generated = plot.Add.ScatterPoints(x, derivative);
            generated.LegendText = "generated d/dx sin x";
            generated.MarkerSize = 5;
            plot.ShowLegend(Alignment.LowerLeft);
            plots.Save(plot, "sin-derivative.png");
        }
    }
}
