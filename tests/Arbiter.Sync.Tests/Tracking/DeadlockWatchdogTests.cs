using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

public class DeadlockWatchdogTests
{
    // Two threads take A and B in opposite orders and both block: a real deadlock. Without the watchdog this test
    // would hang; the Join timeouts in Run turn a missed cycle into a failure.
    [Fact]
    public void Scan_TwoThreadDeadlock_ThrowsInTheVictimAndReportsTheCycle()
    {
        var reported = new List<DeadlockReport>();
        using var tracker = new LockTracker(new LockTrackerOptions
        {
            WatchdogInterval = TimeSpan.FromMilliseconds(20),
            OnDeadlock = DeadlockPolicy.ThrowInVictim,
            DeadlockDetected = r => { lock (reported) { reported.Add(r); } },
        });
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");
        using var bothHoldOne = new Barrier(2);
        int victims = 0;

        void Worker(HookedLock first, HookedLock second)
        {
            first.Enter();
            bothHoldOne.SignalAndWait();
            try
            {
                second.Enter();
                second.Exit();
            }
            catch (DeadlockVictimException)
            {
                Interlocked.Increment(ref victims);
            }

            first.Exit();
        }

        Run.InParallel(10_000, ("left", () => Worker(a, b)), ("right", () => Worker(b, a)));

        Assert.Equal(1, victims);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Single(reported);
        Assert.Equal(["left", "right"], report.Threads.Select(t => t.ThreadName).Order());
        Assert.Equal(5, report.Cycle.Count); // thread → lock → thread → lock → thread
        Assert.Equal(report.Cycle[0], report.Cycle[4]);
        Assert.Contains(report.Victim, new[] { "left", "right" });
        var left = report.Threads.Single(t => t.ThreadName == "left");
        Assert.Equal("B", left.WaitingFor);
        Assert.Equal(["A"], left.Holding);
        Assert.Contains(nameof(Scan_TwoThreadDeadlock_ThrowsInTheVictimAndReportsTheCycle), left.Stack, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ReportPolicy_ReportsOnceAndLeavesThreadsBlocked()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero, CaptureStacks = false });
        var a = new HookedLock(tracker, "A");
        var b = new HookedLock(tracker, "B");
        using var cancel = new CancellationTokenSource();
        using var bothHoldOne = new Barrier(2);
        int cancelled = 0;

        void Worker(HookedLock first, HookedLock second)
        {
            first.Enter();
            bothHoldOne.SignalAndWait();
            try
            {
                second.Enter(cancellationToken: cancel.Token);
                second.Exit();
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
            }

            first.Exit();
        }

        var t1 = new Thread(() => Worker(a, b)) { Name = "one", IsBackground = true };
        var t2 = new Thread(() => Worker(b, a)) { Name = "two", IsBackground = true };
        t1.Start();
        t2.Start();

        // The interval is zero, so scans are driven by hand: the first sighting only makes the waits suspects.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<DeadlockReport> found = [];
        while (found.Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
            found = tracker.Watchdog!.Scan();
        }

        Assert.Single(found);
        Assert.Empty(tracker.Watchdog!.Scan()); // still deadlocked, but already reported
        Assert.Null(found[0].Victim);
        Assert.True(t1.IsAlive && t2.IsAlive, "under Report the threads stay blocked");

        cancel.Cancel(); // the caller's own cancellation still works on a tracked wait
        Assert.True(t1.Join(10_000) && t2.Join(10_000));
        Assert.InRange(cancelled, 1, 2); // once one gives up, the other may get its lock before it sees the cancellation
    }

    // A cycle in the wait-for graph is not a deadlock when a resource has spare units: the watchdog decides with the
    // engine's detector, not by looking for cycles.
    [Fact]
    public void Scan_CycleThroughASemaphoreWithASpareUnit_IsNotADeadlock()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero });
        var pool = new HookedLock(tracker, "pool", capacity: 2, kind: LockKind.Semaphore);
        var m = new HookedLock(tracker, "M");
        using var holding = new Barrier(2);
        using var release = new ManualResetEventSlim();

        var first = new Thread(() =>
        {
            pool.Enter();
            holding.SignalAndWait();
            m.Enter(); // waits for M, held by "second"
            m.Exit();
            pool.Exit();
        }) { Name = "first", IsBackground = true };
        var second = new Thread(() =>
        {
            m.Enter();
            holding.SignalAndWait();
            release.Wait();
            m.Exit();
        }) { Name = "second", IsBackground = true };
        first.Start();
        second.Start();
        Thread.Sleep(50);

        for (int i = 0; i < 3; i++)
        {
            Assert.Empty(tracker.Watchdog!.Scan());
        }

        release.Set();
        Assert.True(first.Join(10_000) && second.Join(10_000));
    }

    [Fact]
    public void Scan_ManyThreadsContendingInOrder_NeverReportsADeadlock()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero, CaptureStacks = false });
        var locks = Enumerable.Range(0, 3).Select(i => new HookedLock(tracker, $"L{i}")).ToArray();
        using var stop = new CancellationTokenSource();
        int reports = 0;
        var scanner = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                reports += tracker.Watchdog!.Scan().Count;
            }
        }) { IsBackground = true };
        scanner.Start();

        Run.InParallel(20_000, [.. Enumerable.Range(0, 4).Select(i => ($"w{i}", (Action)(() =>
        {
            for (int k = 0; k < 2000; k++)
            {
                foreach (var l in locks)
                {
                    l.Enter();
                }

                for (int j = locks.Length - 1; j >= 0; j--)
                {
                    locks[j].Exit();
                }
            }
        })))]);
        stop.Cancel();

        Assert.True(scanner.Join(10_000));
        Assert.Equal(0, reports);
        Assert.True(tracker.Watchdog!.Scans > 0);
    }
}
