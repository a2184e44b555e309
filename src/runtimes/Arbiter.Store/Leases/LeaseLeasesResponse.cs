using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>etcd's <c>LeaseLeasesResponse</c>.</summary>
public sealed class LeaseLeasesResponse : StoreResponse
{
    /// <summary>Every live lease, by id.</summary>
    public IReadOnlyList<LeaseStatus> Leases { get; init; } = [];
}
