using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Rootfs;

public class BusyboxCommandTests
{
    [StaticBusyboxFact]
    public void RootfsBusybox_Json_BuildsTheTreeAndDescribesIt()
    {
        using var temp = new TempDirectory();
        string dir = Path.Combine(temp.Path, "rfs");

        var (code, output, error) = CliRunner.Run("rootfs", "busybox", dir, "--hostname", "cli-box", "--no-install", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(dir, doc.RootElement.GetProperty("directory").GetString());
        Assert.True(doc.RootElement.GetProperty("applets").GetInt32() > 100);
        Assert.False(doc.RootElement.GetProperty("replaced").GetBoolean());
        Assert.Equal("cli-box\n", File.ReadAllText(Path.Combine(dir, "etc", "hostname")));

        var (again, human, _) = CliRunner.Run("rootfs", "busybox", dir, "--hostname", "cli-box", "--no-install");
        Assert.Equal(0, again);
        Assert.StartsWith($"rebuilt {dir}: BusyBox v", human, StringComparison.Ordinal);
    }

    [Fact]
    public void RootfsBusybox_ForeignDirectory_Exit2OneLineAndUntouched()
    {
        using var temp = new TempDirectory();
        temp.Write("notes.txt", "mine");

        var (code, output, error) = CliRunner.Run("rootfs", "busybox", temp.Path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"arbiter: {temp.Path} exists, is not empty and is not a rootfs built by arbiter (no .arbiter-rootfs); choose another directory\n", error.ReplaceLineEndings("\n"));
        Assert.Equal(["notes.txt"], temp.Files());
    }

    [Theory]
    [InlineData("--hostname", "under_score", "hostname 'under_score' is not a valid host name")]
    [InlineData("--busybox", "/nonexistent/busybox", "--busybox /nonexistent/busybox: no such file")]
    [InlineData("--busybox", "/bin/ls", "--busybox /bin/ls: not a statically linked executable")]
    public void RootfsBusybox_BadOption_Exit2AndNothingWritten(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        string dir = Path.Combine(temp.Path, "rfs");

        var (code, _, error) = CliRunner.Run("rootfs", "busybox", dir, option, value);

        Assert.Equal(2, code);
        Assert.StartsWith("arbiter: " + message, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void RootfsBusybox_Help_HasExamples()
    {
        var (code, output, _) = CliRunner.Run("rootfs", "busybox", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter rootfs busybox", output, StringComparison.Ordinal);
    }
}
