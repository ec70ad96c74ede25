using AutoGrad.Tests.Functions;
using Xunit;

namespace AutoGrad.Tests;

public class SuppressedWarningTests
{
    [Fact]
    public void A_result_that_ignores_its_active_parameter_has_zero_derivatives()
    {
        double value = SuppressedWarningFunctions.IgnoresXForward(2.0, 1.0, 3.0, out double resultDot);
        double xBar = 0.5;
        double adjointValue = SuppressedWarningFunctions.IgnoresXAdjoint(2.0, ref xBar, 3.0);

        Assert.Equal(10.0, value);
        Assert.Equal(10.0, adjointValue);
        Assert.Equal(0.0, resultDot);
        Assert.Equal(0.5, xBar);
    }
}
