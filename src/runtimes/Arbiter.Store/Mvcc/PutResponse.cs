namespace Arbiter.Store.Mvcc;

/// <summary>etcd's <c>PutResponse</c>.</summary>
public sealed class PutResponse : StoreResponse
{
    /// <summary>The key's previous state if asked for and the key existed.</summary>
    public KeyValue? PrevKv { get; init; }
}
