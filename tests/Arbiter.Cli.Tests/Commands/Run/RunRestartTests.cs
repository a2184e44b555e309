using System.Diagnostics;
using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Run;

/// <summary><c>arbiter run --restart</c>: the supervisor on real containers, its events on stderr and in --json.</summary>
[Collection(CliContainerGroup.Name)]
public sealed class RunRestartTests(CliContainerFixture fixture)
{
    private (int Code, string Out, string Err, string ContainerOut) Run(params string[] args) =>
        CliContainerFixture.Run(["run", "--rootfs", fixture.Rootfs, .. args]);

    [ContainerCliFact]
    public void Restart_OnFailureWithALimit_RestartsThatOftenAndExitsWithTheLastStatus()
    {
        var (code, output, error, container) = Run("--restart", "on-failure:2", "--restart-delay", "1ms", "--", "sh", "-c", "echo attempt; exit 3");
        Assert.True(code == 3, error);
        Assert.Equal("", output);
        Assert.Equal("attempt\nattempt\nattempt\n", container);   // the first run and two restarts
        AssertLines(error,
            @"run 1 started \(pid \d+\)", @"run 1 exited with code 3 after [\d.]+ [mµ]?s", @"restarting in [\d.]+ [mµ]?s \(restart 1 of 2\)",
            @"run 2 started \(pid \d+\)", @"run 2 exited with code 3 after [\d.]+ [mµ]?s", @"restarting in [\d.]+ [mµ]?s \(restart 2 of 2\)",
            @"run 3 started \(pid \d+\)", @"run 3 exited with code 3 after [\d.]+ [mµ]?s", "not restarting: restart limit 2 reached");
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [ContainerCliFact]
    public void Restart_OnFailure_StopsAtTheFirstCleanExit()
    {
        // The runs count themselves in a bind-mounted host directory: the first fails, the second succeeds.
        string state = Path.Combine(fixture.Root, "restart-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(state);
        var (code, _, error, _) = Run("--restart", "on-failure", "--restart-delay", "1ms", "--mount", $"{state}:/state",
            "--", "sh", "-c", "n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; [ $n -ge 2 ]");
        Assert.True(code == 0, error);
        Assert.Equal("2", File.ReadAllText(Path.Combine(state, "n")).Trim());
        AssertLines(error,
            @"run 1 started \(pid \d+\)", "run 1 exited with code 1 after .+", @"restarting in .+ \(restart 1\)",
            @"run 2 started \(pid \d+\)", "run 2 exited with code 0 after .+", "not restarting: exited cleanly");
    }

    [ContainerCliFact]
    public void Restart_AlwaysWithALimit_RestartsAfterCleanExitsToo()
    {
        var (code, _, error, container) = Run("--restart", "always:2", "--restart-delay", "0", "--", "true");
        Assert.True(code == 0, error);
        Assert.Equal("", container);
        Assert.Equal(3, error.Split('\n').Count(l => l.EndsWith("exited with code 0", StringComparison.Ordinal) || l.Contains("exited with code 0 after", StringComparison.Ordinal)));
        Assert.EndsWith("arbiter: not restarting: restart limit 2 reached\n", error);
    }

    [ContainerCliFact]
    public void Restart_Never_ReportsOneRunAndItsStatus()
    {
        var (code, _, error, _) = Run("--restart", "never", "--", "sh", "-c", "exit 4");
        Assert.Equal(4, code);
        AssertLines(error, @"run 1 started \(pid \d+\)", "run 1 exited with code 4 after .+", "not restarting: restart policy is never");
    }

    [ContainerCliFact]
    public void Restart_OomKilledRuns_AreEventsOnStderrAndInJson()
    {
        var (code, output, error, _) = Run("--memory", "32M", "--restart", "on-failure:1", "--restart-delay", "1ms", "--json",
            "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1");
        Assert.Equal(137, code);
        Assert.Equal(2, error.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^arbiter: run \d killed: out of memory \(limit 32 MiB\)$")));
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(137, root.GetProperty("status").GetInt32());
        Assert.True(root.GetProperty("oom_killed").GetBoolean());
        Assert.Equal("on-failure:1", root.GetProperty("restart_policy").GetString());
        Assert.Equal(1, root.GetProperty("restarts").GetInt32());
        string[] kinds = [.. root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()!)];
        Assert.Equal(["started", "exited", "oom_killed", "restarting", "started", "exited", "oom_killed", "ended"], kinds);
        var exited = root.GetProperty("events")[1];
        Assert.Equal(9, exited.GetProperty("signal").GetInt32());
        Assert.True(exited.GetProperty("oom_killed").GetBoolean());
        Assert.Equal("restart limit 1 reached", root.GetProperty("events")[7].GetProperty("reason").GetString());
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [ContainerCliFact]
    public void Restart_Backoff_DoublesFromTheGivenDelayWithinTheJitter()
    {
        var (_, output, error, _) = Run("--restart", "on-failure:3", "--restart-delay", "20ms", "--json", "--", "false");
        var delays = JsonDocument.Parse(output).RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("event").GetString() == "restarting").Select(e => e.GetProperty("delay_ms").GetDouble()).ToArray();
        // 20, 40, 80 ms, each within ±10 % jitter (the default).
        Assert.True(delays.Length == 3, error);
        Assert.InRange(delays[0], 18, 22);
        Assert.InRange(delays[1], 36, 44);
        Assert.InRange(delays[2], 72, 88);
    }

    [ContainerCliFact]
    public void Restart_CommandMissingOnTheFirstRun_IsOneLineExit2AndNoRestart()
    {
        var (code, output, error, _) = Run("--restart", "always", "--", "no-such-command");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: exec no-such-command: No such file or directory\n", error);
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [ContainerCliFact]
    public void Restart_TermToArbiter_IsPassedOnAndEndsSupervision()
    {
        // A separate arbiter process: the signal must reach its handlers, not the test host's.
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "arbiter"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string a in new[] { "run", "--rootfs", fixture.Rootfs, "--init", "--restart", "always", "--restart-delay", "1ms", "--", "sleep", "30" })
        {
            info.ArgumentList.Add(a);
        }

        using var arbiter = Process.Start(info)!;
        try
        {
            Assert.Matches(@"^arbiter: run 1 started \(pid \d+\)$", arbiter.StandardError.ReadLine());
            using (var kill = Process.Start("kill", ["-TERM", arbiter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                kill.WaitForExit();
                Assert.Equal(0, kill.ExitCode);
            }

            string rest = arbiter.StandardError.ReadToEnd();
            Assert.True(arbiter.WaitForExit(10_000), "arbiter did not stop");
            Assert.Equal(143, arbiter.ExitCode);                   // the workload's own status: killed by TERM
            AssertLines(rest, "run 1 killed by signal 15 after .+", "not restarting: stopped by signal");
        }
        finally
        {
            if (!arbiter.HasExited)
            {
                arbiter.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData(new[] { "--restart", "sometimes" }, "arbiter: --restart: 'sometimes' is not a restart policy (never, on-failure, on-failure:N, always or always:N)")]
    [InlineData(new[] { "--restart", "on-failure:x" }, "arbiter: --restart: 'on-failure:x' is not a restart policy (never, on-failure, on-failure:N, always or always:N)")]
    [InlineData(new[] { "--restart", "always", "--restart-delay", "1h" }, "arbiter: --restart-delay: '1h' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)")]
    [InlineData(new[] { "--restart", "always", "--restart-delay", "6m" }, "arbiter: --restart-delay: '6m' is out of range (0 … 300 s)")]
    [InlineData(new[] { "--restart-delay", "1s" }, "arbiter: --restart-delay: needs --restart (never, on-failure, on-failure:N, always or always:N)")]
    public void Restart_BadValue_IsOneLineExit2AndStartsNothing(string[] options, string expected)
    {
        var (code, output, error) = CliRunner.Run(["run", "--rootfs", "/", .. options, "--", "true"]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", error);
    }

    /// <summary>stderr is exactly these lines, each "arbiter: " and the pattern.</summary>
    private static void AssertLines(string error, params string[] patterns)
    {
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == patterns.Length, error);
        for (int i = 0; i < patterns.Length; i++)
        {
            Assert.Matches("^arbiter: " + patterns[i] + "$", lines[i]);
        }
    }
}
