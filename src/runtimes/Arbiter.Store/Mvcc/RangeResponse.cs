namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>RangeResponse</c>. The header revision is the store's current revision, whatever revision was read.</summary>
public sealed class RangeResponse : StoreResponse
{
    /// <summary>The key-values in key order (empty when count_only).</summary>
    public IReadOnlyList<KeyValue> Kvs { get; init; } = [];

    /// <summary>True if the limit cut the result.</summary>
    public bool More { get; init; }

    /// <summary>The number of keys in the range at that revision (before the limit).</summary>
    public long Count { get; init; }
}
