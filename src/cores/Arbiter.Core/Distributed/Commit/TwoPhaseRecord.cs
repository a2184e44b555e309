namespace Arbiter.Core.Distributed.Commit;

/// <summary>One entry of a 2PC node's log (Gray 1978: the log written before each message that depends on it).</summary>
/// <param name="Kind">What was logged.</param>
/// <param name="Commit">For <see cref="TwoPhaseLogKind.Decision"/> and <see cref="TwoPhaseLogKind.Voted"/>: commit/yes.</param>
public readonly record struct TwoPhaseRecord(TwoPhaseLogKind Kind, bool Commit);
