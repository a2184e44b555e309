using Arbiter.Store.Gateway;
using Arbiter.Store.Server;

namespace Arbiter.Store.Tests.Server;

/// <summary>
/// The base of the test doubles of <see cref="IStoreBackend"/>: every call is refused with <see cref="Refusal"/>
/// (by default code 12, unimplemented: "not scripted"), so a double overrides only the calls it scripts and a test
/// that strays onto another call gets an etcd-shaped refusal instead of a silent answer. The streams refuse on their
/// first message, before anything is sent, which the gateway turns into an error body as for any other call.
/// Members follow <see cref="IStoreBackend"/>'s order. Linked into Arbiter.Cli.Tests (test projects do not
/// reference each other).
/// </summary>
internal abstract class RefusingStoreBackend : IStoreBackend
{
    /// <summary>The refusal every unscripted call throws.</summary>
    protected virtual StoreRefusedException Refusal() => new(12, "not scripted");

    public virtual Task<WireRangeResponse> RangeAsync(WireRangeRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WirePutResponse> PutAsync(WirePutRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireDeleteRangeResponse> DeleteRangeAsync(WireDeleteRangeRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireTxnResponse> TxnAsync(WireTxnRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireHeaderResponse> CompactAsync(WireCompactionRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireLeaseResponse> LeaseGrantAsync(WireLeaseGrantRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireHeaderResponse> LeaseRevokeAsync(WireLeaseIdRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireLeaseResponse> LeaseKeepAliveAsync(WireLeaseIdRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireLeaseResponse> LeaseTimeToLiveAsync(WireLeaseIdRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireLockResponse> LockAsync(WireLockRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireHeaderResponse> UnlockAsync(WireUnlockRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual IAsyncEnumerable<WireWatchResponse> WatchAsync(WireWatchCreateRequest request, CancellationToken cancellation) => RefusedStream<WireWatchResponse>();

    public virtual Task<WireCampaignResponse> CampaignAsync(WireCampaignRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireHeaderResponse> ProclaimAsync(WireProclaimRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireLeaderResponse> LeaderAsync(WireLeaderRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual IAsyncEnumerable<WireLeaderResponse> ObserveAsync(WireLeaderRequest request, CancellationToken cancellation) => RefusedStream<WireLeaderResponse>();

    public virtual Task<WireHeaderResponse> ResignAsync(WireResignRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireHeaderResponse> ReleaseAsync(WireReleaseRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireGraphResponse> GraphAsync(WireGraphRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireStatusResponse> StatusAsync(WireStatusRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireMemberListResponse> MemberListAsync(WireMemberListRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireMemberAddResponse> MemberAddAsync(WireMemberAddRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireMemberListResponse> MemberRemoveAsync(WireMemberIdRequest request, CancellationToken cancellation) => throw Refusal();

    public virtual Task<WireMemberListResponse> MemberPromoteAsync(WireMemberIdRequest request, CancellationToken cancellation) => throw Refusal();

    /// <summary>A stream that refuses when its first message is asked for (so the gateway can still answer an error body).</summary>
    private async IAsyncEnumerable<T> RefusedStream<T>()
    {
        await Task.Yield();
        foreach (T message in Array.Empty<T>())
        {
            yield return message; // never: only makes this an iterator, whose body runs on the first MoveNextAsync
        }

        throw Refusal();
    }
}
