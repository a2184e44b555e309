using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Primitives;

/// <summary>The primitives call the tracker's hooks on every path; with a tracker attached they must still work.</summary>
public class TrackingHookTests
{
    [Fact]
    public void AllPrimitives_WithATracker_AcquireWaitAndReleaseAsWithout() => Within.Run(() =>
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.FromMilliseconds(50) });
        LockOptions Named(string name) => new() { Tracker = tracker, Name = name };

        var mutex = new MutexLock(Named("m"));
        var semaphore = new CountingSemaphore(1, 2, Named("s"));
        var rw = new ReadWriteLock(ReadWritePolicy.PhaseFair, Named("rw"));
        var monitor = new MesaMonitor(Named("mon"));
        var leveled = new MutexLock(new LockOptions { Level = 1 });
        var ready = monitor.NewCondition("ready");
        bool flag = false;

        // Contended paths (WaitScope) on every primitive: a second thread blocks until the first releases.
        mutex.Enter();
        semaphore.Wait();
        rw.EnterWrite();
        var other = Within.Start(() =>
        {
            using (mutex.EnterScope())
            {
                Assert.Throws<LockRecursionException>(mutex.Enter);
            }
        });
        Within.SpinUntil(() => mutex.WaitingCount == 1, "the second thread waits for the mutex");
        mutex.Exit();
        Within.Join(other);
        Assert.False(mutex.IsHeld);

        var second = Within.Start(() =>
        {
            semaphore.Wait();
            rw.EnterRead();
            rw.ExitRead();
            monitor.Enter();
            flag = true;
            ready.Signal();
            monitor.Exit();
        });
        Thread.Sleep(20);
        semaphore.Release();
        rw.ExitWrite();
        monitor.Enter();
        while (!flag)
        {
            ready.Wait(TimeSpan.FromSeconds(5));
        }

        monitor.Exit();
        Within.Join(second);
        semaphore.Release();
        Assert.Equal(1, semaphore.CurrentCount);
        leveled.Enter();
        leveled.Exit();
    });
}
