// Source: Holt, "Some Deadlock Properties of Computer Systems", ACM Computing Surveys 4(3), 1972 (graph reduction
// for reusable resources with several units); Coffman, Elphick, Shoshani 1971 (a cycle is necessary, not sufficient,
// once a resource has several units); Silberschatz §8.7.2 (the detection algorithm, Arbiter.Core's DeadlockDetector).
//
// Summary: writes the coordinator's state for a set of owners as the core's resource ledger, so that the core's
// multi-instance detection decides whether they are deadlocked. A mutex and an election have 1 unit, a semaphore its
// N permits, a reader-writer lock U = members + 1 units (a reader holds or wants 1, a writer all U: readers share, a
// writer excludes everyone — the model of Arbiter.Sync's watchdog). FIFO is what the plain ledger lacks: a waiter
// behind another cannot be granted before it even when units are free (no barging), and that alone can deadlock
// (a semaphore with a unit free, a small request queued behind a large one). So each waiter that has a member queued
// ahead of it also requests a one-unit "ticket" resource held by that member: it can finish only after the one
// ahead has. In the reduction a granted owner always finishes and returns everything, so "after it finished" and
// "after it was granted" free the same units in the end, and the set left stuck is the same as with FIFO grants.
// Owners outside the set (the caller passes a strongly connected component: every owner outside it that a member
// depends on does not depend back, so it finishes) count as gone: what they hold is available.
//
// Cost: O(s·(r + t)) to build for s owners, r resources, t tickets (dense rows, as the ledger stores them), then the
// core's reduction O(m·s·log s).
using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Resources;

namespace Arbiter.Store.Coordination;

/// <summary>The FIFO-aware translation of a set of owners into a <see cref="ResourceLedger"/> for <see cref="DeadlockDetector"/>.</summary>
internal static class FifoLedger
{
    /// <summary>Which of <paramref name="members"/> (distinct, in the order their ledger rows should take) can never proceed.</summary>
    public static List<OwnerState> Deadlocked(IReadOnlyList<OwnerState> members, long revision)
    {
        ResourceLedger ledger = Build(members, revision);
        DetectionResult result = DeadlockDetector.Detect(ledger);
        return [.. result.Deadlocked.Select(p => members[p])];
    }

    /// <summary>The ledger: rows are <paramref name="members"/> in order; columns the graph resources they hold or
    /// wait for (ordinal name order), then the FIFO tickets.</summary>
    public static ResourceLedger Build(IReadOnlyList<OwnerState> members, long revision)
    {
        var index = new Dictionary<OwnerState, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < members.Count; i++)
        {
            index[members[i]] = i;
        }

        var resources = new SortedDictionary<string, ResourceState>(StringComparer.Ordinal);
        foreach (var o in members)
        {
            if (o.Waiting is { Resource.InGraph: true } w)
            {
                resources[w.Resource.Name] = w.Resource;
            }

            foreach (var h in o.Holds.Values)
            {
                if (h.Resource.InGraph)
                {
                    resources[h.Resource.Name] = h.Resource;
                }
            }
        }

        int n = members.Count;
        int rwUnits = n + 1;
        var names = new List<string>();
        var totals = new List<int>();
        var alloc = new List<int[]>();
        var request = new List<int[]>();
        foreach (var r in resources.Values)
        {
            int total = r.Kind switch
            {
                ResourceKind.Semaphore => r.Capacity,
                ResourceKind.ReadWrite => rwUnits,
                _ => 1,
            };
            var a = new int[n];
            var q = new int[n];
            foreach (var h in r.Holders)
            {
                if (index.TryGetValue(h.Owner, out int p))
                {
                    a[p] = Units(r, h.Units, h.Exclusive, rwUnits);
                }
            }

            foreach (var w in r.Queue)
            {
                if (index.TryGetValue(w.Owner, out int p))
                {
                    q[p] = Units(r, w.Units, w.Exclusive, rwUnits);
                }
            }

            names.Add(r.Name);
            totals.Add(total);
            alloc.Add(a);
            request.Add(q);
        }

        // FIFO tickets: a member waiter requests the ticket of the nearest member queued ahead of it.
        foreach (var r in resources.Values)
        {
            OwnerState? ahead = null;
            foreach (var w in r.Queue)
            {
                if (!index.TryGetValue(w.Owner, out int p))
                {
                    continue;
                }

                if (ahead is not null)
                {
                    var a = new int[n];
                    var q = new int[n];
                    a[index[ahead]] = 1;
                    q[p] = 1;
                    names.Add($"{r.Name} ticket of lease {ahead.Lease}");
                    totals.Add(1);
                    alloc.Add(a);
                    request.Add(q);
                }

                ahead = w.Owner;
            }
        }

        int m = names.Count;
        var processes = new ProcessSpec[n];
        for (int p = 0; p < n; p++)
        {
            var rowA = new int[m];
            var rowQ = new int[m];
            for (int c = 0; c < m; c++)
            {
                rowA[c] = alloc[c][p];
                rowQ[c] = request[c][p];
            }

            var o = members[p];
            processes[p] = new ProcessSpec(
                $"lease {o.Lease}", rowA, null, rowQ, 0, Math.Max(0, revision - o.FirstSeen), o.Victimized);
        }

        return ResourceLedger.FromSpec(new LedgerSpec(names, totals, null, processes));
    }

    private static int Units(ResourceState r, int units, bool exclusive, int rwUnits) => r.Kind switch
    {
        ResourceKind.Semaphore => units,
        ResourceKind.ReadWrite => exclusive ? rwUnits : 1,
        _ => 1,
    };
}
