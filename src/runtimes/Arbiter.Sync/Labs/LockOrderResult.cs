using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Labs;

/// <summary>What <see cref="LockOrderExperiment"/> found.</summary>
/// <param name="Reports">The validator's reports (the inversion).</param>
/// <param name="Edges">Every lock-order edge seen, with its first thread and stack.</param>
/// <param name="Deadlocks">Deadlocks the watchdog found in the run (none: the inversion is a latent bug).</param>
/// <param name="Balance">The program's result, to show it ran.</param>
/// <param name="Audited">The balance the audit read.</param>
public sealed record LockOrderResult(IReadOnlyList<LockOrderReport> Reports, IReadOnlyList<LockOrderEdge> Edges, int Deadlocks, int Balance, int Audited);
