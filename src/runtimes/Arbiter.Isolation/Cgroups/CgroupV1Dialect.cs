// Source: the kernel's Documentation/admin-guide/cgroup-v1/memory.rst (§2.5, §5.4 oom_control, §10 OOM control),
// cgroup-v1/pids.rst, cgroup-v1/cpuacct.rst, cgroup-v1/freezer-subsystem.rst, and scheduler/sched-bwc.rst (CFS quota).
//
// Summary: v1 has one hierarchy per controller (or per co-mounted set). Memory: memory.limit_in_bytes, then
// memory.memsw.limit_in_bytes (memory+swap; the kernel refuses memsw < limit, so limit goes first). CPU:
// cpu.cfs_period_us then cpu.cfs_quota_us, cpu.shares. Pids: pids.max. Usage: cpuacct.usage (ns),
// memory.max_usage_in_bytes, pids.current/peak. OOM kills: the "oom_kill" line of memory.oom_control (kernel 4.13+).
// Kill: freezer.state FROZEN → SIGKILL each task → THAWED (a frozen task cannot fork while we walk the list).
namespace Arbiter.Isolation.Cgroups;

/// <summary>File logic for cgroup v1 hierarchies.</summary>
internal sealed class CgroupV1Dialect : ICgroupDialect
{
    public static CgroupV1Dialect Instance { get; } = new();

    public void ApplyMemory(ICgroupFs fs, string dir, CgroupLimits limits)
    {
        if (limits.MemoryBytes is { } mem)
        {
            CgroupIo.Write(fs, dir, "memory.limit_in_bytes", CgroupFiles.Number(mem));
        }

        if (limits.MemorySwapBytes is { } swap)
        {
            if (!fs.Exists(Path.Combine(dir, "memory.memsw.limit_in_bytes")))
            {
                throw new CgroupException("a memory+swap limit needs swap accounting (memory.memsw.* is missing: boot with swapaccount=1)");
            }

            CgroupIo.Write(fs, dir, "memory.memsw.limit_in_bytes", CgroupFiles.Number(swap));
        }
    }

    public void ApplyCpu(ICgroupFs fs, string dir, CgroupLimits limits)
    {
        if (limits.CpuQuotaMicros is { } quota)
        {
            CgroupIo.Write(fs, dir, "cpu.cfs_period_us", CgroupFiles.Number(limits.CpuPeriodMicros ?? CgroupLimits.DefaultCpuPeriodMicros));
            CgroupIo.Write(fs, dir, "cpu.cfs_quota_us", CgroupFiles.Number(quota));
        }

        if (limits.CpuWeight is { } weight)
        {
            CgroupIo.Write(fs, dir, "cpu.shares", CgroupFiles.Number(CgroupLimits.SharesFromWeight(weight)));
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
        long ns = CgroupIo.ReadNumber(fs, dir, "cpuacct.usage") ?? 0;
        return TimeSpan.FromTicks(ns / 100);
    }

    public long? ReadMemoryPeak(ICgroupFs fs, string dir) => CgroupIo.ReadNumber(fs, dir, "memory.max_usage_in_bytes");

    public long ReadOomKills(ICgroupFs fs, string dir)
    {
        string path = Path.Combine(dir, "memory.oom_control");
        return CgroupFiles.ParseKey(CgroupIo.Read(fs, path), "oom_kill", path)
            ?? throw new CgroupException($"{path} has no oom_kill line (kernel older than 4.13)");
    }

    public bool TryKillAll(ICgroupFs fs, string dir) => false;

    public bool SetFrozen(ICgroupFs fs, string dir, bool frozen)
    {
        string state = Path.Combine(dir, "freezer.state");
        if (!fs.Exists(state))
        {
            return false;
        }

        string want = frozen ? "FROZEN" : "THAWED";
        fs.Write(state, want);
        // Freezing is asynchronous: the state reads FREEZING until every task has stopped.
        for (int i = 0; i < 1000 && CgroupIo.Read(fs, state).Trim() != want; i++)
        {
            fs.Pause(TimeSpan.FromMilliseconds(1));
        }

        return true;
    }
}
