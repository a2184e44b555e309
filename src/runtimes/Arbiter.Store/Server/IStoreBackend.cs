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
}
