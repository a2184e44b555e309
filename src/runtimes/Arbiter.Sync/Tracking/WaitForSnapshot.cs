using Arbiter.Core.Resources;

namespace Arbiter.Sync.Tracking;

/// <summary>
/// The state of tracked threads at one moment as the deadlock engine's resource ledger: processes are threads,
/// resources are lock instances. So the watchdog decides with the same detector (<c>DeadlockDetector</c>) and
/// wait-for graph the <c>arbiter deadlock</c> commands use, including for semaphores with several units.
/// </summary>
/// <remarks>
/// Model: a mutex or monitor is one unit; a semaphore has as many units as it was created with (at least as many as
/// are held); a reader-writer lock has R = threads + 1 units, a reader holds or wants 1 and a writer all R, so
/// readers share and a writer excludes everyone. A writer-preferring lock that makes a new reader wait behind a
/// queued writer is not modelled (such a reader looks able to proceed), which can only hide a deadlock, never
/// invent one. An async flow that waits for units of a lock it holds itself, more than the lock has (a second
/// <c>await m.LockAsync()</c> in one flow), waits for itself: the ledger cannot say so (a request never exceeds
/// what the others could free), so such waiters are listed in <see cref="WaitingForThemselves"/>.
/// </remarks>
internal sealed class WaitForSnapshot
{
    private WaitForSnapshot(ResourceLedger ledger, IReadOnlyList<ThreadView> threads, IReadOnlyList<TrackedLock> locks, IReadOnlyList<int> waitingForThemselves)
    {
        Ledger = ledger;
        Threads = threads;
        Locks = locks;
        WaitingForThemselves = waitingForThemselves;
    }

    /// <summary>Ledger processes (async flows) whose wait can never be granted because of what they hold themselves.</summary>
    public IReadOnlyList<int> WaitingForThemselves { get; }

    public ResourceLedger Ledger { get; }

    /// <summary>Ledger process i is Threads[i].</summary>
    public IReadOnlyList<ThreadView> Threads { get; }

    /// <summary>Ledger resource r is Locks[r].</summary>
    public IReadOnlyList<TrackedLock> Locks { get; }

    public static WaitForSnapshot Build(IReadOnlyList<ThreadView> threads)
    {
        var lockIndex = new Dictionary<TrackedLock, int>(ReferenceEqualityComparer.Instance);
        var locks = new List<TrackedLock>();
        foreach (var t in threads)
        {
            foreach (var h in t.Held)
            {
                Index(h.Lock);
            }

            if (t.Waiting is { } w)
            {
                Index(w.Lock);
            }
        }

        int n = threads.Count, m = locks.Count, rw = n + 1;
        var allocation = new int[n][];
        var request = new int[n][];
        var heldTotal = new int[m];
        for (int p = 0; p < n; p++)
        {
            allocation[p] = new int[m];
            request[p] = new int[m];
            foreach (var h in threads[p].Held)
            {
                int r = lockIndex[h.Lock];
                int units = Units(h.Lock, h.Mode, h.Units, rw);
                allocation[p][r] += units;
                heldTotal[r] += units;
            }
        }

        var total = new int[m];
        for (int r = 0; r < m; r++)
        {
            int capacity = locks[r].Kind switch
            {
                LockKind.ReaderWriter => rw,
                LockKind.Semaphore => locks[r].Capacity,
                _ => 1,
            };
            total[r] = Math.Max(capacity, heldTotal[r]);
        }

        var waitingForThemselves = new List<int>();
        for (int p = 0; p < n; p++)
        {
            if (threads[p].Waiting is { } w)
            {
                int r = lockIndex[w.Lock];
                int wanted = Units(w.Lock, w.Mode, w.Units, rw);
                if (threads[p].State is null && allocation[p][r] > 0 && allocation[p][r] + wanted > total[r])
                {
                    waitingForThemselves.Add(p);
                }

                // A writer waiting on a lock it holds as a reader (an upgrade) needs the rest; never more than exists.
                request[p][r] = Math.Min(wanted, total[r] - allocation[p][r]);
            }
        }

        var names = UniqueNames(locks.Select(l => l.Name));
        var threadNames = UniqueNames(threads.Select(t => t.Name));
        var spec = new LedgerSpec(
            names,
            total,
            null,
            [.. Enumerable.Range(0, n).Select(p => new ProcessSpec(threadNames[p], allocation[p], null, request[p]))]);
        return new WaitForSnapshot(ResourceLedger.FromSpec(spec), threads, locks, waitingForThemselves);

        void Index(TrackedLock l)
        {
            if (!lockIndex.ContainsKey(l))
            {
                lockIndex[l] = locks.Count;
                locks.Add(l);
            }
        }
    }

    private static int Units(TrackedLock l, LockMode mode, int units, int rw) =>
        l.Kind == LockKind.ReaderWriter ? (mode == LockMode.Exclusive ? rw : 1) : units;

    private static string[] UniqueNames(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (string name in names)
        {
            string unique = name;
            for (int k = 2; !seen.Add(unique); k++)
            {
                unique = $"{name} ({k})";
            }

            result.Add(unique);
        }

        return [.. result];
    }
}
