using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseTimeToLiveResponse</c>. An unknown lease has TTL -1.</summary>
public sealed class LeaseTimeToLiveResponse : StoreResponse
{
    /// <summary>The lease id.</summary>
    public long Id { get; init; }

    /// <summary>Seconds left (from the leader's <see cref="Lessor"/>; the granted TTL when no lessor was given; -1 if unknown).</summary>
    public long Ttl { get; init; }

    /// <summary>The TTL granted.</summary>
    public long GrantedTtl { get; init; }

    /// <summary>The attached keys in key order, if asked for.</summary>
    public IReadOnlyList<byte[]> Keys { get; init; } = [];
}
