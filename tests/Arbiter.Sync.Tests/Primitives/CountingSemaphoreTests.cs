using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class CountingSemaphoreTests
{
    [Fact]
    public void Constructor_NegativeOrInconsistentCounts_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingSemaphore(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingSemaphore(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingSemaphore(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountingSemaphore(3, 2));
    }

    [Fact]
    public void Release_NonPositiveUnits_ThrowsArgumentOutOfRange()
    {
        var s = new CountingSemaphore(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Release(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Release(-3));
        Assert.Equal(0, s.CurrentCount);
    }

    [Fact]
    public void Release_BeyondMax_ThrowsSemaphoreFullAndReleasesNothing()
    {
        var s = new CountingSemaphore(1, 2);
        Assert.Throws<SemaphoreFullException>(() => s.Release(2));
        Assert.Equal(1, s.CurrentCount);
        s.Release();
        Assert.Throws<SemaphoreFullException>(() => s.V());
        Assert.Equal(2, s.CurrentCount);

        var binary = new BinarySemaphore();
        Assert.Throws<SemaphoreFullException>(() => binary.Release());
    }

    [Fact]
    public void PV_SeedNames_TakeAndReturnUnits()
    {
        var s = new CountingSemaphore(2);
        s.P();
        s.P();
        Assert.Equal(0, s.CurrentCount);
        Assert.False(s.TryWait());
        s.V();
        Assert.Equal(1, s.CurrentCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wait_ManyThreadsOnThreeUnits_NeverMoreThanThreeInside(bool fifo) => Within.Run(() =>
    {
        var s = new CountingSemaphore(3, 3, new LockOptions { FifoHandoff = fifo });
        int inside = 0, most = 0, entries = 0;
        var threads = Enumerable.Range(0, 6).Select(_ => Within.Start(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                s.Wait();
                int now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                Thread.SpinWait(30);
                Interlocked.Decrement(ref inside);
                Interlocked.Increment(ref entries);
                s.Release();
            }
        })).ToList();
        threads.ForEach(Within.Join);
        Assert.InRange(most, 1, 3);
        Assert.Equal(6 * 2000, entries);
        Assert.Equal(3, s.CurrentCount);
        Assert.Equal(0, s.WaitingCount);
    });

    [Fact]
    public void Release_SeveralUnits_WakesAsManyWaiters() => Within.Run(() =>
    {
        var s = new CountingSemaphore(0);
        int passed = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => Within.Start(() => { s.Wait(); Interlocked.Increment(ref passed); })).ToList();
        Within.SpinUntil(() => s.WaitingCount == 4, "four waiters are queued");
        s.Release(3);
        Within.SpinUntil(() => Volatile.Read(ref passed) == 3, "three waiters passed");
        Thread.Sleep(20);
        Assert.Equal(3, Volatile.Read(ref passed));
        s.Release();
        threads.ForEach(Within.Join);
        Assert.Equal(0, s.CurrentCount);
    });

    [Fact]
    public void Release_FifoHandoff_UnitsGoToWaitersInArrivalOrder() => Within.Run(() =>
    {
        var s = new CountingSemaphore(0, 10, new LockOptions { FifoHandoff = true });
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var threads = new List<Thread>();
        for (int i = 0; i < 4; i++)
        {
            int id = i;
            threads.Add(Within.Start(() => { s.Wait(); order.Enqueue(id); }));
            Within.SpinUntil(() => s.WaitingCount == id + 1, $"waiter {id} is queued");
        }

        for (int i = 0; i < 4; i++)
        {
            s.Release();
            Assert.False(s.TryWait(), "a newcomer took a unit handed to a waiter");
            Within.SpinUntil(() => order.Count == i + 1, $"waiter {i} passed");
        }

        threads.ForEach(Within.Join);
        Assert.Equal([0, 1, 2, 3], order);
    });

    [Fact]
    public void TryWait_TimeoutAndCancellation_ReturnFalseOrThrowAndTakeNothing() => Within.Run(() =>
    {
        var s = new CountingSemaphore(0);
        Assert.False(s.TryWait(TimeSpan.FromMilliseconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        Assert.ThrowsAny<OperationCanceledException>(() => s.Wait(cts.Token));
        Assert.Equal(0, s.WaitingCount);
        s.Release();
        Assert.True(s.TryWait(TimeSpan.Zero));
    });

    [Fact]
    public void WaitAsync_TimeoutAndCancellation_ReturnFalseOrThrowAndTakeNothing() => Within.RunAsync(async () =>
    {
        var s = new CountingSemaphore(0);
        Assert.False(await s.TryWaitAsync(TimeSpan.FromMilliseconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await s.WaitAsync(cts.Token));
        Assert.Equal(0, s.WaitingCount);
        var pending = s.WaitAsync().AsTask();
        s.Release();
        await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, s.CurrentCount);
    });

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen)
        {
            int previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
