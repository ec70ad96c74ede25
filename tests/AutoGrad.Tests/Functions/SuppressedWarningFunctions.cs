namespace AutoGrad.Tests.Functions;

/// <summary>
/// AG0100 suppressed with #pragma. The test project treats warnings as errors, so this file
/// compiling at all proves the generator's warning honours the pragma.
/// </summary>
public static partial class SuppressedWarningFunctions
{
#pragma warning disable AG0100 // The result ignores x on purpose: its derivatives must be exactly zero.
    [Differentiable]
    public static double IgnoresX(double x, [NoDiff] double c) => c * c + 1.0;
#pragma warning restore AG0100
}
