// Source: the kernel's Documentation/admin-guide/cgroup-v2.rst (§"Memory" memory.max, memory.swap.max, memory.peak,
// memory.events; §"CPU" cpu.max, cpu.weight, cpu.stat; §"PID"; §"Core Interface Files" cgroup.kill, cgroup.freeze,
// cgroup.events).
//
// Summary: one unified hierarchy. Memory: memory.max and memory.swap.max (swap alone, so the memory+swap limit minus
// the memory limit). CPU: cpu.max "QUOTA PERIOD", cpu.weight. Pids: pids.max. Usage: cpu.stat usage_usec,
// memory.peak (5.19+; memory.current before), pids.current/peak. OOM kills: memory.events "oom_kill". Kill:
// cgroup.kill (5.14+) kills every task at once; otherwise cgroup.freeze and a kill loop.
namespace Arbiter.Isolation.Cgroups;

/// <summary>File logic for the cgroup v2 hierarchy.</summary>
internal sealed class CgroupV2Dialect : ICgroupDialect
{
    public static CgroupV2Dialect Instance { get; } = new();

    public void ApplyMemory(ICgroupFs fs, string dir, CgroupLimits limits)
    {
        if (limits.MemoryBytes is { } mem)
        {
            CgroupIo.Write(fs, dir, "memory.max", CgroupFiles.Number(mem));
        }

        if (limits.MemorySwapBytes is { } swap && limits.MemoryBytes is { } m)
        {
            if (!fs.Exists(Path.Combine(dir, "memory.swap.max")))
            {
                throw new CgroupException("a memory+swap limit needs swap accounting (memory.swap.max is missing)");
            }

            CgroupIo.Write(fs, dir, "memory.swap.max", CgroupFiles.Number(swap - m));
        }
    }

    public void ApplyCpu(ICgroupFs fs, string dir, CgroupLimits limits)
    {
        if (limits.CpuQuotaMicros is { } quota)
        {
            long period = limits.CpuPeriodMicros ?? CgroupLimits.DefaultCpuPeriodMicros;
            CgroupIo.Write(fs, dir, "cpu.max", $"{CgroupFiles.Number(quota)} {CgroupFiles.Number(period)}");
        }

        if (limits.CpuWeight is { } weight)
        {
            CgroupIo.Write(fs, dir, "cpu.weight", CgroupFiles.Number(weight));
        }
    }

    public void ApplyPids(ICgroupFs fs, string dir, CgroupLimits limits)
    {
        if (limits.Pids is { } pids)
        {
            CgroupIo.Write(fs, dir, "pids.max", CgroupFiles.Number(pids));
        }
    }

    public TimeSpan ReadCpuTime(ICgroupFs fs, string dir)
    {
        string path = Path.Combine(dir, "cpu.stat");
        long us = CgroupFiles.ParseKey(CgroupIo.Read(fs, path), "usage_usec", path) ?? 0;
        return TimeSpan.FromMicroseconds(us);
    }

    public long? ReadMemoryPeak(ICgroupFs fs, string dir) =>
        fs.Exists(Path.Combine(dir, "memory.peak"))
            ? CgroupIo.ReadNumber(fs, dir, "memory.peak")
            : CgroupIo.ReadNumber(fs, dir, "memory.current");

    public long ReadOomKills(ICgroupFs fs, string dir)
    {
        string path = Path.Combine(dir, "memory.events");
        return CgroupFiles.ParseKey(CgroupIo.Read(fs, path), "oom_kill", path) ?? 0;
    }

    public bool TryKillAll(ICgroupFs fs, string dir)
    {
        string kill = Path.Combine(dir, "cgroup.kill");
        if (!fs.Exists(kill))
        {
            return false;
        }

        fs.Write(kill, "1");
        return true;
    }

    public bool SetFrozen(ICgroupFs fs, string dir, bool frozen)
    {
        string freeze = Path.Combine(dir, "cgroup.freeze");
        if (!fs.Exists(freeze))
        {
            return false;
        }

        fs.Write(freeze, frozen ? "1" : "0");
        string events = Path.Combine(dir, "cgroup.events");
        long want = frozen ? 1 : 0;
        for (int i = 0; i < 1000 && fs.Exists(events) && CgroupFiles.ParseKey(CgroupIo.Read(fs, events), "frozen", events) != want; i++)
        {
            fs.Pause(TimeSpan.FromMilliseconds(1));
        }

        return true;
    }
}
