namespace Arbiter.Isolation.Supervision;

/// <summary>How one run of a supervised workload ended.</summary>
/// <param name="ExitCode">The exit status when it exited normally.</param>
/// <param name="Signal">The signal that killed it, when one did.</param>
/// <param name="OomKilled">True when the kernel's OOM killer killed it (SIGKILL and the cgroup's oom_kill counter rose).</param>
/// <param name="StartError">Why it could not be started at all, when it could not.</param>
public sealed record ExitOutcome(int? ExitCode = null, int? Signal = null, bool OomKilled = false, string? StartError = null)
{
    /// <summary>A normal exit with a status.</summary>
    public static ExitOutcome Exited(int code) => new(ExitCode: code);

    /// <summary>Killed by a signal.</summary>
    public static ExitOutcome Signaled(int signal) => new(Signal: signal);

    /// <summary>Killed by the OOM killer (with SIGKILL).</summary>
    public static ExitOutcome OutOfMemory() => new(Signal: 9, OomKilled: true);

    /// <summary>The start itself failed.</summary>
    public static ExitOutcome FailedToStart(string error) => new(StartError: error);

    /// <summary>Only a clean exit (status 0) is a success; a signal, an OOM kill or a failed start are failures.</summary>
    public bool IsSuccess => ExitCode == 0 && Signal is null && !OomKilled && StartError is null;

    /// <summary>"exited with 3", "killed by signal 15", "killed: out of memory", "failed to start: …".</summary>
    public override string ToString() =>
        StartError is not null ? $"failed to start: {StartError}"
        : OomKilled ? "killed: out of memory"
        : Signal is { } s ? $"killed by signal {s}"
        : $"exited with {ExitCode}";
}
