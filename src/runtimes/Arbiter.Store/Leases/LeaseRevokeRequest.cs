namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseRevokeRequest</c>: end the lease and delete its keys (in one revision).</summary>
public sealed class LeaseRevokeRequest
{
    /// <summary>The lease id.</summary>
    public long Id { get; init; }
}
