namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>Parameters of a <see cref="TimeoutRetrySimulation"/>.</summary>
/// <param name="Timeout">Ticks a blocked process waits before it gives up (releases all, backs off, restarts);
/// null runs the script without the policy, so a deadlock, if one forms, is permanent.</param>
/// <param name="MaxTicks">Upper bound on the run; reaching it under a timeout policy without completing is reported as livelock.</param>
/// <param name="BackoffBase">Backoff unit: after its k-th timeout, process number i (0-based) sits out
/// <c>BackoffBase · (i + 1) · k</c> ticks, so that symmetric processes fall out of step.</param>
/// <param name="Schedule">Optional interleaving: entry t−1 lists the processes (indices, in the order they act) that
/// take a step at tick t. Ticks beyond the list are round-robin over all processes in process order.</param>
public sealed record TimeoutRetryOptions(
    int? Timeout = null,
    int MaxTicks = 10_000,
    int BackoffBase = 1,
    IReadOnlyList<IReadOnlyList<int>>? Schedule = null);
