using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseRevokeResponse</c>.</summary>
public sealed class LeaseRevokeResponse : StoreResponse
{
}
