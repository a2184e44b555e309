namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// The file names and value formats of one cgroup version. Each method gets the directory of the group in the
/// hierarchy that carries the controller concerned.
/// </summary>
internal interface ICgroupDialect
{
    void ApplyMemory(ICgroupFs fs, string dir, CgroupLimits limits);

    void ApplyCpu(ICgroupFs fs, string dir, CgroupLimits limits);

    void ApplyPids(ICgroupFs fs, string dir, CgroupLimits limits);

    /// <summary>Total CPU time; <paramref name="dir"/> is the cpuacct group on v1, any group on v2 (cpu.stat is core).</summary>
    TimeSpan ReadCpuTime(ICgroupFs fs, string dir);

    long? ReadMemoryPeak(ICgroupFs fs, string dir);

    long ReadOomKills(ICgroupFs fs, string dir);

    /// <summary>Kills every task at once when the kernel can (v2 cgroup.kill); false when the caller must loop.</summary>
    bool TryKillAll(ICgroupFs fs, string dir);

    /// <summary>Freezes or thaws the group and waits until the kernel says it is done; false without a freezer.</summary>
    bool SetFrozen(ICgroupFs fs, string dir, bool frozen);
}
