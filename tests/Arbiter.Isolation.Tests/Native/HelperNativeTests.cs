using System.Diagnostics;
using Arbiter.Isolation.Tests.Container;

namespace Arbiter.Isolation.Tests.Native;

/// <summary>
/// Runs the C unit tests of the native helper (Native/helper-test.c, compiled with the helper's own sources):
/// spec parsing, open_in_root against symlink and ".." escapes, and the seccomp filter in forked children.
/// </summary>
public sealed class HelperNativeTests
{
    [ContainerFact]
    public void HelperUnitTests_CompiledWithTheHelperSources_AllChecksPass()
    {
        string tests = Path.Combine(ContainerFixture.SourceDirectory(), "Native");
        string native = Path.GetFullPath(Path.Combine(tests, "..", "..", "..", "src", "runtimes", "Arbiter.Isolation", "native"));
        string binary = Path.Combine(Path.GetTempPath(), $"arbiter-helper-test-{Environment.ProcessId}");
        try
        {
            string sources = string.Join(' ', new[] { "spec.c", "mounts.c", "privileges.c" }.Select(f => $"\"{Path.Combine(native, f)}\""));
            ContainerFixture.Compile(Path.Combine(tests, "helper-test.c"), binary, $"-std=gnu11 -I\"{native}\" {sources}");
            using var run = Process.Start(new ProcessStartInfo(binary) { RedirectStandardOutput = true })!;
            string output = run.StandardOutput.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, output);
            Assert.Matches(@"^\d{3,} checks, 0 failed", output.Split('\n').First(l => l.Contains("checks", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(binary);
        }
    }
}
