using System;

namespace AutoGrad.Tests.Functions;

/// <summary>
/// Functions computed by iterations, which AutoGrad is not asked to see into, with their
/// derivatives supplied by hand through [DerivativeOf]; the adjoints count their calls (per
/// thread) so tests can tell that generated code really calls them.
/// </summary>
public static partial class IterativeFunctions
{
    [ThreadStatic] public static int SqrtAdjointCalls;
    [ThreadStatic] public static int CbrtTangentCalls;

    /// <summary>√x by Newton's (Heron's) iteration from above: r decreases monotonically to √x and stops when it no longer does.</summary>
    public static double NewtonSqrt(double x)
    {
        if (x == 0)
            return 0;
        double r = x > 1 ? x : 1;
        for (int i = 0; i < 200; i++)
        {
            double next = 0.5 * (r + x / r);
            if (next >= r)
                break;
            r = next;
        }

        return r;
    }

    /// <summary>d√x/dx = 1 / (2√x): the adjoint only; AutoGrad derives NewtonSqrtForward from it.</summary>
    [DerivativeOf(nameof(NewtonSqrt))]
    public static double NewtonSqrtAdjoint(double x, ref double xBar, double resultBar)
    {
        SqrtAdjointCalls++;
        double r = NewtonSqrt(x);
        xBar += resultBar * 0.5 / r;
        return r;
    }

    /// <summary>√(floor + Σ v²), the root by <see cref="NewtonSqrt"/>; floor is constant.</summary>
    public static double RootSumSquares(ReadOnlySpan<double> v, [NoDiff] double floor)
    {
        double s = floor;
        for (int i = 0; i < v.Length; i++)
            s += v[i] * v[i];
        return NewtonSqrt(s);
    }

    /// <summary>∂/∂v_i = v_i / r. A span adjoint: the derived tangent pools a gradient buffer.</summary>
    [DerivativeOf(nameof(RootSumSquares))]
    public static double RootSumSquaresAdjoint(ReadOnlySpan<double> v, Span<double> vBar, double floor, double resultBar = 1.0)
    {
        double r = RootSumSquares(v, floor);
        for (int i = 0; i < v.Length; i++)
            vBar[i] += resultBar * v[i] / r;
        return r;
    }

    /// <summary>∛x by bisection on [min(x, −1), max(x, 1)] for a fixed number of steps.</summary>
    public static double BisectionCbrt(double x, int steps)
    {
        double lo = Math.Min(x, -1), hi = Math.Max(x, 1);
        for (int i = 0; i < steps; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid < x)
                lo = mid;
            else
                hi = mid;
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>d∛x/dx = 1 / (3 r²), both modes supplied.</summary>
    [DerivativeOf(nameof(BisectionCbrt))]
    public static double BisectionCbrtAdjoint(double x, ref double xBar, int steps, double resultBar)
    {
        double r = BisectionCbrt(x, steps);
        xBar += resultBar / (3 * r * r);
        return r;
    }

    /// <summary>The second derivative too: d²∛x/dx² = −2 / (9 r⁵).</summary>
    [DerivativeOf(nameof(BisectionCbrt), Kind = DerivativeKind.HessianVector)]
    public static double BisectionCbrtHessianVector(double x, double xDot, ref double xBar, ref double xBarDot, int steps, double resultBar, double resultBarDot)
    {
        double r = BisectionCbrt(x, steps);
        double slope = 1 / (3 * r * r);
        xBar += resultBar * slope;
        xBarDot += resultBar * (-2 / (9 * r * r * r * r * r)) * xDot + resultBarDot * slope;
        return r;
    }

    [DerivativeOf(nameof(BisectionCbrt), Kind = DerivativeKind.Tangent)]
    public static double BisectionCbrtTangent(double x, double xDot, int steps, out double resultDot)
    {
        CbrtTangentCalls++;
        double r = BisectionCbrt(x, steps);
        resultDot = xDot / (3 * r * r);
        return r;
    }
}

/// <summary>[Differentiable] callers of the functions above, in another class.</summary>
public static partial class CustomDerivativeCallers
{
    /// <summary>2·√(a² + b²) + a: ∂/∂a = 2a/h + 1, ∂/∂b = 2b/h.</summary>
    [Differentiable]
    public static double Hypotenuse(double a, double b) => 2 * IterativeFunctions.NewtonSqrt(a * a + b * b) + a;

    /// <summary>√x used twice, in a loop, inside a branch: sum over k of √(k·x) for x &gt; 0, else x.</summary>
    [Differentiable]
    public static double RootsInALoop(double x, int n)
    {
        if (x <= 0)
            return x;
        double sum = 0;
        for (int k = 1; k <= n; k++)
            sum += IterativeFunctions.NewtonSqrt(k * x);
        return sum;
    }

    /// <summary>s·√(1 + Σ w²): ∂/∂w_i = s·w_i/r, ∂/∂s = r.</summary>
    [Differentiable]
    public static double ScaledNorm(ReadOnlySpan<double> w, double s) => s * IterativeFunctions.RootSumSquares(w, 1.0);

    /// <summary>∛(x·y) + y·y with a custom tangent: ∂/∂x = y/(3r²), ∂/∂y = x/(3r²) + 2y.</summary>
    [Differentiable]
    public static double CubeRootOfProduct(double x, double y) => IterativeFunctions.BisectionCbrt(x * y, 200) + y * y;
}
