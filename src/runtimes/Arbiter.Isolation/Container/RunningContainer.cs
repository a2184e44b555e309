using System.Diagnostics;
using System.Globalization;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Native;

namespace Arbiter.Isolation.Container;

/// <summary>
/// A container whose workload runs: signal it, wait for it. Waiting reads the usage, decides whether the OOM killer
/// struck, and removes the cgroup. Disposing an unfinished container kills it (every process of its cgroup).
/// </summary>
public sealed class RunningContainer : IDisposable
{
    private readonly HelperProcess helper;
    private readonly Stopwatch clock;
    private ContainerResult? result;

    internal RunningContainer(HelperProcess helper, Cgroup cgroup, int pid, CgroupLimits limits, Stopwatch clock)
    {
        this.helper = helper;
        Cgroup = cgroup;
        Pid = pid;
        Limits = limits;
        this.clock = clock;
    }

    /// <summary>The workload's pid as the host sees it (pid 1 inside).</summary>
    public int Pid { get; }

    /// <summary>The container's cgroup.</summary>
    public Cgroup Cgroup { get; }

    /// <summary>The limits it runs under.</summary>
    public CgroupLimits Limits { get; }

    /// <summary>Sends <paramref name="signal"/> to the workload (pid 1 inside: it ignores signals it has no handler for, except SIGKILL).</summary>
    public void Signal(int signal)
    {
        if (result is null)
        {
            Libc.kill(Pid, signal);
        }
    }

    /// <summary>Waits for the workload to end, then cleans up. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (the container keeps running).</summary>
    public ContainerResult Wait(TimeSpan? timeout = null)
    {
        if (result is not null)
        {
            return result;
        }

        string? report = helper.Receive(timeout is { } t ? (int)Math.Min(int.MaxValue, t.TotalMilliseconds) : -1);
        TimeSpan elapsed = clock.Elapsed;
        helper.Wait();
        int? code = null, signal = null;
        if (report is not null && report.StartsWith("exit ", StringComparison.Ordinal))
        {
            code = int.Parse(report.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (report is not null && report.StartsWith("signal ", StringComparison.Ordinal))
        {
            signal = int.Parse(report.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            signal = Libc.SIGKILL; // the helper itself was killed: so was the container (parent-death signal)
        }

        CgroupUsage usage = Cgroup.ReadUsage();
        bool oom = Cgroup.WasOomKilled(signal == Libc.SIGKILL, 0, Cgroup.OomKillCount());
        Cgroup.Dispose();
        helper.Dispose();
        result = new ContainerResult(code, signal, oom, usage, elapsed, Limits);
        return result;
    }

    /// <summary>Kills whatever is left and removes the cgroup.</summary>
    public void Dispose()
    {
        if (result is null)
        {
            Libc.kill(Pid, Libc.SIGKILL);
            Cgroup.Dispose();
            helper.Dispose();
        }
    }
}
