using System;

namespace AutoGrad.Samples;

/// <summary>(a) The notebook's partial derivatives: z = x·y⁵ at (3, 7), and d/dx sin x = cos x.</summary>
public static partial class NotebookPartials
{
    [Differentiable]
    public static double Z(double x, double y) => x * Math.Pow(y, 5);

    [Differentiable]
    public static double Sine(double x) => Math.Sin(x);

    public static void Run(Report report)
    {
        Console.WriteLine("(a) Partials of z = x*y^5 at (3, 7)");

        // Forward mode: one call per direction, seeding the partner of the variable of interest.
        double z = ZForward(3, 1, 7, 0, out double dzdx);
        ZForward(3, 0, 7, 1, out double dzdy);

        // Adjoint mode: one call fills both partials (the bars start at zero and are added to).
        double xBar = 0, yBar = 0;
        ZAdjoint(3, ref xBar, 7, ref yBar);

        Console.WriteLine($"    z = {z}, forward: dz/dx = {dzdx}, dz/dy = {dzdy}; adjoint: dz/dx = {xBar}, dz/dy = {yBar}");
        report.Check("z = x*y^5: dz/dx at (3, 7), forward", 16807, dzdx, 1e-12);
        report.Check("z = x*y^5: dz/dy at (3, 7), forward", 36015, dzdy, 1e-12);
        report.Check("z = x*y^5: dz/dx at (3, 7), adjoint", 16807, xBar, 1e-12);
        report.Check("z = x*y^5: dz/dy at (3, 7), adjoint", 36015, yBar, 1e-12);

        Console.WriteLine("    d/dx sin x against cos x:");
        foreach (double x in new[] { 0.0, Math.PI / 6, Math.PI / 2, 2.0, Math.PI })
        {
            SineForward(x, 1, out double derivative);
            Console.WriteLine($"    x = {x,8:F5}   d/dx sin x = {derivative,9:F6}   cos x = {Math.Cos(x),9:F6}");
            report.Check($"d/dx sin x at x = {x:F4}", Math.Cos(x), derivative, 1e-12);
        }

        Console.WriteLine();
    }
}
