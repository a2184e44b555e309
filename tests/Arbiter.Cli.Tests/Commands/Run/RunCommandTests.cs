using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Run;

[Collection(CliContainerGroup.Name)]
public sealed class RunCommandTests(CliContainerFixture fixture)
{
    [ContainerCliFact]
    public void Run_Command_PassesStdoutThroughAndExitsWithItsStatus()
    {
        var (code, output, error, container) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--hostname", "box7", "--", "sh", "-c", "echo hello from $(hostname) pid $$; exit 7");
        Assert.True(code == 7, error);
        Assert.Equal("hello from box7 pid 1\n", container);
        Assert.Equal("", output);
        Assert.Equal("", error);
    }

    [ContainerCliFact]
    public void Run_MemoryHog_IsReportedOnOneLineAndExits137()
    {
        var (code, _, error, _) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--memory", "32M", "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1");
        Assert.Equal(137, code);
        Assert.Equal("arbiter: killed: out of memory (limit 32 MiB)\n", error);
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [ContainerCliFact]
    public void Run_Json_GivesStatusAndUsage()
    {
        var (code, output, error, _) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--pids", "8", "--json", "--", "sh", "-c", "sleep 0 & wait; exit 3");
        Assert.True(code == 3, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("signal").ValueKind);
        Assert.False(root.GetProperty("oom_killed").GetBoolean());
        Assert.True(root.GetProperty("cpu_time_ms").GetDouble() > 0);
        Assert.True(root.GetProperty("memory_peak_bytes").GetInt64() > 0);
        Assert.Equal(8, root.GetProperty("limits").GetProperty("pids").GetInt32());
    }

    [ContainerCliFact]
    public void Run_Stats_PrintsOneLineOnStderr()
    {
        var (code, _, error, _) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--stats", "--", "true");
        Assert.Equal(0, code);
        Assert.Matches(@"^arbiter: exit 0 · [\d.]+ [mµ]?s · cpu [\d.]+ [mµn]?s · peak memory [\d.]+ [KM]iB( · peak pids \d+)?\n$", error);
    }

    [ContainerCliFact]
    public void Run_ReadOnlyAndMountAndEnv_AreApplied()
    {
        string data = Path.Combine(fixture.Root, "data-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "note"), "from the host");
        var (code, _, error, container) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--read-only", "--mount", $"{data}:/data:ro", "-e", "GREETING=hi",
            "--", "sh", "-c", "cat /data/note; echo; echo $GREETING; touch /x 2>&1; touch /data/y 2>&1; true");
        Assert.True(code == 0, error);
        Assert.Equal("from the host\nhi\ntouch: /x: Read-only file system\ntouch: /data/y: Read-only file system\n", container);
    }

    [ContainerCliFact]
    public void Run_MissingCommand_IsOneLineExit2AndLeavesNoCgroup()
    {
        var (code, output, error, _) = CliContainerFixture.Run("run", "--rootfs", fixture.Rootfs, "--memory", "64M", "--", "no-such-command");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: exec no-such-command: No such file or directory\n", error);
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [Theory]
    [InlineData("--memory", "lots", "arbiter: --memory: 'lots' is not a size (use a number and a unit: 64M, 1.5G, 512k)")]
    [InlineData("--memory", "1", "arbiter: --memory: '1' is out of range (4 KiB … 4 EiB)")]
    [InlineData("--cpus", "0", "arbiter: --cpus: '0' is not a number of CPUs (more than 0, at most 1024; e.g. 0.5 or 2)")]
    [InlineData("--pids", "0", "arbiter: --pids: must be between 1 and 4194304, got 0")]
    [InlineData("--net", "bridge", "arbiter: --net: 'bridge' is not one of none, loopback, veth")]
    [InlineData("--mount", "/no/such/dir:/data", "arbiter: --mount: source '/no/such/dir' does not exist (in '/no/such/dir:/data')")]
    [InlineData("--mount", "/tmp:data", "arbiter: --mount: destination 'data' must be an absolute path without '..' (in '/tmp:data')")]
    [InlineData("--hostname", "-bad", "arbiter: --hostname: '-bad' is not a host name (1–63 letters, digits, '-' or '.')")]
    [InlineData("--rootfs", "/no/such/rootfs", "arbiter: --rootfs: /no/such/rootfs: no such directory")]
    public void Run_BadValue_IsOneLineExit2AndMakesNothing(string option, string value, string expected)
    {
        var (code, output, error) = CliRunner.Run(option == "--rootfs" ? ["run", option, value, "--", "true"] : ["run", "--rootfs", "/", option, value, "--", "true"]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", error);
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/fs/cgroup"))
        {
            Assert.Empty(CliContainerFixture.OurCgroups());
        }
    }

    [Fact]
    public void Run_NoCommand_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("run", "--rootfs", "/tmp");
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Run_Help_HasExamples()
    {
        var (code, output, _) = CliRunner.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", output);
        Assert.Contains("--memory", output);
    }
}
