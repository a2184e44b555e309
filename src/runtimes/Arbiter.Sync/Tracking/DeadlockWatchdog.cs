// Source: seed week 5, "Deadlock detection" (single- and multi-instance detection) and "Recovery: process
// termination"; the detector is the deadlock engine's (Arbiter.Core.Deadlock.Detection.DeadlockDetector).
//
// Summary: every interval the watchdog copies what each tracked thread holds and waits for (a sequence-lock read,
// without stopping anyone) and every waiting async flow with the async holds of its chain, turns it into one
// resource ledger (threads and flows × lock instances) and runs the engine's detector; a flow waiting for a lock
// it holds itself is found apart (see WaitForSnapshot). The copies of different threads are taken at slightly different moments, so a deadlock is confirmed
// only when the same waits (by wait id) are deadlocked in two consecutive scans: a thread that stayed in the same
// wait across a whole interval was blocked throughout, and the holders of a lock it waits for, being deadlocked
// too, could not have released it. A deadlock is therefore reported within two intervals, and never falsely.
//
// Cost: one scan is O(T + H) to copy (T threads, H held entries) plus the detector's O(m·n·log n) on the threads
// and locks involved; the tracked threads pay only the sequence-lock increments, and a few µs per contended wait to
// register it (and capture its stack when stacks are on).
using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Deadlock.Graphs;

namespace Arbiter.Sync.Tracking;

/// <summary>Finds real deadlocks among threads and async flows blocked on tracked locks, and acts on them.</summary>
public sealed class DeadlockWatchdog : IDisposable
{
    private readonly LockTracker _tracker;
    private readonly Lock _gate = new();
    private readonly Thread? _thread;
    private readonly ManualResetEventSlim _stopping = new();

    // Guarded by _gate.
    private readonly List<DeadlockReport> _reports = [];
    private HashSet<long> _suspects = [];
    private readonly HashSet<long> _reported = [];
    private int _scans;

    internal DeadlockWatchdog(LockTracker tracker, TimeSpan interval)
    {
        _tracker = tracker;
        Interval = interval;
        if (interval > TimeSpan.Zero)
        {
            // A thread of its own, not a thread-pool timer: a deadlock detector must keep running exactly when the
            // pool is starved — by threads blocked in the very deadlock it should find.
            _thread = new Thread(Loop) { IsBackground = true, Name = "arbiter deadlock watchdog" };
            _thread.Start();
        }
    }

    /// <summary>How often the watchdog scans.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Scans done so far.</summary>
    public int Scans
    {
        get
        {
            lock (_gate)
            {
                return _scans;
            }
        }
    }

    /// <summary>Every deadlock found so far, each once.</summary>
    public IReadOnlyList<DeadlockReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>
    /// Runs one scan now (the timer calls this too) and returns the deadlocks it confirmed. Two scans in a row are
    /// needed to confirm a deadlock.
    /// </summary>
    public IReadOnlyList<DeadlockReport> Scan()
    {
        List<DeadlockReport> found = [];
        List<(WaitRecord Wait, DeadlockReport Report)> victims = [];
        lock (_gate)
        {
            _scans++;
            var views = _tracker.Snapshot();
            var current = new HashSet<long>();
            var snapshot = views.Exists(v => v.Waiting is not null) ? WaitForSnapshot.Build(views) : null;
            WaitForGraph? graph = null;
            var groups = new List<List<int>>();
            if (snapshot is not null && DeadlockDetector.Detect(snapshot.Ledger) is { HasDeadlock: true } detection)
            {
                graph = WaitForGraph.From(snapshot.Ledger);
                groups.AddRange(Groups(graph, new HashSet<int>(detection.Deadlocked)));
            }

            // An async flow waiting for a lock it holds itself is deadlocked alone (those queued behind it are not
            // reported with it: the ledger sees its wait as one that others could grant; breaking it frees them).
            foreach (int p in snapshot?.WaitingForThemselves ?? [])
            {
                if (!groups.Exists(g => g.Contains(p)))
                {
                    groups.Add([p]);
                }
            }

            if (snapshot is not null)
            {
                foreach (var group in groups)
                {
                    var waits = group.Select(p => snapshot.Threads[p].Waiting!).ToList();
                    foreach (var w in waits)
                    {
                        current.Add(w.Id);
                    }

                    if (!waits.TrueForAll(w => _suspects.Contains(w.Id)) || waits.TrueForAll(w => _reported.Contains(w.Id)))
                    {
                        continue;
                    }

                    var victim = _tracker.Options.OnDeadlock == DeadlockPolicy.ThrowInVictim
                        ? waits.Where(w => w.CanBeVictim).MaxBy(w => w.Id)
                        : null;
                    var report = Describe(snapshot, graph, group, victim);
                    _reports.Add(report);
                    found.Add(report);
                    foreach (var w in waits)
                    {
                        _reported.Add(w.Id);
                    }

                    if (victim is not null)
                    {
                        victims.Add((victim, report));
                    }
                }
            }

            _suspects = current;
        }

        // Outside the lock: user callbacks may take locks, and cancelling runs the victim's registered callbacks.
        // Report first, then act: by the time a victim's acquire throws, the report has been delivered.
        if (_tracker.Options.DeadlockDetected is { } callback)
        {
            foreach (var report in found)
            {
                callback(report);
            }
        }

        foreach (var (wait, report) in victims)
        {
            if (wait.Thread is null)
            {
                // An async victim's continuation would run inline on the cancelling thread: never let user code run
                // on the watchdog's thread (it could block the watchdog, or dispose it from inside).
                ThreadPool.UnsafeQueueUserWorkItem(static v => v.Wait.CancelAsVictim(v.Report), (Wait: wait, Report: report), preferLocal: false);
            }
            else
            {
                wait.CancelAsVictim(report);
            }
        }

        return found;
    }

    /// <summary>Stops the watchdog's thread.</summary>
    public void Dispose()
    {
        _stopping.Set();
        if (_thread is null || _thread != Thread.CurrentThread)
        {
            _thread?.Join();
            _stopping.Dispose();
        }

        // Disposed from a callback on the watchdog's own thread: the loop sees the stop signal when the callback
        // returns; the event is left to the finaliser rather than disposed under the loop's feet.
    }

    private void Loop()
    {
        while (!_stopping.Wait(Interval))
        {
            try
            {
                Scan();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A fault in the watchdog must never take the application down with it (an exception escaping a
                // thread ends the process); it is traced and the next interval tries again.
                System.Diagnostics.Trace.TraceError($"Arbiter deadlock watchdog: scan failed: {e}");
            }
        }
    }

    // The deadlocked threads split into groups that wait on each other (weakly connected among themselves).
    private static List<List<int>> Groups(WaitForGraph graph, HashSet<int> deadlocked)
    {
        var seen = new HashSet<int>();
        var groups = new List<List<int>>();
        foreach (int start in deadlocked.Order())
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var group = new List<int> { start };
            for (int i = 0; i < group.Count; i++)
            {
                int p = group[i];
                foreach (int q in deadlocked)
                {
                    if ((graph.Successors(p).Contains(q) || graph.Successors(q).Contains(p)) && seen.Add(q))
                    {
                        group.Add(q);
                    }
                }
            }

            group.Sort();
            groups.Add(group);
        }

        return groups;
    }

    private DeadlockReport Describe(WaitForSnapshot snapshot, WaitForGraph? graph, List<int> group, WaitRecord? victim)
    {
        var members = new HashSet<int>(group);
        var cycle = graph?.Cycles(limit: 64).Cycles.FirstOrDefault(c => c.All(members.Contains)) ?? [group[0]];
        var names = new List<string>();
        foreach (int p in cycle)
        {
            names.Add(snapshot.Threads[p].Name);
            names.Add(snapshot.Threads[p].Waiting!.Lock.Name);
        }

        names.Add(snapshot.Threads[cycle[0]].Name);
        var threads = group.Select(p =>
        {
            var view = snapshot.Threads[p];
            var wait = view.Waiting!;
            return new DeadlockedThread(
                view.Name,
                view.ThreadId,
                wait.Lock.Name,
                [.. view.Held.Select(h => h.Lock.Name).Distinct()],
                wait.Since,
                wait.Stack is null ? null : StackText.Format(wait.Stack));
        }).ToList();
        return new DeadlockReport
        {
            Threads = threads,
            Cycle = names,
            DetectedAt = _tracker.Time.GetUtcNow(),
            Victim = victim?.WaiterName,
        };
    }
}
