using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class MesaMonitorTests
{
    [Fact]
    public void ConditionOperations_OutsideTheMonitor_ThrowSynchronizationLockException()
    {
        var monitor = new MesaMonitor();
        var ready = monitor.NewCondition("ready");
        Assert.Throws<SynchronizationLockException>(ready.Wait);
        Assert.Throws<SynchronizationLockException>(() => ready.Wait(TimeSpan.Zero));
        Assert.Throws<SynchronizationLockException>(ready.Signal);
        Assert.Throws<SynchronizationLockException>(ready.Broadcast);
        Assert.Throws<SynchronizationLockException>(monitor.Exit);
    }

    [Fact]
    public void Wait_Timeout_ReturnsFalseHoldingTheMonitor() => Within.Run(() =>
    {
        var monitor = new MesaMonitor();
        var ready = monitor.NewCondition("ready");
        monitor.Enter();
        Assert.False(ready.Wait(TimeSpan.FromMilliseconds(20)));
        Assert.True(monitor.IsHeldByCurrentThread);
        Assert.Equal(0, ready.WaiterCount);
        monitor.Exit();
    });

    [Fact]
    public void Wait_Cancelled_ThrowsHoldingTheMonitor() => Within.Run(() =>
    {
        var monitor = new MesaMonitor();
        var ready = monitor.NewCondition("ready");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        monitor.Enter();
        Assert.ThrowsAny<OperationCanceledException>(() => ready.Wait(cts.Token));
        Assert.True(monitor.IsHeldByCurrentThread);
        monitor.Exit();
    });

    [Fact]
    public void Signal_WaiterLoopingOnItsPredicate_ProceedsOnceThePredicateHolds() => Within.Run(() =>
    {
        var monitor = new MesaMonitor();
        var ready = monitor.NewCondition("ready");
        bool flag = false;
        int wakeups = 0;
        var waiter = Within.Start(() =>
        {
            monitor.Enter();
            while (!flag)
            {
                ready.Wait();
                wakeups++;
            }

            monitor.Exit();
        });
        Within.SpinUntil(() => { monitor.Enter(); int n = ready.WaiterCount; monitor.Exit(); return n == 1; }, "the waiter waits");

        monitor.Enter();
        ready.Signal(); // a hint only: the predicate is still false, so the waiter must wait again
        monitor.Exit();
        Within.SpinUntil(() => { monitor.Enter(); int n = ready.WaiterCount; monitor.Exit(); return n == 1; }, "the waiter waits again");

        monitor.Enter();
        flag = true;
        ready.Signal();
        monitor.Exit();
        Within.Join(waiter);
        Assert.Equal(2, wakeups);
    });

    [Fact]
    public void Broadcast_ManyWaiters_WakesThemAll() => Within.Run(() =>
    {
        var monitor = new MesaMonitor();
        var go = monitor.NewCondition("go");
        bool open = false;
        var threads = Enumerable.Range(0, 5).Select(_ => Within.Start(() =>
        {
            using (monitor.EnterScope())
            {
                while (!open)
                {
                    go.Wait();
                }
            }
        })).ToList();
        Within.SpinUntil(() => { using (monitor.EnterScope()) { return go.WaiterCount == 5; } }, "five waiters wait");
        using (monitor.EnterScope())
        {
            open = true;
            go.Broadcast();
        }

        threads.ForEach(Within.Join);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ProducerConsumer_BuiltOnTheMonitor_EveryItemOnceAndNeverOverCapacity(bool fifo) => Within.Run(() =>
    {
        // The classic monitor bounded buffer (Hoare 1974, with Mesa while-loops): a stress test of Wait/Signal.
        const int capacity = 4, producers = 3, perProducer = 3000;
        var monitor = new MesaMonitor(new LockOptions { FifoHandoff = fifo });
        var notFull = monitor.NewCondition("not full");
        var notEmpty = monitor.NewCondition("not empty");
        var items = new Queue<int>();
        int most = 0;
        var seen = new int[producers * perProducer];
        var threads = new List<Thread>();
        for (int p = 0; p < producers; p++)
        {
            int first = p * perProducer;
            threads.Add(Within.Start(() =>
            {
                for (int i = first; i < first + perProducer; i++)
                {
                    using (monitor.EnterScope())
                    {
                        while (items.Count == capacity)
                        {
                            notFull.Wait();
                        }

                        items.Enqueue(i);
                        most = Math.Max(most, items.Count);
                        notEmpty.Signal();
                    }
                }
            }));
        }

        for (int c = 0; c < 2; c++)
        {
            threads.Add(Within.Start(() =>
            {
                for (int n = 0; n < producers * perProducer / 2; n++)
                {
                    int item;
                    using (monitor.EnterScope())
                    {
                        while (items.Count == 0)
                        {
                            notEmpty.Wait();
                        }

                        item = items.Dequeue();
                        notFull.Signal();
                    }

                    Interlocked.Increment(ref seen[item]);
                }
            }));
        }

        threads.ForEach(Within.Join);
        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.InRange(most, 1, capacity);
    });

    [Fact]
    public void WaitAsync_SignalledByAnotherHolder_ResumesHoldingTheMonitorWithTheSameReleaser() => Within.RunAsync(async () =>
    {
        var monitor = new MesaMonitor();
        var ready = monitor.NewCondition("ready");
        bool flag = false;
        var waiter = Task.Run(async () =>
        {
            var held = await monitor.EnterAsync();
            while (!flag)
            {
                await ready.WaitAsync(held);
            }

            Assert.False(await ready.WaitAsync(held, TimeSpan.FromMilliseconds(10)));
            held.Dispose();
        });
        await Task.Delay(20);
        using (await monitor.EnterAsync())
        {
            flag = true;
            ready.Signal();
        }

        await waiter.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await monitor.TryEnterAsync(TimeSpan.Zero);
        Assert.NotNull(again); // the waiter left the monitor free
        again.Value.Dispose();
    });

    [Fact]
    public void WaitAsync_WithAReleaserOfAnotherLock_Throws() => Within.RunAsync(async () =>
    {
        var monitor = new MesaMonitor();
        var other = new MutexLock();
        var ready = monitor.NewCondition("ready");
        using var foreign = await other.LockAsync();
        Assert.Throws<SynchronizationLockException>(() => { _ = ready.WaitAsync(foreign).AsTask(); });
    });
}
