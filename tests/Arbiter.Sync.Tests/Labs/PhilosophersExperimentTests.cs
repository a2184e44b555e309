using Arbiter.Sync.Labs;
using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Labs;

public class PhilosophersExperimentTests
{
    private static PhilosophersResult Dine(PhilosopherStrategy strategy, TimeSpan pause, int seats = 5) =>
        Within.Result(() => PhilosophersExperiment.Run(new PhilosophersOptions
        {
            Seats = seats,
            Strategy = strategy,
            Duration = TimeSpan.FromMilliseconds(600),
            Pause = pause,
            WatchdogInterval = TimeSpan.FromMilliseconds(10),
        }));

    // Everyone holds the left fork for 20 ms before reaching right: the circular wait forms in the first round.
    [Fact]
    public void Run_Naive_DeadlocksAndTheWatchdogBreaksIt()
    {
        var result = Dine(PhilosopherStrategy.Naive, TimeSpan.FromMilliseconds(20));

        Assert.NotEmpty(result.Deadlocks);
        Assert.True(result.Recoveries >= 1, "a victim must have put its fork down");
        Assert.True(result.TotalMeals > 0, "after recovery the dinner goes on");
        var first = result.Deadlocks[0];
        Assert.Equal(5, first.Threads.Count);
        Assert.Equal(11, first.Cycle.Count); // five philosophers, five forks, back to the first philosopher
        Assert.All(first.Threads, t => Assert.Single(t.Holding));
        Assert.Contains(first.Victim, first.Threads.Select(t => t.ThreadName));
        var inversion = Assert.Single(result.Inversions);
        Assert.Equal(6, inversion.Cycle.Count); // fork i → fork i+1 → … → fork i
    }

    [Theory]
    [InlineData(PhilosopherStrategy.Ordered)]
    [InlineData(PhilosopherStrategy.ChandyMisra)]
    public void Run_DeadlockFreeStrategy_NoDeadlockNoInversionEveryoneEats(PhilosopherStrategy strategy)
    {
        var result = Dine(strategy, TimeSpan.FromMilliseconds(1));

        Assert.Empty(result.Deadlocks);
        Assert.Empty(result.Inversions);
        Assert.Equal(0, result.Recoveries);
        Assert.All(result.Meals, m => Assert.True(m > 0, "every philosopher eats"));
    }

    // The waiter prevents the deadlock by capacity, which lockdep cannot see: the circular fork order is still reported.
    [Fact]
    public void Run_Waiter_NoDeadlockButTheCircularOrderIsReported()
    {
        var result = Dine(PhilosopherStrategy.Waiter, TimeSpan.FromMilliseconds(5));

        Assert.Empty(result.Deadlocks);
        Assert.Single(result.Inversions);
        Assert.All(result.Meals, m => Assert.True(m > 0));
    }

    // One naive meal per philosopher, one after the other: no run could deadlock, yet the validator reports the order.
    [Fact]
    public void Validator_NaiveOrderOnARunThatCannotDeadlock_ReportsTheCycle()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero });
        var forks = Enumerable.Range(0, 5).Select(f => new MutexLock(new LockOptions { Name = $"fork {f}", Tracker = tracker })).ToArray();

        for (int i = 0; i < 5; i++)
        {
            var left = forks[i];
            var right = forks[(i + 1) % 5];
            var philosopher = new Thread(() =>
            {
                left.Enter();
                right.Enter();
                right.Exit();
                left.Exit();
            }) { Name = $"philosopher {i}" };
            philosopher.Start();
            Assert.True(philosopher.Join(10_000));
        }

        var report = Assert.Single(tracker.Validator!.Reports);
        Assert.Equal(["fork 0", "fork 1", "fork 2", "fork 3", "fork 4", "fork 0"], report.Cycle);
        Assert.Equal("philosopher 4", report.Edges[^1].ThreadName);
        tracker.Watchdog!.Scan();
        Assert.Empty(tracker.Watchdog.Scan());
    }

    [Fact]
    public void Run_OneSeat_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhilosophersExperiment.Run(new PhilosophersOptions { Seats = 1 }));
    }
}
