using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Tests.Cgroups;

/// <summary>The file logic of each version against an in-memory cgroupfs: which files, which values, which order.</summary>
public sealed class CgroupFakeTests
{
    private const long MiB = 1024 * 1024;
    private static readonly CgroupOwner Owner = new("c1", 4242, 777);
    private static readonly CgroupLimits AllLimits = new(MemoryBytes: 64 * MiB, MemorySwapBytes: 96 * MiB, Cpus: 0.5, CpuWeight: 100, Pids: 64);

    private static (FakeCgroupFs Fs, CgroupLayout Layout) V1()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.ThisMachineHybrid, _ => []);
        var fs = new FakeCgroupFs();
        foreach (var h in layout.Hierarchies)
        {
            fs.Mount(h.MountPoint);
        }

        fs.Populate = dir => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(dir))) switch
        {
            _ when Path.GetFileName(dir) == "arbiter" => [],
            "memory" => [new("memory.limit_in_bytes", "9223372036854771712\n"), new("memory.memsw.limit_in_bytes", "9223372036854771712\n"),
                new("memory.max_usage_in_bytes", "0\n"), new("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n")],
            "cpu" => [new("cpu.cfs_period_us", "100000\n"), new("cpu.cfs_quota_us", "-1\n"), new("cpu.shares", "1024\n")],
            "cpuacct" => [new("cpuacct.usage", "0\n")],
            "pids" => [new("pids.max", "max\n"), new("pids.current", "0\n")],
            "freezer" => [new("freezer.state", "THAWED\n")],
            _ => [],
        };
        return (fs, layout);
    }

    private static (FakeCgroupFs Fs, CgroupLayout Layout) V2()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.SystemdUnified, _ => ["cpu", "memory", "pids", "io"]);
        var fs = new FakeCgroupFs();
        fs.Mount("/sys/fs/cgroup");
        fs.Populate = dir => Path.GetFileName(dir) == "arbiter" ? [] :
        [
            new("memory.max", "max\n"), new("memory.swap.max", "max\n"), new("memory.peak", "0\n"), new("memory.current", "0\n"),
            new("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"), new("cpu.max", "max 100000\n"), new("cpu.weight", "100\n"),
            new("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n"), new("pids.max", "max\n"), new("pids.current", "0\n"),
            new("cgroup.kill", ""), new("cgroup.freeze", "0\n"), new("cgroup.events", "populated 0\nfrozen 0\n"),
        ];
        return (fs, layout);
    }

    [Fact]
    public void Create_V1_WritesEachLimitInItsControllersHierarchy()
    {
        var (fs, layout) = V1();

        using var group = Cgroup.Create("c1", AllLimits, layout, fs, Owner);

        string[] writes = fs.Log.Where(l => l.StartsWith("write", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "write /sys/fs/cgroup/memory/arbiter/c1@4242.777/memory.limit_in_bytes 67108864",
            "write /sys/fs/cgroup/memory/arbiter/c1@4242.777/memory.memsw.limit_in_bytes 100663296",
            "write /sys/fs/cgroup/cpu/arbiter/c1@4242.777/cpu.cfs_period_us 100000",
            "write /sys/fs/cgroup/cpu/arbiter/c1@4242.777/cpu.cfs_quota_us 50000",
            "write /sys/fs/cgroup/cpu/arbiter/c1@4242.777/cpu.shares 2597",
            "write /sys/fs/cgroup/pids/arbiter/c1@4242.777/pids.max 64",
        ], writes);
        Assert.Equal(5, group.Directories.Count);
        Assert.All(group.Directories, d => Assert.Contains(d, fs.Dirs));
    }

    [Fact]
    public void Create_V2_EnablesControllersDownTheTreeAndWritesV2Files()
    {
        var (fs, layout) = V2();

        using var group = Cgroup.Create("c1", AllLimits, layout, fs, Owner);

        string[] writes = fs.Log.Where(l => l.StartsWith("write", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "write /sys/fs/cgroup/cgroup.subtree_control +cpu",
            "write /sys/fs/cgroup/arbiter/cgroup.subtree_control +cpu",
            "write /sys/fs/cgroup/cgroup.subtree_control +memory",
            "write /sys/fs/cgroup/arbiter/cgroup.subtree_control +memory",
            "write /sys/fs/cgroup/cgroup.subtree_control +pids",
            "write /sys/fs/cgroup/arbiter/cgroup.subtree_control +pids",
            "write /sys/fs/cgroup/arbiter/c1@4242.777/memory.max 67108864",
            "write /sys/fs/cgroup/arbiter/c1@4242.777/memory.swap.max 33554432", // swap alone: 96 MiB − 64 MiB
            "write /sys/fs/cgroup/arbiter/c1@4242.777/cpu.max 50000 100000",
            "write /sys/fs/cgroup/arbiter/c1@4242.777/cpu.weight 100",
            "write /sys/fs/cgroup/arbiter/c1@4242.777/pids.max 64",
        ], writes);
        Assert.Equal(["/sys/fs/cgroup/arbiter/c1@4242.777"], group.Directories);
    }

    [Fact]
    public void Create_NoLimits_WritesNothingButMakesTheGroups()
    {
        var (fs, layout) = V1();

        using var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);

        Assert.DoesNotContain(fs.Log, l => l.StartsWith("write", StringComparison.Ordinal));
        Assert.Equal(5, fs.Log.Count(l => l.StartsWith("mkdir", StringComparison.Ordinal) && l.EndsWith("c1@4242.777", StringComparison.Ordinal)));
    }

    [Fact]
    public void Create_KernelRefusesALimit_OneLineErrorAndNoDirectoryLeft()
    {
        var (fs, layout) = V1();
        fs.Refuse.Add("pids.max");
        var before = fs.Dirs.Where(d => d.Contains('@', StringComparison.Ordinal)).ToList();

        var e = Assert.Throws<CgroupException>(() => Cgroup.Create("c1", AllLimits, layout, fs, Owner));

        Assert.Equal("cannot write '64' to /sys/fs/cgroup/pids/arbiter/c1@4242.777/pids.max: Invalid argument", e.Message);
        Assert.Empty(before);
        Assert.DoesNotContain(fs.Dirs, d => d.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public void Create_MissingMemoryController_RefusesBeforeAnyMkdir()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.SystemdUnified, _ => ["cpu", "pids"]);
        var fs = new FakeCgroupFs();
        fs.Mount("/sys/fs/cgroup");

        var e = Assert.Throws<CgroupException>(() => Cgroup.Create("c1", new CgroupLimits(MemoryBytes: MiB), layout, fs, Owner));

        Assert.StartsWith("the memory controller is not available (v2 (memory=missing", e.Message, StringComparison.Ordinal);
        Assert.Empty(fs.Log);
    }

    [Fact]
    public void Create_SameNameTwice_SecondIsRefused()
    {
        var (fs, layout) = V1();
        using var first = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);

        var e = Assert.Throws<CgroupException>(() => Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner));

        Assert.Equal("cgroup /sys/fs/cgroup/memory/arbiter/c1@4242.777 already exists", e.Message);
        Assert.All(first.Directories, d => Assert.Contains(d, fs.Dirs)); // the failed create removed nothing of the first
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("x@1.2")]
    [InlineData("-dash")]
    public void Create_BadName_Refused(string name)
    {
        var (fs, layout) = V1();
        var e = Assert.Throws<CgroupException>(() => Cgroup.Create(name, CgroupLimits.None, layout, fs, Owner));
        Assert.StartsWith($"cgroup name '{name}' must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProcess_V1_WritesThePidToEveryHierarchy()
    {
        var (fs, layout) = V1();
        using var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);

        group.AddProcess(31337);

        Assert.Equal(5, fs.Log.Count(l => l.StartsWith("write", StringComparison.Ordinal) && l.EndsWith("/cgroup.procs 31337", StringComparison.Ordinal)));
        Assert.Equal([31337], group.ListProcesses());
    }

    [Fact]
    public void ReadUsage_V1_ConvertsNanosecondsAndReadsPeaks()
    {
        var (fs, layout) = V1();
        using var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);
        string d = "/arbiter/c1@4242.777/";
        fs.Files["/sys/fs/cgroup/cpuacct" + d + "cpuacct.usage"] = "1500000000\n";
        fs.Files["/sys/fs/cgroup/memory" + d + "memory.max_usage_in_bytes"] = "4096\n";
        fs.Files["/sys/fs/cgroup/pids" + d + "pids.current"] = "3\n";
        fs.Files["/sys/fs/cgroup/pids" + d + "pids.peak"] = "7\n";
        fs.Files["/sys/fs/cgroup/memory" + d + "memory.oom_control"] = "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n";

        Assert.Equal(new CgroupUsage(TimeSpan.FromSeconds(1.5), 4096, 3, 7), group.ReadUsage());
        Assert.Equal(2, group.OomKillCount());
    }

    [Fact]
    public void ReadUsage_V2_MicrosecondsFromCpuStatAndCurrentWhenNoPeakFile()
    {
        var (fs, layout) = V2();
        using var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);
        string d = "/sys/fs/cgroup/arbiter/c1@4242.777/";
        fs.Files[d + "cpu.stat"] = "usage_usec 250000\nuser_usec 200000\nsystem_usec 50000\n";
        fs.Files.Remove(d + "memory.peak"); // kernels before 5.19
        fs.Files[d + "memory.current"] = "8192\n";
        fs.Files[d + "pids.current"] = "1\n";
        fs.Files[d + "memory.events"] = "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n";

        Assert.Equal(new CgroupUsage(TimeSpan.FromMilliseconds(250), 8192, 1, null), group.ReadUsage());
        Assert.Equal(1, group.OomKillCount());
    }

    [Fact]
    public void Remove_V1WithTasks_FreezesKillsEachTaskThawsThenRemovesEveryDirectory()
    {
        var (fs, layout) = V1();
        var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);
        group.AddProcess(100);
        group.AddProcess(101);
        fs.Files["/sys/fs/cgroup/freezer/arbiter/c1@4242.777/freezer.state"] = "FROZEN\n"; // the fake freezes at once
        fs.Log.Clear();

        group.Remove();

        string freezer = "/sys/fs/cgroup/freezer/arbiter/c1@4242.777";
        Assert.Equal($"write {freezer}/freezer.state FROZEN", fs.Log[0]);
        Assert.Equal(["kill 100", "kill 101"], fs.Log.Skip(1).Take(2));
        Assert.Equal($"write {freezer}/freezer.state THAWED", fs.Log[3]);
        Assert.Equal(5, fs.Log.Skip(4).Count(l => l.StartsWith("rmdir", StringComparison.Ordinal)));
        Assert.DoesNotContain(fs.Dirs, d => d.Contains('@', StringComparison.Ordinal));
        group.Remove(); // idempotent
    }

    [Fact]
    public void Remove_V2WithCgroupKill_WritesCgroupKillAndNoSignals()
    {
        var (fs, layout) = V2();
        var group = Cgroup.Create("c1", CgroupLimits.None, layout, fs, Owner);
        string d = "/sys/fs/cgroup/arbiter/c1@4242.777/";
        fs.Files[d + "cgroup.procs"] = "200\n";
        var killing = new FakeCgroupFsKillOnWrite(fs, d + "cgroup.kill", d + "cgroup.procs");

        group.Remove();

        Assert.Contains($"write {d}cgroup.kill 1", fs.Log);
        Assert.Empty(fs.Killed);
        Assert.DoesNotContain(d.TrimEnd('/'), fs.Dirs);
        GC.KeepAlive(killing);
    }

    [Fact]
    public void CleanupStale_RemovesOnlyGroupsWithTheAPrefixWhoseOwnerIsDead()
    {
        var (fs, layout) = V1();
        Cgroup.Create("job-1", CgroupLimits.None, layout, fs, new CgroupOwner("job-1", 10, 1));
        Cgroup.Create("job-2", CgroupLimits.None, layout, fs, new CgroupOwner("job-2", 20, 1)).AddProcess(555);
        Cgroup.Create("job-3", CgroupLimits.None, layout, fs, new CgroupOwner("job-3", 30, 1));
        Cgroup.Create("other", CgroupLimits.None, layout, fs, new CgroupOwner("other", 10, 1));
        fs.Files["/sys/fs/cgroup/freezer/arbiter/job-2@20.1/freezer.state"] = "FROZEN\n";
        fs.Dirs.Add("/sys/fs/cgroup/memory/arbiter/not-ours"); // unparsable names are left alone

        int removed = Cgroup.CleanupStale("job-", layout, fs, owner => owner.Pid == 30);

        Assert.Equal(2, removed);
        Assert.Equal([555], fs.Killed);
        string[] left = fs.Dirs.Where(d => d.StartsWith("/sys/fs/cgroup/memory/arbiter/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["/sys/fs/cgroup/memory/arbiter/job-3@30.1", "/sys/fs/cgroup/memory/arbiter/not-ours", "/sys/fs/cgroup/memory/arbiter/other@10.1"], left);
    }

    [Theory]
    [InlineData(true, 0, 1, true)]
    [InlineData(true, 1, 1, false)] // killed by someone else's SIGKILL
    [InlineData(false, 0, 1, false)] // the OOM killer picked another task; ours exited on its own
    [InlineData(false, 0, 0, false)]
    public void WasOomKilled_NeedsBothSigkillAndARisingCounter(bool sigkill, long before, long after, bool expected) =>
        Assert.Equal(expected, Cgroup.WasOomKilled(sigkill, before, after));

    /// <summary>Makes a write to cgroup.kill empty cgroup.procs, as the kernel does.</summary>
    private sealed class FakeCgroupFsKillOnWrite
    {
        public FakeCgroupFsKillOnWrite(FakeCgroupFs fs, string killFile, string procs)
        {
            fs.Files[killFile] = "";
            fs.Refuse.Remove("cgroup.kill");
            fs.AfterWrite = (path, _) =>
            {
                if (path == killFile)
                {
                    fs.Files[procs] = "";
                }
            };
        }
    }
}
