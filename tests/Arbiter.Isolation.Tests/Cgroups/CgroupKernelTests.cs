using System.Diagnostics;
using Arbiter.Isolation.Cgroups;
using Xunit.Abstractions;

namespace Arbiter.Isolation.Tests.Cgroups;

/// <summary>
/// The real kernel: a real /bin/sh child in a real group. Each child blocks on its stdin until it is in the group
/// (AddProcess), then runs its workload, so nothing escapes the limits between fork and join.
/// </summary>
public sealed class CgroupKernelTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private static readonly string Prefix = $"test-{Environment.ProcessId}-";

    private static Process StartGated(string script)
    {
        var psi = new ProcessStartInfo("/bin/sh", ["-c", "read go; " + script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
    }

    private static void Release(Process p)
    {
        p.StandardInput.WriteLine("go");
        p.StandardInput.Flush();
    }

    private static string Unique(string what) => Prefix + what + "-" + Guid.NewGuid().ToString("N")[..6];

    [CgroupFact("memory")]
    public void MemoryHog_OverItsLimit_OomKilledAndCounted()
    {
        using var group = Cgroup.Create(Unique("oom"), new CgroupLimits(MemoryBytes: 32 * MiB, MemorySwapBytes: 32 * MiB));
        // GNU tail keeps the current line in memory, and /dev/zero has no newline: it grows until killed.
        using var hog = StartGated("exec tail /dev/zero");
        group.AddProcess(hog.Id);
        long before = group.OomKillCount();

        Release(hog);
        Assert.True(hog.WaitForExit(20_000), "the memory hog was not killed within 20 s");

        long after = group.OomKillCount();
        Assert.Equal(137, hog.ExitCode); // 128 + SIGKILL
        Assert.Equal(0, before);
        Assert.Equal(1, after);
        Assert.True(Cgroup.WasOomKilled(killedBySigkill: hog.ExitCode == 137, before, after));
        var usage = group.ReadUsage();
        output.WriteLine($"exit {hog.ExitCode}, oom_kill {before} -> {after}, memory peak {usage.MemoryPeakBytes / (double)MiB:0.0} MiB of 32 MiB, cpu {usage.CpuTime.TotalMilliseconds:0} ms");
        Assert.InRange(usage.MemoryPeakBytes!.Value, 16 * MiB, 32 * MiB);
        group.Remove();
        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d), d));
    }

    [CgroupFact("pids", "freezer")]
    public void ForkBomb_StopsAtThePidsLimit_AndRemoveKillsItAll()
    {
        using var group = Cgroup.Create(Unique("bomb"), new CgroupLimits(Pids: 24));
        using var bomb = StartGated("b() { b | b & }; b; sleep 60");
        group.AddProcess(bomb.Id);

        Release(bomb);
        string pidsDir = group.Directories.Single(d => d.Contains("/pids/", StringComparison.Ordinal) || File.Exists(Path.Combine(d, "pids.max")));
        var clock = Stopwatch.StartNew();
        long refused = 0;
        while (refused == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
            // pids.events "max N" counts the forks refused at the limit.
            refused = long.Parse(File.ReadAllLines(Path.Combine(pidsDir, "pids.events")).Single(l => l.StartsWith("max ", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture);
        }

        var usage = group.ReadUsage();
        Assert.True(refused > 0, "the fork bomb never hit the pids limit");
        Assert.InRange(usage.PidsCurrent!.Value, 1, 24);
        if (usage.PidsPeak is { } peak)
        {
            Assert.Equal(24, peak);
        }

        var inside = group.ListProcesses();
        output.WriteLine($"pids.events max {refused} (forks refused), pids.current {usage.PidsCurrent}, pids.peak {usage.PidsPeak?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} of 24, {inside.Count} tasks killed by Remove");
        group.Remove(); // the bomb is still forking: freeze, kill, thaw
        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d), d));
        Assert.All(inside, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"pid {pid} survived"));
        Assert.True(bomb.WaitForExit(5_000));
    }

    [CgroupFact("cpu", "cpuacct")]
    public void CpuHog_WithAQuarterCpu_GetsAboutAQuarter()
    {
        using var group = Cgroup.Create(Unique("cpu"), new CgroupLimits(Cpus: 0.25, CpuPeriodMicros: 50_000));
        using var hog = StartGated("while :; do :; done");
        group.AddProcess(hog.Id);
        Release(hog);
        Thread.Sleep(200); // past the first period, so the measurement starts in steady state

        TimeSpan cpu0 = group.ReadUsage().CpuTime;
        var wall = Stopwatch.StartNew();
        Thread.Sleep(1_500);
        double share = (group.ReadUsage().CpuTime - cpu0) / wall.Elapsed;

        group.Remove();
        output.WriteLine($"cpu share {share:0.000} over {wall.Elapsed.TotalSeconds:0.00} s with a quota of 0.25 CPU");
        // Unthrottled, a busy loop takes a whole CPU (share ≈ 1); a loaded machine may give it less than its quota.
        Assert.InRange(share, 0.02, 0.32);
        Assert.True(hog.WaitForExit(5_000));
    }

    [CgroupFact("memory", "cpuacct", "pids")]
    public void ReadUsage_AShortBusyChild_CpuTimeAndMemoryAccounted()
    {
        using var group = Cgroup.Create(Unique("usage"), CgroupLimits.None);
        using var child = StartGated("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exit 3");
        group.AddProcess(child.Id);
        Assert.Equal([child.Id], group.ListProcesses());

        Release(child);
        Assert.True(child.WaitForExit(30_000));

        var usage = group.ReadUsage();
        Assert.Equal(3, child.ExitCode);
        Assert.True(usage.CpuTime > TimeSpan.FromMilliseconds(20), $"cpu time {usage.CpuTime}");
        Assert.True(usage.MemoryPeakBytes > 0);
        Assert.Equal(0, usage.PidsCurrent);
        Assert.Equal(0, group.OomKillCount());
    }

    [CgroupFact("memory", "pids", "freezer")]
    public void CleanupStale_GroupOfADeadOwnerWithALiveTask_KilledAndRemoved()
    {
        // A real dead pid: a process that ran and was reaped; its start time makes the owner unmistakably gone.
        using var dead = Process.Start("/bin/true")!;
        dead.WaitForExit();
        string name = Unique("stale");
        var owner = new CgroupOwner(name, dead.Id, 1);
        var group = Cgroup.Create(name, CgroupLimits.None, CgroupLayout.Detect(), KernelCgroupFs.Instance, owner);
        using var orphan = StartGated("sleep 60");
        group.AddProcess(orphan.Id);
        string mine = Unique("live");
        using var live = Cgroup.Create(mine, CgroupLimits.None);

        int removed = Cgroup.CleanupStale(Prefix);

        Assert.Equal(1, removed);
        Assert.True(orphan.WaitForExit(5_000), "the stale group's task was not killed");
        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d), d));
        Assert.All(live.Directories, d => Assert.True(Directory.Exists(d), d)); // our own group is not stale
    }

    [CgroupFact("memory")]
    public void AddProcess_AnExitedPid_OneLineError()
    {
        using var group = Cgroup.Create(Unique("gone"), CgroupLimits.None);
        using var done = Process.Start("/bin/true")!;
        done.WaitForExit();

        var e = Assert.Throws<CgroupException>(() => group.AddProcess(done.Id));

        Assert.Matches(@"^cannot write '\d+' to /sys/fs/cgroup/.+/cgroup\.procs: .+$", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
