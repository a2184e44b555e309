using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

/// <summary>The tracker with the real primitives, not the test double.</summary>
public class MutexWatchdogTests
{
    // Would hang forever if the watchdog missed the cycle: the hang guard turns that into a failure.
    [Fact]
    public void MutexLock_ThreeThreadCycle_WatchdogFindsItAndOneVictimBreaksIt()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.FromMilliseconds(10), OnDeadlock = DeadlockPolicy.ThrowInVictim });
        var locks = Enumerable.Range(0, 3).Select(i => new MutexLock(new LockOptions { Name = $"L{i}", Tracker = tracker })).ToArray();
        using var allHoldOne = new Barrier(3);
        int victims = 0, finished = 0;

        Within.Run(() =>
        {
            var threads = Enumerable.Range(0, 3).Select(i => new Thread(() =>
            {
                locks[i].Enter();
                allHoldOne.SignalAndWait();
                try
                {
                    locks[(i + 1) % 3].Enter();
                    locks[(i + 1) % 3].Exit();
                    Interlocked.Increment(ref finished);
                }
                catch (DeadlockVictimException)
                {
                    Interlocked.Increment(ref victims);
                }

                locks[i].Exit();
            }) { Name = $"T{i}" }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        });

        Assert.Equal(1, victims);
        Assert.Equal(2, finished);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Equal(7, report.Cycle.Count);
        Assert.Equal(3, tracker.Validator!.Reports.Single().Edges.Count);
    }

    [Fact]
    public void CountingSemaphore_HeldUnitsInACycle_Detected()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.FromMilliseconds(10), OnDeadlock = DeadlockPolicy.ThrowInVictim, CaptureStacks = false });
        var pool = new CountingSemaphore(1, 1, new LockOptions { Name = "pool", Tracker = tracker });
        var m = new MutexLock(new LockOptions { Name = "M", Tracker = tracker });
        using var both = new Barrier(2);
        int victims = 0;

        Within.Run(() =>
        {
            var t1 = new Thread(() =>
            {
                pool.Wait();
                both.SignalAndWait();
                try { m.Enter(); m.Exit(); } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
                pool.Release();
            });
            var t2 = new Thread(() =>
            {
                m.Enter();
                both.SignalAndWait();
                try { pool.Wait(); pool.Release(); } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
                m.Exit();
            });
            t1.Start();
            t2.Start();
            t1.Join();
            t2.Join();
        });

        Assert.Equal(1, victims);
        Assert.Single(tracker.Watchdog!.Reports);
    }
}
