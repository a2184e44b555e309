using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Watches;

/// <summary>
/// etcd's <c>WatchResponse</c>. A watch from a compacted revision is answered by a canceled response whose
/// <see cref="CompactRevision"/> is the compaction's revision: the client must re-read and watch from there.
/// </summary>
public sealed class WatchResponse : StoreResponse
{
    /// <summary>The watcher.</summary>
    public long WatchId { get; init; }

    /// <summary>True on the response to a create.</summary>
    public bool Created { get; init; }

    /// <summary>True when the watcher has ended.</summary>
    public bool Canceled { get; init; }

    /// <summary>Set when the start revision was compacted: the oldest revision still available.</summary>
    public long CompactRevision { get; init; }

    /// <summary>Why the watcher ended, if it did.</summary>
    public string CancelReason { get; init; } = "";

    /// <summary>The events, in revision order.</summary>
    public IReadOnlyList<StoreEvent> Events { get; init; } = [];
}
