namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>CompactionResponse</c> (compaction does not bump the revision).</summary>
public sealed class CompactionResponse : StoreResponse
{
}
