namespace Arbiter.Store.Coordination;

// Leader election (etcd's concurrency.Election: candidates queue in creation order, the first is leader and carries
// a value; proclaim changes the value, resign hands leadership to the next candidate) and barriers (etcd's recipe,
// made reusable: generation N+1 starts when generation N is released).
public sealed partial class Coordinator
{
    /// <summary>Campaigns in <paramref name="election"/> with <paramref name="value"/>: leader at once if nobody leads
    /// or waits, else queued behind earlier candidates (a <see cref="WaiterGranted"/> and a <see cref="LeaderChanged"/>
    /// announce its turn). A candidacy is a wait like a lock call, so it takes part in deadlock detection.</summary>
    public CoordinationOutcome Campaign(string election, string value, long lease, long revision, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Request(ResourceKind.Election, election, 1, 1, true, lease, revision, name, false, value);
    }

    /// <summary>The leader publishes <paramref name="value"/>; anyone else gets <see cref="CoordinationErrorCode.NotHolder"/>
    /// (or <see cref="CoordinationErrorCode.LeaseExpired"/>).</summary>
    public CoordinationOutcome Proclaim(string election, string value, long lease, long revision)
    {
        ArgumentNullException.ThrowIfNull(value);
        Advance(revision);
        if (Refused(election, lease, out var error) || WrongKind(election, ResourceKind.Election, lease, out error))
        {
            return new(error, None);
        }

        if (!_owners.TryGetValue(lease, out var owner) || !owner.Holds.TryGetValue(election, out var hold))
        {
            return new(Error(CoordinationErrorCode.NotHolder, election, lease, $"lease {lease} does not lead {election}"), None);
        }

        hold.Value = value;
        var notes = new List<CoordinationNotification>();
        LeaderChange(hold.Resource, lease, value, hold.Token, revision, notes);
        return new(new Proclaimed(election, lease, value, hold.Token), notes);
    }

    /// <summary>The leader steps down (the next candidate leads), or a candidate withdraws.</summary>
    public CoordinationOutcome Resign(string election, long lease, long revision)
    {
        if (!_ended.ContainsKey(lease) && WrongKind(election, ResourceKind.Election, lease, out var error))
        {
            Advance(revision);
            return new(error, None);
        }

        return Release(election, lease, revision);
    }

    /// <summary>The current leader (its lease, value, token and the revision it took office or last proclaimed), or null.</summary>
    public LeaderChanged? Leader(string election)
        => _resources.TryGetValue(election, out var r) && r.Kind == ResourceKind.Election && r.Holders.Count > 0 ? r.History[^1] : null;

    /// <summary>What an observer of <paramref name="election"/> sees from <paramref name="fromRevision"/> on: every
    /// leadership change (new leader, new value, nobody leading) in order.</summary>
    public IReadOnlyList<LeaderChanged> Observe(string election, long fromRevision = 0)
        => _resources.TryGetValue(election, out var r) && r.Kind == ResourceKind.Election
            ? [.. r.History.Where(e => e.Revision >= fromRevision)]
            : [];

    /// <summary>Arrives at <paramref name="barrier"/> of <paramref name="parties"/>: the N-th arrival releases the
    /// generation (<see cref="BarrierPassed"/> to it, <see cref="BarrierReleased"/> for all); earlier ones wait.
    /// Barrier waits are outside the wait-for graph: the parties still to come are unknown.</summary>
    public CoordinationOutcome Arrive(string barrier, int parties, long lease, long revision, string? name = null)
    {
        Advance(revision);
        if (Refused(barrier, lease, out var error) || Resolve(ResourceKind.Barrier, barrier, parties, lease, out var r, out error))
        {
            return new(error, None);
        }

        _owners.TryGetValue(lease, out var owner);
        if (owner?.Waiting is { } pending)
        {
            return new(Error(CoordinationErrorCode.AlreadyWaiting, barrier, lease,
                $"lease {lease} already waits for {pending.Resource.Name} since revision {pending.Since}"), None);
        }

        _resources.TryAdd(barrier, r);
        if (r.Queue.Count + 1 == parties)
        {
            var released = r.Queue.Select(w => w.Owner.Lease).Append(lease).ToArray();
            foreach (var w in r.Queue)
            {
                w.Owner.Waiting = null;
            }

            r.Queue.Clear();
            long generation = r.Generation++;
            return new(new BarrierPassed(barrier, lease, generation), [new BarrierReleased(barrier, generation, released, revision)]);
        }

        owner ??= AddOwner(lease, revision);
        owner.Name = name ?? owner.Name;
        var wait = new WaitEntry(owner, r, 1, false, revision, null);
        r.Queue.Add(wait);
        owner.Waiting = wait;
        return new(new BarrierWaiting(barrier, lease, r.Generation, r.Queue.Count, parties), None);
    }

    private static void LeaderChange(ResourceState r, long? lease, string? value, long token, long revision, List<CoordinationNotification> notes)
    {
        var change = new LeaderChanged(r.Name, lease, value, token, revision);
        r.History.Add(change);
        notes.Add(change);
    }

    private bool WrongKind(string name, ResourceKind kind, long lease, out CoordinationError error)
    {
        error = null!;
        if (_resources.TryGetValue(name, out var r) && r.Kind != kind)
        {
            error = Error(CoordinationErrorCode.WrongKind, name, lease, $"{name} is a {Describe(r.Kind)}, not a {Describe(kind)}");
            return true;
        }

        return false;
    }
}
