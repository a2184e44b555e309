namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// What a Raft server writes to stable storage. Recovery folds the records in order and later records override:
/// a hard state replaces the previous one, an entries record truncates the log at its first index and appends, a
/// snapshot record drops every entry it covers.
/// </summary>
public abstract record RaftRecord
{
    /// <summary>The term, vote and commit index.</summary>
    /// <param name="State">The hard state.</param>
    public sealed record HardStateRecord(HardState State) : RaftRecord;

    /// <summary>Consecutive log entries, replacing any entries at or after the first one's index.</summary>
    /// <param name="Entries">The entries (at least one).</param>
    public sealed record EntriesRecord(IReadOnlyList<RaftEntry> Entries) : RaftRecord;

    /// <summary>A snapshot: the log up to its index is compacted into it.</summary>
    /// <param name="Snapshot">The snapshot.</param>
    public sealed record SnapshotRecord(RaftSnapshot Snapshot) : RaftRecord;
}
