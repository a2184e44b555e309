using System.Globalization;
using System.Text;
using Arbiter.Store.Coordination;
using Arbiter.Store.Gateway;
using Arbiter.Store.Replication;
using Arbiter.Store.Server;
using Arbiter.Store.StateMachine;

namespace Arbiter.Store.Node;

// Locks, semaphores, reader-writer locks, barriers and elections: a coordination command through the log, then — when
// it was queued — the wait for the notification that grants or fails it.
public sealed partial class RaftStoreBackend
{
    /// <inheritdoc/>
    public async Task<WireLockResponse> LockAsync(WireLockRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "lock: name");
        long token = await AcquireAsync(new LockCommand(name, request.Lease), cancellation).ConfigureAwait(false);
        return new WireLockResponse { Header = Header(token), Key = OwnerKey(name, request.Lease) };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> UnlockAsync(WireUnlockRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string name, long lease) = ParseOwnerKey(request.Key, "unlock: key");
        // etcd's unlock deletes the ownership key and does not care whether it still exists; likewise here.
        long revision = await ReleaseCoreAsync(name, lease, tolerateNotHolder: true, cancellation).ConfigureAwait(false);
        return new WireHeaderResponse { Header = Header(revision) };
    }

    /// <inheritdoc/>
    public async Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "semaphore: name");
        int units = request.Units == 0 ? 1 : request.Units;
        long token = await AcquireAsync(new AcquireCommand(name, request.Permits, units, request.Lease, request.Owner, request.Try), cancellation).ConfigureAwait(false);
        return new WireGrantResponse { Header = Header(token), Name = name, Token = token };
    }

    /// <inheritdoc/>
    public async Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "rwlock: name");
        long token = await AcquireAsync(new ReadWriteLockCommand(name, request.Write, request.Lease, request.Owner, request.Try), cancellation).ConfigureAwait(false);
        return new WireGrantResponse { Header = Header(token), Name = name, Token = token };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> ReleaseAsync(WireReleaseRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        long revision = await ReleaseCoreAsync(Name(request.Name, "release: name"), request.Lease, tolerateNotHolder: false, cancellation).ConfigureAwait(false);
        return new WireHeaderResponse { Header = Header(revision) };
    }

    /// <inheritdoc/>
    public async Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "barrier: name");
        long token = await AcquireAsync(new ArriveCommand(name, request.Parties, request.Lease, request.Owner), cancellation).ConfigureAwait(false);
        return new WireGrantResponse { Header = Header(token), Name = name, Token = token };
    }

    /// <inheritdoc/>
    public async Task<WireCampaignResponse> CampaignAsync(WireCampaignRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "campaign: name");
        string value = Encoding.UTF8.GetString(request.Value ?? []);
        long token = await AcquireAsync(new CampaignCommand(name, value, request.Lease), cancellation).ConfigureAwait(false);
        return new WireCampaignResponse
        {
            Header = Header(token),
            Leader = new WireLeaderKey { Name = request.Name, Key = OwnerKey(name, request.Lease), Rev = token, Lease = request.Lease },
        };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> ProclaimAsync(WireProclaimRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string name, long lease) = LeaderOf(request.Leader, "proclaim");
        var command = new ProclaimCommand(name, Encoding.UTF8.GetString(request.Value ?? []), lease);
        (StoreResult result, _) = await ProposeAsync(new CoordinationEntry(command), cancellation).ConfigureAwait(false);
        CoordinationResult outcome = Outcome(result);
        ThrowIfError(outcome);
        return new WireHeaderResponse { Header = Header(result.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireHeaderResponse> ResignAsync(WireResignRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string name, long lease) = LeaderOf(request.Leader, "resign");
        (StoreResult result, _) = await ProposeAsync(new CoordinationEntry(new ResignCommand(name, lease)), cancellation).ConfigureAwait(false);
        CoordinationResult outcome = Outcome(result);
        if (outcome is not CoordinationError { Code: CoordinationErrorCode.NotHolder })
        {
            ThrowIfError(outcome); // etcd's resign of a leader key that no longer leads is a no-op
        }

        return new WireHeaderResponse { Header = Header(result.Revision) };
    }

    /// <inheritdoc/>
    public async Task<WireLeaderResponse> LeaderAsync(WireLeaderRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "leader: name");
        (LeaderChanged? leader, long revision) = await LinearizableLocalAsync(
            () => (_node!.Replica.Coordination.Coordinator.Leader(name), _node.Replica.Machine.Revision), cancellation).ConfigureAwait(false);
        return leader is not null && ToWire(leader) is { } wire
            ? wire with { Header = Header(revision) }
            : throw new StoreRefusedException(5, "election: no leader");
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<WireLeaderResponse> ObserveAsync(WireLeaderRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = Name(request.Name, "observe: name");
        var stream = System.Threading.Channels.Channel.CreateUnbounded<WireLeaderResponse>(new() { SingleReader = true });
        await LocalAsync(() =>
        {
            // Registered and seeded in one step on the node's thread: no change falls between the two.
            if (_node!.Replica.Coordination.Coordinator.Leader(name) is { } current && ToWire(current) is { } wire)
            {
                stream.Writer.TryWrite(wire);
            }

            lock (_observers)
            {
                _observers.Add((name, stream));
            }

            return true;
        }, 0, cancellation).ConfigureAwait(false);
        try
        {
            await foreach (WireLeaderResponse message in stream.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            lock (_observers)
            {
                _observers.RemoveAll(o => o.Stream == stream);
            }
        }
    }

    /// <inheritdoc/>
    public Task<WireGraphResponse> GraphAsync(WireGraphRequest request, CancellationToken cancellation) =>
        LinearizableLocalAsync(() =>
        {
            Coordinator coordinator = _node!.Replica.Coordination.Coordinator;
            return CoordinationWire.ToWire(coordinator.Graph(), coordinator.DeadlocksBroken) with { Header = Header(_node.Replica.Machine.Revision) };
        }, cancellation);

    /// <summary>Proposes a request that may wait; returns the grant's fencing token once granted (or passed).</summary>
    private async Task<long> AcquireAsync(CoordinationCommand command, CancellationToken cancellation)
    {
        (StoreResult result, Pending pending) = await ProposeAsync(new CoordinationEntry(command), cancellation).ConfigureAwait(false);
        CoordinationResult outcome = Outcome(result);
        switch (outcome)
        {
            case Granted g:
                return g.Token;
            case HolderConfirmed h:
                return h.Token;
            case BarrierPassed:
                return result.Revision;
            case Busy b:
                throw new StoreRefusedException(9, $"arbiter: {b.Resource} is busy (try: not waiting)");
            case Queued or BarrierWaiting:
                break;
            default:
                ThrowIfError(outcome);
                throw new StoreRefusedException(2, $"arbiter: unexpected answer {outcome.GetType().Name}");
        }

        CoordinationNotification note;
        try
        {
            note = await pending.Granted.Task.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: withdraw the wait so it neither blocks others nor takes part in a deadlock.
            _ = WithdrawAsync(command.Resource, command.Lease);
            throw;
        }

        return note switch
        {
            WaiterGranted g => g.Token,
            BarrierReleased b => b.Revision,
            WaitFailed f => throw ToRefusal(f.Error),
            _ => throw new StoreRefusedException(2, $"arbiter: unexpected notification {note.GetType().Name}"),
        };
    }

    private async Task WithdrawAsync(string resource, long lease)
    {
        try
        {
            await ProposeAsync(new CoordinationEntry(new ReleaseCommand(resource, lease)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (StoreRefusedException)
        {
            // The lease's end releases the wait anyway.
        }
    }

    private async Task<long> ReleaseCoreAsync(string name, long lease, bool tolerateNotHolder, CancellationToken cancellation)
    {
        (StoreResult result, _) = await ProposeAsync(new CoordinationEntry(new ReleaseCommand(name, lease)), cancellation).ConfigureAwait(false);
        CoordinationResult outcome = Outcome(result);
        if (!(tolerateNotHolder && outcome is CoordinationError { Code: CoordinationErrorCode.NotHolder or CoordinationErrorCode.LeaseExpired }))
        {
            ThrowIfError(outcome);
        }

        return result.Revision;
    }

    private static CoordinationResult Outcome(StoreResult result) => result.Response is CoordinationResponse c
        ? c.Outcome.Result
        : throw new StoreRefusedException(2, $"arbiter: log entry {result.Index} is not a coordination answer");

    private static void ThrowIfError(CoordinationResult outcome)
    {
        if (outcome is CoordinationError error)
        {
            throw ToRefusal(error);
        }
    }

    /// <summary>etcd's gRPC code for a coordination refusal; a deadlock victim gets 10 (aborted) and the cycle.</summary>
    private static StoreRefusedException ToRefusal(CoordinationError error) => error.Code switch
    {
        CoordinationErrorCode.Deadlock when error.Deadlock is { } report =>
            new StoreRefusedException(10, $"arbiter: deadlock: {report.Describe()}; victim lease {report.Victim}"),
        CoordinationErrorCode.Deadlock => new StoreRefusedException(10, $"arbiter: deadlock: {error.Message}"),
        CoordinationErrorCode.LeaseExpired => new StoreRefusedException(5, $"etcdserver: requested lease not found ({error.Message})"),
        CoordinationErrorCode.InvalidArgument => new StoreRefusedException(3, error.Message),
        CoordinationErrorCode.AlreadyHeld or CoordinationErrorCode.AlreadyWaiting => new StoreRefusedException(6, error.Message),
        _ => new StoreRefusedException(9, error.Message),
    };

    private static string Name(byte[]? name, string what) => name is { Length: > 0 }
        ? Encoding.UTF8.GetString(name)
        : throw new StoreRefusedException(3, $"{what} is empty");

    private static string Name(string? name, string what) => !string.IsNullOrEmpty(name)
        ? name
        : throw new StoreRefusedException(3, $"{what} is empty");

    /// <summary>etcd's ownership key: the name, a slash and the lease in lower-case hex.</summary>
    private static byte[] OwnerKey(string name, long lease) => Encoding.UTF8.GetBytes($"{name}/{lease.ToString("x", CultureInfo.InvariantCulture)}");

    private static (string Name, long Lease) ParseOwnerKey(byte[]? key, string what)
    {
        string text = Encoding.UTF8.GetString(key ?? []);
        int slash = text.LastIndexOf('/');
        if (slash <= 0 || !long.TryParse(text.AsSpan(slash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long lease))
        {
            throw new StoreRefusedException(3, $"{what} '{text}' is not NAME/LEASE-IN-HEX as lock returns it");
        }

        return (text[..slash], lease);
    }

    private static (string Name, long Lease) LeaderOf(WireLeaderKey? leader, string what) => leader is null
        ? throw new StoreRefusedException(3, $"{what}: leader is missing")
        : (Name(leader.Name, $"{what}: leader.name"), leader.Lease);

    private WireLeaderResponse? ToWire(LeaderChanged change) => change.Lease is not { } lease ? null : new WireLeaderResponse
    {
        Header = Header(change.Revision),
        Kv = new WireKeyValue
        {
            Key = OwnerKey(change.Election, lease),
            Value = Encoding.UTF8.GetBytes(change.Value ?? ""),
            CreateRevision = change.Token,
            ModRevision = change.Revision,
            Version = 1,
            Lease = lease,
        },
    };
}
