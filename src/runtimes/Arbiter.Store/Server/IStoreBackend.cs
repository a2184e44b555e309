using Arbiter.Store.Gateway;

namespace Arbiter.Store.Server;

/// <summary>
/// What the HTTP gateway asks of a store: etcd v3's KV, lease and lock calls in their wire shapes. The replicated
/// store implements it on Raft; the gateway knows nothing of Raft. Refusals are <see cref="StoreRefusedException"/>s.
/// </summary>
public interface IStoreBackend
{
    /// <summary>Reads a key or a range (linearizable unless the request says serializable).</summary>
    Task<WireRangeResponse> RangeAsync(WireRangeRequest request, CancellationToken cancellation);

    /// <summary>Writes a key.</summary>
    Task<WirePutResponse> PutAsync(WirePutRequest request, CancellationToken cancellation);

    /// <summary>Deletes a key or a range.</summary>
    Task<WireDeleteRangeResponse> DeleteRangeAsync(WireDeleteRangeRequest request, CancellationToken cancellation);

    /// <summary>Runs a transaction atomically.</summary>
    Task<WireTxnResponse> TxnAsync(WireTxnRequest request, CancellationToken cancellation);

    /// <summary>Compacts history below a revision.</summary>
    Task<WireHeaderResponse> CompactAsync(WireCompactionRequest request, CancellationToken cancellation);

    /// <summary>Grants a lease.</summary>
    Task<WireLeaseResponse> LeaseGrantAsync(WireLeaseGrantRequest request, CancellationToken cancellation);

    /// <summary>Revokes a lease.</summary>
    Task<WireHeaderResponse> LeaseRevokeAsync(WireLeaseIdRequest request, CancellationToken cancellation);

    /// <summary>Renews a lease once.</summary>
    Task<WireLeaseResponse> LeaseKeepAliveAsync(WireLeaseIdRequest request, CancellationToken cancellation);

    /// <summary>Tells how long a lease has left.</summary>
    Task<WireLeaseResponse> LeaseTimeToLiveAsync(WireLeaseIdRequest request, CancellationToken cancellation);

    /// <summary>Waits for a lock.</summary>
    Task<WireLockResponse> LockAsync(WireLockRequest request, CancellationToken cancellation);

    /// <summary>Releases a lock.</summary>
    Task<WireHeaderResponse> UnlockAsync(WireUnlockRequest request, CancellationToken cancellation);

    /// <summary>Streams a watch: first the confirmation, then events in revision order, until cancelled.</summary>
    IAsyncEnumerable<WireWatchResponse> WatchAsync(WireWatchCreateRequest request, CancellationToken cancellation);

    /// <summary>Waits to lead an election, then leads with the request's value (etcd v3 election API).</summary>
    Task<WireCampaignResponse> CampaignAsync(WireCampaignRequest request, CancellationToken cancellation);

    /// <summary>The leader publishes a new value.</summary>
    Task<WireHeaderResponse> ProclaimAsync(WireProclaimRequest request, CancellationToken cancellation);

    /// <summary>The current leader of an election (code 5, not found: "election: no leader").</summary>
    Task<WireLeaderResponse> LeaderAsync(WireLeaderRequest request, CancellationToken cancellation);

    /// <summary>Streams the leader, then every change of leader or value, until cancelled.</summary>
    IAsyncEnumerable<WireLeaderResponse> ObserveAsync(WireLeaderRequest request, CancellationToken cancellation);

    /// <summary>The leader steps down.</summary>
    Task<WireHeaderResponse> ResignAsync(WireResignRequest request, CancellationToken cancellation);

    /// <summary>Arbiter: waits for permits of a counting semaphore (code 10, aborted, if the wait is a deadlock victim).</summary>
    Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation);

    /// <summary>Arbiter: waits for a reader-writer lock, shared or exclusive (code 10 if a deadlock victim).</summary>
    Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation);

    /// <summary>Arbiter: gives back what a lease holds on a semaphore or reader-writer lock, or withdraws its wait.</summary>
    Task<WireHeaderResponse> ReleaseAsync(WireReleaseRequest request, CancellationToken cancellation);

    /// <summary>Arbiter: arrives at a barrier and waits until all its parties have.</summary>
    Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation);

    /// <summary>Arbiter: the live wait-for graph across all clients.</summary>
    Task<WireGraphResponse> GraphAsync(WireGraphRequest request, CancellationToken cancellation);

    /// <summary>This member's status: its id, the leader it knows, term and indexes (etcd's maintenance status).</summary>
    Task<WireStatusResponse> StatusAsync(WireStatusRequest request, CancellationToken cancellation);

    /// <summary>The cluster's members (etcd's Cluster.MemberList).</summary>
    Task<WireMemberListResponse> MemberListAsync(WireMemberListRequest request, CancellationToken cancellation);

    /// <summary>Adds a member, as a learner or a voter (etcd's Cluster.MemberAdd; code 9 if its peer URL is taken, 3 if invalid).</summary>
    Task<WireMemberAddResponse> MemberAddAsync(WireMemberAddRequest request, CancellationToken cancellation);

    /// <summary>Removes a member (etcd's Cluster.MemberRemove; code 5, "etcdserver: member not found", for an unknown id).</summary>
    Task<WireMemberListResponse> MemberRemoveAsync(WireMemberIdRequest request, CancellationToken cancellation);

    /// <summary>Makes a caught-up learner a voter (etcd's Cluster.MemberPromote; code 9 if not a learner or not in sync).</summary>
    Task<WireMemberListResponse> MemberPromoteAsync(WireMemberIdRequest request, CancellationToken cancellation);
}
