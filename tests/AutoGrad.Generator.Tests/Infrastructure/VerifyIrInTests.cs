using System.Runtime.CompilerServices;
using AutoGrad.Generator.Transforms;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>Every generator run in these tests checks the IR after each pass (Release builds of the generator skip it otherwise).</summary>
internal static class VerifyIrInTests
{
    [ModuleInitializer]
    internal static void TurnOn() => Pipeline.Verify = true;
}
