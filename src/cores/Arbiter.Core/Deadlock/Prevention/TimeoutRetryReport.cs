namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>The outcome of a <see cref="TimeoutRetrySimulation"/> run.</summary>
/// <param name="Timeout">The timeout used, or null when run without the policy.</param>
/// <param name="Completed">True when every process ran its whole script.</param>
/// <param name="Ticks">Ticks simulated (the last one is when the run completed or stopped).</param>
/// <param name="Processes">Process names, in script order.</param>
/// <param name="Retries">Timeouts (restarts) per process, in script order.</param>
/// <param name="DeadlockTick">The first tick at whose end detection found a deadlock, or null. Without the policy a
/// deadlock is permanent; under a timeout the policy may break it later (then <paramref name="Completed"/> can be true).</param>
/// <param name="Deadlocked">The processes deadlocked at <paramref name="DeadlockTick"/>, in script order.</param>
/// <param name="Livelock">True when a timeout policy was on and the run hit the tick bound without completing:
/// processes kept giving up and retrying without getting through.</param>
/// <param name="Timeline">Every event, in order.</param>
public sealed record TimeoutRetryReport(
    int? Timeout,
    bool Completed,
    int Ticks,
    IReadOnlyList<string> Processes,
    IReadOnlyList<int> Retries,
    int? DeadlockTick,
    IReadOnlyList<string> Deadlocked,
    bool Livelock,
    IReadOnlyList<SimulationEvent> Timeline);
