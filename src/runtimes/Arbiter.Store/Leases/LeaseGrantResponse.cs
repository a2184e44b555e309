using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseGrantResponse</c>.</summary>
public sealed class LeaseGrantResponse : StoreResponse
{
    /// <summary>The lease id.</summary>
    public long Id { get; init; }

    /// <summary>The TTL granted in seconds.</summary>
    public long Ttl { get; init; }
}
