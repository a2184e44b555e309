using Arbiter.Isolation.Cgroups;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Isolation.Tests.Cgroups;

public sealed class CgroupLayoutTests
{
    [Fact]
    public void Parse_ThisMachineKind_HybridWithV1ControllersAndAnEmptyCgroup2()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.ThisMachineHybrid, _ => []);

        Assert.Equal(CgroupVersion.Hybrid, layout.Version);
        Assert.Equal("/sys/fs/cgroup/memory", layout.HierarchyOf("memory")!.MountPoint);
        Assert.Equal("/sys/fs/cgroup/cpu", layout.HierarchyOf("cpu")!.MountPoint);
        Assert.Equal("/sys/fs/cgroup/cpuacct", layout.HierarchyOf("cpuacct")!.MountPoint);
        Assert.Equal("/sys/fs/cgroup/pids", layout.HierarchyOf("pids")!.MountPoint);
        Assert.Equal("/sys/fs/cgroup/freezer", layout.HierarchyOf("freezer")!.MountPoint);
        Assert.All(CgroupLayout.UsedControllers, c => Assert.False(layout.HierarchyOf(c)!.IsUnified));
        Assert.Equal("/sys/fs/cgroup/unified", layout.Unified!.MountPoint);
        Assert.Empty(layout.Unified.Controllers);
        Assert.Empty(layout.MissingControllers);
        Assert.Equal("hybrid (memory=v1, cpu=v1, cpuacct=v1, pids=v1, freezer=v1)", layout.Describe());
    }

    [Fact]
    public void Parse_SystemdUnified_V2WithControllersFromCgroupControllers()
    {
        string? asked = null;
        var layout = CgroupLayout.Parse(CgroupSamples.SystemdUnified, mount => { asked = mount; return ["cpuset", "cpu", "io", "memory", "pids"]; });

        Assert.Equal("/sys/fs/cgroup", asked);
        Assert.Equal(CgroupVersion.V2, layout.Version);
        Assert.Single(layout.Hierarchies);
        Assert.All(CgroupLayout.UsedControllers, c => Assert.True(layout.HierarchyOf(c)!.IsUnified));
        Assert.Null(layout.HierarchyOf("blkio"));
    }

    [Fact]
    public void Parse_CgroupV2WithoutMemoryInCgroupControllers_MemoryIsMissing()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.SystemdUnified, _ => ["cpu", "pids"]);

        Assert.Equal(["memory"], layout.MissingControllers);
        Assert.Contains("memory=missing", layout.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SystemdHybrid_CoMountedCpuAndCpuacctShareOneHierarchy()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.SystemdHybrid, _ => []);

        Assert.Equal(CgroupVersion.Hybrid, layout.Version);
        Assert.Same(layout.HierarchyOf("cpu"), layout.HierarchyOf("cpuacct"));
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", layout.HierarchyOf("cpu")!.MountPoint);
        Assert.Equal(["net_cls", "net_prio"], layout.HierarchyOf("net_prio")!.Controllers);
        // xattr and name=systemd are options, not controllers.
        Assert.Null(layout.HierarchyOf("xattr"));
        Assert.Empty(layout.Hierarchies.Single(h => h.MountPoint == "/sys/fs/cgroup/systemd").Controllers);
    }

    [Fact]
    public void Parse_LegacyV1InAContainer_V1AndNoFreezer()
    {
        var layout = CgroupLayout.Parse(CgroupSamples.LegacyV1InContainer);

        Assert.Equal(CgroupVersion.V1, layout.Version);
        Assert.Null(layout.Unified);
        Assert.Equal(["freezer"], layout.MissingControllers);
        Assert.Equal(["cpuacct", "cpu"], layout.HierarchyOf("cpu")!.Controllers);
    }

    [Fact]
    public void Parse_NoCgroupMount_ThrowsNamingMountinfo()
    {
        var e = Assert.Throws<CgroupException>(() => CgroupLayout.Parse(CgroupSamples.KernelDocExampleOnly));
        Assert.Contains("neither cgroup nor cgroup2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedCgroupLine_ThrowsWithLineNumber()
    {
        string text = CgroupSamples.KernelDocExampleOnly + "40 31 0:37 / - cgroup\n";
        var e = Assert.Throws<CgroupException>(() => CgroupLayout.Parse(text));
        Assert.Equal("mountinfo line 2: malformed cgroup mount line", e.Message);
    }

    [Fact]
    public void Parse_OctalEscapedMountPoint_Unescaped()
    {
        var layout = CgroupLayout.Parse(@"50 1 0:40 / /tmp/my\040cgroups\134v1 rw - cgroup none rw,memory");
        Assert.Equal(@"/tmp/my cgroups\v1", layout.HierarchyOf("memory")!.MountPoint);
    }

    [Fact]
    public void Parse_SameHierarchyMountedTwice_FirstMountWins()
    {
        string text = """
            32 31 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
            90 31 0:29 / /mnt/again rw - cgroup cgroup rw,memory
            """;
        var layout = CgroupLayout.Parse(text);
        Assert.Single(layout.Hierarchies);
        Assert.Equal("/sys/fs/cgroup/memory", layout.HierarchyOf("memory")!.MountPoint);
    }

    [Fact]
    public void Detect_ThisMachine_AgreesWithParsingItsMountinfo()
    {
        var detected = CgroupLayout.Detect();
        var parsed = CgroupLayout.Parse(File.ReadAllText("/proc/self/mountinfo"), m => File.ReadAllText(Path.Combine(m, "cgroup.controllers")).Split(' ', '\n'));
        Assert.Equal(parsed.Describe(), detected.Describe());
    }

    /// <summary>
    /// Differential: random layouts are written as mountinfo (controllers grouped into co-mounts, optional fields,
    /// unrelated mounts interleaved, maybe a cgroup2 with the rest), parsed back and compared with what was written.
    /// </summary>
    [Fact]
    public void Parse_RandomLayouts_RecoverWhereEachControllerIsMounted()
    {
        string[] all = ["memory", "cpu", "cpuacct", "pids", "freezer", "blkio", "devices", "cpuset", "net_cls"];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rnd = new Random(seed);
            var shuffled = all.OrderBy(_ => rnd.Next()).ToList();
            int inV1 = rnd.Next(all.Length + 1);
            var groups = new List<List<string>>();
            foreach (string c in shuffled.Take(inV1))
            {
                if (groups.Count == 0 || rnd.Next(3) == 0)
                {
                    groups.Add([]);
                }

                groups[^1].Add(c);
            }

            bool hasV2 = rnd.Next(2) == 0 || groups.Count == 0;
            var v2 = shuffled.Skip(inV1).Where(_ => rnd.Next(2) == 0).ToList();
            var lines = new List<string>();
            int id = 20;
            foreach (var g in groups)
            {
                string optional = string.Concat(Enumerable.Range(0, rnd.Next(3)).Select(i => $" shared:{rnd.Next(100)}"));
                lines.Add($"{id++} 1 0:{id} / /sys/fs/cgroup/{string.Join(',', g)} rw,relatime{optional} - cgroup cgroup rw,{string.Join(',', g)}");
                if (rnd.Next(3) == 0)
                {
                    lines.Add($"{id++} 1 8:1 / /data{id} rw,noatime - ext4 /dev/sda1 rw,errors=remount-ro");
                }
            }

            if (hasV2)
            {
                lines.Insert(rnd.Next(lines.Count + 1), $"{id++} 1 0:99 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate");
            }

            var layout = CgroupLayout.Parse(string.Join('\n', lines), _ => v2);

            var expectedVersion = groups.Count == 0 ? CgroupVersion.V2 : hasV2 ? CgroupVersion.Hybrid : CgroupVersion.V1;
            bool ok = layout.Version == expectedVersion;
            foreach (string c in all)
            {
                var g = groups.FirstOrDefault(g => g.Contains(c));
                string? expectedMount = g is not null ? "/sys/fs/cgroup/" + string.Join(',', g)
                    : hasV2 && (v2.Contains(c) || c is "cpuacct" or "freezer") ? "/sys/fs/cgroup/unified"
                    : null;
                ok &= layout.HierarchyOf(c)?.MountPoint == expectedMount;
            }

            return ok;
        }));
    }
}
