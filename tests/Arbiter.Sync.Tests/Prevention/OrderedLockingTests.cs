using Arbiter.Sync.Prevention;
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Prevention;

public class OrderedLockingTests
{
    [Fact]
    public void EnterAll_ListedInOppositeOrders_TakesOneGlobalOrderAndNeverDeadlocks()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { CaptureStacks = false });
        var a = new MutexLock(new LockOptions { Name = "A", Tracker = tracker });
        var b = new MutexLock(new LockOptions { Name = "B", Tracker = tracker });
        var c = new MutexLock(new LockOptions { Name = "C", Tracker = tracker });
        int inside = 0, overlaps = 0;

        void Worker(MutexLock[] listed)
        {
            for (int i = 0; i < 2000; i++)
            {
                using var held = OrderedLocking.EnterAll(listed);
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Interlocked.Decrement(ref inside);
            }
        }

        Within.Run(() =>
        {
            var t1 = new Thread(() => Worker([a, b, c]));
            var t2 = new Thread(() => Worker([c, b, a]));
            var t3 = new Thread(() => Worker([b, c, a]));
            t1.Start();
            t2.Start();
            t3.Start();
            t1.Join();
            t2.Join();
            t3.Join();
        });

        Assert.Equal(0, overlaps);
        Assert.Empty(tracker.Validator!.Reports);
        Assert.Equal([a, b, c], OrderedLocking.GlobalOrder([c, a, b, a]));
    }

    [Fact]
    public void GlobalOrder_Levels_ComeBeforeCreationOrder()
    {
        var first = new MutexLock(new LockOptions { Name = "order-first", Level = 2 });
        var second = new MutexLock(new LockOptions { Name = "order-second", Level = 1 });
        var unlevelled = new MutexLock(new LockOptions { Name = "order-none" });

        Assert.Equal([second, first, unlevelled], OrderedLocking.GlobalOrder([unlevelled, first, second]));
    }

    [Fact]
    public void EnterAll_SameClass_UsesNestingSubclassesSoTheValidatorIsQuiet()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { CaptureStacks = false });
        var accounts = Enumerable.Range(0, 3).Select(_ => new MutexLock(new LockOptions { Name = "account", Tracker = tracker })).ToArray();

        using (OrderedLocking.EnterAll(accounts))
        {
            Assert.All(accounts, m => Assert.True(m.IsHeldByCurrentThread));
        }

        Assert.All(accounts, m => Assert.False(m.IsHeld));
        Assert.Empty(tracker.Validator!.Reports);
    }

    [Fact]
    public void TryEnterAll_OneLockHeldElsewhere_ReleasesEverythingAndReturnsNull()
    {
        var a = new MutexLock();
        var b = new MutexLock();
        using var holding = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            b.Enter();
            holding.Set();
            done.Wait();
            b.Exit();
        });
        other.Start();
        holding.Wait();

        var held = Within.Result(() => OrderedLocking.TryEnterAll([a, b], new RetryOptions { TimeoutPerLock = TimeSpan.FromMilliseconds(5), MaxAttempts = 3, Seed = 1 }));

        Assert.Null(held);
        Assert.False(a.IsHeld, "a taken in a failed attempt must be released (no hold-and-wait)");
        done.Set();
        other.Join();
    }

    [Fact]
    public void TryEnterAll_OtherReleasesDuringBackoff_SucceedsOnALaterAttempt()
    {
        var a = new MutexLock();
        var b = new MutexLock();
        using var holding = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            b.Enter();
            holding.Set();

            // Release b only after the first attempt has visibly failed: it took a, timed out on b and gave a
            // back. A fixed sleep could expire before a descheduled test thread even started its first attempt.
            SpinWait.SpinUntil(() => a.IsHeld, TimeSpan.FromSeconds(10));
            SpinWait.SpinUntil(() => !a.IsHeld, TimeSpan.FromSeconds(10));
            b.Exit();
        });
        other.Start();
        holding.Wait();

        int attempts = 0;
        bool bothHeld = false;
        Within.Run(() =>
        {
            using var held = OrderedLocking.TryEnterAll([a, b], new RetryOptions { TimeoutPerLock = TimeSpan.FromMilliseconds(5), MaxAttempts = 50, Seed = 1 });
            Assert.NotNull(held);
            attempts = held.Attempts;
            bothHeld = a.IsHeldByCurrentThread && b.IsHeldByCurrentThread;
        });

        Assert.True(attempts > 1);
        Assert.True(bothHeld);
        Assert.False(a.IsHeld || b.IsHeld, "disposing releases both");
        other.Join();
    }
}
