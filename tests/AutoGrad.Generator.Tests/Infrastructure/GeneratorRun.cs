using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoGrad.Generator.Tests.Infrastructure;

/// <summary>What <see cref="GeneratorRun.Verify"/> requires of a run; <see cref="All"/> unless a test provokes a failure on purpose.</summary>
[Flags]
public enum GeneratorChecks
{
    None = 0,

    /// <summary>The generator did not throw: no <see cref="GeneratorRun.GeneratorException"/>, no CS8784/CS8785 from the driver.</summary>
    NoException = 1,

    /// <summary>The generator reported no AG9999 (it caught an exception of its own for some method).</summary>
    NoInternalError = 2,

    /// <summary>No error and no warning is located in a generated file.</summary>
    CleanGeneratedCode = 4,

    All = NoException | NoInternalError | CleanGeneratedCode,
}

/// <summary>One run of the generator: what went in, what came out, and the driver to run it again incrementally.</summary>
public sealed class GeneratorRun
{
    private readonly Lazy<ImmutableArray<Diagnostic>> outputDiagnostics;
    private readonly Lazy<Assembly> assembly;

    public GeneratorRun(GeneratorDriver driver, Compilation inputCompilation, Compilation outputCompilation, GeneratorChecks checks = GeneratorChecks.All)
    {
        Driver = driver;
        Checks = checks;
        InputCompilation = inputCompilation;
        OutputCompilation = outputCompilation;
        Result = driver.GetRunResult().Results.Single();
        GeneratedSources = Result.GeneratedSources.ToImmutableSortedDictionary(
            source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);
        GeneratedTrees = [.. outputCompilation.SyntaxTrees.Except(inputCompilation.SyntaxTrees)];
        outputDiagnostics = new(() => OutputCompilation.GetDiagnostics());
        assembly = new(EmitAndLoad);
    }

    /// <summary>What <see cref="Verify"/> requires of this run and of its reruns.</summary>
    public GeneratorChecks Checks { get; }

    /// <summary>The driver after this run: it holds the cached pipeline state, so rerun through it to test incrementality.</summary>
    public GeneratorDriver Driver { get; }

    public Compilation InputCompilation { get; }

    /// <summary>The input compilation plus the generated trees.</summary>
    public Compilation OutputCompilation { get; }

    /// <summary>This generator's result, with the tracked incremental steps.</summary>
    public GeneratorRunResult Result { get; }

    /// <summary>Generated text by hint name, in ordinal hint-name order.</summary>
    public ImmutableSortedDictionary<string, string> GeneratedSources { get; }

    public ImmutableArray<SyntaxTree> GeneratedTrees { get; }

    /// <summary>What the generator reported, including the driver's CS8784/CS8785 if the generator failed.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>The exception the generator threw, which the driver otherwise turns into a CS8785 warning.</summary>
    public Exception? GeneratorException => Result.Exception;

    /// <summary>Error-severity diagnostics of the output compilation, in user code and generated code alike.</summary>
    public ImmutableArray<Diagnostic> OutputErrors => [.. outputDiagnostics.Value.Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>
    /// Errors located in a generated tree: always a generator bug, since it must emit code that
    /// compiles or report a diagnostic instead, even when the user's code is broken.
    /// </summary>
    public ImmutableArray<Diagnostic> ErrorsInGeneratedCode
        => [.. DiagnosticsInGeneratedCode.Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>
    /// Errors and warnings of the output compilation located in a generated tree (the whole
    /// compilation's, so also those reported only at its end, like an unused private field). A
    /// warning there is a generator bug too: users build with warnings as errors, and cannot fix it.
    /// </summary>
    public ImmutableArray<Diagnostic> DiagnosticsInGeneratedCode
        => GeneratedTrees.IsEmpty
            ? []
            : [.. outputDiagnostics.Value.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && GeneratedTrees.Contains(tree)
                // A lower-case type name is the user's: the partial declaration the generator must write
                // repeats it, and the user has the same warning at their own declaration.
                && d.Id != "CS8981")];

    /// <summary>Runs the same driver again over <paramref name="compilation"/>, reusing the cached state of this run, and verifies it with this run's checks.</summary>
    public GeneratorRun Rerun(Compilation compilation)
    {
        var driver = Driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out _);
        var run = new GeneratorRun(driver, compilation, outputCompilation, Checks);
        run.Verify();
        return run;
    }

    /// <summary>
    /// Fails the test unless the run passes <see cref="Checks"/>: what every run of the harness must
    /// pass, since each is a generator bug whatever the input — a thrown exception (which the
    /// compiler turns into warning CS8785 and no output), an AG9999, or generated code that does
    /// not compile cleanly.
    /// </summary>
    public void Verify()
    {
        var problems = Problems(Checks);
        if (problems.Count == 0)
            return;
        var message = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"The generator run fails its checks ({Checks}):")
            .AppendJoin(Environment.NewLine, problems)
            .AppendLine()
            .AppendLine()
            .AppendLine(DescribeGeneratedSources());
        Assert.Fail(message.ToString());
    }

    /// <summary>What fails <paramref name="checks"/>, each described; empty when the run passes.</summary>
    public List<string> Problems(GeneratorChecks checks)
    {
        var problems = new List<string>();
        if (checks.HasFlag(GeneratorChecks.NoException))
        {
            if (GeneratorException is not null)
                problems.Add($"The generator threw {GeneratorException}");
            var driverFailures = GeneratorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785").ToList();
            if (driverFailures.Count > 0)
                problems.Add($"The driver reports the generator failed:{Environment.NewLine}{Describe(driverFailures)}");
        }
        if (checks.HasFlag(GeneratorChecks.NoInternalError))
        {
            var internalErrors = GeneratorDiagnostics.Where(d => d.Id == "AG9999").ToList();
            if (internalErrors.Count > 0)
                problems.Add($"The generator reports an internal error:{Environment.NewLine}{Describe(internalErrors)}");
        }
        if (checks.HasFlag(GeneratorChecks.CleanGeneratedCode) && !DiagnosticsInGeneratedCode.IsEmpty)
            problems.Add($"The generated code has errors or warnings:{Environment.NewLine}{Describe(DiagnosticsInGeneratedCode)}");
        return problems;
    }

    public void AssertOutputCompiles()
    {
        if (OutputErrors.IsEmpty)
            return;

        var message = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"The output compilation has {OutputErrors.Length} error(s):")
            .AppendLine(Describe(OutputErrors))
            .AppendLine()
            .AppendLine(DescribeGeneratedSources());
        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// Emits the output compilation and loads it into its own collectible load context, so each
    /// test gets a fresh copy of the generated types. Emitted once per run.
    /// </summary>
    public Assembly Load() => assembly.Value;

    /// <summary>
    /// Calls the static method <paramref name="methodName"/> of <paramref name="typeName"/> (full
    /// metadata name) in the loaded output. Trailing optional parameters may be left out; pass
    /// anything (e.g. <c>null</c>) for <c>out</c> parameters. Returns the return value and the
    /// arguments array, which holds what the method wrote to its <c>ref</c> and <c>out</c> parameters.
    /// </summary>
    public (object? Result, object?[] Arguments) Invoke(string typeName, string methodName, params object?[] arguments)
    {
        var type = Load().GetType(typeName, throwOnError: true)!;
        var method = FindMethod(type, methodName, arguments);
        var parameters = method.GetParameters();
        var allArguments = parameters
            .Select((parameter, index) => index < arguments.Length ? arguments[index] : parameter.DefaultValue)
            .ToArray();
        try
        {
            return (method.Invoke(null, allArguments), allArguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw new InvalidOperationException($"{typeName}.{methodName} threw: {exception.InnerException.Message}", exception.InnerException);
        }
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    /// <summary>Every generated file with line numbers, so that the positions in a diagnostic can be looked up.</summary>
    public string DescribeGeneratedSources()
    {
        if (GeneratedSources.IsEmpty)
            return "(no generated sources)";

        var text = new StringBuilder();
        foreach (var (hintName, source) in GeneratedSources)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"//----- {hintName}");
            var lines = source.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
                text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1,4}: {lines[i]}");
        }
        return text.ToString();
    }

    private static MethodInfo FindMethod(Type type, string methodName, object?[] arguments)
    {
        var candidates = type
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(method => method.Name == methodName && Accepts(method.GetParameters(), arguments))
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new MissingMethodException(
                $"{type.FullName} has no static method {methodName} that takes ({DescribeTypes(arguments)}); it has:{Environment.NewLine}"
                + string.Join(Environment.NewLine, type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))),
            _ => throw new AmbiguousMatchException(
                $"{type.FullName}.{methodName}({DescribeTypes(arguments)}) matches:{Environment.NewLine}{string.Join(Environment.NewLine, candidates)}"),
        };
    }

    private static bool Accepts(ParameterInfo[] parameters, object?[] arguments)
    {
        if (arguments.Length > parameters.Length || parameters.Skip(arguments.Length).Any(p => !p.IsOptional))
            return false;

        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.IsOut)
                continue;
            var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
            var argument = arguments[i];
            var accepted = argument is null
                ? !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                : type.IsInstanceOfType(argument);
            if (!accepted)
                return false;
        }
        return true;
    }

    private static string DescribeTypes(object?[] arguments)
        => string.Join(", ", arguments.Select(argument => argument?.GetType().Name ?? "null"));

    private Assembly EmitAndLoad()
    {
        using var image = new MemoryStream();
        var emitted = OutputCompilation.Emit(image);
        if (!emitted.Success)
        {
            Assert.Fail($"The output compilation does not emit:{Environment.NewLine}"
                + Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                + Environment.NewLine + Environment.NewLine + DescribeGeneratedSources());
        }

        image.Position = 0;
        // Its dependencies (AutoGrad.Runtime, the framework) resolve from the default context.
        var context = new AssemblyLoadContext($"{OutputCompilation.AssemblyName} (generator test)", isCollectible: true);
        return context.LoadFromStream(image);
    }
}
