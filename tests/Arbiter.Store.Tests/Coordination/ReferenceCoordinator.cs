namespace Arbiter.Store.Tests.Coordination;

/// <summary>
/// The slow, straightforward oracle: the same locking semantics written as plain lists, and deadlock decided after
/// every wait by a textbook pass-scan reduction of the whole state (no graph, no incremental detector, no ledger):
/// repeat passes over all owners, letting finish every owner that waits for nothing or whose wait is at the head of
/// its queue and fits what is left held; the owners never finished are deadlocked. Policy: fail the newest waiter.
/// </summary>
internal sealed class ReferenceCoordinator(IReadOnlyDictionary<string, (char Kind, int Capacity)> resources)
{
    public sealed record Holding(long Lease, int Units, bool Exclusive, long Token);

    public sealed record Waiter(long Lease, int Units, bool Exclusive, long Since);

    public Dictionary<string, List<Holding>> Holders { get; } = resources.Keys.ToDictionary(k => k, _ => new List<Holding>());

    public Dictionary<string, List<Waiter>> Queues { get; } = resources.Keys.ToDictionary(k => k, _ => new List<Waiter>());

    private readonly HashSet<long> _ended = [];

    /// <summary>Returns the result as text and the grant notifications ("G res lease token since").</summary>
    public (string Result, List<string> Notes, List<long> Stuck) Request(string res, long lease, int units, bool exclusive, bool tryOnly, long rev)
    {
        var notes = new List<string>();
        if (_ended.Contains(lease))
        {
            return ("Error LeaseExpired", notes, []);
        }

        if (Holders[res].Exists(h => h.Lease == lease))
        {
            return ("Error AlreadyHeld", notes, []);
        }

        if (Queues.Values.Any(q => q.Exists(w => w.Lease == lease)))
        {
            return ("Error AlreadyWaiting", notes, []);
        }

        if (Queues[res].Count == 0 && Fits(res, units, exclusive))
        {
            Holders[res].Add(new Holding(lease, units, exclusive, rev));
            return ($"Granted {res} {lease} {rev}", notes, []);
        }

        if (tryOnly)
        {
            return ("Busy", notes, []);
        }

        Queues[res].Add(new Waiter(lease, units, exclusive, rev));
        var stuck = Stuck();
        if (stuck.Count > 0)
        {
            // A new deadlock always contains the new waiter; fail its wait.
            if (!stuck.Contains(lease))
            {
                throw new InvalidOperationException("reference: a deadlock without the new waiter");
            }

            Queues[res].RemoveAll(w => w.Lease == lease);
            Pump(res, rev, notes);
            return ("Error Deadlock", notes, stuck);
        }

        return ("Queued", notes, []);
    }

    public (string Result, List<string> Notes) Release(string res, long lease, long rev)
    {
        var notes = new List<string>();
        if (_ended.Contains(lease))
        {
            return ("Error LeaseExpired", notes);
        }

        var h = Holders[res].Find(x => x.Lease == lease);
        if (h is not null)
        {
            Holders[res].Remove(h);
            Pump(res, rev, notes);
            return ($"Released {res} {lease} {h.Units}", notes);
        }

        int i = Queues[res].FindIndex(w => w.Lease == lease);
        if (i >= 0)
        {
            Queues[res].RemoveAt(i);
            Pump(res, rev, notes);
            return ($"Cancelled {res} {lease}", notes);
        }

        return ("Error NotHolder", notes);
    }

    public (string Result, List<string> Notes) EndLease(long lease, long rev)
    {
        var notes = new List<string>();
        _ended.Add(lease);
        int waits = 0, held = 0;
        foreach (var res in Queues.Keys.Order(StringComparer.Ordinal))
        {
            int i = Queues[res].FindIndex(w => w.Lease == lease);
            if (i >= 0)
            {
                Queues[res].RemoveAt(i);
                waits++;
                Pump(res, rev, notes);
            }
        }

        foreach (var res in Holders.Keys.Order(StringComparer.Ordinal))
        {
            var h = Holders[res].Find(x => x.Lease == lease);
            if (h is not null)
            {
                Holders[res].Remove(h);
                held++;
                Pump(res, rev, notes);
            }
        }

        return ($"Cleared {lease} {held} {waits}", notes);
    }

    /// <summary>The textbook pass scan over the whole state: owners that can never finish.</summary>
    public List<long> Stuck()
    {
        var held = Holders.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        var queues = Queues.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        var owners = held.Values.SelectMany(l => l.Select(h => h.Lease)).Concat(queues.Values.SelectMany(q => q.Select(w => w.Lease)))
            .Distinct().Order().ToList();
        var finished = new HashSet<long>();
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (long o in owners)
            {
                if (finished.Contains(o))
                {
                    continue;
                }

                string? waitRes = queues.FirstOrDefault(kv => kv.Value.Exists(w => w.Lease == o)).Key;
                if (waitRes is not null)
                {
                    var q = queues[waitRes];
                    if (q[0].Lease != o || !FitsIn(waitRes, held[waitRes], q[0].Units, q[0].Exclusive))
                    {
                        continue;
                    }

                    q.RemoveAt(0); // granted; it then finishes and gives everything back
                }

                foreach (var l in held.Values)
                {
                    l.RemoveAll(h => h.Lease == o);
                }

                finished.Add(o);
                progress = true;
            }
        }

        return [.. owners.Where(o => !finished.Contains(o))];
    }

    private void Pump(string res, long rev, List<string> notes)
    {
        var q = Queues[res];
        while (q.Count > 0 && Fits(res, q[0].Units, q[0].Exclusive))
        {
            var w = q[0];
            q.RemoveAt(0);
            Holders[res].Add(new Holding(w.Lease, w.Units, w.Exclusive, rev));
            notes.Add($"G {res} {w.Lease} {rev} {w.Since}");
        }
    }

    private bool Fits(string res, int units, bool exclusive) => FitsIn(res, Holders[res], units, exclusive);

    private bool FitsIn(string res, List<Holding> holders, int units, bool exclusive) => resources[res].Kind switch
    {
        's' => holders.Sum(h => h.Units) + units <= resources[res].Capacity,
        'r' => exclusive ? holders.Count == 0 : !holders.Exists(h => h.Exclusive),
        _ => holders.Count == 0,
    };
}
