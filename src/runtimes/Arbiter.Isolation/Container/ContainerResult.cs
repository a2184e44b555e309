using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Container;

/// <summary>How a container ended and what it used.</summary>
/// <param name="ExitCode">The workload's exit code, or null when a signal killed it.</param>
/// <param name="Signal">The signal that killed the workload, or null when it exited.</param>
/// <param name="OomKilled">The kernel's OOM killer killed it at its memory limit (SIGKILL and the cgroup's oom_kill counter rose).</param>
/// <param name="Usage">CPU time, peak memory and pids, read from the cgroup before it was removed.</param>
/// <param name="Elapsed">Wall time from the start request to the exit report.</param>
/// <param name="Limits">The limits the container ran under.</param>
public sealed record ContainerResult(int? ExitCode, int? Signal, bool OomKilled, CgroupUsage Usage, TimeSpan Elapsed, CgroupLimits Limits)
{
    /// <summary>The status a shell would show: the exit code, or 128 + the signal number.</summary>
    public int Status => Signal is { } s ? 128 + s : ExitCode ?? 0;
}
