namespace Arbiter.Store.Watches;

/// <summary>etcd's <c>WatchCreateRequest</c> (progress notification and fragmentation are the server's business).</summary>
public sealed class WatchCreateRequest
{
    /// <summary>The first key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>Empty: the single key; <c>"\0"</c>: all keys &gt;= key; otherwise the exclusive end.</summary>
    public byte[] RangeEnd { get; init; } = [];

    /// <summary>The first revision to deliver (0 or less: only changes after the current revision).</summary>
    public long StartRevision { get; init; }

    /// <summary>Attach each event's previous key-value.</summary>
    public bool PrevKv { get; init; }

    /// <summary>Events to leave out.</summary>
    public IReadOnlyList<WatchFilter> Filters { get; init; } = [];

    /// <summary>The id wanted (0: the hub chooses).</summary>
    public long WatchId { get; init; }
}
