using System;
using Xunit;
using N = AutoGrad.Tests.Functions.NameFunctions;

namespace AutoGrad.Tests;

/// <summary>Callees, locals, fields and nested types named like the generator's temporaries or the types it uses: the derivatives against closed forms.</summary>
public class NameTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.7)]
    public void A_callee_named_like_its_result_is_called(double x)
    {
        // d/dx [sin²x·2 + eˣ·3] = 4 sin x cos x + 3eˣ.
        var expected = 4 * Math.Sin(x) * Math.Cos(x) + 3 * Math.Exp(x);
        double xBar = 0;
        Assert.Equal(N.CalleeNamedLikeItsResult(x), N.CalleeNamedLikeItsResultAdjoint(x, ref xBar));
        Assert.Equal(expected, xBar, 12);
        N.CalleeNamedLikeItsResultForward(x, 1, out var dot);
        Assert.Equal(expected, dot, 12);
    }

    [Theory]
    [InlineData(0.3, 2.0)]
    [InlineData(-1.7, 0.5)]
    public void A_local_named_like_a_callee_and_calls_through_type_names_are_differentiated(double x, double y)
    {
        // x²y + x²: (2xy + 2x, x²).
        double xBar = 0, yBar = 0;
        N.LocalNamedLikeACalleeAdjoint(x, ref xBar, y, ref yBar);
        Assert.Equal((2 * x * y + 2 * x, x * x), (xBar, yBar));

        // x³ + 3y + sin x·y: (3x² + y cos x, 3 + sin x).
        xBar = yBar = 0;
        Assert.Equal(N.QualifiedCalls(x, y), N.QualifiedCallsAdjoint(x, ref xBar, y, ref yBar));
        Assert.Equal(3 * x * x + y * Math.Cos(x), xBar, 12);
        Assert.Equal(3 + Math.Sin(x), yBar, 12);
        double xBarDot = 0, yBarDot = 0;
        xBar = yBar = 0;
        // Hessian [[6x − y sin x, cos x], [cos x, 0]] times (1, 0).
        N.QualifiedCallsHessianVector(x, 1, ref xBar, ref xBarDot, y, 0, ref yBar, ref yBarDot);
        Assert.Equal(6 * x - y * Math.Sin(x), xBarDot, 12);
        Assert.Equal(Math.Cos(x), yBarDot, 12);
    }
}
