using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Leases;

/// <summary>
/// The answer to the leader's batch of expiries (Arbiter's own command; etcd revokes expired leases one by one).
/// Leases already gone when the batch applies (revoked meanwhile) are skipped.
/// </summary>
public sealed class LeaseExpireResponse : StoreResponse
{
    /// <summary>The ids that were still alive and are now ended, in the batch's order.</summary>
    public IReadOnlyList<long> Expired { get; init; } = [];
}
