// Source: etcd's client/v3/concurrency package (Mutex, Election: FIFO by creation revision, the revision as the
// fencing token) and its lock/election services; Kleppmann, "How to do distributed locking" (2016) and etcd issue
// 11456 for fencing tokens and expired leases; Silberschatz §5 (semaphores, readers-writers, barriers) and §8.7
// (deadlock detection) for the primitives and the wait-for graph.
//
// Summary: the store's coordination service as a deterministic state machine. Every operation carries the revision
// the store assigned to it and returns the caller's typed result plus the notifications it caused (grants to woken
// waiters, failed waits of deadlock victims, leadership changes, released barriers). Grants are strictly FIFO (no
// barging) and carry the granting revision as fencing token. Owners are leases; when one ends, everything it held is
// released, in resource-name order, and its wait dropped. With detection on, every wait updates the cross-client
// wait-for graph (WaitForTracker) and a wait that closes a deadlock is broken at once (Coordinator.Deadlocks.cs).
//
// Cost: a grant, a release or a wait on a mutex O(1) amortised plus the queue shift; a semaphore or reader-writer
// operation O(holders); a lease end O(what it held); deadlock checks as in WaitForTracker and FifoLedger.
using System.Diagnostics;

namespace Arbiter.Store.Coordination;

/// <summary>
/// The coordination service of the replicated store: mutexes, reader-writer locks, counting semaphores, barriers
/// and leader elections, with fencing tokens, lease-bound ownership and cross-client deadlock detection.
/// Pure and deterministic: no clocks, threads or I/O; the same operations give the same results on every replica.
/// </summary>
/// <remarks>Not thread-safe: the store applies log entries one at a time. Revisions must not decrease; give every
/// mutating command its own revision, since grants made at the same revision share a token.</remarks>
public sealed partial class Coordinator
{
    private static readonly CoordinationNotification[] None = [];

    private readonly Dictionary<long, OwnerState> _owners = [];
    private readonly Dictionary<long, long> _ended = [];
    private readonly Dictionary<string, ResourceState> _resources = new(StringComparer.Ordinal);
    private readonly WaitForTracker? _graph;
    private long _revision;

    /// <summary>Creates an empty coordinator.</summary>
    public Coordinator(CoordinatorOptions? options = null)
    {
        Options = options ?? CoordinatorOptions.Default;
        _graph = Options.DetectDeadlocks ? new WaitForTracker() : null;
    }

    /// <summary>The options (the same on every replica).</summary>
    public CoordinatorOptions Options { get; }

    /// <summary>Revision of the last operation applied.</summary>
    public long Revision => _revision;

    /// <summary>Deadlocks broken so far.</summary>
    public long DeadlocksBroken { get; private set; }

    /// <summary>Owners (leases) that hold or wait for something.</summary>
    public int OwnerCount => _owners.Count;

    /// <summary>Edges of the wait-for graph now (0 with detection off).</summary>
    public int WaitForEdgeCount => _graph?.EdgeCount ?? 0;

    /// <summary>Locks <paramref name="mutex"/> for <paramref name="lease"/>: granted at once if it is free and nobody is
    /// queued, else queued in FIFO order (with <paramref name="tryOnly"/>: <see cref="Busy"/> instead).</summary>
    public CoordinationOutcome Lock(string mutex, long lease, long revision, string? name = null, bool tryOnly = false)
        => Request(ResourceKind.Mutex, mutex, 1, 1, true, lease, revision, name, tryOnly, null);

    /// <summary>Takes <paramref name="rwlock"/> for reading: shared with other readers, but queued behind a waiting
    /// writer (FIFO, so writers do not starve).</summary>
    public CoordinationOutcome ReadLock(string rwlock, long lease, long revision, string? name = null, bool tryOnly = false)
        => Request(ResourceKind.ReadWrite, rwlock, 1, 1, false, lease, revision, name, tryOnly, null);

    /// <summary>Takes <paramref name="rwlock"/> for writing: exclusive.</summary>
    public CoordinationOutcome WriteLock(string rwlock, long lease, long revision, string? name = null, bool tryOnly = false)
        => Request(ResourceKind.ReadWrite, rwlock, 1, 1, true, lease, revision, name, tryOnly, null);

    /// <summary>Acquires <paramref name="units"/> (k ≤ N) of the <paramref name="permits"/> (N) permits of
    /// <paramref name="semaphore"/> at once; FIFO: a request behind the queue's head waits even if k units are free.</summary>
    public CoordinationOutcome Acquire(string semaphore, int permits, int units, long lease, long revision, string? name = null, bool tryOnly = false)
        => Request(ResourceKind.Semaphore, semaphore, permits, units, false, lease, revision, name, tryOnly, null);

    /// <summary>Releases what <paramref name="lease"/> holds on <paramref name="resource"/> (a mutex, a lock, its
    /// permits, its leadership), handing it to the next waiters in FIFO order; if it only waits for it, withdraws the
    /// wait (a cancelled lock call, a candidate giving up, a party leaving a barrier).</summary>
    public CoordinationOutcome Release(string resource, long lease, long revision)
    {
        Advance(revision);
        if (Refused(resource, lease, out var error))
        {
            return new(error, None);
        }

        var notes = new List<CoordinationNotification>();
        if (_owners.TryGetValue(lease, out var owner))
        {
            if (owner.Holds.TryGetValue(resource, out var hold))
            {
                ReleaseHold(hold, revision, notes);
                return new(new Released(resource, lease, hold.Units), notes);
            }

            if (owner.Waiting?.Resource.Name == resource)
            {
                DropWait(owner, revision, notes);
                return new(new WaitCancelled(resource, lease), notes);
            }
        }

        return new(NotHolder(resource, lease), None);
    }

    /// <summary>The store reports that <paramref name="lease"/> was revoked or expired: everything it held is released
    /// (resources in ordinal name order, each handed to its next waiters), its wait and candidacies are dropped, and
    /// from now on every operation by it is refused with <see cref="CoordinationErrorCode.LeaseExpired"/>.</summary>
    public CoordinationOutcome LeaseEnded(long lease, long revision)
    {
        Advance(revision);
        _ended.TryAdd(lease, revision);
        if (!_owners.Remove(lease, out var owner))
        {
            return new(new LeaseCleared(lease, 0, 0), None);
        }

        var notes = new List<CoordinationNotification>();
        int waits = 0;
        if (owner.Waiting is not null)
        {
            DropWait(owner, revision, notes);
            waits = 1;
        }

        var holds = owner.Holds.Values.ToArray();
        foreach (var hold in holds)
        {
            ReleaseHold(hold, revision, notes);
        }

        _graph?.Forget(owner);
        return new(new LeaseCleared(lease, holds.Length, waits), notes);
    }

    /// <summary>Applies a decoded log entry (the store's dispatch).</summary>
    public CoordinationOutcome Apply(CoordinationCommand command, long revision)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            LockCommand c => Lock(c.Mutex, c.Lease, revision, c.Name, c.Try),
            ReadWriteLockCommand { Write: true } c => WriteLock(c.Lock, c.Lease, revision, c.Name, c.Try),
            ReadWriteLockCommand c => ReadLock(c.Lock, c.Lease, revision, c.Name, c.Try),
            AcquireCommand c => Acquire(c.Semaphore, c.Permits, c.Units, c.Lease, revision, c.Name, c.Try),
            ReleaseCommand c => Release(c.Resource, c.Lease, revision),
            ArriveCommand c => Arrive(c.Barrier, c.Parties, c.Lease, revision, c.Name),
            CampaignCommand c => Campaign(c.Election, c.Value, c.Lease, revision, c.Name),
            ProclaimCommand c => Proclaim(c.Election, c.Value, c.Lease, revision),
            ResignCommand c => Resign(c.Election, c.Lease, revision),
            LeaseEndedCommand c => LeaseEnded(c.Lease, revision),
            _ => throw new ArgumentException($"unknown coordination command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>"Am I still the holder?": <see cref="HolderConfirmed"/> with the token, or a typed
    /// <see cref="CoordinationErrorCode.NotHolder"/> / <see cref="CoordinationErrorCode.LeaseExpired"/> error.</summary>
    public CoordinationResult CheckHolder(string resource, long lease)
    {
        if (Refused(resource, lease, out var error))
        {
            return error;
        }

        return _owners.TryGetValue(lease, out var owner) && owner.Holds.TryGetValue(resource, out var hold)
            ? new HolderConfirmed(resource, lease, hold.Token)
            : NotHolder(resource, lease);
    }

    /// <summary>Whether <paramref name="token"/> is the fencing token of a current holder of <paramref name="resource"/>:
    /// a protected resource calls this (or compares tokens itself) and rejects a write carrying a stale one.</summary>
    public bool Validate(string resource, long token)
        => _resources.TryGetValue(resource, out var r) && r.Holders.Exists(h => h.Token == token);

    /// <summary>Forgets leases that ended before <paramref name="revision"/> (they were remembered to answer
    /// <see cref="CoordinationErrorCode.LeaseExpired"/>; afterwards they get <see cref="CoordinationErrorCode.NotHolder"/>),
    /// and election history before it (the last change of each election is kept). The store calls it when it compacts.</summary>
    public void Compact(long revision)
    {
        foreach (var lease in _ended.Where(kv => kv.Value < revision).Select(kv => kv.Key).ToArray())
        {
            _ended.Remove(lease);
        }

        foreach (var r in _resources.Values.Where(r => r.Kind == ResourceKind.Election))
        {
            int drop = r.History.FindIndex(e => e.Revision >= revision);
            drop = drop < 0 ? r.History.Count - 1 : drop;
            r.History.RemoveRange(0, Math.Max(0, drop));
        }
    }

    private CoordinationOutcome Request(
        ResourceKind kind, string name, int capacity, int units, bool exclusive, long lease, long revision, string? ownerName, bool tryOnly, string? value)
    {
        Advance(revision);
        if (Refused(name, lease, out var error) || Resolve(kind, name, capacity, lease, out var r, out error))
        {
            return new(error, None);
        }

        if (units < 1 || units > capacity)
        {
            return new(Error(CoordinationErrorCode.InvalidArgument, name, lease, $"{name}: cannot take {units} of {capacity} permits"), None);
        }

        _owners.TryGetValue(lease, out var owner);
        if (owner is not null && owner.Holds.ContainsKey(name))
        {
            return new(Error(CoordinationErrorCode.AlreadyHeld, name, lease, $"lease {lease} already holds {name}"), None);
        }

        if (owner?.Waiting is { } pending)
        {
            return new(Error(CoordinationErrorCode.AlreadyWaiting, name, lease,
                $"lease {lease} already waits for {pending.Resource.Name} since revision {pending.Since}"), None);
        }

        bool free = r.Queue.Count == 0 && r.Fits(units, exclusive);
        if (!free && tryOnly)
        {
            return new(new Busy(name, lease), None);
        }

        owner ??= AddOwner(lease, revision);
        owner.Name = ownerName ?? owner.Name;
        _resources.TryAdd(name, r);
        var notes = new List<CoordinationNotification>();
        if (free)
        {
            Grant(owner, r, units, exclusive, revision, value, notes);
            return new(new Granted(name, lease, revision), notes);
        }

        var wait = new WaitEntry(owner, r, units, exclusive, revision, value);
        r.Queue.Add(wait);
        owner.Waiting = wait;
        int position = r.Queue.Count - 1;
        if (_graph is not null)
        {
            bool refused = _graph.SetTargets(owner, TargetsOf(r, position));
            if (BreakDeadlocks(owner, refused, revision, notes) is { } deadlock)
            {
                return new(deadlock, notes);
            }
        }

        return new(new Queued(name, lease, revision, position), notes);
    }

    private OwnerState AddOwner(long lease, long revision)
    {
        var owner = new OwnerState(lease, null, revision);
        _owners.Add(lease, owner);
        return owner;
    }

    private static void Grant(OwnerState owner, ResourceState r, int units, bool exclusive, long token, string? value, List<CoordinationNotification> notes)
    {
        var hold = new Hold(owner, r, units, exclusive, token, value);
        Debug.Assert(r.Fits(units, exclusive), "granting what does not fit");
        r.AddHolder(hold);
        owner.Holds.Add(r.Name, hold);
        if (r.Kind == ResourceKind.Election)
        {
            LeaderChange(r, owner.Lease, value, token, token, notes);
        }
    }

    /// <summary>Grants the queue's head while it fits: strict FIFO, nobody passes the head.</summary>
    private void Pump(ResourceState r, long revision, List<CoordinationNotification> notes)
    {
        while (r.Queue.Count > 0 && r.Fits(r.Queue[0].Units, r.Queue[0].Exclusive))
        {
            var head = r.Queue[0];
            r.Queue.RemoveAt(0);
            head.Owner.Waiting = null;
            _graph?.SetTargets(head.Owner, []);
            notes.Add(new WaiterGranted(r.Name, head.Owner.Lease, revision, head.Since));
            Grant(head.Owner, r, head.Units, head.Exclusive, revision, head.Value, notes);
        }

        RefreshEdges(r, 0);
    }

    private void ReleaseHold(Hold hold, long revision, List<CoordinationNotification> notes)
    {
        var r = hold.Resource;
        r.RemoveHolder(hold);
        hold.Owner.Holds.Remove(r.Name);
        Pump(r, revision, notes);
        if (r.Kind == ResourceKind.Election && r.Holders.Count == 0)
        {
            LeaderChange(r, null, null, 0, revision, notes);
        }

        Tidy(r);
    }

    /// <summary>Withdraws an owner's wait (cancelled, its lease ended, or failed as a deadlock victim).</summary>
    private void DropWait(OwnerState owner, long revision, List<CoordinationNotification> notes)
    {
        var wait = owner.Waiting!;
        var r = wait.Resource;
        owner.Waiting = null;
        int i = r.Queue.IndexOf(wait);
        r.Queue.RemoveAt(i);
        if (r.Kind != ResourceKind.Barrier)
        {
            _graph?.SetTargets(owner, []);
            RefreshEdges(r, i);

            // A semaphore head that did not fit may have kept smaller requests behind it waiting.
            Pump(r, revision, notes);
        }

        Tidy(r);
    }

    /// <summary>Recomputes the wait-for edges of the waiter now at <paramref name="index"/> (and the head's).</summary>
    private void RefreshEdges(ResourceState r, int index)
    {
        if (_graph is null || !r.InGraph)
        {
            return;
        }

        if (index < r.Queue.Count)
        {
            _graph.SetTargets(r.Queue[index].Owner, TargetsOf(r, index));
        }

        if (index != 0 && r.Queue.Count > 0)
        {
            _graph.SetTargets(r.Queue[0].Owner, TargetsOf(r, 0));
        }
    }

    /// <summary>Whom the waiter at <paramref name="index"/> waits on: every holder if it heads the queue, else the one just ahead.</summary>
    private static List<OwnerState> TargetsOf(ResourceState r, int index)
        => index == 0 ? r.Holders.ConvertAll(h => h.Owner) : [r.Queue[index - 1].Owner];

    private void Tidy(ResourceState r)
    {
        if (r.Idle && !r.Persistent)
        {
            _resources.Remove(r.Name);
        }
    }

    private void Advance(long revision)
    {
        if (revision < _revision)
        {
            throw new ArgumentOutOfRangeException(nameof(revision), $"revision {revision} is before the last applied {_revision}");
        }

        _revision = revision;
    }

    /// <summary>Refuses an ended lease (LeaseExpired) and an empty resource name.</summary>
    private bool Refused(string resource, long lease, out CoordinationError error)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_ended.TryGetValue(lease, out long at))
        {
            error = Error(CoordinationErrorCode.LeaseExpired, resource, lease, $"lease {lease} ended at revision {at}: it holds nothing");
            return true;
        }

        if (resource.Length == 0)
        {
            error = Error(CoordinationErrorCode.InvalidArgument, resource, lease, "empty resource name");
            return true;
        }

        error = null!;
        return false;
    }

    /// <summary>Finds the resource or makes a new (not yet registered) one; refuses a kind or capacity that disagrees.</summary>
    private bool Resolve(ResourceKind kind, string name, int capacity, long lease, out ResourceState r, out CoordinationError error)
    {
        error = null!;
        if (!_resources.TryGetValue(name, out r!))
        {
            if (capacity < 1)
            {
                error = Error(CoordinationErrorCode.InvalidArgument, name, lease, $"{name}: {capacity} {(kind == ResourceKind.Barrier ? "parties" : "permits")} (at least 1)");
                return true;
            }

            r = new ResourceState(name, kind, capacity);
            return false;
        }

        if (r.Kind != kind)
        {
            error = Error(CoordinationErrorCode.WrongKind, name, lease, $"{name} is a {Describe(r.Kind)}, not a {Describe(kind)}");
            return true;
        }

        if (r.Capacity != capacity)
        {
            error = Error(CoordinationErrorCode.InvalidArgument, name, lease,
                $"{name} has {r.Capacity} {(kind == ResourceKind.Barrier ? "parties" : "permits")}, not {capacity}");
            return true;
        }

        return false;
    }

    private static string Describe(ResourceKind kind) => kind switch
    {
        ResourceKind.Mutex => "mutex",
        ResourceKind.ReadWrite => "reader-writer lock",
        ResourceKind.Semaphore => "semaphore",
        ResourceKind.Barrier => "barrier",
        _ => "election",
    };

    private static CoordinationError NotHolder(string resource, long lease)
        => Error(CoordinationErrorCode.NotHolder, resource, lease, $"lease {lease} does not hold {resource}");

    private static CoordinationError Error(CoordinationErrorCode code, string resource, long lease, string message)
        => new(code, resource, lease, message);
}
