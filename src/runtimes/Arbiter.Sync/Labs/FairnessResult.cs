namespace Arbiter.Sync.Labs;

/// <summary>One row of the fairness table: a primitive under a policy, measured.</summary>
/// <param name="Primitive">"mutex", "semaphore" or "rwlock".</param>
/// <param name="Policy">"barging", "fifo hand-off", "reader-preferring", "writer-preferring", "phase-fair".</param>
/// <param name="Threads">Contending threads.</param>
/// <param name="Elapsed">How long the run really lasted.</param>
/// <param name="Truncated">True when the log filled up and the run stopped before its duration.</param>
/// <param name="Violations">Times the primitive's safety was seen broken (two writers, too many holders): must be 0.</param>
/// <param name="Overall">All requests together.</param>
/// <param name="Roles">Per role: readers and writers for the reader-writer lock; otherwise just "all".</param>
public sealed record FairnessResult(
    string Primitive,
    string Policy,
    int Threads,
    TimeSpan Elapsed,
    bool Truncated,
    long Violations,
    FairnessRoleResult Overall,
    IReadOnlyList<FairnessRoleResult> Roles);
