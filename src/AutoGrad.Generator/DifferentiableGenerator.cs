using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator;

/// <summary>Names of the incremental pipeline's tracked steps, asserted by the caching tests.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string CallGraph = nameof(CallGraph);
    public const string Emit = nameof(Emit);
}

[Generator(LanguageNames.CSharp)]
public sealed partial class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
