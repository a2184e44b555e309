namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>DeleteRangeResponse</c>. Deleting nothing does not bump the revision.</summary>
public sealed class DeleteRangeResponse : StoreResponse
{
    /// <summary>How many keys were deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>The deleted key-values in key order, if asked for.</summary>
    public IReadOnlyList<KeyValue> PrevKvs { get; init; } = [];
}
