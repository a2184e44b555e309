namespace Arbiter.Isolation.Cgroups;

/// <summary>What a cgroup has used, read from the kernel's accounting files; null where the controller is missing.</summary>
/// <param name="CpuTime">CPU time of all tasks, user + system (v1 <c>cpuacct.usage</c>, v2 <c>cpu.stat</c> usage_usec).</param>
/// <param name="MemoryPeakBytes">Peak memory charged (v1 <c>memory.max_usage_in_bytes</c>, v2 <c>memory.peak</c>).</param>
/// <param name="PidsCurrent">Tasks in the group now (<c>pids.current</c>).</param>
/// <param name="PidsPeak">Most tasks at once (<c>pids.peak</c>, recent kernels only), when the kernel has it.</param>
public sealed record CgroupUsage(TimeSpan CpuTime, long? MemoryPeakBytes, long? PidsCurrent, long? PidsPeak = null);
