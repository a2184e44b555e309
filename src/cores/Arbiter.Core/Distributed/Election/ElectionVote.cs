namespace Arbiter.Core.Distributed.Election;

/// <summary>Persisted before a node acknowledges a leader: in <paramref name="Term"/> it backs <paramref name="Leader"/>
/// and no other (Raft's votedFor). A restarted node keeps its vote, so it can never back two leaders in one term.</summary>
/// <param name="Term">The election term.</param>
/// <param name="Leader">The node backed in that term.</param>
public readonly record struct ElectionVote(long Term, int Leader);
