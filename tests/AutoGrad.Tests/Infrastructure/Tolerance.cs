using System;

namespace AutoGrad.Tests.Infrastructure;

/// <summary>The arithmetic a derivative was computed in; decides finite-difference steps and tolerances.</summary>
public enum Precision
{
    Double,
    Float,
}

/// <summary>
/// A comparison passes when |actual - expected| &lt;= Absolute + Relative * |expected| (+ the noise of a
/// finite-difference estimate, see <see cref="FiniteDifference"/>).
/// </summary>
public readonly record struct Tolerance(double Relative, double Absolute)
{
    /// <summary>Central difference in double with h ~ 1e-6: truncation ~1e-12, round-off ~1e-10 relative.</summary>
    public static readonly Tolerance DoubleFiniteDifference = new(1e-6, 1e-9);

    /// <summary>Central difference of a float function with h ~ 1e-3: round-off ~1e-4 relative.</summary>
    public static readonly Tolerance FloatFiniteDifference = new(2e-3, 2e-4);

    /// <summary>Generated double derivative against an exact formula: a few ulps of rounding only.</summary>
    public static readonly Tolerance DoubleClosedForm = new(1e-12, 1e-12);

    /// <summary>Generated float derivative against an exact formula evaluated in double.</summary>
    public static readonly Tolerance FloatClosedForm = new(1e-5, 1e-5);

    public static Tolerance FiniteDifference(Precision precision)
        => precision == Precision.Double ? DoubleFiniteDifference : FloatFiniteDifference;

    public static Tolerance ClosedForm(Precision precision)
        => precision == Precision.Double ? DoubleClosedForm : FloatClosedForm;

    public double Allowed(double expected) => Absolute + Relative * Math.Abs(expected);
}
