namespace Arbiter.Core.Distributed.Raft;

/// <summary>A message the core wants sent, and to whom.</summary>
/// <param name="To">The destination server.</param>
/// <param name="Message">The message.</param>
public readonly record struct RaftEnvelope(int To, RaftMessage Message)
{
    /// <summary>
    /// True when the message may leave before the records of this and earlier Readys are durable
    /// (<c>INodeContext.SendEarly</c>): a leader's append once its term is known to be on disk, with
    /// <see cref="RaftOptions.LeaderWritesInParallel"/>. Every other message waits for the records, as Figure 2 asks.
    /// </summary>
    public bool Early { get; init; }
}
