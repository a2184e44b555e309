using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

public class BoundedBufferTrackingTests
{
    [Fact]
    public void PutAndTake_OnTwoThreadsWithValidation_ReportNothing()
    {
        // The buffer's semaphores signal between threads: the producer takes 'empty' units that the consumer gives
        // back. Counted as the producer's holds, its second Put would look like recursive locking on 'empty'.
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero });
        var buffer = new BoundedBuffer<int>(2, new LockOptions { Name = "buffer", Tracker = tracker });
        const int Items = 200;
        long sum = 0;
        Run.InParallel(
            20_000,
            ("producer", () =>
            {
                for (int i = 1; i <= Items; i++)
                {
                    buffer.Put(i);
                }
            }),
            ("consumer", () =>
            {
                for (int i = 1; i <= Items; i++)
                {
                    sum += buffer.Take();
                }
            }));

        Assert.Equal(Items * (Items + 1) / 2, sum);
        Assert.Empty(tracker.Validator!.Reports);
        Assert.Empty(tracker.Watchdog!.Scan());
    }
}
