namespace Arbiter.Store.Coordination;

/// <summary>A cross-client deadlock found at the moment a wait closed it, and how it was broken.</summary>
/// <param name="Revision">Revision of the wait that closed it.</param>
/// <param name="Cycle">A shortest cycle through the owner whose wait closed it, step by step (the last step's
/// BlockedBy is the first step's owner).</param>
/// <param name="Deadlocked">Every owner that could never proceed, ascending lease ids.</param>
/// <param name="Victim">The owner whose wait was failed.</param>
/// <param name="Policy">The policy that chose the victim.</param>
/// <param name="ConfirmedByReduction">True when the cycle involved multi-unit resources (semaphores), where a cycle
/// is necessary but not sufficient, and graph reduction confirmed the deadlock.</param>
public sealed record DeadlockReport(
    long Revision,
    IReadOnlyList<DeadlockStep> Cycle,
    IReadOnlyList<long> Deadlocked,
    long Victim,
    DeadlockPolicy Policy,
    bool ConfirmedByReduction)
{
    /// <summary>"A (lease 1) waits for m2 held by B (lease 2) since 7 → B waits for m1 held by A since 8".</summary>
    public string Describe() => string.Join(" → ", Cycle.Select(s =>
        $"{s.Name} waits for {s.Resource} {(s.Reason == WaitReason.Holds ? "held by" : "behind")} lease {s.BlockedBy} since {s.Since}"));
}
