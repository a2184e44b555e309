using System.Diagnostics;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>The container's cgroup at work: pids, memory and CPU limits, usage, exit status and clean-up.</summary>
[Collection(ContainerGroup.Name)]
public sealed class LimitTests(ContainerFixture fixture)
{
    [ContainerFact]
    public void Pids_ForkBomb_StopsAtTheLimitAndTheHostStaysResponsive()
    {
        var clock = Stopwatch.StartNew();
        // An inner shell forks 200 background sleepers (bounded, so that a missing limit fails the test rather
        // than the machine) and dies when fork fails at the limit of 16 tasks; the outer shell then counts with a
        // glob (no fork needed).
        var (result, output, error) = fixture.Shell(
            "sh -c 'i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done' 2>/dev/null; echo /proc/[0-9]*",
            s => s with { Limits = new CgroupLimits(Pids: 16) });
        Assert.True(result.ExitCode == 0, $"status {result.Status}: {output} {error}");
        // A shell glob: no fork needed to count, the limit is reached by then.
        int seen = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(seen, 8, 16);                       // without the limit: 200 sleepers and the shell
        Assert.True(result.Usage.PidsPeak is null or <= 16, $"pids peak {result.Usage.PidsPeak}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: the sleepers were not killed with the container");
    }

    [ContainerFact]
    public void Memory_Hog_IsOomKilledAndReported()
    {
        var limits = new CgroupLimits(MemoryBytes: 32 << 20, MemorySwapBytes: 32 << 20);
        var (result, output, _) = fixture.Shell("exec probe hog 256", s => s with { Limits = limits });
        Assert.True(result.OomKilled, $"not reported as an OOM kill: status {result.Status}, output {output}");
        Assert.Equal(9, result.Signal);
        Assert.Equal(137, result.Status);
        Assert.DoesNotContain("survived", output);         // without the limit it allocates all 256 MiB
        Assert.InRange(result.Usage.MemoryPeakBytes ?? 0, 16 << 20, 33 << 20);
    }

    [ContainerFact]
    public void Memory_WithinTheLimit_IsNotAnOomKill()
    {
        var (result, output, _) = fixture.Shell("exec probe hog 8", s => s with { Limits = new CgroupLimits(MemoryBytes: 64 << 20) });
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.OomKilled);
        Assert.Contains("survived 8 MiB", output);
    }

    [ContainerFact]
    public void Cpu_Hog_GetsItsQuota()
    {
        // 0.25 CPU for 1.2 s of wall time: about 0.3 s of CPU. Unlimited, a spinning process gets close to 1.2 s
        // even on a loaded two-core machine, far above the bound.
        var (result, output, _) = fixture.Shell("exec probe spin 1200", s => s with { Limits = new CgroupLimits(Cpus: 0.25) });
        Assert.Equal(0, result.ExitCode);
        double share = result.Usage.CpuTime.TotalSeconds / 1.2;
        Assert.InRange(share, 0.10, 0.32);
        Assert.StartsWith("cpu ", output);
    }

    [ContainerFact]
    public void ExitCode_OfTheWorkload_IsPassedThrough()
    {
        var (result, _, _) = fixture.Shell("exit 42");
        Assert.Equal(42, result.ExitCode);
        Assert.Null(result.Signal);
        Assert.Equal(42, result.Status);
    }

    [ContainerFact]
    public void Signal_SigkillFromTheHost_IsReportedAsASignalNotAnOom()
    {
        using var container = ContainerRuntime.Start(ContainerSpec.Create(fixture.Rootfs, ["sleep", "30"]) with { Limits = new CgroupLimits(MemoryBytes: 64 << 20) });
        container.Signal(9);
        var result = container.Wait(TimeSpan.FromSeconds(10));
        Assert.Equal(9, result.Signal);
        Assert.Equal(137, result.Status);
        Assert.False(result.OomKilled);                    // SIGKILL alone is not an OOM kill
    }

    [ContainerFact]
    public void Exec_MissingCommand_IsABadInputErrorAndLeavesNoCgroup()
    {
        var e = Assert.Throws<ContainerException>(() => ContainerRuntime.Run(ContainerSpec.Create(fixture.Rootfs, ["no-such-command"])));
        Assert.True(e.IsBadInput);
        Assert.Equal("exec no-such-command: No such file or directory", e.Message);
        Assert.Empty(OurCgroups());
    }

    [ContainerFact]
    public void Rootfs_Missing_IsABadInputErrorAndMakesNothing()
    {
        var e = Assert.Throws<ContainerException>(() => ContainerRuntime.Run(ContainerSpec.Create("/nonexistent/rootfs", ["true"])));
        Assert.True(e.IsBadInput);
        Assert.Equal("rootfs /nonexistent/rootfs: no such directory", e.Message);
        Assert.Empty(OurCgroups());
    }

    [ContainerFact]
    public void Run_AfterItEnds_LeavesNoCgroupOrMount()
    {
        string mounts = File.ReadAllText("/proc/self/mountinfo");
        var (result, _, _) = fixture.Shell("true", s => s with { Limits = new CgroupLimits(MemoryBytes: 64 << 20, Pids: 32, Cpus: 1) });
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(OurCgroups());
        Assert.Equal(mounts, File.ReadAllText("/proc/self/mountinfo")); // the container's mounts lived in its own namespace
    }

    /// <summary>The run cgroups this test process owns (named run-…@PID.START in every hierarchy).</summary>
    internal static List<string> OurCgroups()
    {
        string marker = $"@{Environment.ProcessId}.";
        return [.. CgroupLayout.Detect().Hierarchies.Select(h => Path.Combine(h.MountPoint, Cgroup.ParentGroup)).Distinct()
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(d => Path.GetFileName(d).StartsWith(ContainerRuntime.RunCgroupPrefix, StringComparison.Ordinal) && d.Contains(marker, StringComparison.Ordinal))];
    }
}
