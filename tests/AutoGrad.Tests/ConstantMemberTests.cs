using System;
using AutoGrad.Tests.Functions;
using Xunit;

namespace AutoGrad.Tests;

/// <summary>Math.PI, Math.E, Math.Tau and the constant members of double and float read as constants (issue 18), against closed forms.</summary>
public class ConstantMemberTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(-2.0)]
    public void Math_constants_are_constants_of_the_derivative(double r)
    {
        double rBar = 0;
        Assert.Equal(ConstantMemberFunctions.Circle(r), ConstantMemberFunctions.CircleAdjoint(r, ref rBar));
        Assert.Equal(2 * Math.PI * r + Math.E, rBar, 1e-14);
        ConstantMemberFunctions.CircleForward(r, 1.0, out var rDot);
        Assert.Equal(2 * Math.PI * r + Math.E, rDot, 1e-14);
        float rBarF = 0;
        ConstantMemberFunctions.CircleFAdjoint((float)r, ref rBarF);
        Assert.Equal(2 * MathF.PI * (float)r + MathF.E, rBarF, 1e-5f);
    }

    [Theory]
    [InlineData(0.75)]
    [InlineData(-1.5)]
    public void Double_constant_members_are_constants_of_the_derivative(double x)
    {
        double xBar = 0;
        Assert.Equal(ConstantMemberFunctions.Guarded(x), ConstantMemberFunctions.GuardedAdjoint(x, ref xBar));
        Assert.Equal(2 * x / (x * x + double.Epsilon) + 2, xBar, 1e-14);
    }
}
