using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class MutexLockTests
{
    [Fact]
    public void Exit_NotHeld_ThrowsSynchronizationLockException()
    {
        var m = new MutexLock();
        Assert.Throws<SynchronizationLockException>(m.Exit);
    }

    [Fact]
    public void Exit_HeldByAnotherThread_ThrowsAndTheHolderStillHoldsIt() => Within.Run(() =>
    {
        var m = new MutexLock();
        m.Enter();
        Exception? error = null;
        Within.Join(Within.Start(() => error = Record.Exception(m.Exit)));
        Assert.IsType<SynchronizationLockException>(error);
        Assert.True(m.IsHeldByCurrentThread);
        m.Exit();
        Assert.False(m.IsHeld);
    });

    [Fact]
    public void Enter_AlreadyHeldByThisThread_ThrowsLockRecursionInsteadOfWaitingForever()
    {
        var m = new MutexLock();
        m.Enter();
        Assert.Throws<LockRecursionException>(m.Enter);
        Assert.Throws<LockRecursionException>(() => m.TryEnter(TimeSpan.FromSeconds(1)));
        Assert.Throws<LockRecursionException>(() => m.EnterNested(1));
        m.Exit();
    }

    [Fact]
    public void ExitFromSyncApi_HeldThroughReleaser_Throws() => Within.RunAsync(async () =>
    {
        var m = new MutexLock();
        var held = await m.LockAsync();
        Assert.Throws<SynchronizationLockException>(m.Exit);
        held.Dispose();
        Assert.False(m.IsHeld);
    });

    [Fact]
    public void ReleaserDispose_Twice_ThrowsAndDoesNotReleaseTheNextHolder() => Within.RunAsync(async () =>
    {
        var m = new MutexLock();
        var first = await m.LockAsync();
        first.Dispose();
        var second = await m.LockAsync();
        Assert.Throws<SynchronizationLockException>(first.Dispose);
        Assert.True(m.IsHeld);
        second.Dispose();
        default(Releaser).Dispose(); // releases nothing
    });

    [Fact]
    public void TryLockAsync_HeldElsewhere_ReturnsNullAfterTheTimeout() => Within.RunAsync(async () =>
    {
        var m = new MutexLock();
        var holder = await m.LockAsync();
        Assert.Null(await m.TryLockAsync(TimeSpan.Zero));
        Assert.Null(await m.TryLockAsync(TimeSpan.FromMilliseconds(30)));
        holder.Dispose();
        var held = await m.TryLockAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(held);
        held.Value.Dispose();
    });

    [Fact]
    public void TryEnter_NegativeTimeout_ThrowsArgumentOutOfRange()
    {
        var m = new MutexLock();
        Assert.Throws<ArgumentOutOfRangeException>(() => m.TryEnter(TimeSpan.FromMilliseconds(-2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = m.TryLockAsync(TimeSpan.FromMilliseconds(-2)).AsTask(); }); // thrown before any await
    }

    [Fact]
    public void EnterScope_Disposed_ExitsOnce()
    {
        var m = new MutexLock();
        using (m.EnterScope())
        {
            Assert.True(m.IsHeldByCurrentThread);
        }

        Assert.False(m.IsHeld);
    }

    [Fact]
    public void Name_NoName_IsTheCreationSite()
    {
        var m = new MutexLock();
        Assert.StartsWith("MutexLockTests.cs:", m.Name, StringComparison.Ordinal);
        Assert.Equal("account", new MutexLock(new LockOptions { Name = "account" }).Name);
    }

    [Fact]
    public void Exit_FifoHandoffWithQueuedWaiters_OwnershipGoesInArrivalOrderAndNoNewcomerBarges() => Within.Run(() =>
    {
        var m = new MutexLock(new LockOptions { FifoHandoff = true });
        m.Enter();
        var order = new List<int>();
        var threads = new List<Thread>();
        // Waiter 0 keeps the lock until the newcomer has tried, so that on a loaded machine the five waiters cannot
        // all have come and gone before the TryEnter below runs.
        using var newcomerTried = new ManualResetEventSlim();
        for (int i = 0; i < 5; i++)
        {
            int id = i;
            threads.Add(Within.Start(() =>
            {
                m.Enter();
                order.Add(id);
                if (id == 0)
                {
                    newcomerTried.Wait();
                }

                m.Exit();
            }));
            Within.SpinUntil(() => m.WaitingCount == id + 1, $"waiter {id} is queued");
        }

        m.Exit();
        // The lock went straight to waiter 0: a newcomer cannot take it although waiter 0 may not be running yet.
        Assert.False(m.TryEnter());
        newcomerTried.Set();
        threads.ForEach(Within.Join);
        Assert.Equal([0, 1, 2, 3, 4], order);
    });

    [Fact]
    public void TryEnter_BargingWithQueuedWaiters_NewcomerMayTakeTheFreedLock() => Within.Run(() =>
    {
        // Barging (the default): release frees the lock and wakes a waiter; a running thread can get there first.
        var m = new MutexLock();
        m.Enter();
        var waiter = Within.Start(() => { m.Enter(); m.Exit(); });
        Within.SpinUntil(() => m.WaitingCount == 1, "the waiter is queued");
        m.Exit();
        bool barged = m.TryEnter();
        if (barged)
        {
            m.Exit();
        }

        Within.Join(waiter);
        Assert.False(m.IsHeld);
    });

    [Fact]
    public void Enter_TimedOutWaiterWasHandedTheLock_ReportsSuccessAndHoldsIt() => Within.Run(() =>
    {
        // Many short timeouts against FIFO hand-offs: whatever TryEnter answers must match what it holds.
        var m = new MutexLock(new LockOptions { FifoHandoff = true });
        int holders = 0, overlaps = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => Within.Start(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                if (m.TryEnter(TimeSpan.FromMilliseconds(1)))
                {
                    if (Interlocked.Increment(ref holders) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    Thread.SpinWait(200);
                    Interlocked.Decrement(ref holders);
                    m.Exit();
                }
            }
        })).ToList();
        threads.ForEach(Within.Join);
        Assert.Equal(0, overlaps);
        Assert.False(m.IsHeld);
        Assert.Equal(0, m.WaitingCount);
    });
}
