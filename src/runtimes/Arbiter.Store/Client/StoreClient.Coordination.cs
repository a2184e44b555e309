using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

// Arbiter's own coordination calls under /arbiter/v1/ (etcd has no semaphore, reader-writer lock, barrier or
// wait-for graph). The owner of every hold and wait is a lease: when it ends, the store releases what it held.
public sealed partial class StoreClient
{
    /// <summary>
    /// Waits for <see cref="WireAcquireRequest.Units"/> of a counting semaphore's permits (with <c>Try</c>: refused
    /// at once, code 9, when they are not free). Refused with code 10 (aborted) when the wait is chosen as the
    /// victim of a deadlock. Not bounded by the timeout: cancel to give up.
    /// </summary>
    public Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/semaphore/acquire", request, WireJson.Default.WireAcquireRequest, WireJson.Default.WireGrantResponse,
            cancellation, waits: !(request ?? throw new ArgumentNullException(nameof(request))).Try);

    /// <summary>Gives back the permits <paramref name="lease"/> holds on the semaphore (or withdraws its wait).</summary>
    public Task<WireHeaderResponse> SemaphoreReleaseAsync(string name, long lease, CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/semaphore/release", new WireReleaseRequest { Name = name, Lease = lease },
            WireJson.Default.WireReleaseRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <summary>Waits for a reader-writer lock, shared or exclusive; the same refusals as <see cref="SemaphoreAcquireAsync"/>.</summary>
    public Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/rwlock/lock", request, WireJson.Default.WireReadWriteLockRequest, WireJson.Default.WireGrantResponse,
            cancellation, waits: !(request ?? throw new ArgumentNullException(nameof(request))).Try);

    /// <summary>Releases what <paramref name="lease"/> holds on the reader-writer lock (or withdraws its wait).</summary>
    public Task<WireHeaderResponse> ReadWriteUnlockAsync(string name, long lease, CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/rwlock/unlock", new WireReleaseRequest { Name = name, Lease = lease },
            WireJson.Default.WireReleaseRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <summary>Arrives at a barrier and waits until all its parties have (not bounded by the timeout).</summary>
    public Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/barrier/arrive", request, WireJson.Default.WireArriveRequest, WireJson.Default.WireGrantResponse,
            cancellation, waits: true);

    /// <summary>The live wait-for graph across every client: owners, resources, holds, waits and owner → owner edges.</summary>
    public Task<WireGraphResponse> GraphAsync(CancellationToken cancellation = default) =>
        CallAsync("arbiter/v1/locks/graph", new WireGraphRequest(), WireJson.Default.WireGraphRequest, WireJson.Default.WireGraphResponse, cancellation);
}
