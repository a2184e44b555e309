namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>CompactionRequest</c> (physical is the server's business: compaction here is immediate).</summary>
public sealed class CompactionRequest
{
    /// <summary>Drop history below this revision, keeping each key's state as of it.</summary>
    public long Revision { get; init; }

    /// <summary>Passed through for the server; ignored by the state machine.</summary>
    public bool Physical { get; init; }
}
