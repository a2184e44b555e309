using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

/// <summary>
/// The watchdog with async flows as waiters. Each deadlock test would hang forever if the watchdog missed the cycle
/// (the victim's cancellation is the only way out): the hang guard turns that into a failure.
/// </summary>
public class AsyncWatchdogTests
{
    private static LockTracker NewTracker(DeadlockPolicy policy = DeadlockPolicy.ThrowInVictim) =>
        new(new LockTrackerOptions { WatchdogInterval = TimeSpan.FromMilliseconds(10), OnDeadlock = policy, CaptureStacks = false });

    private static MutexLock Mutex(LockTracker tracker, string name) => new(new LockOptions { Name = name, Tracker = tracker });

    /// <summary>Both flows hold their first lock before either asks for its second.</summary>
    private sealed class Rendezvous
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Arrive(int who)
        {
            (who == 0 ? _first : _second).TrySetResult();
            return Task.WhenAll(_first.Task, _second.Task);
        }
    }

    [Fact]
    public void LockAsync_TwoFlowsInvertedOrder_DeadlockFoundAndTheVictimsAwaitThrows() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        var meet = new Rendezvous();
        int victims = 0, finished = 0;

        async Task Flow(int who, MutexLock first, MutexLock second)
        {
            using (await first.LockAsync())
            {
                await meet.Arrive(who);
                try
                {
                    using (await second.LockAsync())
                    {
                        Interlocked.Increment(ref finished);
                    }
                }
                catch (DeadlockVictimException)
                {
                    Interlocked.Increment(ref victims);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Flow(0, a, b)), Task.Run(() => Flow(1, b, a)));

        Assert.Equal(1, victims);
        Assert.Equal(1, finished);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Equal(5, report.Cycle.Count); // flow → lock → flow → lock → flow
        Assert.All(report.Threads, t => Assert.StartsWith("async flow #", t.ThreadName, StringComparison.Ordinal));
        Assert.All(report.Threads, t => Assert.Single(t.Holding));
        Assert.Equal(["A", "B"], report.Threads.Select(t => t.WaitingFor).Order(StringComparer.Ordinal));
        Assert.StartsWith("async flow #", report.Victim, StringComparison.Ordinal);
    });

    [Fact]
    public void LockAsync_TwiceInOneFlow_FoundAsAFlowWaitingForItself() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var m = Mutex(tracker, "M");

        using (await m.LockAsync())
        {
            await Assert.ThrowsAsync<DeadlockVictimException>(async () => await m.LockAsync());
        }

        var report = Assert.Single(tracker.Watchdog!.Reports);
        var flow = Assert.Single(report.Threads);
        Assert.Equal("M", flow.WaitingFor);
        Assert.Equal(["M"], flow.Holding);
        Assert.Equal(3, report.Cycle.Count); // flow → M → flow
        Assert.False(m.IsHeld);
    });

    [Fact]
    public void LockAsync_ParentHoldsOneChildRunsWithTheOtherLockOneWaitsForIt_NoDeadlock() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker(DeadlockPolicy.Report);
        var outer = Mutex(tracker, "L1");
        var inner = Mutex(tracker, "L2");
        var childHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The waiting child inherited L1 from the parent; L2's holder is running (not waiting), so it can finish.
        using (await outer.LockAsync())
        {
            int scansBefore = tracker.Watchdog!.Scans;
            var running = Task.Run(async () =>
            {
                using (await inner.LockAsync())
                {
                    childHolds.SetResult();
                    while (tracker.Watchdog.Scans < scansBefore + 10)
                    {
                        await Task.Delay(5);
                    }
                }
            });
            await childHolds.Task;
            var waiting = Task.Run(async () =>
            {
                using (await inner.LockAsync())
                {
                }
            });
            await Task.WhenAll(running, waiting);
        }

        Assert.Empty(tracker.Watchdog!.Reports);
    });

    [Fact]
    public void Watchdog_ThreadAndAsyncFlowInACycle_FoundAndBroken() => Within.Run(() =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        var threadHolds = new ManualResetEventSlim();
        var flowHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int victims = 0, finished = 0;

        void Outcome(Action body)
        {
            try
            {
                body();
                Interlocked.Increment(ref finished);
            }
            catch (DeadlockVictimException)
            {
                Interlocked.Increment(ref victims);
            }
        }

        var thread = new Thread(() =>
        {
            a.Enter();
            threadHolds.Set();
            flowHolds.Task.Wait();
            Outcome(() => { b.Enter(); b.Exit(); });
            a.Exit();
        }) { Name = "worker", IsBackground = true };
        thread.Start();

        var flow = Task.Run(async () =>
        {
            using (await b.LockAsync())
            {
                flowHolds.SetResult();
                threadHolds.Wait();
                try
                {
                    using (await a.LockAsync())
                    {
                        Interlocked.Increment(ref finished);
                    }
                }
                catch (DeadlockVictimException)
                {
                    Interlocked.Increment(ref victims);
                }
            }
        });

        flow.GetAwaiter().GetResult();
        Within.Join(thread);
        threadHolds.Dispose();

        Assert.Equal(1, victims);
        Assert.Equal(1, finished);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Contains(report.Threads, t => t.ThreadName == "worker" && t.WaitingFor == "B" && t.Holding.SequenceEqual(["A"]));
        Assert.Contains(report.Threads, t => t.ThreadName.StartsWith("async flow #", StringComparison.Ordinal) && t.WaitingFor == "A" && t.Holding.SequenceEqual(["B"]));
    });

    [Fact]
    public void Watchdog_ThreadBlockingSynchronouslyInsideAFlowThatHoldsAnAsyncLock_HoldsItInTheCycle() => Within.Run(() =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        using var bothHold = new Barrier(2);
        int victims = 0;

        // The flow holds A asynchronously, then blocks its thread on B synchronously: that thread holds A too.
        var flow = Task.Factory.StartNew(async () =>
        {
            using (await a.LockAsync())
            {
                bothHold.SignalAndWait();
                try { b.Enter(); b.Exit(); } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        Run.OnThread("other", () =>
        {
            b.Enter();
            bothHold.SignalAndWait();
            try { a.Enter(); a.Exit(); } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
            b.Exit();
        });
        flow.GetAwaiter().GetResult();

        Assert.Equal(1, victims);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Contains(report.Threads, t => t.WaitingFor == "B" && t.Holding.SequenceEqual(["A"]));
    });

    [Fact]
    public void WaitAsync_SemaphoreUnitAndMutexInACycle_Found() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var pool = new CountingSemaphore(1, 1, new LockOptions { Name = "pool", Tracker = tracker });
        var m = Mutex(tracker, "M");
        var meet = new Rendezvous();
        int victims = 0;

        var first = Task.Run(async () =>
        {
            await pool.WaitAsync();
            await meet.Arrive(0);
            try { using (await m.LockAsync()) { } } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
            pool.Release();
        });
        var second = Task.Run(async () =>
        {
            using (await m.LockAsync())
            {
                await meet.Arrive(1);
                try { await pool.WaitAsync(); pool.Release(); } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
            }
        });
        await Task.WhenAll(first, second);

        Assert.Equal(1, victims);
        Assert.Single(tracker.Watchdog!.Reports);
        Assert.Equal(1, pool.CurrentCount);
    });

    [Fact]
    public void ReadWriteLockAsync_ReaderAndWriterInACycle_Found() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var catalog = new ReadWriteLock(ReadWritePolicy.PhaseFair, new LockOptions { Name = "catalog", Tracker = tracker });
        var stock = new ReadWriteLock(ReadWritePolicy.PhaseFair, new LockOptions { Name = "stock", Tracker = tracker });
        var meet = new Rendezvous();
        int victims = 0;

        async Task Flow(int who, ReadWriteLock read, ReadWriteLock write)
        {
            using (await read.ReadLockAsync())
            {
                await meet.Arrive(who);
                try { using (await write.WriteLockAsync()) { } } catch (DeadlockVictimException) { Interlocked.Increment(ref victims); }
            }
        }

        await Task.WhenAll(Task.Run(() => Flow(0, catalog, stock)), Task.Run(() => Flow(1, stock, catalog)));

        Assert.Equal(1, victims);
        var report = Assert.Single(tracker.Watchdog!.Reports);
        Assert.Equal(["catalog", "stock"], report.Threads.Select(t => t.WaitingFor).Order(StringComparer.Ordinal));
    });

    [Fact]
    public void DetachFlow_FireAndForgetChildWaitsForItsParentsLock_NotReported() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker(DeadlockPolicy.Report);
        var m = Mutex(tracker, "M");
        Task child;

        // The parent keeps running while its child waits for M; the child is not awaited until M is released.
        using (await m.LockAsync())
        {
            child = Task.Run(async () =>
            {
                tracker.DetachFlow();
                using (await m.LockAsync())
                {
                }
            });
            int scansBefore = tracker.Watchdog!.Scans;
            Within.SpinUntil(() => m.WaitingCount == 1 && tracker.Watchdog.Scans > scansBefore + 5, "the child waits for M across scans");
        }

        await child;
        Assert.Empty(tracker.Watchdog!.Reports);
        Assert.Empty(tracker.Validator!.Reports);
    });

    [Fact]
    public void WaitAsync_CycleThroughASemaphoreWithARunningHolder_NoDeadlock() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker(DeadlockPolicy.Report);
        var pool = new CountingSemaphore(2, 2, new LockOptions { Name = "pool", Tracker = tracker });
        var m = Mutex(tracker, "M");
        var stage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A holds a pool unit and M's holder B waits for the pool; C holds the other unit but is running, not
        // waiting: it will give its unit back, so the cycle A → M → B → pool → A is not a deadlock.
        var bHoldsM = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aHasAUnit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var c = Task.Run(async () =>
        {
            await pool.WaitAsync();
            stage.SetResult();
            await finish.Task;
            pool.Release();
        });
        await stage.Task;
        var b = Task.Run(async () =>
        {
            using (await m.LockAsync())
            {
                bHoldsM.SetResult();
                await aHasAUnit.Task;
                await pool.WaitAsync();
                pool.Release();
            }
        });
        await bHoldsM.Task;
        var a = Task.Run(async () =>
        {
            await pool.WaitAsync();
            aHasAUnit.SetResult();
            using (await m.LockAsync())
            {
            }

            pool.Release();
        });
        int scansBefore = tracker.Watchdog!.Scans;
        Within.SpinUntil(() => m.WaitingCount == 1 && pool.WaitingCount == 1 && tracker.Watchdog.Scans > scansBefore + 5, "A and B wait across scans");
        finish.SetResult();
        await Task.WhenAll(a, b, c);

        Assert.Empty(tracker.Watchdog.Reports);
    });
}
