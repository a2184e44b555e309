using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

/// <summary>The validator and lock levels on async acquisitions: the holder is the async flow.</summary>
public class AsyncLockOrderTests
{
    private static LockTracker NewTracker(InversionPolicy policy = InversionPolicy.Report) =>
        new(new LockTrackerOptions { OnInversion = policy, CaptureStacks = false });

    private static MutexLock Mutex(LockTracker tracker, string name) => new(new LockOptions { Name = name, Tracker = tracker });

    private static string[] EdgeNames(LockTracker tracker) =>
        [.. tracker.Validator!.Edges.Select(e => $"{e.From}>{e.To}").Order(StringComparer.Ordinal)];

    private static async Task Nested(MutexLock outer, MutexLock inner)
    {
        using (await outer.LockAsync())
        {
            using (await inner.LockAsync())
            {
            }
        }
    }

    [Fact]
    public void LockAsync_TwoFlowsInvertTheOrderOneAfterTheOther_InversionReportedOnce() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");

        // Sequential flows: this run cannot deadlock, yet the inversion is found the first time the order is seen.
        await Task.Run(() => Nested(a, b));
        await Task.Run(() => Nested(b, a));
        await Task.Run(() => Nested(b, a));

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Equal(LockOrderProblem.Inversion, report.Problem);
        Assert.Equal(["A", "B", "A"], report.Cycle);
        Assert.All(report.Edges, e => Assert.StartsWith("async flow #", e.ThreadName, StringComparison.Ordinal));
        Assert.NotEqual(report.Edges[0].ThreadName, report.Edges[1].ThreadName);
    });

    [Fact]
    public void LockAsync_ConsistentOrderOnManyFlows_ReportsNothing() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        var c = Mutex(tracker, "C");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int k = 0; k < 200; k++)
            {
                using (await a.LockAsync())
                using (await b.LockAsync())
                using (await c.LockAsync())
                {
                }

                await Nested(a, c);
            }
        })));

        Assert.Empty(tracker.Validator!.Reports);
        Assert.Equal(["A>B", "A>C", "B>C"], EdgeNames(tracker));
    });

    [Fact]
    public void LockAsync_ReleasedBeforeTheNext_AddsNoEdge() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");

        using (await a.LockAsync())
        {
        }

        using (await b.LockAsync())
        {
        }

        Assert.Empty(tracker.Validator!.Edges);
    });

    [Fact]
    public void TryLockAsync_TimedOut_LeavesNoHoldBehind() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        var holder = await Task.Run(async () => await a.LockAsync());

        Assert.Null(await a.TryLockAsync(TimeSpan.FromMilliseconds(20)));
        using (await b.LockAsync())
        {
        }

        holder.Dispose();
        Assert.Empty(tracker.Validator!.Edges); // the failed wait for A left nothing that B could be ordered after
    });

    [Fact]
    public void LockAsync_ForkedChildren_InheritTheParentsHoldsNotEachOthers() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var parent = Mutex(tracker, "P");
        var left = Mutex(tracker, "L");
        var right = Mutex(tracker, "R");
        using var bothHold = new Barrier(2);

        using (await parent.LockAsync())
        {
            await Task.WhenAll(
                Task.Run(async () => { using (await left.LockAsync()) { bothHold.SignalAndWait(); } }),
                Task.Run(async () => { using (await right.LockAsync()) { bothHold.SignalAndWait(); } }));
        }

        Assert.Equal(["P>L", "P>R"], EdgeNames(tracker)); // no L→R nor R→L: siblings do not hold each other's locks
    });

    [Fact]
    public void LockAsync_ReentrantInOneFlow_ReportsRecursiveLocking() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var m = Mutex(tracker, "M");

        using (await m.LockAsync())
        {
            Assert.Null(await m.TryLockAsync(TimeSpan.FromMilliseconds(20))); // would wait for itself forever
        }

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Equal(LockOrderProblem.RecursiveLocking, report.Problem);
        Assert.Equal(["M", "M"], report.Cycle);
    });

    [Fact]
    public void LockNestedAsync_SameClassWithSubclass_ReportsNothing() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var outer = new MutexLock(new LockOptions { Name = "account", Tracker = tracker });
        var inner = new MutexLock(new LockOptions { Name = "account", Tracker = tracker });

        using (await outer.LockAsync())
        using (await inner.LockNestedAsync(1))
        {
        }

        Assert.Empty(tracker.Validator!.Reports);
        Assert.Equal(["account>account/1"], EdgeNames(tracker));
    });

    [Fact]
    public void LockAsync_ThrowPolicy_FaultsBeforeTakingTheLock() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker(InversionPolicy.Throw);
        var a = Mutex(tracker, "A");
        var b = Mutex(tracker, "B");
        await Nested(a, b);

        using (await b.LockAsync())
        {
            await Assert.ThrowsAsync<LockOrderViolationException>(async () => await a.LockAsync());
            Assert.False(a.IsHeld);
        }

        using (await a.LockAsync()) // nothing was left held or pushed by the refused call
        {
        }
    });

    [Fact]
    public void LockAsync_WhileTheThreadHoldsASyncLock_OrdersTheSyncLockFirst() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var sync = Mutex(tracker, "S");
        var async = Mutex(tracker, "A");

        sync.Enter();
        var pending = async.LockAsync(); // no await between: still on the thread that holds S
        sync.Exit();
        (await pending).Dispose();

        Assert.Equal(["S>A"], EdgeNames(tracker));
    });

    [Fact]
    public void WaitAsync_SemaphoreUnitThenMutex_OrderedUntilTheFlowReleasesTheUnit() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var pool = new CountingSemaphore(2, 2, new LockOptions { Name = "pool", Tracker = tracker });
        var m = Mutex(tracker, "M");
        var n = Mutex(tracker, "N");

        await pool.WaitAsync();
        using (await m.LockAsync())
        {
        }

        pool.Release();
        using (await n.LockAsync())
        {
        }

        Assert.Equal(["pool>M"], EdgeNames(tracker));
    });

    [Fact]
    public void WaitAsync_UnitReleasedByAnotherFlow_IsNoLongerHeld() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var slots = new CountingSemaphore(2, 2, new LockOptions { Name = "slots", Tracker = tracker });

        // A producer takes a slot, a consumer gives it back (signalling); the producer then takes another slot.
        // Were the first unit still counted as the producer's, this would look like recursive locking of "slots".
        // The consumer is started first, so it inherits none of the producer's holds.
        var produced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Task.Run(async () =>
        {
            await produced.Task;
            slots.Release();
        });
        await slots.WaitAsync();
        produced.SetResult();
        await consumer;
        Assert.True(await slots.TryWaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Empty(tracker.Validator!.Reports);
    });

    [Fact]
    public void ReadWriteLockAsync_ReaderThenWriterInvertedInAnotherFlow_ReportsTheInversion() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var catalog = new ReadWriteLock(ReadWritePolicy.PhaseFair, new LockOptions { Name = "catalog", Tracker = tracker });
        var stock = new ReadWriteLock(ReadWritePolicy.PhaseFair, new LockOptions { Name = "stock", Tracker = tracker });

        await Task.Run(async () =>
        {
            using (await catalog.ReadLockAsync())
            using (await stock.WriteLockAsync())
            {
            }
        });
        await Task.Run(async () =>
        {
            using (await stock.ReadLockAsync())
            using (await catalog.WriteLockAsync())
            {
            }
        });

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Equal(["catalog", "stock", "catalog"], report.Cycle);
    });

    [Fact]
    public void LockAsync_LowerLevelWhileTheFlowHoldsHigher_FaultsBeforeWaiting() => Within.RunAsync(async () =>
    {
        var low = new MutexLock(new LockOptions { Name = "async-levels-low", Level = 1 });
        var high = new MutexLock(new LockOptions { Name = "async-levels-high", Level = 2 });

        using (await high.LockAsync())
        {
            var e = await Assert.ThrowsAsync<LockHierarchyViolationException>(async () => await low.LockAsync());
            Assert.Contains("'async-levels-low' (level 1) while holding 'async-levels-high' (level 2)", e.Message, StringComparison.Ordinal);
            Assert.False(low.IsHeld);
        }

        using (await low.LockAsync())
        using (await high.LockAsync())
        {
        }
    });

    [Fact]
    public void WaitAsync_LevelBelowASyncHoldOfTheThread_Faults() => Within.RunAsync(async () =>
    {
        var high = new MutexLock(new LockOptions { Name = "async-levels-sync-high", Level = 5 });
        var low = new CountingSemaphore(1, 1, new LockOptions { Name = "async-levels-sync-low", Level = 4 });

        high.Enter();
        var refused = low.WaitAsync();
        high.Exit();

        await Assert.ThrowsAsync<LockHierarchyViolationException>(async () => await refused);
        Assert.Equal(1, low.CurrentCount);
    });

    [Fact]
    public void ConditionWaitAsync_MonitorGivenBackWhileWaiting_HeldAgainAfterTheSignal() => Within.RunAsync(async () =>
    {
        using var tracker = NewTracker();
        var monitor = new MesaMonitor(new LockOptions { Name = "mon", Tracker = tracker });
        var ready = monitor.NewCondition("ready");
        var inside = Mutex(tracker, "inside");
        var outside = Mutex(tracker, "outside");
        bool flag = false;

        var waiter = Task.Run(async () =>
        {
            using (var held = await monitor.EnterAsync())
            {
                while (!flag)
                {
                    await ready.WaitAsync(held, TimeSpan.FromSeconds(5));
                }

                using (await inside.LockAsync()) // the hold is live again after the wait: mon → inside
                {
                }
            }
        });
        Within.SpinUntil(() => ready.WaiterCount == 1, "the flow waits on the condition");
        using (await outside.LockAsync())
        {
            // The waiting flow gave the monitor back, so this flow can take it (under "outside": outside → mon).
            using (await monitor.EnterAsync())
            {
                flag = true;
                ready.Signal();
            }
        }

        await waiter;
        Assert.Equal(["mon>inside", "outside>mon"], EdgeNames(tracker));
        Assert.Empty(tracker.Validator!.Reports);
    });
}
