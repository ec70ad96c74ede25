using AutoGrad.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoGrad.Generator.Diagnostics;

/// <summary>A diagnostic as equatable values: the descriptor's ID, where, and the message arguments.</summary>
public sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, EquatableArray.Create(arguments));

    public Diagnostic ToDiagnostic(Compilation? compilation)
    {
        var descriptor = DiagnosticDescriptors.ById(Id);
        var location = Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None;
        return Diagnostic.Create(descriptor, location, [.. MessageArguments]);
    }
}
