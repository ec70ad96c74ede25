using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace AutoGrad.Generator.Tests.Infrastructure;

public sealed class SnapshotTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "autograd-snapshot-tests", Guid.NewGuid().ToString("N"));

    public SnapshotTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string VerifiedPath => Path.Combine(directory, "Sample.verified.cs");

    private string ReceivedPath => Path.Combine(directory, "Sample.received.cs");

    [Fact]
    public void Match_passes_and_deletes_stale_received_file()
    {
        File.WriteAllText(VerifiedPath, "class C\n{\n}\n");
        File.WriteAllText(ReceivedPath, "stale");

        Snapshot.Verify("class C\n{\n}\n", "Sample", directory);

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Line_endings_and_generator_version_are_normalised()
    {
        File.WriteAllText(VerifiedPath, """[global::System.CodeDom.Compiler.GeneratedCode("AutoGrad.Generator", "SCRUBBED_VERSION")]""" + "\nclass C { }\n");

        Snapshot.Verify("""[global::System.CodeDom.Compiler.GeneratedCode("AutoGrad.Generator", "1.2.3.4")]""" + "\r\nclass C { }\r\n", "Sample", directory);
    }

    [Fact]
    public void Mismatch_fails_with_diff_and_writes_received_file()
    {
        const string verified = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        const string received = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\nm\n";
        File.WriteAllText(VerifiedPath, verified);

        var failure = Assert.Throws<FailException>(() => Snapshot.VerifyIn(directory, "Sample", received, accept: false));

        Assert.Contains(
            "--- verified\n+++ received\n" +
            "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n" +
            "@@ -10,3 +10,4 @@\n j\n k\n l\n+m\n",
            failure.Message);
        Assert.Contains(ReceivedPath, failure.Message);
        Assert.Equal(received, File.ReadAllText(ReceivedPath));
        Assert.Equal(verified, File.ReadAllText(VerifiedPath));
    }

    [Fact]
    public void Missing_verified_file_fails_and_writes_received_file()
    {
        var failure = Assert.Throws<FailException>(() => Snapshot.VerifyIn(directory, "Sample", "class C { }\n", accept: false));

        Assert.Contains("has no verified file yet", failure.Message);
        Assert.Contains("+class C { }\n", failure.Message);
        Assert.Equal("class C { }\n", File.ReadAllText(ReceivedPath));
        Assert.False(File.Exists(VerifiedPath));
    }

    [Fact]
    public void Accept_mode_writes_verified_file_and_passes()
    {
        File.WriteAllText(VerifiedPath, "old\n");
        File.WriteAllText(ReceivedPath, "stale");

        Snapshot.VerifyIn(directory, "Sample", "new\r\n", accept: true);

        Assert.Equal("new\n", File.ReadAllText(VerifiedPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Generated_files_are_concatenated_under_hint_name_headers()
    {
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["B.g.cs"] = "class B { }",
            ["A.g.cs"] = "class A { }\n",
        };

        Assert.Equal(
            "//----- A.g.cs\nclass A { }\n//----- B.g.cs\nclass B { }\n",
            Snapshot.Concatenate(sources));
    }

    private const string GeneratedFile = """
        namespace N
        {
            static partial class C
            {
                public static double FForward(double x, double xDot, out double resultDot) { resultDot = xDot; return x; }

                public static double FAdjoint(double x, ref double xBar, double resultBar = 1.0) { xBar += resultBar; return x; }

                private struct FAdjointEpilogue1_00 { }
            }
        }

        """;

    [Fact]
    public void Generated_files_split_into_one_snapshot_per_mode()
    {
        var pieces = GeneratedModes.Split("N.C.F(System.Double).g.cs", GeneratedFile.ReplaceLineEndings("\n")).ToList();

        Assert.Equal(["N.C.F(System.Double).Forward", "N.C.F(System.Double).Adjoint"], pieces.Select(piece => piece.Name));
        var (forward, adjoint) = (pieces[0].Text, pieces[1].Text);
        Assert.Contains("FForward(", forward);
        Assert.DoesNotContain("FAdjoint", forward);
        Assert.Contains("    {\n        public static double FAdjoint(", adjoint);
        Assert.Contains("FAdjointEpilogue1_00", adjoint);
        Assert.DoesNotContain("FForward", adjoint);
    }

    [Fact]
    public void A_generated_member_of_no_mode_is_an_error()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => GeneratedModes.Split("N.C.F.g.cs", GeneratedFile.Replace("FAdjointEpilogue1_00", "Helper")).ToList());
        Assert.Contains("'Helper' belongs to no mode of 'F'", failure.Message);
    }
}
