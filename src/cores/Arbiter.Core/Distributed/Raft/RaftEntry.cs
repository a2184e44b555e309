namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// One entry of the replicated log (Ongaro &amp; Ousterhout 2014, §5.3): the term of the leader that created it, its
/// position, and an opaque command for the state machine. An empty <see cref="Data"/> is a no-op (what a new leader
/// appends to commit its term, §5.4.2 and §8); the state machine is not called for it. A configuration entry
/// (<see cref="Configuration"/> set; dissertation §4.1) carries the group's new membership and is not given to the
/// state machine either.
/// </summary>
/// <param name="Term">The term in which a leader created the entry.</param>
/// <param name="Index">Its position in the log (1-based).</param>
/// <param name="Data">The command (not copied: callers must not change it afterwards).</param>
public sealed record RaftEntry(long Term, long Index, byte[] Data)
{
    /// <summary>For a configuration entry (§4.1): the whole configuration from this index on; null for a command or no-op.</summary>
    public RaftConfiguration? Configuration { get; init; }

    /// <summary>True for a leader's no-op entry.</summary>
    public bool IsNoop => Data.Length == 0 && Configuration is null;

    /// <summary>True for a configuration entry.</summary>
    public bool IsConfiguration => Configuration is not null;

    /// <summary>The bytes this entry counts for against a message size limit (data plus a fixed header).</summary>
    public int Size => Data.Length + 16 + (Configuration is { } c ? (4 * (c.Voters.Count + c.Learners.Count)) + c.Contexts.Values.Sum(v => 4 + v.Length) : 0);
}
