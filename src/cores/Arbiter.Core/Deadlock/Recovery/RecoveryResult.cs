using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Recovery;

/// <summary>The outcome of <see cref="DeadlockRecovery.Recover"/>.</summary>
/// <param name="Strategy">The strategy used.</param>
/// <param name="InitiallyDeadlocked">Deadlocked processes before recovery (caller's indices, ascending).</param>
/// <param name="Steps">Every step, in order (empty when there was no deadlock).</param>
/// <param name="Terminated">Terminated processes (caller's indices, in the order they were terminated).</param>
/// <param name="Ledger">The state after recovery: a new ledger without the terminated processes, with preempted
/// processes rolled back (their rollback counts incremented). The caller's ledger is untouched.</param>
public sealed record RecoveryResult(
    RecoveryStrategy Strategy,
    IReadOnlyList<int> InitiallyDeadlocked,
    IReadOnlyList<RecoveryStep> Steps,
    IReadOnlyList<int> Terminated,
    ResourceLedger Ledger)
{
    /// <summary>Preempted processes (caller's indices), once each, in the order of their first rollback.</summary>
    public IReadOnlyList<int> RolledBack =>
        [.. Steps.Where(s => s.Action == RecoveryAction.Preempt).Select(s => s.Victim).Distinct()];
}
