using System;
using System.Collections.Generic;
using System.Threading;
using AutoGrad.Generator.Benchmarks;
using AutoGrad.Generator.Transforms;
using Xunit;

namespace AutoGrad.Generator.Tests;

/// <summary>
/// An IDE cancels the generator's run when the next keystroke comes: the run must stop at the next pass,
/// not finish the method's three derivatives first.
/// </summary>
public sealed class CancellationTests
{
    [Fact]
    public void A_run_cancelled_during_a_pass_runs_no_further_pass()
    {
        var project = new SyntheticProject(files: 1, methodsPerFile: 1, name: "Cancelled" + Guid.NewGuid().ToString("N"));
        using var cancellation = new CancellationTokenSource();
        var passes = new List<string>();
        Pipeline.Observer = (pass, method) =>
        {
            passes.Add(pass);
            if (pass == "adjoint/reverse-transform")
                cancellation.Cancel();
            return method;
        };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => SyntheticProject.CreateDriver().RunGenerators(project.Compilation, cancellation.Token));
        }
        finally
        {
            Pipeline.Observer = null;
        }
        Assert.Equal("adjoint/reverse-transform", passes[^1]);
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_generates_nothing()
    {
        var project = new SyntheticProject(files: 1, methodsPerFile: 2, name: "CancelledEarly" + Guid.NewGuid().ToString("N"));
        var passes = 0;
        Pipeline.Observer = (_, method) =>
        {
            passes++;
            return method;
        };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => SyntheticProject.CreateDriver().RunGenerators(project.Compilation, new CancellationToken(canceled: true)));
        }
        finally
        {
            Pipeline.Observer = null;
        }
        Assert.Equal(0, passes);
    }
}
