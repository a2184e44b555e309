using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

/// <summary>
/// Keeps a lease alive in the background — a renewal every third of its TTL, as etcd's clients do — and says when it
/// is lost: <see cref="Lost"/> fires once the store answers that the lease is gone, or once no renewal succeeded
/// for a whole TTL (past that point the store may have expired it, so a holder must assume it has).
/// </summary>
/// <remarks>
/// A holder that runs work under a lock watches <see cref="Lost"/> and stops the work: a lock whose lease has expired
/// is no longer held (the fault behind etcd issue 11456 is carrying on regardless). Time comes from the injected
/// <see cref="TimeProvider"/>.
/// </remarks>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly StoreClient _client;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;

    private LeaseKeeper(StoreClient client, long lease, TimeSpan ttl, TimeProvider time)
    {
        _client = client;
        Lease = lease;
        _ttl = ttl;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The lease kept alive.</summary>
    public long Lease { get; }

    /// <summary>Fires when the lease is lost (see the class remarks); never fires after <see cref="DisposeAsync"/>.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost (null while it lives).</summary>
    public string? LostReason { get; private set; }

    /// <summary>Successful renewals so far.</summary>
    public int Renewals { get; private set; }

    /// <summary>Starts renewing <paramref name="lease"/>, granted for <paramref name="ttl"/>.</summary>
    public static LeaseKeeper Start(StoreClient client, long lease, TimeSpan ttl, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "a lease's TTL is positive");
        }

        return new LeaseKeeper(client, lease, ttl, time ?? TimeProvider.System);
    }

    /// <summary>Stops renewing (the lease is left to expire or be revoked by the caller).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stop = _stop.Token;
        long renewed = _time.GetTimestamp();
        TimeSpan period = _ttl / 3 < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : _ttl / 3;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(period, _time, stop).ConfigureAwait(false);
            try
            {
                WireLeaseResponse answer = await _client.KeepAliveOnceAsync(Lease, stop).ConfigureAwait(false);
                if (answer.Ttl <= 0)
                {
                    await LoseAsync($"lease {Lease:x} expired or was revoked").ConfigureAwait(false);
                    return;
                }

                renewed = _time.GetTimestamp();
                Renewals++;
            }
            catch (StoreException e) when (!stop.IsCancellationRequested)
            {
                // An unreachable store is not yet a lost lease: it lives until a whole TTL passes without renewal.
                if (_time.GetElapsedTime(renewed) >= _ttl || e.Status != 0)
                {
                    await LoseAsync($"lease {Lease:x} could not be renewed: {e.Message}").ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    private async Task LoseAsync(string reason)
    {
        LostReason = reason;
        await _lost.CancelAsync().ConfigureAwait(false);
    }
}
