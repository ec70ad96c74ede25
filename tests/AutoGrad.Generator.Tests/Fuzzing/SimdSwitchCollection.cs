using Xunit;

namespace AutoGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The fuzzers turn <c>Simd.IsEnabled</c>, a process-wide switch, off and on to compare the vector
/// and scalar paths bit for bit; in one collection they never run at the same time, so neither
/// sees the other's setting halfway through a check.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SimdSwitchCollection
{
    public const string Name = "Simd switch";
}
