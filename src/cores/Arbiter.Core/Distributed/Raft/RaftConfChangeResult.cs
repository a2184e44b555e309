namespace Arbiter.Core.Distributed.Raft;

/// <summary>What <see cref="RaftCore.ProposeConfChange"/> did: the configuration entry's index, or 0 and why not.</summary>
/// <param name="Index">The index of the appended configuration entry (0: refused).</param>
/// <param name="Refusal">Why the change was refused (null when accepted).</param>
/// <param name="NotLeader">True when refused because this server does not lead (the client should ask the leader).</param>
public readonly record struct RaftConfChangeResult(long Index, string? Refusal, bool NotLeader = false)
{
    /// <summary>True when the change was appended.</summary>
    public bool Accepted => Index > 0;
}
